"""The main window: the donation form on the left, the day's donations on the right.

It wires the parts together and owns nothing itself: records go through the form, lists
through the panel, paper through ``printing``, and every database write through the one
writer.  A change of language does not retranslate in place; the shell builds a new
window and hands it the half-filled form (see ``shell.py``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from station_app import __version__
from station_app.domain.donations import DonationDraft
from station_app.domain.errors import DomainError
from station_app.domain.money import format_fen
from station_app.services.donation_queries import list_designations
from station_app.services.goods_barcodes import look_up
from station_app.services.records import (
    DesignationInfo,
    RecordedDonation,
)
from station_app.services.sessions import OperatorSession
from station_app.services.station_status import StationStatus
from station_app.services.sync_result import SyncResult
from station_app.ui import questions, texts
from station_app.ui.day_banner import DayBanner
from station_app.ui.day_end import DayEnd
from station_app.ui.desk_context import DeskContext
from station_app.ui.desk_frame import DEFAULT_SIZE
from station_app.ui.donation_form import DonationForm
from station_app.ui.donations_view import DonationsPanel
from station_app.ui.donor_search import DonorSearchBox
from station_app.ui.form_scroll import FormScroll
from station_app.ui.last_receipt_box import LastReceiptBox
from station_app.ui.main_actions import DeskCommands, MainActions
from station_app.ui.printing.receipt_printing import ReceiptPrinting
from station_app.ui.receipt_commands import ReceiptCommands
from station_app.ui.settings_store import Settings
from station_app.ui.side_windows import SideWindows
from station_app.ui.status_bar import StationStatusBar
from station_app.ui.sync_controller import sync_controller_for
from station_app.ui.today_panel import TodayPanel
from station_app.ui.workers import as_refusal


class MainWindow(QMainWindow):
    lock_requested = Signal()
    switch_user_requested = Signal()  # log out: the next person logs in (shell.switch_user)
    settings_changed = Signal(object)  # Settings (the shell saves and maybe rebuilds)
    unexpected_error = Signal(object)  # an exception that is a bug, for the error hook
    # The person closed the desk (not emitted when Qt merely deletes it at shutdown).
    closed = Signal()

    def __init__(
        self,
        ctx: DeskContext,
        operator: OperatorSession,
        *,
        form_state: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self._ctx = ctx
        self._operator = operator
        self._leaving = False  # set once the person agreed to close (or nothing to ask)
        self.setWindowTitle(self.tr("Donation Station Desk — {0}").format(ctx.station.name))
        self.setWindowIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DriveNetIcon))
        designations = list_designations(ctx.db)

        self.form = DonationForm(
            workers=ctx.workers,
            record=self._record,
            designations=designations,
            language=ctx.language,
            look_up_code=lambda code: look_up(ctx.db, code),  # a scanner's code, seen before
        )
        self.form.recorded.connect(self._on_recorded)
        self.form.unexpected_error.connect(self.unexpected_error)
        if form_state:
            self.form.restore(form_state)

        self.panel = DonationsPanel(db=ctx.db, designations=designations, role=operator.role)

        self.printing = ReceiptPrinting(
            self,
            db=ctx.db,
            station=lambda: self._ctx.station,
            receipts_dir=ctx.paths.receipts,
            workers=ctx.workers,
            session=lambda: self._operator,
            layout=lambda: self._ctx.settings.receipt_layout,
            printer_name=lambda: self._ctx.settings.printer_name,
        )

        self.last_box = LastReceiptBox()
        self.receipts = ReceiptCommands(
            ctx,
            self,
            panel=self.panel,
            last_box=self.last_box,
            printing=self.printing,
            operator=lambda: self._operator,
        )
        self.receipts.message.connect(self._show_message)
        self.receipts.changed.connect(self.refresh)
        self.receipts.refused.connect(self._refused)
        self.today = TodayPanel(db=ctx.db, workers=ctx.workers)
        self.donor_search = DonorSearchBox(db=ctx.db, workers=ctx.workers)
        self.donor_search.receipt_requested.connect(self.receipts.show_detail)
        self.donor_search.not_found.connect(self._show_message)
        self.day_banner = DayBanner()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.day_banner)
        left_layout.addWidget(self.form)
        left_layout.addWidget(self.last_box)
        left_layout.addWidget(self.today)
        left_layout.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 8)
        heading = QLabel(self.tr("<b>Donations</b>"))
        right_layout.addWidget(heading)
        right_layout.addWidget(self.panel)
        left_scroll = FormScroll(left)  # scrolls down; never cut off on the right
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left_scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([410, 870])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self.status = StationStatusBar(db=ctx.db, workers=ctx.workers, operator=operator)
        self.setStatusBar(self.status)

        self.sync = sync_controller_for(ctx)
        self.sync.finished.connect(self._on_sync_finished)
        self.sync.failed.connect(self._on_sync_failed)
        self.sync.started.connect(self.status.show_syncing)
        self.sync.retry_countdown.connect(self.status.show_retry)
        self.side = SideWindows(ctx, self, self.sync, lambda: self._operator)
        self.side.changed.connect(self.refresh)
        self.side.message.connect(self._show_message)
        self.side.refused.connect(self._refused)
        self.side.unexpected_error.connect(self.unexpected_error)
        self.side.settings_accepted.connect(self.settings_changed)
        self.side.session_changed.connect(self.set_operator)
        self.day_end = DayEnd(
            ctx, lambda: self._operator, self, open_statements=self.side.open_statements
        )
        self.side.statements_changed.connect(self.day_end.statements_changed)
        self.day_end.changed.connect(self.refresh)
        self.status.status_changed.connect(self._show_day)
        self.day_end.message.connect(self._show_message)
        self.day_end.sync_requested.connect(self.sync_now)
        self.day_end.unexpected_error.connect(self.unexpected_error)
        self.menu_actions = MainActions(self, self._commands(), self.donor_search)
        self.set_operator(operator)
        self.resize(*DEFAULT_SIZE)
        self.status.refresh()
        self.today.refresh()
        self.donor_search.load_names()
        if ctx.recorder is None and ctx.recorder_error is not None:
            self.form.submit_button.setEnabled(False)
            self.form.error.setText(ctx.recorder_error.message(ctx.language))
            self.form.error.show()
        self.form.amount.setFocus()

    def _commands(self) -> DeskCommands:
        side, panel = self.side, self.panel
        return DeskCommands(
            new_donation=self.focus_form,
            refresh=self.refresh,
            lock=self.lock_requested.emit,
            switch_user=self.switch_user_requested.emit,
            settings=side.open_settings,
            quit=self.close,
            preview=self.receipts.preview_selected_or_last,
            print=self.receipts.print_selected_or_last,
            details=panel.detail_button.click,
            void=panel.void_button.click,
            about=self._about,
            sync=side.open_sync_panel,
            reports=side.open_reports,
            close_day=self.day_end.close_day,
            close_day_and_sync=lambda: self.day_end.close_day(then_sync=True),
            reopen_day=self.day_end.reopen,
            statements=side.open_statements,
            goods=side.open_goods,
            find=self.donor_search.setFocus,
        )

    # -- operator --------------------------------------------------------------------

    @property
    def operator(self) -> OperatorSession:
        return self._operator

    def set_operator(self, operator: OperatorSession) -> None:
        """After a lock, another person may log in: nothing of the previous person's work
        carries over to them (the half-filled form, the last receipt)."""
        if operator.id != self._operator.id:
            self.forget_for_next_person()
        self._operator = operator
        self.status.set_operator(operator)
        self.side.set_operator(operator)
        self.panel.set_role(operator.role)
        self.menu_actions.show_for(operator.role)

    def forget_for_next_person(self) -> None:
        self.form.clear()
        self.last_box.forget()

    def leave_without_asking(self) -> None:
        """For a rebuild in another language: the form is carried to the new window."""
        self._leaving = True

    def _leave(self) -> None:
        self._leaving = True
        frame = self.window()
        (frame if frame is not self else self).close()

    def _ask_before_leaving(self) -> bool:
        """True when closing may go on now; else a question is open and answers it later."""
        if self.form.has_input():
            questions.ask(
                self,
                self.tr("Unsaved donation"),
                self.tr("The form holds a donation that is not saved. Close and discard it?"),
                self.tr("&Discard and close"),
                self.tr("&Keep working"),
                self._after_unsaved_answer,
            )
            return False
        return self._ask_about_sync()

    def _after_unsaved_answer(self) -> None:
        self.form.clear()
        if self._ask_about_sync():
            self._leave()

    def _ask_about_sync(self) -> bool:
        if not self.sync.running:
            return True

        def stop_and_leave() -> None:
            self.sync.stop()
            self._ctx.workers.network.waitForDone(15_000)
            self._leave()

        questions.ask(
            self,
            self.tr("Sync in progress"),
            self.tr(
                "A sync is running. Closing stops it after the batch being sent; the next "
                "sync continues from there. Close now?"
            ),
            self.tr("&Stop the sync and close"),
            self.tr("&Keep working"),
            stop_and_leave,
        )
        return False

    # -- recording -------------------------------------------------------------------

    def _record(self, draft: DonationDraft) -> RecordedDonation:
        """Runs on the writer pool (the form hands it over): no widgets here."""
        recorder = self._ctx.recorder
        if recorder is None:
            raise self._ctx.recorder_error or DomainError(
                "keys.missing", "无法签发收据", "Receipts cannot be issued."
            )
        return recorder.record(self._operator, draft)

    def _on_recorded(self, rec: RecordedDonation) -> None:
        text = self.tr("Receipt {0} issued: {1}").format(
            rec.receipt_number, format_fen(rec.amount_fen)
        )
        if rec.moved_from_closed_day:
            text += "\n" + self.tr(
                "{0} is already closed, so this donation was recorded on the next open day, {1}."
            ).format(rec.moved_from_closed_day, rec.business_day)
        self.statusBar().showMessage(text, 8000)
        self.refresh()
        self.panel.select_receipt(rec.receipt_number)
        self.last_box.show_recorded(rec, text)  # and focus on its preview button

    @property
    def last_recorded(self) -> RecordedDonation | None:
        return self.last_box.last

    def focus_form(self) -> None:
        (self.form.amount if self.form.amount.isEnabled() else self.form.kind).setFocus()

    def refresh(self) -> None:
        self.panel.refresh()
        self.status.refresh()
        self.today.refresh()
        self.donor_search.load_names()

    def _show_day(self, status: StationStatus) -> None:
        """Which business day new records go to: the list follows it, and a banner says
        so when today is closed (records then belong to the next open day)."""
        self.panel.show_working_day(date.fromisoformat(status.business_day))
        self.day_banner.show_status(status)

    # -- end of day: sync, reports, close ----------------------------------------------

    def sync_now(self) -> None:
        """Start a sync (if none is running) and show its window."""
        self.sync.start()
        self.side.open_sync_panel()

    def _on_sync_finished(self, result: SyncResult) -> None:
        self._show_message(result.message(self._ctx.language))
        self.status.refresh()
        self.today.refresh()
        db = self._ctx.db  # a sync may have pulled new funds and projects
        self._ctx.workers.run_slow(lambda: list_designations(db), self._set_designations)

    def _set_designations(self, designations: list[DesignationInfo]) -> None:
        self.form.set_designations(designations)
        self.panel.set_designations(designations)

    def _on_sync_failed(self, exc: BaseException) -> None:
        self.status.refresh()  # the Sync window says why (a refusal; bugs are reported)

    def _refused(self, title: str, exc: BaseException) -> None:
        if as_refusal(exc) is None:
            self.unexpected_error.emit(exc)
            return
        self._warn(title, texts.error_text(exc, self._ctx.language))

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    # -- settings, about, errors ----------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Settings that apply without a rebuild (layout, printer, idle time)."""
        self._ctx.settings = settings

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About"),
            self.tr(
                "Donation Station Desk, version {0}\nRecords donations at community charity "
                "stations, issues signed receipts and keeps the station's ledger."
            ).format(__version__),
        )

    def _on_failure(self, exc: BaseException) -> None:
        self._refused(self.tr("Not possible"), exc)

    def _warn(self, title: str, message: str) -> None:
        questions.warn(self, title, message)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving and not self._ask_before_leaving():
            event.ignore()
            return
        self._leaving = True
        if self.form.is_busy():
            # A donation is being written; it finishes in well under a second.
            self._ctx.workers.wait(10_000)
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
