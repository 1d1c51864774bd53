"""The coordinator's end of day from the menu: close, file the summary, sync; reopen.

The main window hands its menu entries to :class:`DayEnd`, which keeps the order of the
routine: the close itself commits in the writer pool (``DayCloseDialog``); only then is
the summary PDF filed and a backup taken, in the slow pool (``after_day_close``), so a
slow disk never holds the write lock; a failed backup is a warning, because the close
is already safe in the database.  "Close the day and sync" then starts the sync.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from station_app.domain.station_time import local_date, utc_now
from station_app.services.day_close import (
    CloseResult,
    DayState,
    day_to_close,
)
from station_app.services.day_close_followup import FollowUp, after_day_close
from station_app.services.sessions import OperatorSession
from station_app.ui import texts
from station_app.ui.day_close_dialog import DayCloseDialog
from station_app.ui.day_closed_dialog import DayClosedDialog
from station_app.ui.desk_context import DeskContext
from station_app.ui.questions import warn
from station_app.ui.reopen_day_dialog import ReopenDayDialog


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
        warn(self._window, title, text)
