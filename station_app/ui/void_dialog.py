"""Voiding a receipt: a preset reason or the coordinator's own words, then the service.

A void is a coordinator's ledgered action with a reason, so the dialog offers the usual
reasons and lets OK through only at the service's minimum length; the service checks
the role and the reason again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.money import format_fen
from station_app.services.receipt_actions import MIN_REASON
from station_app.services.records import DonationRow
from station_app.ui import texts, void_reasons
from station_app.ui.error_label import error_label
from station_app.ui.forms import DATA_VALUE


class VoidDialog(QDialog):
    """Asks for the reason; OK stays disabled until one is typed.

    OK does not close the dialog: it emits ``reason_given`` and the window closes it
    with :meth:`finish` once the void is written, or shows the refusal here.
    """

    reason_given = Signal(str)

    def __init__(self, row: DonationRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Void receipt {0}").format(row.receipt_number))
        intro = QLabel(
            self.tr(
                "The receipt keeps its number and is marked void for good. This cannot be undone."
            )
        )
        intro.setWordWrap(True)
        summary = QLabel(
            f"{row.receipt_number}  {format_fen(row.amount_fen)}  "
            f"{row.donor_name or texts.anonymous()}"
        )
        summary.setProperty(DATA_VALUE, True)
        self.presets = QComboBox()
        self.presets.addItem(self.tr("Choose a common reason, or type one below"), "")
        for text in void_reasons.presets():
            self.presets.addItem(text, text)
        self.presets.activated.connect(self._preset_chosen)
        presets_label = QLabel(self.tr("&Common reasons:"))
        presets_label.setBuddy(self.presets)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            self.tr("Why is this receipt void? (required, at least {0} characters)").format(
                MIN_REASON
            )
        )
        self.reason.setTabChangesFocus(True)
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reason)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Void receipt"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(
            lambda: self.ok.setEnabled(len(self.reason_text()) >= MIN_REASON)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(summary)
        layout.addWidget(presets_label)
        layout.addWidget(self.presets)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(440, 260)

    def _submit(self) -> None:
        if self.reason_text():
            self.ok.setEnabled(False)  # until the writer answers
            self.error.hide()
            self.reason_given.emit(self.reason_text())

    def _preset_chosen(self, index: int) -> None:
        """A preset fills the reason; the person may add to it (the ledger keeps the text)."""
        text = str(self.presets.itemData(index) or "")
        if text:
            self.reason.setPlainText(text)
            self.reason.setFocus()
            self.reason.moveCursor(QTextCursor.MoveOperation.End)

    def finish(self) -> None:
        self.accept()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def show_error(self, message: str) -> None:
        self.ok.setEnabled(bool(self.reason_text()))
        self.error.setText(message)
        self.error.show()
