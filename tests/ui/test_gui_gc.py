"""Garbage is collected on the GUI thread only, however often it is due (issue 15).

Python runs its cyclic collector in whichever thread crosses a threshold; a worker
thread then frees Qt objects of the GUI thread and the program dies (a segmentation
fault seen in CI).  With automatic collection off and a GUI-thread timer collecting,
the desk is driven through a few hundred actions with the thresholds at 1 — every
allocation would trigger a collection — and every collection must have run on the
GUI thread.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.ui.conftest import type_text, wait_idle


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """The name of the thread every collection ran in, while thresholds are 1."""
    seen: list[str] = []
    old = gc.get_threshold()

    def on_gc(phase: str, _info: dict) -> None:  # type: ignore[type-arg]
        if phase == "start":
            seen.append(threading.current_thread().name)

    gc.set_threshold(1, 1, 1)
    gc.callbacks.append(on_gc)
    try:
        yield seen
    finally:
        gc.callbacks.remove(on_gc)
        gc.set_threshold(*old)


def test_collection_runs_on_the_gui_thread_only(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    station: Station,
    collections: list[str],
) -> None:
    assert not gc.isenabled()  # the fixture's collector switched automatic collection off
    window = open_window(station.coordinator, "en")
    workers = window._ctx.workers
    for i in range(60):
        type_text(qtbot, window.form.amount, str(10 + i))
        type_text(qtbot, window.form.donor, f"Donor {i}")
        qtbot.keyClick(window.form.donor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not workers.busy(), timeout=10_000)
        if i % 10 == 0:
            window.refresh()
            number = window.last_recorded.receipt_number  # type: ignore[union-attr]
            window.receipts.show_detail(number)
            wait_idle(qtbot, workers)
            qtbot.wait(120)  # at least one tick of the collector
    wait_idle(qtbot, workers)
    qtbot.wait(300)
    assert collections, "the collector never ran"
    assert set(collections) == {threading.main_thread().name}
