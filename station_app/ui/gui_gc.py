"""Python's cyclic garbage collection, on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate when a
threshold is crossed: a worker thread reading the database can then free a cycle that
holds a Qt object of the GUI thread, and Qt destroys it from the wrong thread
(a segmentation fault, seen in this project's CI).  Long-lived PySide/PyQt programs
(calibre, Camelot, OpenCue) switch automatic collection off and collect from a timer on
the GUI thread, with the same generation thresholds; so does the desk.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """While it lives, garbage is collected from the GUI thread's event loop only."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the generations whose thresholds are crossed; returns objects freed."""
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        freed = 0
        if c0 > t0:
            freed += gc.collect(0)
            if c1 > t1:
                freed += gc.collect(1)
                if c2 > t2:
                    freed += gc.collect(2)
        return freed

    def stop(self) -> None:
        """Back to automatic collection (after the event loop has ended)."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
