"""The amount and what the receipt will print for it: figures and Chinese capitals while
it is typed, or the refusal in the capitals' place (never under an empty line where the
capitals would be).  For an in-kind gift the amount is the items' total and is shown the
same way.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

from station_app.domain.capitals import to_capitals
from station_app.domain.errors import ValidationError
from station_app.domain.money import format_fen, parse_amount
from station_app.ui.error_label import ERROR_STYLE
from station_app.ui.forms import DATA_VALUE


class AmountRows(QObject):
    def __init__(self, form: QFormLayout, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("e.g. 100 or 1,000.50"))
        self.amount.setMaxLength(30)
        self.label = QLabel(self.tr("&Amount (¥):"))
        self.label.setBuddy(self.amount)
        form.addRow(self.label, self.amount)
        self.capitals = QLabel()
        self.capitals.setProperty(DATA_VALUE, True)
        self.capitals.setWordWrap(True)  # a long capitals line wraps, never widens the form
        self.capitals.setMinimumHeight(self.capitals.fontMetrics().height())
        form.addRow("", self.capitals)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow("", self.error)

    def show_typed(self) -> None:
        """The typed amount's figures and capitals, or why it cannot be an amount."""
        self.clear_error()
        text = self.amount.text()
        if not text.strip():
            self.capitals.setText("")
            return
        try:
            fen = parse_amount(text)
        except ValidationError as err:
            self.capitals.setText("")
            self.show_error(err.message(self._language))
            return
        self.show_fen(fen)

    def show_fen(self, fen: int | None) -> None:
        self.capitals.setText(f"{format_fen(fen)}  {to_capitals(fen)}" if fen else "")

    def show_error(self, message: str) -> None:
        self.capitals.hide()
        self.error.setText(message)
        self.error.show()

    def clear_error(self) -> None:
        self.error.hide()
        self.capitals.show()
