"""The status bar, which must always be true.

Every figure is read from the database (``station_status``) on a timer and after every
write, in the slow pool; nothing is counted in memory, so a crash, a sync run from the
command line or a restored backup cannot leave it showing something stale for long.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from station_app.services.station_status import StationStatus, station_status
from station_app.services.views import OperatorInfo
from station_app.storage.database import StationDatabase
from station_app.ui import texts
from station_app.ui.workers import Workers

REFRESH_MS = 15_000


class StationStatusBar(QStatusBar):
    def __init__(
        self,
        *,
        db: StationDatabase,
        workers: Workers,
        operator: OperatorInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._workers = workers
        self._refreshing = False
        self.status: StationStatus | None = None
        self.connection = QLabel(self.tr("Not synced / offline"))
        self.connection.setToolTip(
            self.tr("Syncing with the association is not set up in this version yet.")
        )
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

    def set_operator(self, operator: OperatorInfo) -> None:
        self.operator.setText(
            self.tr("Operator: {0} ({1})").format(operator.name, texts.role_name(operator.role))
        )

    def refresh(self) -> None:
        """Ask the database again (coalesced: one query in flight at a time)."""
        if self._refreshing:
            return
        self._refreshing = True
        db = self._db
        self._workers.run_slow(lambda: station_status(db), self._show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._refreshing = False
        self.pending.setText(self.tr("Status unavailable"))

    def _show(self, status: StationStatus) -> None:
        self._refreshing = False
        self.status = status
        self.pending.setText(self.tr("Waiting to sync: %n entries", "", status.pending_entries))
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
