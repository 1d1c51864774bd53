"""The coordinator's end of day from the menu: close, file the summary, sync; reopen.

The main window hands its menu entries to :class:`DayEnd`, which keeps the order of the
routine: the close itself commits in the writer pool (``DayCloseDialog``); only then is
the summary PDF filed and a backup taken, in the slow pool (``after_day_close``), so a
slow disk never holds the write lock; a failed backup is a warning, because the close
is already safe in the database.  "Close the day and sync" then starts the sync.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.money import format_fen
from station_app.domain.station_time import local_date, utc_now
from station_app.services.day_close import (
    CloseResult,
    DayState,
    day_state,
    day_to_close,
    reopen_day,
)
from station_app.services.day_close_followup import FollowUp, after_day_close
from station_app.services.sessions import OperatorSession
from station_app.ui import texts
from station_app.ui.day_close_dialog import DayCloseDialog
from station_app.ui.desk_context import DeskContext
from station_app.ui.printing.pdf_paint import PdfPages
from station_app.ui.qt_dates import one_tab_stop, to_date, to_qdate

OK_COLOUR = "#1b5e20"
WARN_COLOUR = "#8a4b00"
ERROR_COLOUR = "#b00020"


class DayClosedDialog(QDialog):
    """After a close: where the summary PDF is, whether the backup worked, and paper."""

    def __init__(
        self,
        result: CloseResult,
        follow_up: FollowUp,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf_path = follow_up.summary_pdf
        self._preview: tuple[QPrinter, PdfPages] | None = None
        self.setWindowTitle(self.tr("Day {0} closed").format(result.day.isoformat()))
        style = self.style()

        heading = QLabel(
            self.tr("<b>{0} is closed.</b> Confirmed by {1} and {2}.").format(
                result.day.isoformat(), result.coordinator, result.witness
            )
        )
        heading.setWordWrap(True)
        diff = result.differences.total_fen
        totals = QLabel(
            self.tr("Counted cash {0}; difference from the records {1}.").format(
                format_fen(result.counted.cash_fen), format_fen(diff)
            )
        )
        totals.setWordWrap(True)
        where = QLabel(
            self.tr(
                "The day-close summary was saved as a PDF. Print it, have both people sign "
                "it, and keep it with the day's papers:"
            )
        )
        where.setWordWrap(True)
        self.path_label = QLabel(str(self.pdf_path))
        self.path_label.setProperty("dataValue", True)
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        if follow_up.backup_error is not None:
            self.backup_label.setText(
                self.tr(
                    "Warning: the automatic backup after the close did not work. The close "
                    "itself is saved. {0}"
                ).format(follow_up.backup_error.message(language))
            )
            self.backup_label.setStyleSheet(f"color: {WARN_COLOUR};")
        elif follow_up.backup is not None:
            self.backup_label.setText(
                self.tr("A checked backup was made: {0}").format(follow_up.backup.path.name)
            )
            self.backup_label.setStyleSheet(f"color: {OK_COLOUR};")
        else:
            self.backup_label.hide()

        self.open_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView), self.tr("&Open")
        )
        self.print_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton), self.tr("&Print…")
        )
        self.save_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
            self.tr("Save a &copy…"),
        )
        self.open_button.clicked.connect(self.open_pdf)
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button.clicked.connect(self.save_copy)
        buttons = QDialogButtonBox()
        for b in (self.open_button, self.print_button, self.save_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)

        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setWordWrap(True)
        self.error.hide()

        layout = QVBoxLayout(self)
        for w in (heading, totals, where, self.path_label, self.backup_label, self.error):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.print_button.setFocus()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def open_pdf(self) -> None:
        """In the PC's own PDF viewer (the file is already in the data folder)."""
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf_path))):
            self._show_error(self.tr("No program to open PDF files was found on this PC."))

    def print_pdf(self) -> None:
        """A print preview of the summary, so the coordinator sees the page before paper."""
        try:
            pages = PdfPages(self.pdf_path.read_bytes())
        except (OSError, ValueError) as exc:
            self._show_error(str(exc))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        pages.prepare(printer)
        dialog = QPrintPreviewDialog(printer, self)
        self._preview = (printer, pages)  # alive as long as the preview paints
        dialog.setWindowTitle(self.tr("Print the day-close summary"))
        dialog.resize(900, 700)
        dialog.paintRequested.connect(pages.paint)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def save_copy(self, target: Path | None = None) -> None:
        """A copy elsewhere (a USB stick for the association); the archived one stays."""
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save a copy"), self.pdf_path.name, self.tr("PDF files (*.pdf)")
            )
            if not chosen:
                return
            target = Path(chosen)
        try:
            shutil.copyfile(self.pdf_path, target)
        except OSError as exc:
            self._show_error(str(exc))


class ReopenDayDialog(QDialog):
    """Choose a closed day and give the reason; the reopen goes to the writer pool."""

    reopened = Signal(object, int)  # date, ledger seq
    unexpected_error = Signal(object)

    def __init__(
        self, ctx: DeskContext, coordinator: OperatorSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._coordinator = coordinator
        self._state: DayState | None = None
        self.setWindowTitle(self.tr("Reopen a closed day"))
        intro = QLabel(
            self.tr(
                "Reopening lets records and voids be dated into the day again. It is written "
                "to the ledger with your name and the reason; close the day again afterwards."
            )
        )
        intro.setWordWrap(True)
        today = local_date(utc_now())
        self.day = QDateEdit(to_qdate(today))
        one_tab_stop(self.day)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(to_qdate(today))
        self.day.dateChanged.connect(self._read_state)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Required: why the day is reopened"))
        self.reason.textChanged.connect(self._update_button)
        form = QFormLayout()
        for text, widget in ((self.tr("&Day:"), self.day), (self.tr("&Reason:"), self.reason)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.state_label)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.reopen_button = buttons.addButton(
            self.tr("&Reopen the day"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self._update_button()
        self._read_state()

    def chosen_day(self) -> date:
        return to_date(self.day.date())

    def _read_state(self) -> None:
        db, day = self._ctx.db, self.chosen_day()
        self._state = None
        self._update_button()
        self._ctx.workers.run_slow(
            lambda: day_state(db, day), self._show_state, self._failed, owner=self
        )

    def _show_state(self, state: DayState) -> None:
        if state.day != self.chosen_day():
            return  # an answer for a date no longer chosen
        self._state = state
        if state.closed:
            self.state_label.setText(
                self.tr("{0} was closed at {1} by {2}, confirmed by {3}.").format(
                    state.day.isoformat(),
                    texts.local_time(state.closed_at),
                    state.coordinator or "",
                    state.witness or "",
                )
            )
            self.state_label.setStyleSheet("")
        else:
            self.state_label.setText(
                self.tr("{0} is not closed; there is nothing to reopen.").format(
                    state.day.isoformat()
                )
            )
            self.state_label.setStyleSheet(f"color: {WARN_COLOUR};")
        self._update_button()

    def _update_button(self) -> None:
        closed = self._state is not None and self._state.closed
        self.reopen_button.setEnabled(closed and bool(self.reason.text().strip()))

    def _submit(self) -> None:
        if not self.reopen_button.isEnabled():
            return
        self.error.clear()
        self.reopen_button.setEnabled(False)
        db, who, day, reason = (
            self._ctx.db,
            self._coordinator,
            self.chosen_day(),
            self.reason.text(),
        )
        self._ctx.workers.write(
            lambda: reopen_day(db, who, day, reason),
            lambda seq: self._done(day, seq),
            self._failed,
            owner=self,
        )

    def _done(self, day: date, seq: int) -> None:
        self.reopened.emit(day, seq)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(texts.error_text(exc, self._ctx.language))
        self._update_button()


class DayEnd(QObject):
    """Close the day (optionally then sync) and reopen a day, for the main window."""

    changed = Signal()  # a day was closed or reopened: refresh lists and status
    message = Signal(str)  # a sentence for the status bar
    sync_requested = Signal()  # "close the day and sync": the close is filed, sync now
    unexpected_error = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        operator: Callable[[], OperatorSession],
        window: QWidget,
        *,
        open_statements: Callable[[date], object] | None = None,
    ) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._operator = operator
        self._window = window
        self._open_statements = open_statements
        self.close_dialog: DayCloseDialog | None = None
        self.closed_dialog: DayClosedDialog | None = None
        self.reopen_dialog: ReopenDayDialog | None = None

    # -- closing ---------------------------------------------------------------------

    def close_day(self, *, then_sync: bool = False) -> None:
        """Close the next day due: a forgotten earlier day with records first, else today;
        refused kindly when today is already closed."""
        if self.close_dialog is not None:
            self.close_dialog.raise_()
            return
        db, today = self._ctx.db, local_date(utc_now())
        self._ctx.workers.run_slow(
            lambda: day_to_close(db, today),
            lambda state: self._open_close_dialog(state, then_sync),
            self._failed,
            owner=self,
        )

    def _open_close_dialog(self, state: DayState, then_sync: bool) -> None:
        if state.closed:
            self._warn(
                self.tr("Already closed"),
                self.tr(
                    "Today ({0}) is already closed; new records go to the next day. To change "
                    "the close, reopen the day first."
                ).format(state.day.isoformat()),
            )
            return
        dialog = DayCloseDialog(
            self._ctx,
            self._operator(),
            state.day,
            self._window,
            open_statements=self._open_statements,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if then_sync:
            dialog.setWindowTitle(
                self.tr("Close the day {0} and sync").format(state.day.isoformat())
            )
        dialog.closed.connect(lambda result: self._on_closed(result, then_sync))
        dialog.unexpected_error.connect(self.unexpected_error)
        dialog.finished.connect(lambda _r: setattr(self, "close_dialog", None))
        self.close_dialog = dialog
        dialog.open()

    def _on_closed(self, result: CloseResult, then_sync: bool) -> None:
        self.changed.emit()
        self.message.emit(self.tr("Day {0} is closed.").format(result.day.isoformat()))
        paths, db, station = self._ctx.paths, self._ctx.db, self._ctx.station
        self._ctx.workers.run_slow(
            lambda: after_day_close(paths, db, station, result.day),
            lambda follow_up: self._filed(result, follow_up, then_sync),
            lambda exc: self._not_filed(exc, then_sync),
            owner=self,
        )

    def _filed(self, result: CloseResult, follow_up: FollowUp, then_sync: bool) -> None:
        dialog = DayClosedDialog(result, follow_up, self._ctx.language, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "closed_dialog", None))
        self.closed_dialog = dialog
        dialog.open()
        if then_sync:
            self.sync_requested.emit()

    def _not_filed(self, exc: BaseException, then_sync: bool) -> None:
        """The close is committed; only the PDF or the backup failed.  Say so, go on."""
        self._warn(
            self.tr("Summary not saved"),
            self.tr(
                "The day is closed, but its summary PDF could not be saved: {0}\n"
                "Print it later from the reports."
            ).format(texts.error_text(exc, self._ctx.language)),
        )
        if then_sync:
            self.sync_requested.emit()

    def statements_changed(self) -> None:
        """A statement was imported or a payment recorded: the open close reads again."""
        if self.close_dialog is not None:
            self.close_dialog.refresh_statements()

    # -- reopening -------------------------------------------------------------------

    def reopen(self) -> None:
        if self.reopen_dialog is not None:
            self.reopen_dialog.raise_()
            return
        dialog = ReopenDayDialog(self._ctx, self._operator(), self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reopened.connect(self._on_reopened)
        dialog.unexpected_error.connect(self.unexpected_error)
        dialog.finished.connect(lambda _r: setattr(self, "reopen_dialog", None))
        self.reopen_dialog = dialog
        dialog.open()

    def _on_reopened(self, day: date, _seq: int) -> None:
        self.changed.emit()
        self.message.emit(
            self.tr("Day {0} is open again; close it again when it is corrected.").format(
                day.isoformat()
            )
        )

    # -- helpers ---------------------------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        """A refusal (the workers send anything else to the error reporter)."""
        self._warn(self.tr("Not possible"), texts.error_text(exc, self._ctx.language))

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self._window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
