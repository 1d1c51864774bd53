"""The main window: the donation form on the left, the day's donations on the right.

It wires the parts together and owns nothing itself: records go through the form, lists
through the panel, paper through ``printing``, and every database write through the one
writer.  A change of language does not retranslate in place; the shell builds a new
window and hands it the half-filled form (see ``shell.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from station_app import __version__
from station_app.domain.donations import DonationDraft
from station_app.domain.errors import DomainError
from station_app.domain.money import format_fen
from station_app.domain.roles import can_close_day, can_void
from station_app.domain.station_time import local_date, utc_now
from station_app.services.donation_queries import donation_detail, list_designations
from station_app.services.print_history import PrintEvent, print_history
from station_app.services.receipt_actions import void_donation
from station_app.services.records import (
    DesignationInfo,
    DonationDetail,
    RecordedDonation,
    StationInfo,
)
from station_app.services.sessions import OperatorSession
from station_app.services.station_status import StationStatus
from station_app.services.sync_result import SyncResult
from station_app.ui import texts
from station_app.ui.day_end import DayEnd
from station_app.ui.desk_context import DeskContext
from station_app.ui.desk_frame import DEFAULT_SIZE
from station_app.ui.donation_detail_dialog import DonationDetailDialog
from station_app.ui.donation_form import DonationForm
from station_app.ui.donations_view import DonationsPanel
from station_app.ui.donor_search import DonorSearchBox
from station_app.ui.form_scroll import FormScroll
from station_app.ui.goods.goods_window import GoodsWindow
from station_app.ui.printing.receipt_printing import ReceiptPrinting
from station_app.ui.qt_dates import to_qdate
from station_app.ui.reports_view import ReportsView
from station_app.ui.settings_dialog import SettingsDialog
from station_app.ui.settings_store import Settings
from station_app.ui.statements_window import StatementsWindow
from station_app.ui.status_bar import StationStatusBar
from station_app.ui.sync_controller import sync_controller_for
from station_app.ui.sync_panel import SyncPanel
from station_app.ui.today_panel import TodayPanel
from station_app.ui.void_dialog import VoidDialog
from station_app.ui.window_geometry import remember_geometry
from station_app.ui.workers import as_refusal
from station_app.ui.zoom import Zoom


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
        self._last: RecordedDonation | None = None
        self._void_dialog: VoidDialog | None = None
        self._reports: ReportsView | None = None
        self._sync_panel: SyncPanel | None = None
        self._leaving = False  # set once the person agreed to close (or nothing to ask)
        self._statements: StatementsWindow | None = None
        self._goods: GoodsWindow | None = None  # issue 18
        self.setWindowTitle(self.tr("Donation Station Desk — {0}").format(ctx.station.name))
        self.setWindowIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DriveNetIcon))
        designations = list_designations(ctx.db)

        self.form = DonationForm(
            workers=ctx.workers,
            record=self._record,
            designations=designations,
            language=ctx.language,
        )
        self.form.recorded.connect(self._on_recorded)
        self.form.unexpected_error.connect(self.unexpected_error)
        if form_state:
            self.form.restore(form_state)

        self.panel = DonationsPanel(db=ctx.db, designations=designations, role=operator.role)
        self.panel.detail_requested.connect(self.show_detail)
        self.panel.reprint_requested.connect(self.printing_print)
        self.panel.void_requested.connect(self.ask_void)

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
        self.printing.printed.connect(self._on_printed)
        self.printing.failed.connect(self._on_print_failed)

        self._build_last_receipt()
        self.today = TodayPanel(db=ctx.db, workers=ctx.workers)
        self.donor_search = DonorSearchBox(db=ctx.db, workers=ctx.workers)
        self.donor_search.receipt_requested.connect(self.show_detail)
        self.donor_search.not_found.connect(self._show_message)
        self.day_banner = QLabel()
        self.day_banner.setObjectName("day_banner")
        self.day_banner.setWordWrap(True)
        self.day_banner.setStyleSheet(
            "background: #fff4e5; color: #8a4b00; border: 1px solid #f0c36d; padding: 6px;"
        )
        self.day_banner.hide()
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
        self.day_end = DayEnd(
            ctx, lambda: self._operator, self, open_statements=self.open_statements
        )
        self.day_end.changed.connect(self.refresh)
        self.status.status_changed.connect(self._show_day)
        self.day_end.message.connect(self._show_message)
        self.day_end.sync_requested.connect(self.sync_now)
        self.day_end.unexpected_error.connect(self.unexpected_error)
        self._build_actions()
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

    # -- building --------------------------------------------------------------------

    def _build_last_receipt(self) -> None:
        style = self.style()
        self.last_box = QGroupBox(self.tr("Last receipt"))
        self.last_label = QLabel(self.tr("No receipt issued in this session yet."))
        self.last_label.setWordWrap(True)
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
        self.preview_button.clicked.connect(lambda: self._on_last(self.preview_receipt))
        self.print_button.clicked.connect(lambda: self._on_last(self.printing.print_receipt))
        self.save_button.clicked.connect(lambda: self._on_last(self.printing.save_pdf))
        row = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.save_button):
            b.setEnabled(False)
            row.addWidget(b)
        layout = QVBoxLayout(self.last_box)
        layout.addWidget(self.last_label)
        layout.addLayout(row)

    def _build_actions(self) -> None:
        style = self.style()

        def action(
            text: str,
            shortcut: str | QKeySequence.StandardKey | None,
            slot: Any,
            icon: QStyle.StandardPixmap | None = None,
        ) -> QAction:
            a = QAction(text, self)
            if icon is not None:
                a.setIcon(style.standardIcon(icon))
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            return a

        self.new_action = action(
            self.tr("&New donation"),
            "Ctrl+N",
            self.focus_form,
            QStyle.StandardPixmap.SP_FileIcon,
        )
        self.refresh_action = action(
            self.tr("&Refresh list"),
            QKeySequence.StandardKey.Refresh,
            self.refresh,
            QStyle.StandardPixmap.SP_BrowserReload,
        )
        self.lock_action = action(
            self.tr("&Lock desk"),
            "Ctrl+L",
            self.lock_requested.emit,
            QStyle.StandardPixmap.SP_DialogNoButton,
        )
        self.switch_user_action = action(
            self.tr("Log out / s&witch user…"),
            "Ctrl+Shift+L",
            self.switch_user_requested.emit,
            QStyle.StandardPixmap.SP_DialogResetButton,
        )
        self.settings_action = action(
            self.tr("&Settings…"),
            "Ctrl+,",
            self.open_settings,
            QStyle.StandardPixmap.SP_FileDialogDetailedView,
        )
        self.quit_action = action(self.tr("&Quit"), "Ctrl+Q", self.close)
        self.preview_action = action(
            self.tr("Pre&view receipt"),
            "Ctrl+Shift+P",
            self._preview_selected_or_last,
            QStyle.StandardPixmap.SP_FileDialogContentsView,
        )
        self.print_action = action(
            self.tr("Print receipt…"),
            QKeySequence.StandardKey.Print,
            self._print_selected_or_last,
            QStyle.StandardPixmap.SP_DialogApplyButton,
        )
        self.detail_action = action(
            self.tr("&Details…"), "Ctrl+D", lambda: self.panel.detail_button.click()
        )
        self.void_action = action(
            self.tr("&Void receipt…"),
            None,
            lambda: self.panel.void_button.click(),
            QStyle.StandardPixmap.SP_DialogCancelButton,
        )
        self.about_action = action(self.tr("&About"), None, self._about)
        self.sync_action = action(
            self.tr("S&ync with the association…"),
            "Ctrl+Shift+S",
            self.open_sync_panel,
            QStyle.StandardPixmap.SP_ArrowUp,
        )
        self.sync_action.setIconText(self.tr("Sync"))
        self.reports_action = action(
            self.tr("Re&ports…"),
            "Ctrl+Shift+R",
            self.open_reports,
            QStyle.StandardPixmap.SP_FileDialogListView,
        )
        self.reports_action.setIconText(self.tr("Reports"))
        self.close_day_action = action(
            self.tr("&Close the day…"),
            None,
            lambda: self.day_end.close_day(),
            QStyle.StandardPixmap.SP_DialogSaveButton,
        )
        self.close_and_sync_action = action(
            self.tr("Close the day and &sync…"), None, self.close_day_and_sync
        )
        self.reopen_action = action(self.tr("&Reopen a closed day…"), None, self.day_end.reopen)
        self.statements_action = action(
            self.tr("Payment s&tatements…"), "Ctrl+Shift+T", lambda: self.open_statements()
        )
        self.goods_action = action(self.tr("&Goods register…"), "Ctrl+G", lambda: self.open_goods())

        menu = self.menuBar()
        desk = menu.addMenu(self.tr("&Station"))
        desk.addAction(self.new_action)
        desk.addAction(self.refresh_action)
        desk.addSeparator()
        self.zoom = Zoom(self)
        for zoom_action in (self.zoom.bigger, self.zoom.smaller, self.zoom.reset):
            desk.addAction(zoom_action)
        desk.addSeparator()
        desk.addAction(self.settings_action)
        desk.addAction(self.lock_action)
        desk.addAction(self.switch_user_action)
        desk.addSeparator()
        desk.addAction(self.quit_action)
        receipts = menu.addMenu(self.tr("Re&ceipts"))
        receipts.addAction(self.preview_action)
        receipts.addAction(self.print_action)
        receipts.addAction(self.detail_action)
        receipts.addAction(self.void_action)
        day_menu = menu.addMenu(self.tr("End of da&y"))
        day_menu.addAction(self.sync_action)
        day_menu.addAction(self.reports_action)
        self.coordinator_separator = day_menu.addSeparator()
        day_menu.addAction(self.statements_action)
        day_menu.addAction(self.close_day_action)
        day_menu.addAction(self.close_and_sync_action)
        day_menu.addAction(self.reopen_action)
        menu.addMenu(self.tr("Stock &book")).addAction(self.goods_action)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.new_action, self.refresh_action, self.preview_action):
            toolbar.addAction(a)
        toolbar.addSeparator()
        toolbar.addAction(self.sync_action)
        toolbar.addAction(self.reports_action)
        toolbar.addSeparator()
        toolbar.addAction(self.settings_action)
        toolbar.addAction(self.lock_action)
        toolbar.addSeparator()
        self.donor_search.setMaximumWidth(260)
        toolbar.addWidget(self.donor_search)
        self.find_action = action(
            self.tr("Find a donor or receipt"), "Ctrl+Shift+F", self.donor_search.setFocus
        )
        self.addAction(self.find_action)
        self.addToolBar(toolbar)

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
        if self._goods is not None:
            self._goods.set_operator(operator)
        self.panel.set_role(operator.role)
        self.void_action.setVisible(can_void(operator.role))
        self.void_action.setEnabled(can_void(operator.role))
        # Closing and reopening a day answer for the money: the coordinator only (the
        # services refuse anyone else too; hiding the entries keeps the menu honest).
        closer = can_close_day(operator.role)
        self.coordinator_separator.setVisible(closer)
        for a in (
            self.statements_action,
            self.close_day_action,
            self.close_and_sync_action,
            self.reopen_action,
        ):
            a.setVisible(closer)
            a.setEnabled(closer)

    def forget_for_next_person(self) -> None:
        self.form.clear()
        self._last = None
        self.last_label.setText(self.tr("No receipt issued in this session yet."))
        for b in (self.preview_button, self.print_button, self.save_button):
            b.setEnabled(False)

    def ask(
        self,
        title: str,
        text: str,
        go: str,
        stay: str,
        on_go: Callable[[], None],
        on_stay: Callable[[], None] | None = None,
    ) -> QMessageBox:
        """A question whose buttons say what they do; ``on_go`` runs if the person agrees.

        Opened window-modal, never ``exec()``: no nested event loop, and a window being
        torn down never waits on it.  Escape means ``stay``.
        """
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        go_button = box.addButton(go, QMessageBox.ButtonRole.DestructiveRole)
        stay_button = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay_button)
        box.setEscapeButton(stay_button)

        def answered(_result: int) -> None:
            if box.clickedButton() is go_button:
                on_go()
            elif on_stay is not None:
                on_stay()

        box.finished.connect(answered)
        box.open()
        return box

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
            self.ask(
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

        self.ask(
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
        self._last = rec
        text = self.tr("Receipt {0} issued: {1}").format(
            rec.receipt_number, format_fen(rec.amount_fen)
        )
        if rec.moved_from_closed_day:
            text += "\n" + self.tr(
                "{0} is already closed, so this donation was recorded on the next open day, {1}."
            ).format(rec.moved_from_closed_day, rec.business_day)
        self.last_label.setText(text)
        for b in (self.preview_button, self.print_button, self.save_button):
            b.setEnabled(True)
        self.statusBar().showMessage(text, 8000)
        self.refresh()
        self.panel.select_receipt(rec.receipt_number)
        self.preview_button.setFocus()

    @property
    def last_recorded(self) -> RecordedDonation | None:
        return self._last

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
        self.day_banner.setVisible(status.today_closed)
        if status.today_closed:
            self.day_banner.setText(
                self.tr("Today ({0}) is closed. New records go to {1}.").format(
                    status.today, status.business_day
                )
            )

    # -- receipts --------------------------------------------------------------------

    def _on_last(self, fn: Any) -> None:
        if self._last is not None:
            fn(self._last.receipt_number)

    def _preview_selected_or_last(self) -> None:
        row = self.panel.selected_row()
        if row is not None:
            self.preview_receipt(row.receipt_number)
        else:
            self._on_last(self.preview_receipt)

    def _print_selected_or_last(self) -> None:
        row = self.panel.selected_row()
        if row is not None:
            self.printing_print(row.receipt_number)
        else:
            self._on_last(self.printing_print)

    def preview_receipt(self, number: str) -> None:
        self.printing.preview(number)

    def printing_print(self, number: str) -> None:
        """The list's print button and the last receipt's: the same flow (a copy asks)."""
        self.printing.print_receipt(number)

    def _on_printed(self, number: str, count: int) -> None:
        self.statusBar().showMessage(
            self.tr("Receipt {0} printed (copy {1}).").format(number, count), 8000
        )
        self.refresh()

    def _on_print_failed(self, exc: BaseException) -> None:
        if as_refusal(exc) is None:
            self.unexpected_error.emit(exc)
            return
        self._warn(self.tr("Receipt not printed"), texts.error_text(exc, self._ctx.language))

    def show_detail(self, number: str) -> None:
        db = self._ctx.db
        self._ctx.workers.run_slow(
            lambda: (donation_detail(db, number), print_history(db, number)),
            self._open_detail,
            self._on_failure,
        )

    def _open_detail(self, found: tuple[DonationDetail, list[PrintEvent]]) -> None:
        dialog = DonationDetailDialog(found[0], self, prints=found[1])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def ask_void(self, number: str) -> None:
        if not can_void(self._operator.role):
            return  # the button does not exist for them; the service refuses too
        row = self.panel.selected_row()
        if row is None or row.receipt_number != number:
            return
        dialog = VoidDialog(row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reason_given.connect(lambda reason: self._void(dialog, number, reason))
        dialog.finished.connect(lambda _r: setattr(self, "_void_dialog", None))
        self._void_dialog = dialog
        dialog.open()

    @property
    def void_dialog(self) -> VoidDialog | None:
        return self._void_dialog

    def _void(self, dialog: VoidDialog, number: str, reason: str) -> None:
        db, session = self._ctx.db, self._operator

        def done(_r: object) -> None:
            dialog.finish()
            self.statusBar().showMessage(self.tr("Receipt {0} is void.").format(number), 8000)
            self.refresh()

        def failed(exc: BaseException) -> None:  # a refusal: the workers report anything else
            dialog.show_error(texts.error_text(exc, self._ctx.language))

        self._ctx.workers.write(
            lambda: void_donation(db, session, number, reason), done, failed, owner=dialog
        )

    # -- end of day: sync, reports, close ----------------------------------------------

    def close_day_and_sync(self) -> None:
        self.day_end.close_day(then_sync=True)

    def open_sync_panel(self) -> SyncPanel:
        """One Sync window per main window; raised again if already open."""
        if self._sync_panel is None:
            panel = SyncPanel(self._ctx, self.sync, self)
            panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            panel.unexpected_error.connect(self.unexpected_error)
            panel.destroyed.connect(lambda: setattr(self, "_sync_panel", None))
            self._sync_panel = panel
            remember_geometry(panel, "sync")
            panel.show()
        self._sync_panel.raise_()
        self._sync_panel.activateWindow()
        return self._sync_panel

    @property
    def sync_panel(self) -> SyncPanel | None:
        return self._sync_panel

    def sync_now(self) -> None:
        """Start a sync (if none is running) and show its window."""
        self.sync.start()
        self.open_sync_panel()

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

    def open_statements(self, day: date | None = None) -> StatementsWindow:
        """Import statements and see a day's reconciliation (one window at a time)."""
        if self._statements is None:
            window = StatementsWindow(self._ctx, self._operator, day or local_date(utc_now()), self)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.changed.connect(self.refresh)
            window.changed.connect(self.day_end.statements_changed)
            window.unexpected_error.connect(self.unexpected_error)
            window.destroyed.connect(lambda: setattr(self, "_statements", None))
            self._statements = window
            remember_geometry(window, "statements")
            window.show()
        elif day is not None:
            self._statements.day.setDate(to_qdate(day))
        self._statements.raise_()
        self._statements.activateWindow()
        return self._statements

    @property
    def statements_window(self) -> StatementsWindow | None:
        return self._statements

    def open_goods(self) -> GoodsWindow:
        """The goods area (物资, issue 18): one window at a time, for the logged-in person."""
        if self._goods is None:
            window = GoodsWindow(self._ctx, lambda: self._operator, self)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.changed.connect(self.refresh)
            window.destroyed.connect(lambda: setattr(self, "_goods", None))
            self._goods = window
            window.show()
        self._goods.raise_()
        self._goods.activateWindow()
        return self._goods

    @property
    def goods_window(self) -> GoodsWindow | None:
        return self._goods

    def open_reports(self) -> ReportsView:
        """Reports in a window of their own, so the donation desk stays as it is."""
        if self._reports is None:
            view = ReportsView(self._ctx, self, session=lambda: self._operator)
            view.setWindowFlag(Qt.WindowType.Window)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.setWindowTitle(self.tr("Reports — {0}").format(self._ctx.station.name))
            view.saved.connect(lambda path: self._show_message(self.tr("Saved: {0}").format(path)))
            view.failed.connect(self._on_report_failed)
            view.destroyed.connect(lambda: setattr(self, "_reports", None))
            available = self.screen().availableGeometry()
            view.resize(min(1200, available.width() - 40), min(720, available.height() - 60))
            remember_geometry(view, "reports")  # then kept on the screen when shown
            self._reports = view
            view.show()
            view.load()
            view.show_button.setFocus()
        self._reports.raise_()
        self._reports.activateWindow()
        return self._reports

    def _on_report_failed(self, exc: BaseException) -> None:
        if as_refusal(exc) is None:
            self.unexpected_error.emit(exc)
            return
        self._warn(self.tr("Not saved"), texts.error_text(exc, self._ctx.language))

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    # -- settings, about, errors ----------------------------------------------------

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(
            settings=self._ctx.settings,
            station=self._ctx.station,
            operator=self._operator,
            db=self._ctx.db,
            workers=self._ctx.workers,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted_settings.connect(self.settings_changed)
        dialog.session_changed.connect(self.set_operator)
        dialog.station_changed.connect(self._station_changed)
        dialog.open()
        return dialog

    def _station_changed(self, station: StationInfo) -> None:
        """One association address: what every window shows is what receipts carry."""
        self._ctx.station = station
        if self._sync_panel is not None:
            self._sync_panel.show_address(station)

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
        if as_refusal(exc) is None:
            self.unexpected_error.emit(exc)
            return
        self._warn(self.tr("Not possible"), texts.error_text(exc, self._ctx.language))

    def _warn(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

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
