"""Damaged files of any kind are treated as damaged, never as a new PC (issue 15, item 10),
and a corruption campaign of 200+ truncations and byte flips never ends in a traceback,
a recreated station, or an altered record that passes."""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from station_app.cli import main as station_app
from station_app.services import backup_checks, backups
from station_app.startup_check import Health, check_database
from station_app.station_context import keyring_signing_key
from tests.conftest import REPO, Station
from tests.helpers.db_snapshot import table_dump
from tests.ops.helpers import PASSWORD_ENV, cli, cli_as, fill

#: What a record is: these tables' rows, minus columns the row check leaves alone.
RECORD_TABLES = ("donation", "donation_item", "receipt", "day_close", "operator", "station")


def _records(database: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """The records as the ledger vouches for them.

    A donor's phone is in the ledger only masked (138****5678): a flipped digit in its
    hidden middle cannot be told from the real one, so phones compare masked.
    """
    from station_app.domain.donations import mask_phone

    dump = table_dump(database)
    out = {t: dump[t] for t in RECORD_TABLES}
    out["donation"] = [(*r[:5], mask_phone(r[5]), *r[6:]) for r in out["donation"]]
    out["station"] = [row[:-1] for row in out["station"]]  # designations_etag: a cache
    out["ledger_entry"] = [row[:6] for row in dump["ledger_entry"]]  # not synced_batch
    return out


def test_a_zero_length_database_is_damage_everywhere(station: Station) -> None:
    fill(station, 2)
    backups.make_backup(station.paths, "start")
    station.db.close()
    for side in ("-wal", "-shm"):
        Path(f"{station.paths.database}{side}").unlink(missing_ok=True)
    station.paths.database.write_bytes(b"")
    assert check_database(station.paths).state is Health.DAMAGED
    data = str(station.paths.root)
    verify = cli("ledger", "verify", "--data-dir", data)
    assert verify.returncode == 1 and "empty (0 bytes)" in verify.stdout
    assert station.paths.database.stat().st_size == 0  # the diagnosis wrote nothing
    record = cli_as("王小明", "record", "--data-dir", data, "--kind", "cash", "--amount", "1",
                    "--anonymous")  # fmt: skip
    assert record.returncode == 2 and "damaged" in record.stderr
    assert "Traceback" not in verify.stderr + record.stderr
    assert station.paths.database.stat().st_size == 0


def test_a_database_without_its_station_next_to_backups_is_damage(
    station: Station, tmp_path: Path
) -> None:
    """An empty schema where the station was (what an old ``ledger verify`` wrote into a
    zero-length file): not a new PC while backups of a station are here."""
    from station_app.storage.database import StationDatabase

    fill(station, 1)
    backups.make_backup(station.paths, "start")
    station.db.close()
    empty = tmp_path / "empty.sqlite3"
    StationDatabase.open(empty).close()
    for side in ("-wal", "-shm"):
        Path(f"{station.paths.database}{side}").unlink(missing_ok=True)
    shutil.copyfile(empty, station.paths.database)
    report = check_database(station.paths)
    assert report.state is Health.DAMAGED and report.station_code == "GZ-YX-0012"
    assert "backups" in report.reason_en


def test_pruning_never_counts_a_bad_backup_among_the_kept(station: Station) -> None:
    fill(station, 1)
    good = [backups.make_backup(station.paths, f"n{i}").path for i in range(backups.KEEP_BACKUPS)]
    newest_name = good[-1].name.replace("-n29", "-zz")
    bad = station.paths.backups / newest_name
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)  # what a killed copy left
    partial = station.paths.backups / ".partial-station-19990101T000000000000Z-x.sqlite3"
    partial.write_bytes(b"half a copy")
    os.utime(partial, (0, 0))
    backups.prune_backups(station.paths)
    assert all(p.exists() for p in good)  # a bad file pushed no good one out
    assert bad.exists() and not partial.exists()
    assert backups.newest_good_backup(station.paths).path == good[-1]  # type: ignore[union-attr]


def test_a_backup_killed_half_way_leaves_nothing_that_looks_like_a_backup(
    station: Station,
) -> None:
    fill(station, 300)
    station.db.close()
    rng = random.Random(15)
    env = {**os.environ, PASSWORD_ENV: "demo1234", "PYTHONPATH": str(REPO)}
    for _ in range(6):
        child = subprocess.Popen(
            [sys.executable, "-m", "station_app", "backup", "--data-dir",
             str(station.paths.root), "--operator", "李社工", "--password-env", PASSWORD_ENV],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(0.3, 1.5))
        child.send_signal(signal.SIGKILL)
        child.wait()
    for info in backups.list_backups(station.paths):
        assert backup_checks.check_file(info.path).ok, info.path  # every listed backup is good


def test_a_restore_killed_half_way_leaves_no_copies_behind(station: Station) -> None:
    fill(station, 300)
    made = backups.make_backup(station.paths, "manual")
    station.db.close()
    rng = random.Random(16)
    env = {**os.environ, PASSWORD_ENV: "demo1234", "PYTHONPATH": str(REPO)}
    for _ in range(5):
        child = subprocess.Popen(
            [sys.executable, "-m", "station_app", "restore", str(made.path), "--data-dir",
             str(station.paths.root), "--operator", "陈主任", "--password-env", PASSWORD_ENV],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(0.2, 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
    started = cli_as("王小明", "record", "--data-dir", str(station.paths.root), "--kind", "cash",
                     "--amount", "1", "--anonymous")  # fmt: skip
    assert started.returncode == 0, started.stderr
    assert list(station.paths.root.glob(".restore-*")) == []
    assert check_database(station.paths, keyring_signing_key).state is Health.OK


def _run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = station_app(list(args))
    return code, out.getvalue() + err.getvalue()


def test_corruption_campaign(station: Station, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """200+ truncations and byte flips, each followed by start-up, ``ledger verify``,
    ``record`` and ``backup --list`` (in this process, through the CLI's own ``main``)."""
    fill(station, 150)
    station.db.close()
    pristine = tmp_path / "pristine.sqlite3"
    shutil.copyfile(station.paths.database, pristine)
    for side in ("-wal", "-shm"):
        Path(f"{station.paths.database}{side}").unlink(missing_ok=True)
    original = _records(pristine)
    size = pristine.stat().st_size
    monkeypatch.setenv(PASSWORD_ENV, "demo1234")
    monkeypatch.setenv("STATION_APP_LANG", "en")
    rng = random.Random(2026)
    db, data = station.paths.database, str(station.paths.root)
    outcomes = {"refused": 0, "intact": 0}
    for trial in range(210):
        shutil.copyfile(pristine, db)
        for side in ("-wal", "-shm"):
            Path(f"{db}{side}").unlink(missing_ok=True)
        blob = bytearray(db.read_bytes())
        if trial % 3 == 0:
            del blob[rng.randrange(0, size) :]
        else:
            for _ in range(rng.randint(1, 12)):
                blob[rng.randrange(0, size)] ^= 1 << rng.randrange(8)
        db.write_bytes(bytes(blob))

        health = check_database(station.paths, keyring_signing_key)
        code_v, said_v = _run("ledger", "verify", "--data-dir", data)
        code_r, said_r = _run(
            "record", "--data-dir", data, "--kind", "cash", "--amount", "1", "--anonymous",
            "--operator", "王小明", "--password-env", PASSWORD_ENV,
        )  # fmt: skip
        code_l, said_l = _run("backup", "--list", "--data-dir", data)
        for said in (said_v, said_r, said_l):
            assert "Traceback" not in said, (trial, said)
        assert code_v in (0, 1, 2) and code_r in (0, 2) and code_l == 0, (trial, said_v, said_r)
        if code_v == 0:
            # Verified: then every record is as it was (a recorded donation may follow).
            now = _records(db)
            for table, rows in original.items():
                assert now[table][: len(rows)] == rows, (trial, table)
            outcomes["intact"] += 1
        else:
            outcomes["refused"] += 1
        if code_r == 0:
            assert health.state is Health.OK, trial  # recording only on a healthy start
            con = sqlite3.connect(db)
            try:
                assert con.execute("SELECT code FROM station").fetchone()[0] == "GZ-YX-0012"
                assert con.execute("SELECT count(*) FROM donation").fetchone()[0] == 151
            finally:
                con.close()
    assert outcomes["refused"] > 50 and sum(outcomes.values()) == 210, outcomes
