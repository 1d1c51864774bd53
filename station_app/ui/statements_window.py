"""Payment statements: import them, see a day's three lists, resolve what does not match.

Keyboard first: Ctrl+O imports a file, Alt+D moves to the day, Ctrl+Tab switches between
mobile payments and bank transfers, and Enter on a payment nobody recorded opens
"record as a donation".  Every read runs in the slow pool and every write in the one
writer; the window shows the day again after each change and tells the main window
(``changed``) so its lists and the day close follow.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.donations import DonationKind
from station_app.domain.errors import DomainError
from station_app.domain.money import format_fen
from station_app.services.reconciliation import Reconciliation, StatementLineView, reconcile_day
from station_app.services.records import RecordedDonation
from station_app.services.sessions import OperatorSession
from station_app.services.statement_import import (
    ImportedStatement,
    Inspection,
    inspect_file,
    inspect_statement,
    store_statement,
)
from station_app.ui import texts
from station_app.ui.bank_mapping_dialog import BankMappingDialog
from station_app.ui.colours import ERROR_STYLE, OK_STYLE
from station_app.ui.desk_context import DeskContext
from station_app.ui.qt_dates import one_tab_stop, to_qdate
from station_app.ui.record_payment_dialog import RecordPaymentDialog
from station_app.ui.statement_kind_pane import KindPane
from station_app.ui.statement_models import (
    source_name,
)


class StatementsWindow(QDialog):
    """Statements of ``day`` for ``operator``; emits ``changed`` after an import or record."""

    changed = Signal()
    unexpected_error = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        operator: OperatorSession,
        day: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._operator = operator
        self._reconciliations: dict[DonationKind, Reconciliation] = {}
        self._pending: Inspection | None = None
        self.bank_dialog: BankMappingDialog | None = None
        self.record_dialog: RecordPaymentDialog | None = None
        self.setWindowTitle(self.tr("Payment statements"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.day = QDateEdit(to_qdate(day))
        one_tab_stop(self.day)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(self.refresh)
        day_label = QLabel(self.tr("&Day:"))
        day_label.setBuddy(self.day)
        self.import_button = QPushButton(self.tr("&Import a statement…"))
        self.import_button.setToolTip(
            self.tr("WeChat Pay bill, Alipay business details or a bank statement (Ctrl+O)")
        )
        self.import_button.clicked.connect(lambda: self.import_file())
        QShortcut(QKeySequence("Ctrl+O"), self, lambda: self.import_file())
        self.keep_file = QCheckBox(self.tr("&Keep a copy of the file in the data folder"))
        self.bank_button = QPushButton(self.tr("Set up a &bank's columns…"))
        self.bank_button.setEnabled(False)
        self.bank_button.clicked.connect(self._open_bank_dialog)
        top = QHBoxLayout()
        top.addWidget(day_label)
        top.addWidget(self.day)
        top.addStretch(1)
        top.addWidget(self.keep_file)
        top.addWidget(self.import_button)
        top.addWidget(self.bank_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.panes: dict[DonationKind, KindPane] = {}
        for kind in (DonationKind.MOBILE, DonationKind.BANK):
            pane = KindPane()
            pane.record_requested.connect(self._open_record_dialog)
            self.panes[kind] = pane
            self.tabs.addTab(pane, texts.kind_name(kind.value))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.resize(980, 700)
        self.import_button.setFocus()
        self.refresh()

    # -- reading -----------------------------------------------------------------------

    def chosen_day(self) -> date:
        q = self.day.date()
        return date(q.year(), q.month(), q.day())

    def reconciliation(self, kind: DonationKind) -> Reconciliation | None:
        return self._reconciliations.get(kind)

    def refresh(self) -> None:
        db, day = self._ctx.db, self.chosen_day()
        self._reconciliations = {}
        for pane in self.panes.values():
            pane.show_reconciliation(None)
        self._ctx.workers.run_slow(lambda: (day, reconcile_day(db, day)), self._show, self._failed)

    def _show(self, answer: tuple[date, dict[DonationKind, Reconciliation]]) -> None:
        day, reconciliations = answer
        if day != self.chosen_day():
            return  # an answer for a day no longer chosen
        self._reconciliations = reconciliations
        for kind, pane in self.panes.items():
            pane.show_reconciliation(reconciliations[kind])
        bank = reconciliations[DonationKind.BANK]
        mobile = reconciliations[DonationKind.MOBILE]
        if mobile.empty and not bank.empty:
            self.tabs.setCurrentWidget(self.panes[DonationKind.BANK])

    # -- importing ---------------------------------------------------------------------

    def import_file(self, path: Path | None = None) -> None:
        """Import ``path`` (or one chosen in a file dialog): read in the background,
        stored in the writer."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Import a statement"),
                "",
                self.tr("Statements (*.csv *.zip *.xlsx *.gz *.txt);;All files (*)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        self._say(self.tr("Reading {0}…").format(path.name), "")
        self.import_button.setEnabled(False)
        db = self._ctx.db
        self._ctx.workers.run_slow(
            lambda: inspect_statement(db, path), self._inspected, self._failed
        )

    def _inspected(self, inspection: Inspection) -> None:
        self._pending = inspection
        if inspection.parsed is None:
            self.import_button.setEnabled(True)
            assert inspection.refusal is not None
            self._say(inspection.refusal.message(self._ctx.language), ERROR_STYLE)
            self.bank_button.setEnabled(bool(inspection.bank_columns))
            if inspection.bank_columns:
                self.bank_button.setFocus()
            return
        self._store(inspection)

    def _store(self, inspection: Inspection) -> None:
        assert inspection.parsed is not None
        db, who, file, parsed = self._ctx.db, self._operator, inspection.file, inspection.parsed
        keep = self._ctx.paths.statements if self.keep_file.isChecked() else None
        self._ctx.workers.write(
            lambda: store_statement(db, who, file, parsed, keep_in=keep),
            self._imported,
            self._failed,
        )

    def _imported(self, result: ImportedStatement) -> None:
        self.import_button.setEnabled(True)
        self.bank_button.setEnabled(False)
        self._pending = None
        days = (
            f"{result.first_day}"
            if result.first_day == result.last_day
            else f"{result.first_day} – {result.last_day}"
        )
        text = self.tr("Imported {0} ({1}): {2} payments, {3}; {4} refunds, {5}; days {6}.").format(
            source_name(result.source.value, result.account),
            result.file_name,
            result.payments,
            format_fen(result.payments_fen),
            result.refunds,
            format_fen(result.refunds_fen),
            days if result.first_day else "—",
        )
        if result.already_known:
            text += " " + self.tr("{0} lines were already known from an earlier statement.").format(
                result.already_known
            )
        if result.kept_file is not None:
            text += " " + self.tr("A copy is kept as {0}.").format(result.kept_file.name)
        self._say(text, OK_STYLE)
        first, last = result.first_day, result.last_day
        if first is not None and last is not None and not first <= self.chosen_day() <= last:
            self.day.setDate(to_qdate(first))  # shows the file's first day (refreshes)
            self.changed.emit()
            return
        self.refresh()
        self.changed.emit()

    def _open_bank_dialog(self) -> None:
        if self._pending is None or not self._pending.bank_columns:
            return
        dialog = BankMappingDialog(self._ctx, self._operator, self._pending.bank_columns, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._mapping_saved)
        dialog.unexpected_error.connect(self.unexpected_error)
        dialog.finished.connect(lambda _r: setattr(self, "bank_dialog", None))
        self.bank_dialog = dialog
        dialog.open()

    def _mapping_saved(self, _mapping: object) -> None:
        """Read the file again with the new mapping, and import it."""
        if self._pending is not None:
            file = self._pending.file
            self._say(self.tr("Columns saved; importing the file again…"), "")
            db = self._ctx.db
            self.import_button.setEnabled(False)
            self._ctx.workers.run_slow(
                lambda: inspect_file(db, file), self._inspected, self._failed
            )

    # -- recording ---------------------------------------------------------------------

    def _open_record_dialog(self, line: StatementLineView) -> None:
        if self.record_dialog is not None:
            self.record_dialog.raise_()
            return
        dialog = RecordPaymentDialog(self._ctx, line, self._operator, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(self._recorded)
        dialog.unexpected_error.connect(self.unexpected_error)
        dialog.finished.connect(lambda _r: setattr(self, "record_dialog", None))
        self.record_dialog = dialog
        dialog.open()

    def _recorded(self, result: RecordedDonation) -> None:
        self._say(
            self.tr("Receipt {0} issued for {1}.").format(
                result.receipt_number, format_fen(result.amount_fen)
            ),
            OK_STYLE,
        )
        self.refresh()
        self.changed.emit()

    # -- helpers -----------------------------------------------------------------------

    def _say(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self._say(texts.error_text(exc, self._ctx.language), ERROR_STYLE)
        if not isinstance(exc, DomainError):
            self.unexpected_error.emit(exc)
