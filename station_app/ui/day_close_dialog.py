"""The coordinator's day-close dialog: count the box, reconcile statements, two signatures.

Expected totals and the day's reconciliation are read in the background; the mobile and
bank totals are the imported statements' (never typed), and every statement line without
a donation and every mobile or bank donation without a line is listed with a box for its
explanation (one text may be given to several chosen lines).  The day's goods are
listed item by item with a box for each count (``ui/day_goods_pane.py``).  The dialog recomputes the
counted cash and every difference as the coordinator types, and the close itself goes to
the serial writer.  A refusal (a line unexplained, a difference without a reason, a wrong
witness password) is shown in the dialog, which stays open with everything typed kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.day_close import DENOMINATIONS_FEN, ExpectedTotals, count_cash
from station_app.domain.donations import DonationKind
from station_app.domain.errors import DomainError
from station_app.domain.goods.day_goods import DayGoods
from station_app.domain.money import format_fen
from station_app.services.day_close import CloseRequest, CloseResult, close_day, expected_totals
from station_app.services.day_goods import day_goods
from station_app.services.operators import list_operators
from station_app.services.reconciliation import Reconciliation, reconcile_day
from station_app.services.sessions import OperatorSession
from station_app.ui import texts
from station_app.ui.colours import ERROR_STYLE, OK_STYLE
from station_app.ui.day_goods_pane import DayGoodsPane
from station_app.ui.desk_context import DeskContext
from station_app.ui.error_label import error_label
from station_app.ui.form_scroll import FormScroll
from station_app.ui.forms import password_field
from station_app.ui.statement_models import UnmatchedModel
from station_app.ui.texts import error_text

OpenStatements = Callable[[date], object]


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
        *,
        open_statements: OpenStatements | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._coordinator = coordinator
        self._day = day
        self._open_statements = open_statements
        self._expected: ExpectedTotals | None = None
        self._reconciliations: dict[DonationKind, Reconciliation] | None = None
        self.setWindowTitle(self.tr("Close the day {0}").format(day.isoformat()))
        self.setMinimumWidth(800)

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

        statements_box = QGroupBox(self.tr("Payment statements"))
        self.statements_label = QLabel(self.tr("Reading the day's statements…"))
        self.statements_label.setWordWrap(True)
        self.unmatched_model = UnmatchedModel(self)
        self.unmatched_model.dataChanged.connect(self._update)
        self.unmatched = QTableView()
        self.unmatched.setModel(self.unmatched_model)
        self.unmatched.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.unmatched.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.unmatched.verticalHeader().hide()
        header = self.unmatched.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UnmatchedModel.EXPLANATION, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.unmatched.setMinimumHeight(110)
        self.explain_text = QLineEdit()
        self.explain_text.setMaxLength(200)
        self.explain_text.setPlaceholderText(self.tr("One explanation for the chosen lines"))
        self.explain_text.returnPressed.connect(self.explain_chosen)
        self.explain_button = QPushButton(self.tr("&Explain the chosen lines"))
        self.explain_button.clicked.connect(self.explain_chosen)
        self.statements_button = QPushButton(self.tr("Open the &statements…"))
        self.statements_button.setToolTip(
            self.tr("Import a statement or record a payment nobody recorded")
        )
        self.statements_button.setEnabled(open_statements is not None)
        self.statements_button.clicked.connect(self._show_statements)
        explain_row = QHBoxLayout()
        explain_row.addWidget(self.explain_text, 1)
        explain_row.addWidget(self.explain_button)
        explain_row.addWidget(self.statements_button)
        statements_layout = QVBoxLayout(statements_box)
        statements_layout.addWidget(self.statements_label)
        statements_layout.addWidget(self.unmatched)
        statements_layout.addLayout(explain_row)

        self.goods = DayGoodsPane()
        self.goods.changed.connect(self._update)
        self._goods: DayGoods | None = None

        confirm_box = QGroupBox(self.tr("Differences"))
        form = QFormLayout(confirm_box)
        self.difference = QLabel()
        self.difference.setWordWrap(True)
        form.addRow(self.tr("Difference"), self.difference)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Needed for a difference in the cash box"))
        form.addRow(self.tr("Explanation"), self.reason)

        witness_box = QGroupBox(self.tr("Second person confirms"))
        wform = QFormLayout(witness_box)
        self.witness = QComboBox()
        for op in list_operators(ctx.db):
            if op.id != coordinator.id:
                self.witness.addItem(op.name, op.name)
        wform.addRow(self.tr("Name"), self.witness)
        self.witness_password = password_field()
        self.goods.finished.connect(self.witness_password.setFocus)
        wform.addRow(self.tr("Password"), self.witness_password)

        self.error = error_label(hidden=False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(
            self.tr("&Close the day"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button.setEnabled(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        # The boxes scroll on a short screen (the goods list can be long); the error line
        # and the buttons stay in sight.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        for w in (expected_box, cash_box, statements_box, self.goods, confirm_box, witness_box):
            column.addWidget(w)
        self.boxes_scroll = FormScroll(content)
        self.boxes_scroll.keep_focus_in_sight()  # Enter moves from count to count
        layout = QVBoxLayout(self)
        layout.addWidget(self.boxes_scroll, 1)
        layout.addWidget(self.error)
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
        self.refresh_statements()
        self.refresh_goods()

    # -- the statements ----------------------------------------------------------------

    def refresh_statements(self) -> None:
        """Read the day's reconciliation again (after an import or a recording)."""
        db, day = self._ctx.db, self._day
        self._ctx.workers.run_slow(
            lambda: reconcile_day(db, day), self._on_reconciled, self._on_error
        )

    def refresh_goods(self) -> None:
        """Read the day's goods again (on opening, and when the stock moved meanwhile)."""
        db, day = self._ctx.db, self._day
        self._ctx.workers.run_slow(
            lambda: day_goods(db, day), self._on_goods, self._on_error, owner=self
        )

    def _on_goods(self, goods: DayGoods) -> None:
        self._goods = goods
        self.goods.set_goods(goods)
        self.boxes_scroll.fit_window(self)
        self._update()

    def _on_reconciled(self, reconciliations: dict[DonationKind, Reconciliation]) -> None:
        self._reconciliations = reconciliations
        self.unmatched_model.set_reconciliations(list(reconciliations.values()))
        lines = []
        for kind, recon in reconciliations.items():
            name = texts.kind_name(kind.value)
            if recon.empty:
                lines.append(self.tr("{0}: nothing to reconcile.").format(name))
            elif not recon.statements:
                lines.append(
                    self.tr("{0}: no statement imported for this day; records {1}.").format(
                        name, format_fen(recon.recorded_fen)
                    )
                )
            else:
                lines.append(
                    self.tr("{0}: statements {1}, records {2}; {3} matched, {4} unmatched.").format(
                        name,
                        format_fen(recon.statement_fen),
                        format_fen(recon.recorded_fen),
                        len(recon.matched),
                        len(recon.not_recorded) + len(recon.not_on_statement),
                    )
                )
        self.statements_label.setText("\n".join(lines))
        has_unmatched = self.unmatched_model.rowCount() > 0
        self.unmatched.setVisible(has_unmatched)
        self.explain_text.setVisible(has_unmatched)
        self.explain_button.setVisible(has_unmatched)
        self._update()

    def explain_chosen(self) -> None:
        """Give the typed explanation to every chosen line (all lines when none is chosen)."""
        text = self.explain_text.text().strip()
        if not text:
            self.explain_text.setFocus()
            return
        rows = sorted({i.row() for i in self.unmatched.selectionModel().selectedRows()})
        self.unmatched_model.explain(rows or range(self.unmatched_model.rowCount()), text)
        self.explain_text.clear()
        self._update()

    def _show_statements(self) -> None:
        if self._open_statements is not None:
            self._open_statements(self._day)

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
        self._update()

    def counted_cash(self) -> int:
        return count_cash({value: spin.value() for value, spin in self.pieces.items()})

    def _ready(self) -> bool:
        return (
            self._expected is not None
            and self._reconciliations is not None
            and self._goods is not None
        )

    def _update(self) -> None:
        cause = getattr(self, "_error_field", "")
        if cause == "reason" or cause.startswith("goods."):
            # The differences changed (an item counted, the cash recounted): the refusal
            # that listed them is out of date, so it goes rather than contradict the form.
            # ("goods", the stock moved while counting, stays until the next attempt.)
            self.error.clear()
            self._error_field = ""
        cash = self.counted_cash()
        self.cash_total.setText(self.tr("Counted cash: {0}").format(format_fen(cash)))
        if not self._ready():
            return
        assert self._expected is not None and self._reconciliations is not None
        self.close_button.setEnabled(True)
        parts = []
        mobile = self._reconciliations[DonationKind.MOBILE].statement_fen
        bank = self._reconciliations[DonationKind.BANK].statement_fen
        diffs = (
            (self.tr("cash"), cash - self._expected.cash_fen),
            (self.tr("mobile"), mobile - self._expected.mobile_fen),
            (self.tr("bank"), bank - self._expected.bank_fen),
        )
        for name, fen in diffs:
            if fen:
                parts.append(f"{name} {'+' if fen > 0 else ''}{format_fen(fen)}")
        parts += self.goods.differences()
        unexplained = self.unmatched_model.unexplained()
        if unexplained:
            parts.append(self.tr("%n unmatched line(s) without an explanation", "", unexplained))
        separator = self.tr("; ")  # full-width in Chinese
        self.difference.setText(separator.join(parts) if parts else self.tr("None: all agree"))
        self.difference.setStyleSheet(ERROR_STYLE if parts else OK_STYLE)

    def request(self) -> CloseRequest:
        counted, reasons = self.goods.counts()
        return CloseRequest(
            day=self._day,
            denominations={value: spin.value() for value, spin in self.pieces.items()},
            counted_cash_fen=None,
            reason=self.reason.text(),
            explanations=self.unmatched_model.explanations(),
            goods_counted=counted,
            goods_reasons=reasons,
            goods_book=dict(self._goods.book) if self._goods is not None else None,
        )

    def _submit(self) -> None:
        self.error.clear()
        try:
            request = self.request()
        except DomainError as exc:
            self._on_error(exc)
            return
        witness, password = self.witness.currentData() or "", self.witness_password.text()
        if not password:
            self.error.setText(self.tr("Enter the second person's password."))
            self.witness_password.setFocus()
            return
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
        self._error_field = getattr(exc, "field", None) or ""
        self.close_button.setEnabled(self._ready())
        self.error.setText(error_text(exc, self._ctx.language))
        if self._error_field.startswith("goods."):
            self.goods.focus_item(self._error_field)
        elif getattr(exc, "code", "") == "close.goods_moved":
            self.refresh_goods()  # the counts typed stay; the book is read again
