"""What every goods dialog does once its form is sent: saved and closed, or refused.

Receiving, moving and counting goods all write through the writer pool and then either
close with the service's result (``saved``) or stay open with the refusal in their
error line and their buttons usable again; written once here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from station_app.ui import texts

if TYPE_CHECKING:
    from station_app.ui.desk_context import DeskContext


class GoodsDialog(QDialog):
    """Base of the goods dialogs; a subclass sets ``_ctx``, ``error`` and ``buttons``."""

    saved = Signal(object)  # the service's result

    _ctx: DeskContext
    error: QLabel
    buttons: QDialogButtonBox

    def _done(self, result: object) -> None:
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self._show(texts.error_text(exc, self._ctx.language))

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
