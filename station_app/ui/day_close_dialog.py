"""The coordinator's day-close dialog: count the box, confirm statements, two signatures.

Expected totals are read in the background; the dialog recomputes the counted cash and
every difference as the coordinator types, and the close itself goes to the serial
writer.  A refusal (difference without a reason, wrong witness password) is shown in the
dialog, which stays open with everything typed kept.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.day_close import DENOMINATIONS_FEN, ExpectedTotals, count_cash
from station_app.domain.errors import DomainError, ValidationError
from station_app.domain.money import format_fen, format_fen_plain, parse_amount
from station_app.services.day_close import CloseRequest, CloseResult, close_day, expected_totals
from station_app.services.operators import list_operators
from station_app.services.sessions import OperatorSession
from station_app.ui.desk_context import DeskContext
from station_app.ui.error_label import ERROR_STYLE, error_label
from station_app.ui.texts import error_text


def parse_statement(text: str) -> int:
    """A statement total may be zero (no mobile gifts today); otherwise strict as usual."""
    cleaned = text.strip().replace("¥", "").replace("￥", "")
    if cleaned and cleaned.strip("0.,") == "":
        return 0
    return parse_amount(text)


class DayCloseDialog(QDialog):
    """Close ``day`` as ``coordinator``; emits ``closed`` with the result."""

    closed = Signal(object)
    unexpected_error = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        coordinator: OperatorSession,
        day: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._coordinator = coordinator
        self._day = day
        self._expected: ExpectedTotals | None = None
        self.setWindowTitle(self.tr("Close the day {0}").format(day.isoformat()))
        self.setMinimumWidth(620)

        self.expected_label = QLabel(self.tr("Reading the day's records…"))
        self.expected_label.setWordWrap(True)
        expected_box = QGroupBox(self.tr("What the records say"))
        QVBoxLayout(expected_box).addWidget(self.expected_label)

        cash_box = QGroupBox(self.tr("Cash box count"))
        grid = QGridLayout(cash_box)
        self.pieces: dict[int, QSpinBox] = {}
        for i, value in enumerate(DENOMINATIONS_FEN):
            spin = QSpinBox()
            spin.setRange(0, 100_000)
            spin.setAccelerated(True)
            spin.valueChanged.connect(self._update)
            self.pieces[value] = spin
            label = QLabel(self._denomination_label(value))
            label.setBuddy(spin)
            grid.addWidget(label, i // 4, (i % 4) * 2)
            grid.addWidget(spin, i // 4, (i % 4) * 2 + 1)
        self.cash_total = QLabel()
        grid.addWidget(self.cash_total, 2, 0, 1, 8)

        confirm_box = QGroupBox(self.tr("Statements and goods"))
        form = QFormLayout(confirm_box)
        self.mobile = QLineEdit()
        self.mobile.textChanged.connect(self._update)
        form.addRow(self.tr("Mobile payment statement total"), self.mobile)
        self.bank = QLineEdit()
        self.bank.textChanged.connect(self._update)
        form.addRow(self.tr("Bank statement total"), self.bank)
        self.in_kind = QCheckBox(self.tr("The goods received today were counted and match"))
        self.in_kind.toggled.connect(self._update)
        form.addRow(self.in_kind)
        self.difference = QLabel()
        self.difference.setWordWrap(True)
        form.addRow(self.tr("Difference"), self.difference)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Needed when there is any difference"))
        form.addRow(self.tr("Explanation"), self.reason)

        witness_box = QGroupBox(self.tr("Second person confirms"))
        wform = QFormLayout(witness_box)
        self.witness = QComboBox()
        for op in list_operators(ctx.db):
            if op.id != coordinator.id:
                self.witness.addItem(op.name, op.name)
        wform.addRow(self.tr("Name"), self.witness)
        self.witness_password = QLineEdit()
        self.witness_password.setEchoMode(QLineEdit.EchoMode.Password)
        wform.addRow(self.tr("Password"), self.witness_password)

        self.error = error_label(hidden=False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(
            self.tr("&Close the day"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button.setEnabled(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for w in (expected_box, cash_box, confirm_box, witness_box, self.error):
            layout.addWidget(w)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        ctx.workers.run_slow(
            lambda: expected_totals(ctx.db, day),
            self._on_expected,
            self._on_error,
            owner=self,
        )

    def _denomination_label(self, fen: int) -> str:
        if fen >= 100:
            return self.tr("¥{0}").format(fen // 100)
        return self.tr("{0} jiao").format(fen // 10)

    def _on_expected(self, expected: ExpectedTotals) -> None:
        self._expected = expected
        first = expected.first_receipt or "—"
        last = expected.last_receipt or "—"
        self.expected_label.setText(
            self.tr(
                "Cash {0} · Mobile {1} · Bank {2} · Goods (estimated) {3}\n"
                "{4} donations, receipts {5} to {6}, {7} voided, {8} reprints"
            ).format(
                format_fen(expected.cash_fen),
                format_fen(expected.mobile_fen),
                format_fen(expected.bank_fen),
                format_fen(expected.in_kind_fen),
                expected.donations,
                first,
                last,
                expected.voids,
                expected.reprints,
            )
        )
        self.mobile.setText(format_fen_plain(expected.mobile_fen))
        self.bank.setText(format_fen_plain(expected.bank_fen))
        self.in_kind.setEnabled(expected.in_kind_fen > 0)
        self.in_kind.setChecked(expected.in_kind_fen == 0)
        self.close_button.setEnabled(True)
        self._update()

    def counted_cash(self) -> int:
        return count_cash({value: spin.value() for value, spin in self.pieces.items()})

    def _update(self) -> None:
        cash = self.counted_cash()
        self.cash_total.setText(self.tr("Counted cash: {0}").format(format_fen(cash)))
        if self._expected is None:
            return
        parts = []
        try:
            diffs = (
                (self.tr("cash"), cash - self._expected.cash_fen),
                (
                    self.tr("mobile"),
                    parse_statement(self.mobile.text()) - self._expected.mobile_fen,
                ),
                (self.tr("bank"), parse_statement(self.bank.text()) - self._expected.bank_fen),
            )
        except ValidationError as exc:
            self.difference.setText(exc.message(self._ctx.language))
            return
        for name, fen in diffs:
            if fen:
                parts.append(f"{name} {'+' if fen > 0 else ''}{format_fen(fen)}")
        if self._expected.in_kind_fen and not self.in_kind.isChecked():
            parts.append(self.tr("goods not confirmed"))
        self.difference.setText("; ".join(parts) if parts else self.tr("None: all agree"))
        self.difference.setStyleSheet(ERROR_STYLE if parts else "color: #1b5e20;")

    def request(self) -> CloseRequest:
        return CloseRequest(
            day=self._day,
            denominations={value: spin.value() for value, spin in self.pieces.items()},
            counted_cash_fen=None,
            confirmed_mobile_fen=parse_statement(self.mobile.text()),
            confirmed_bank_fen=parse_statement(self.bank.text()),
            in_kind_confirmed=self.in_kind.isChecked(),
            reason=self.reason.text(),
        )

    def _submit(self) -> None:
        self.error.clear()
        try:
            request = self.request()
        except DomainError as exc:
            self._on_error(exc)
            return
        witness, password = self.witness.currentData() or "", self.witness_password.text()
        self.close_button.setEnabled(False)
        ctx, coordinator = self._ctx, self._coordinator
        ctx.workers.write(
            lambda: close_day(ctx.db, coordinator, witness, password, request),
            self._on_closed,
            self._on_error,
            owner=self,
        )

    def _on_closed(self, result: CloseResult) -> None:
        self.closed.emit(result)
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self.close_button.setEnabled(self._expected is not None)
        self.error.setText(error_text(exc, self._ctx.language))
