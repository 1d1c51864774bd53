"""Locking the desk after a while without keyboard or mouse.

A station PC stands in a community hall; an operator called away must not leave it open
for the next person to record or void in their name.  The watcher sees every input
event of the application (an event filter on QApplication) and restarts a timer; when
it runs out, the window locks.  The form under the lock is untouched.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._paused = False
        self.set_minutes(minutes)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        """0 switches the lock off."""
        self._interval_ms = max(0, int(minutes)) * 60_000
        self._restart()

    def set_interval_ms(self, msecs: int) -> None:
        """For tests: a lock after milliseconds instead of minutes."""
        self._interval_ms = max(0, msecs)
        self._restart()

    def pause(self) -> None:
        """While the lock dialog is up there is nothing further to lock."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self._restart()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and not self._paused:
            self._restart()
        return False

    def _restart(self) -> None:
        if self._paused or self._interval_ms <= 0:
            self._timer.stop()
            return
        self._timer.start(self._interval_ms)

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
