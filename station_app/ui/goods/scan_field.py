"""The barcode field: a keyboard-wedge scanner types a code and Enter into it.

Enter here looks the code up (on the slow pool: a database read) instead of saving or
recording, and reports a code seen before with its item (``known``) or a new one
(``new_code``: it is remembered with the item the person types, when the goods are
saved).  Without a look-up (a desk that has none) every code is new.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from station_app.domain.goods.barcodes import MAX_CODE
from station_app.services.goods_barcodes import KnownItem
from station_app.ui.workers import Workers

LookUp = Callable[[str], KnownItem | None]


class ScanField(QLineEdit):
    known = Signal(object)  # KnownItem
    new_code = Signal(str)

    def __init__(
        self,
        workers: Workers,
        look_up: LookUp | None,
        parent: QWidget | None = None,
        *,
        clear_after: bool = False,
    ) -> None:
        """``clear_after``: empty after each scan (the form: each scan is a new line);
        otherwise the code stays, selected, so the next scan replaces it."""
        super().__init__(parent)
        self._workers, self._look_up, self._clear_after = workers, look_up, clear_after
        self.setMaxLength(MAX_CODE)
        self.setPlaceholderText(self.tr("Scan or type the code, then Enter"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # never the dialog's Save or the form's Record
            self.scan()
            return
        super().keyPressEvent(event)

    def scan(self) -> None:
        code = self.text().strip()
        if not code:
            return
        if self._clear_after:
            self.clear()
        else:
            self.selectAll()
        look_up = self._look_up
        if look_up is None:
            self.new_code.emit(code)
            return
        self._workers.run_slow(
            lambda: look_up(code),
            lambda found: self.known.emit(found) if found else self.new_code.emit(code),
            lambda _exc: self.new_code.emit(code),
            owner=self,
        )
