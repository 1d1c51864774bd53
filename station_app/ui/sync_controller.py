"""The desk's one sync runner, and the background retries after a failed contact.

The run itself is :func:`~station_app.services.station_sync.sync_station` in the network
pool: it must never run on the GUI thread nor queue behind donations in the writer pool.
Its progress callback is called in that worker thread; it only emits a signal of
:class:`SyncController`, which lives in the GUI thread, so the progress bar is touched by
the GUI thread alone (the Mu/AnkiHub crash pattern avoided).

One controller per desk (kept on the :class:`DeskContext`), not per window: a sync keeps
running when the window is closed or rebuilt for another language, and a second sync
cannot be started beside it.  The service's own lock also covers ``station-app sync``.

When a sync could not reach the association, the controller tries again by itself after
a while (1, 2, 5, then every 15 minutes), counting down where the coordinator can see it
and cancel it; a sync started by hand replaces the countdown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from station_app.keystore import KeyStore
from station_app.services.station_sync import SyncTokenSource, sync_station
from station_app.services.sync_result import SyncProgress, SyncResult
from station_app.sync.sync_messages import Outcome
from station_app.ui.desk_context import DeskContext

#: Seconds before each automatic retry after the association could not be reached.
RETRY_AFTER_S = (60, 120, 300, 900)


class SyncController(QObject):
    """Runs at most one sync at a time and reports on the GUI thread through signals."""

    started = Signal()
    progressed = Signal(object)  # SyncProgress
    finished = Signal(object)  # SyncResult (also for refusals and network trouble)
    failed = Signal(object)  # an exception: keyring trouble (DomainError) or a bug
    #: Seconds left before the next automatic try; -1 when none is waiting.
    retry_countdown = Signal(int)
    #: Emitted in the worker thread; queued to ``_relay`` in the GUI thread.
    _from_worker = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        *,
        keys: Callable[[], SyncTokenSource] | None = None,
        base_url: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._keys = keys or (lambda: KeyStore(ctx.station.code))
        self._base_url = base_url
        self._running = False
        self._cancel = threading.Event()
        self.last_result: SyncResult | None = None
        self.last_progress: SyncProgress | None = None
        self._from_worker.connect(self._relay, Qt.ConnectionType.QueuedConnection)
        self._retries = 0  # automatic tries since the association last answered
        self._retry_left = -1
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def retry_in(self) -> int:
        """Seconds before the next automatic try, or -1."""
        return self._retry_left

    def start(self) -> bool:
        """Start a sync; False (and nothing started) when one is already running."""
        if self._running:
            return False
        self._stop_countdown()
        self._running = True
        self._cancel.clear()
        self.last_progress = None
        db, keys, base_url = self._ctx.db, self._keys, self._base_url
        cancel, report = self._cancel, self._from_worker.emit

        def work() -> SyncResult:  # worker thread: no widgets, signals only
            return sync_station(
                db, keys(), base_url=base_url, progress=report, cancelled=cancel.is_set
            )

        self._ctx.workers.run_network(work, self._done, self._failed)
        self.started.emit()
        return True

    def cancel(self) -> None:
        """Ask the run to stop after the batch in flight (what was acknowledged stays)."""
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._running and self._cancel.is_set()

    @Slot(object)
    def _relay(self, progress: SyncProgress) -> None:
        if self._running:
            self.last_progress = progress
            self.progressed.emit(progress)

    def cancel_retry(self) -> None:
        """The coordinator does not want the automatic tries (until the next failure)."""
        self._retries = 0
        self._stop_countdown()

    def stop(self) -> None:
        """Closing the desk: cancel a running sync and any countdown."""
        self.cancel()
        self.cancel_retry()

    def _done(self, result: SyncResult) -> None:
        self._running = False
        self.last_result = result
        if result.outcome is Outcome.NETWORK and not self._cancel.is_set():
            delay = RETRY_AFTER_S[min(self._retries, len(RETRY_AFTER_S) - 1)]
            self._retries += 1
            self._start_countdown(delay)
        elif result.outcome is not Outcome.CANCELLED:
            self._retries = 0
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self.failed.emit(exc)

    def _start_countdown(self, seconds: int) -> None:
        self._retry_left = seconds
        self._tick.start()
        self.retry_countdown.emit(seconds)

    def _stop_countdown(self) -> None:
        was = self._retry_left
        self._tick.stop()
        self._retry_left = -1
        if was >= 0:
            self.retry_countdown.emit(-1)

    @Slot()
    def _count_down(self) -> None:
        self._retry_left -= 1
        if self._retry_left > 0:
            self.retry_countdown.emit(self._retry_left)
            return
        self._tick.stop()
        self._retry_left = -1
        self.retry_countdown.emit(-1)
        self.start()


def sync_controller_for(ctx: DeskContext) -> SyncController:
    """The desk's one controller, made on first use and owned by the long-lived pools."""
    if ctx.sync is None:
        ctx.sync = SyncController(ctx, parent=ctx.workers)
    return ctx.sync
