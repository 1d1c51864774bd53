"""The status bar, which must always be true.

Every figure is read from the database (``station_status``) on a timer and after every
write, in the slow pool; nothing is counted in memory, so a crash, a sync run from the
command line or a restored backup cannot leave it showing something stale for long.
"Online" and "offline" are the outcome of the last sync attempt in ``sync_run``, not a
guess from a ping: the desk only knows the association was reachable when it last tried.
While a sync runs it says so (not "online" from the last time), and while an automatic
retry waits it counts down.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from station_app.services.sessions import OperatorSession
from station_app.services.station_status import StationStatus, station_status
from station_app.storage.database import StationDatabase
from station_app.ui import texts
from station_app.ui.colours import ERROR_COLOUR, OK_COLOUR, WARN_COLOUR, WARN_STYLE
from station_app.ui.workers import Workers

REFRESH_MS = 15_000


class StationStatusBar(QStatusBar):
    status_changed = Signal(object)  # StationStatus, after each read

    def __init__(
        self,
        *,
        db: StationDatabase,
        workers: Workers,
        operator: OperatorSession,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._workers = workers
        self._refreshing = False
        self.status: StationStatus | None = None
        self.connection = QLabel(self.tr("Not synced yet"))
        self.pending = QLabel()
        self.last_sync = QLabel()
        self.day = QLabel()
        self.operator = QLabel()
        for w in (self.operator, self.day, self.pending, self.last_sync, self.connection):
            self.addPermanentWidget(w)
        self.set_operator(operator)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def set_operator(self, operator: OperatorSession) -> None:
        self.operator.setText(
            self.tr("Operator: {0} ({1})").format(operator.name, texts.role_name(operator.role))
        )

    def show_syncing(self) -> None:
        self.connection.setText(self.tr("Syncing…"))
        self.connection.setStyleSheet("")

    def show_retry(self, seconds: int) -> None:
        """The sync controller's countdown to its next automatic try (-1: none)."""
        if seconds < 0:
            if self.status is not None:
                self._show_connection(self.status)
            return
        self.connection.setText(self.tr("Offline · retrying in {0} s").format(seconds))
        self.connection.setStyleSheet(WARN_STYLE)

    def refresh(self) -> None:
        """Ask the database again (coalesced: one query in flight at a time)."""
        if self._refreshing:
            return
        self._refreshing = True
        db = self._db
        self._workers.run_slow(lambda: station_status(db), self._show, self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self._refreshing = False
        self.pending.setText(self.tr("Status unavailable"))

    def _show(self, status: StationStatus) -> None:
        self._refreshing = False
        self.status = status
        self.status_changed.emit(status)
        self.pending.setText(self.tr("Waiting to sync: %n record(s)", "", status.pending_entries))
        if status.last_sync_at:
            self.last_sync.setText(
                self.tr("Last sync: {0}").format(texts.local_time(status.last_sync_at))
            )
        else:
            self.last_sync.setText(self.tr("Last sync: never"))
        if status.today_closed:
            self.day.setText(
                self.tr("Day {0} closed; new records go to {1}").format(
                    status.today, status.business_day
                )
            )
        else:
            self.day.setText(self.tr("Business day {0} (open)").format(status.business_day))
        self._show_connection(status)

    def _show_connection(self, status: StationStatus) -> None:
        outcome, when = status.last_attempt_outcome, texts.local_time(status.last_attempt_at)
        colour = ""
        if outcome is None and not status.has_address:
            text = self.tr("Not enrolled · working offline")
            tip = self.tr(
                "Everything is kept on this PC. A coordinator enrols the station in Settings "
                "with the association's one-time code; the first sync then uploads it all."
            )
        elif outcome is None:
            text = self.tr("Not synced yet")
            tip = self.tr("This station has not tried to sync with the association yet.")
        elif outcome == "ok":
            text, colour = self.tr("Online"), OK_COLOUR
            tip = self.tr("The last sync, at {0}, reached the association.").format(when)
        elif outcome in ("network", "interrupted"):
            text, colour = self.tr("Offline"), WARN_COLOUR
            tip = self.tr(
                "The last sync attempt, at {0}, could not reach the association. "
                "Nothing is lost; sync again later."
            ).format(when)
        elif outcome == "cancelled":
            text = self.tr("Last sync cancelled")
            tip = self.tr("The last sync was cancelled at {0}.").format(when)
        elif outcome == "untrusted":
            text, colour = self.tr("Server not verified"), ERROR_COLOUR
            tip = self.tr(
                "At {0} the server at the association's address could not prove it is the "
                "association (its certificate did not verify), so nothing was sent. Check "
                "this PC's date and time, then open the Sync window."
            ).format(when)
        else:  # refused, diverged: a person must act
            text, colour = self.tr("Sync refused"), ERROR_COLOUR
            tip = self.tr(
                "The association refused the last sync, at {0}. Open the Sync window to "
                "see what to do."
            ).format(when)
        self.connection.setText(text)
        self.connection.setStyleSheet(f"color: {colour};" if colour else "")
        self.connection.setToolTip(tip)
