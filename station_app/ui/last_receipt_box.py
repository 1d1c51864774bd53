"""The box under the form: the receipt just issued, and its preview, print and save buttons.

The person at the desk has the donor in front of them: the receipt they just issued is the
one they want on paper, so it is one key away (focus lands on 预览) without finding it in
the list.  It forgets the receipt when another person logs in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout

from station_app.services.records import RecordedDonation


class LastReceiptBox(QGroupBox):
    preview_requested = Signal(str)  # receipt number
    print_requested = Signal(str)
    save_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Last receipt"))
        self._last: RecordedDonation | None = None
        style = self.style()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.preview_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
            self.tr("Previe&w"),
        )
        self.print_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton), self.tr("Print…")
        )
        self.save_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
            self.tr("Save PDF…"),
        )
        self.preview_button.clicked.connect(lambda: self._emit(self.preview_requested.emit))
        self.print_button.clicked.connect(lambda: self._emit(self.print_requested.emit))
        self.save_button.clicked.connect(lambda: self._emit(self.save_requested.emit))
        row = QHBoxLayout()
        for button in self._buttons():
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addLayout(row)
        self.forget()

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.preview_button, self.print_button, self.save_button)

    def _emit(self, emit: Callable[[str], object]) -> None:
        if self._last is not None:
            emit(self._last.receipt_number)

    @property
    def last(self) -> RecordedDonation | None:
        return self._last

    def show_recorded(self, rec: RecordedDonation, text: str) -> None:
        self._last = rec
        self.label.setText(text)
        for button in self._buttons():
            button.setEnabled(True)
        self.preview_button.setFocus()

    def forget(self) -> None:
        self._last = None
        self.label.setText(self.tr("No receipt issued in this session yet."))
        for button in self._buttons():
            button.setEnabled(False)
