"""A damaged database at start: reported with the reason, kept aside, never recreated,
and the newest good backup restores the station."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from station_app.paths import DataPaths
from station_app.services import backups
from station_app.services.ledger_check import verify_ledger
from station_app.startup_check import Health, check_database, newest_good_backup, quarantine
from station_app.station_context import open_station
from tests.conftest import REPO, Station
from tests.helpers.db_snapshot import assert_holds_everything_of, table_dump
from tests.ops.helpers import PAGE, fill, overwrite, restore_as_coordinator, tamper_text


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_absent_then_ok(station: Station, tmp_path: Path) -> None:
    assert check_database(DataPaths(tmp_path / "new")).state is Health.ABSENT
    assert not (tmp_path / "new").exists()  # checking created nothing
    fill(station, 2)
    report = check_database(station.paths)
    assert report.state is Health.OK and report.ok
    assert report.station_code == "GZ-YX-0012" and report.entries > 0


def test_overwritten_bytes_lead_to_the_restore_offer(station: Station) -> None:
    fill(station, 12)
    good = backups.make_backup(station.paths, "start")
    at_backup = table_dump(station.paths.database)
    fill(station, 2)
    station.db.close()
    db = station.paths.database
    assert db.stat().st_size > 8 * PAGE
    overwrite(db, 2 * PAGE, 4 * PAGE)  # pages 3-6: tables and indexes
    damaged_digest = digest(db)

    report = check_database(station.paths)

    assert report.state is Health.DAMAGED and not report.ok
    assert report.reason("en") and report.reason("zh") and report.detail
    assert digest(db) == damaged_digest  # the check changed nothing

    aside = quarantine(station.paths)
    assert aside.name.startswith("damaged-") and aside.parent == station.paths.set_aside
    assert digest(aside) == damaged_digest  # kept, byte for byte
    assert not db.exists()
    # Quitting now must not lead to a new, empty station at the next start.
    again = check_database(station.paths)
    assert again.state is Health.DAMAGED and again.quarantined == aside
    assert again.station_code in (None, "GZ-YX-0012")
    assert quarantine(station.paths) == aside  # nothing moved twice

    offer = newest_good_backup(station.paths, report.station_code)
    assert offer is not None and offer.path == good.path
    result = restore_as_coordinator(
        station.paths, offer.path, expected_station=offer.station_code, previous=aside
    )
    assert result.kept_copy is None and result.quarantined == aside

    assert check_database(station.paths).state is Health.OK
    assert_holds_everything_of(db, at_backup)
    ctx = open_station(station.paths)  # the app starts on the restored station, not empty
    try:
        assert ctx.station is not None and ctx.station.code == "GZ-YX-0012"
        assert verify_ledger(ctx.db).entries >= len(at_backup["ledger_entry"]) + 1
    finally:
        ctx.close()


def test_altered_ledger_is_damage_too(station: Station) -> None:
    fill(station, 3)
    station.db.close()
    tamper_text(station.paths.database, "李四".encode(), "李五".encode())
    report = check_database(station.paths)
    assert report.state is Health.DAMAGED
    assert "ledger" in report.reason_en and report.station_code == "GZ-YX-0012"


def test_not_a_database(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "d").ensure()
    paths.database.write_bytes(b"this is not SQLite" * 1000)
    report = check_database(paths)
    assert report.state is Health.DAMAGED and "not a database" in report.detail


def test_empty_file_and_orphan_journal(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "d").ensure()
    paths.database.write_bytes(b"")
    assert check_database(paths).state is Health.DAMAGED
    paths.database.unlink()
    Path(f"{paths.database}-wal").write_bytes(b"\0" * 100)
    report = check_database(paths)
    assert report.state is Health.DAMAGED and "journal" in report.reason_en


def test_quarantine_takes_the_wal_along(station: Station) -> None:
    fill(station, 1)
    wal = Path(f"{station.paths.database}-wal")
    assert wal.exists()  # the engine is still open: committed pages live in the WAL
    wal_bytes = wal.read_bytes()
    station.db.engine.dispose()
    wal.write_bytes(wal_bytes)  # as after a power cut: the WAL is left behind
    aside = quarantine(station.paths)
    assert Path(f"{aside}-wal").read_bytes() == wal_bytes
    assert not wal.exists() and not station.paths.database.exists()


def test_no_good_backup_is_reported_as_none(station: Station) -> None:
    fill(station, 3)
    only = backups.make_backup(station.paths)
    overwrite(only.path, 2 * PAGE, 3 * PAGE)
    assert newest_good_backup(station.paths) is None
    assert newest_good_backup(station.paths, "GZ-OTHER-1") is None


def test_restore_straight_over_a_damaged_database_keeps_it(station: Station) -> None:
    """``station-app restore`` without the start-up dialog: the damaged file is not lost."""
    fill(station, 12)
    good = backups.make_backup(station.paths)
    at_backup = table_dump(station.paths.database)
    station.db.close()
    overwrite(station.paths.database, 2 * PAGE, 4 * PAGE)
    damaged_digest = digest(station.paths.database)

    result = restore_as_coordinator(station.paths, good.path)

    kept = result.quarantined or result.kept_copy
    assert kept is not None and digest(kept) == damaged_digest
    assert check_database(station.paths).state is Health.OK
    assert_holds_everything_of(station.paths.database, at_backup)


def test_cli_refuses_a_damaged_database_instead_of_recreating_it(tmp_path: Path) -> None:
    data = tmp_path / "d"
    env = {**os.environ, "STATION_APP_LANG": "en"}
    run = [sys.executable, "-m", "station_app", "--data-dir", str(data)]
    assert subprocess.run([*run, "init-demo"], cwd=REPO, env=env).returncode == 0
    db = data / "station.sqlite3"
    before = db.stat().st_size
    db.write_bytes(b"\0" * before)  # every page gone, the file still there
    r = subprocess.run([*run, "init-demo"], cwd=REPO, env=env, capture_output=True, text=True)
    assert r.returncode == 2 and "damaged" in r.stderr and "Traceback" not in r.stderr
    assert db.read_bytes() == b"\0" * before  # not recreated, not touched
