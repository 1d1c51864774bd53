"""Kill -9 at random moments: nothing committed is lost, nothing is half-written.

A child records donations in a loop and reports every committed receipt number; the
parent kills it with SIGKILL at random times (at least 30 times) and after every kill
checks the database as the next start of the program would find it.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from station_app.domain.receipt_numbers import find_gaps
from station_app.services.ledger_check import verify_ledger
from station_app.storage.database import StationDatabase
from tests.conftest import REPO, Station

KILLS = 30
GOODS_KILLS = 20


def _kill_repeatedly(
    station: Station, kills: int, seed: int, mode: list[str], check: Callable[[set[str]], int]
) -> int:
    """Start the child, let it work a random moment, SIGKILL it; ``check`` after each kill
    with every line the child finished (a line cut by the kill was never finished)."""
    station.db.close()
    rng = random.Random(seed)
    reported: set[str] = set()
    done = 0
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.crash_child", str(station.paths.root), *mode],
            stdout=subprocess.PIPE,
            cwd=REPO,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        out = child.stdout.read()
        child.wait()
        reported.update(line.decode() for line in out.split(b"\n")[:-1])
        done = check(reported)
    return done


def _assert_ledger_verifies(station: Station) -> None:
    db = StationDatabase.open(station.paths.database)
    try:
        report = verify_ledger(db)
    finally:
        db.close()
    assert report.ok, report.broken


def _check(station: Station, reported: set[str]) -> int:
    con = sqlite3.connect(station.paths.database)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        numbers = [r[0] for r in con.execute("SELECT number FROM receipt")]
        serials = sorted(r[0] for r in con.execute("SELECT serial FROM receipt"))
        donations = con.execute("SELECT count(*) FROM donation").fetchone()[0]
        entries = con.execute(
            "SELECT count(*) FROM ledger_entry WHERE type='donation.recorded'"
        ).fetchone()[0]
        orphan_items = con.execute(
            "SELECT count(*) FROM donation_item WHERE donation_id NOT IN (SELECT id FROM donation)"
        ).fetchone()[0]
    finally:
        con.close()
    assert len(numbers) == len(set(numbers))
    assert find_gaps(serials) == []
    assert donations == len(numbers) == entries
    assert orphan_items == 0
    missing = reported - set(numbers)
    assert not missing, f"committed numbers lost: {sorted(missing)[:5]}"
    _assert_ledger_verifies(station)
    return len(numbers)


@pytest.mark.slow
def test_kill_nine_loses_nothing_committed(station: Station) -> None:
    total = _kill_repeatedly(
        station, KILLS, 20261122, [], lambda reported: _check(station, reported)
    )
    assert total > KILLS  # the child really was recording when it was killed


def _check_goods(station: Station, reported: set[str]) -> int:
    """Every reported lot and movement is there, each whole; no stock below zero."""
    con = sqlite3.connect(station.paths.database)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        lots = {f"lot {r[0]}" for r in con.execute("SELECT uuid FROM goods_lot")}
        moves = {f"move {r[0]}" for r in con.execute("SELECT uuid FROM goods_movement")}
        negative = con.execute("SELECT count(*) FROM goods_lot WHERE on_hand_milli < 0").fetchone()
        unbalanced = con.execute(
            "SELECT count(*) FROM goods_lot l WHERE on_hand_milli != quantity_milli + "
            "coalesce((SELECT sum(delta_milli) FROM goods_movement_line WHERE lot_id = l.id), 0)"
        ).fetchone()
        entries = dict(
            con.execute(
                "SELECT type, count(*) FROM ledger_entry WHERE type LIKE 'goods.%' GROUP BY type"
            ).fetchall()
        )
        bare_moves = con.execute(
            "SELECT count(*) FROM goods_movement m WHERE NOT EXISTS "
            "(SELECT 1 FROM goods_movement_line WHERE movement_id = m.id)"
        ).fetchone()
    finally:
        con.close()
    assert negative == (0,) and unbalanced == (0,) and bare_moves == (0,)
    assert entries.get("goods.received", 0) * 2 == len(lots)
    assert entries.get("goods.moved", 0) == len(moves)
    missing = reported - lots - moves
    assert not missing, f"committed goods lost: {sorted(missing)[:5]}"
    _assert_ledger_verifies(station)
    return len(moves)


@pytest.mark.slow
def test_kill_nine_leaves_no_half_written_goods_movement(station: Station) -> None:
    """Issue 18: the same kills while goods are received and handed out."""
    moves = _kill_repeatedly(
        station, GOODS_KILLS, 20261202, ["goods"], lambda reported: _check_goods(station, reported)
    )
    assert moves > GOODS_KILLS // 2  # the child really was moving goods when killed
