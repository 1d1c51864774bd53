"""Background work for the UI: QRunnable tasks that report through Qt signals.

Why: a donation must never wait behind a slow PDF or a network call, and SQLite must see
exactly one writer (Vorta's "database is locked").  So, as in Anki's taskman, there are
three pools: a *serial* writer pool (``maxThreadCount == 1``) for the desk's database
writes, a pool for slow reads and PDFs, and a pool for the network (a sync waiting out a
dead connection must not hold a thread that a report needs).  Writes a network task makes
(a sync marking what the association acknowledged) take turns with the writer pool's on
the database's own writer lock (``StationDatabase.write``).  A task's function never
touches a widget; its result comes back through a queued signal and the callbacks run on
the GUI thread.

Errors are routed here, once, in the spirit of Anki's ``CollectionOp``: a task's
``on_error`` gets *refusals* as sentences — a :class:`DomainError`, or a file the system
would not write turned into one (:class:`FileProblem`).  Anything else is a bug and goes
straight to the desk's error reporter (log and dialog), whatever the caller does; the
caller's ``on_error`` is then only told so it can put its widgets right.  Given an
``owner``, a task whose owner widget was deleted while it ran delivers nothing (a dialog
closed early, a window rebuilt for a language).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from station_app.domain.errors import DomainError

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class FileProblem(DomainError):
    """The system refused a file (permission, a full disk, a missing folder): a refusal
    with the file's name in it, not a bug."""


def as_refusal(exc: BaseException) -> DomainError | None:
    """``exc`` as a sentence for the person, or None when it is a bug."""
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        reason = exc.strerror or type(exc).__name__
        return FileProblem(
            "file.os_error",
            f"无法写入或读取文件{where}：{reason}。请换一个位置，或检查磁盘空间和权限",
            f"The file could not be written or read{where}: {reason}. Choose another place, "
            "or check the disk space and permissions.",
        )
    return None


def _receiver_alive(callback: Callable[..., Any]) -> bool:
    """False when ``callback`` is a method of a Qt object deleted while the task ran.

    A window rebuilt for a language change, or a dialog closed early, must not receive
    the result of work it started; its C++ half is gone and touching it would raise.
    """
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class _TaskSignals(QObject):
    """Signals live on a QObject owned by the GUI thread, so emits are queued to it."""

    succeeded = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """Run ``fn()`` in a pool thread and emit its result or exception."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps the reference (see Workers._running)
        self._fn = fn
        self.signals = _TaskSignals()

    def run(self) -> None:  # runs in a worker thread: no widgets here
        try:
            result = self._fn()
        except BaseException as exc:  # reported on the GUI thread, never swallowed
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.succeeded, result)

    def _emit(self, signal: Any, value: object) -> None:
        """Hand the outcome to the GUI thread, unless the desk is gone (at shutdown a
        slow task may finish after the windows and their signal objects were freed)."""
        if not shiboken6.isValid(self.signals):
            log.info("a background task finished after the desk closed; result dropped")
            return
        try:
            signal.emit(value)
        except RuntimeError:  # freed between the check and the emit
            log.info("a background task finished after the desk closed; result dropped")


class Workers(QObject):
    """The program's pools.  Passed to the windows that need it; not a global.

    ``on_unexpected`` receives every failure that is not a refusal (and refusals no
    ``on_error`` was given for), so a bug in background work reaches the error dialog
    and the log.
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        on_unexpected: Failed | None = None,
    ) -> None:
        super().__init__(parent)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)  # the one writer
        self.slow = QThreadPool(self)
        self.slow.setMaxThreadCount(2)
        self.network = QThreadPool(self)
        self.network.setMaxThreadCount(2)
        self._running: set[Task] = set()
        self._on_unexpected = on_unexpected

    def set_unexpected_handler(self, handler: Failed | None) -> None:
        self._on_unexpected = handler

    def write(
        self,
        fn: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        owner: QObject | None = None,
    ) -> Task:
        """A database write, run after every write queued before it."""
        return self._start(self.writer, fn, on_done, on_error, owner)

    def run_slow(
        self,
        fn: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        owner: QObject | None = None,
    ) -> Task:
        """A read or a PDF that may take longer than a frame."""
        return self._start(self.slow, fn, on_done, on_error, owner)

    def run_network(
        self,
        fn: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        owner: QObject | None = None,
    ) -> Task:
        """Talking to the association: a sync, an enrolment."""
        return self._start(self.network, fn, on_done, on_error, owner)

    def report(self, exc: BaseException) -> None:
        """A failure nobody handles: the error reporter's (or at least the log's)."""
        if self._on_unexpected is not None:
            self._on_unexpected(exc)
        else:
            log.error("background task failed", exc_info=exc)

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every pool is idle (shutdown, tests)."""
        return all(p.waitForDone(msecs) for p in (self.writer, self.slow, self.network))

    def _start(
        self,
        pool: QThreadPool,
        fn: Callable[[], Any],
        on_done: Done | None,
        on_error: Failed | None,
        owner: QObject | None,
    ) -> Task:
        task = Task(fn)
        self._running.add(task)

        def owner_gone() -> bool:
            return owner is not None and not shiboken6.isValid(owner)

        @Slot(object)
        def succeeded(result: object) -> None:
            self._running.discard(task)
            if on_done is not None and not owner_gone() and _receiver_alive(on_done):
                on_done(result)

        @Slot(object)
        def failed(exc: BaseException) -> None:
            self._running.discard(task)
            refusal = as_refusal(exc)
            if refusal is None:
                self.report(exc)  # a bug: logged and shown by the reporter, always
            if on_error is None:
                if refusal is not None:
                    self.report(refusal)
                return
            if not owner_gone() and _receiver_alive(on_error):
                # A refusal as its sentence; after a bug the caller only puts its widgets
                # right again (``texts.error_text`` says "something went wrong").
                on_error(refusal if refusal is not None else exc)

        task.signals.succeeded.connect(succeeded)
        task.signals.failed.connect(failed)
        pool.start(task)
        return task
