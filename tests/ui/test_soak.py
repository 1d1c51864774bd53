"""The desk under a long day's work, with garbage collection due at every allocation
(issue 15): 2,000 recordings, prints, voids, locks and syncs against the real receiver.

Not in the default suite (it takes minutes): ``make soak``.  It must end with no crash,
every collection on the GUI thread, and every record present in the station's ledger and
at the association.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from station_app.services.donation_recording import DonationRecorder
from station_app.services.ledger_check import verify_ledger
from station_app.services.operators import create_operator
from station_app.services.station_setup import load_station
from station_app.sync.sync_messages import Outcome
from station_app.ui.app import Translators
from station_app.ui.desk_context import DeskContext
from station_app.ui.settings_store import Settings, SettingsStore
from station_app.ui.shell import DeskShell
from station_app.ui.workers import Workers
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import (  # noqa: F401  (fixtures: the real receiver)
    Deployment,
    _shared,
    pg_cluster,
    sqlite_deployment,
)
from tests.sync.harness import enrol, new_station
from tests.ui.conftest import type_text, wait_idle

pytestmark = pytest.mark.soak
RECORDINGS = int(os.environ.get("SOAK_RECORDINGS", "2000"))


@pytest.fixture
def every_allocation_collects() -> Iterator[list[str]]:
    threads: list[str] = []
    old = gc.get_threshold()

    def on_gc(phase: str, _info: dict) -> None:  # type: ignore[type-arg]
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.set_threshold(1, 1, 1)
    gc.callbacks.append(on_gc)
    try:
        yield threads
    finally:
        gc.callbacks.remove(on_gc)
        gc.set_threshold(*old)


def test_a_long_day_at_the_desk(
    qtbot: QtBot,
    translators: Translators,
    workers: Workers,
    sqlite_deployment: Deployment,  # noqa: F811
    tmp_path: Path,
    every_allocation_collects: list[str],
) -> None:
    translators.install("en")
    st = new_station(tmp_path / "stations")
    enrol(st, sqlite_deployment.engine, sqlite_deployment.url)
    create_operator(st.db, st.coordinator, "王小明", "staff", "demo1234", demo=True)
    info = load_station(st.db)
    assert info is not None
    store = SettingsStore(st.paths.settings)
    store.save(Settings(language="en"))
    ctx = DeskContext(
        paths=st.paths, db=st.db, station=info, workers=workers, settings_store=store,
        settings=store.load(), recorder=DonationRecorder(st.db, st.signer),
    )  # fmt: skip
    shell = DeskShell(ctx, set_language=translators.install, report_error=workers.unexpected.append)  # type: ignore[attr-defined]
    shell.start(auto_login=("陈主任", "demo1234"))
    qtbot.addWidget(shell.frame)
    window = shell.window
    assert window is not None
    numbers: list[str] = []
    for i in range(RECORDINGS):
        type_text(qtbot, window.form.amount, str(1 + i % 500))
        type_text(qtbot, window.form.donor, f"Donor {i}")
        qtbot.keyClick(window.form.donor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not workers.busy(), timeout=10_000)
        rec = window.last_recorded
        assert rec is not None
        numbers.append(rec.receipt_number)
        if i % 50 == 0:
            window.printing.save_pdf(rec.receipt_number, tmp_path / f"r{i}.pdf")
            wait_idle(qtbot, workers)
        if i % 97 == 0 and i:
            from station_app.services.receipt_actions import void_donation

            void_donation(st.db, window.operator, numbers[-2], "soak test void")
        if i % 400 == 0 and i:
            shell.lock(asked=False)
            qtbot.waitUntil(lambda: shell.login is not None, timeout=5_000)
            login = shell.login
            assert login is not None
            login.operator.setCurrentText("陈主任")
            type_text(qtbot, login.password, "demo1234")
            login.try_login()
            qtbot.waitUntil(lambda: shell.login is None, timeout=10_000)
        if i % 500 == 499:
            with qtbot.waitSignal(window.sync.finished, timeout=120_000) as done:
                window.sync_now()
            assert done.args[0].outcome is Outcome.OK
    with qtbot.waitSignal(window.sync.finished, timeout=120_000) as done:
        window.sync_now()
    assert done.args[0].outcome is Outcome.OK
    wait_idle(qtbot, workers)
    assert verify_ledger(st.db).ok
    assert len(set(numbers)) == RECORDINGS
    assert_equal_ledgers(st, sqlite_deployment.engine)
    assert set(every_allocation_collects) == {threading.main_thread().name}
    shell.idle.stop()
    st.db.close()
