"""Backups that count only when checked; a restore refuses what it must not take."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from station_app.services import backups
from station_app.services.backups import BackupError
from tests.conftest import Station
from tests.helpers.db_snapshot import table_dump
from tests.ops.helpers import fill, other_station, overwrite, restore_as_coordinator, tamper_text


def test_backup_file_is_one_self_contained_file(station: Station) -> None:
    fill(station, 2)
    made = backups.make_backup(station.paths)
    con = sqlite3.connect(f"{made.path.as_uri()}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        con.close()
    assert sorted(p.name for p in station.paths.backups.iterdir()) == [made.path.name]


def test_backup_of_another_station_is_refused(station: Station, tmp_path: Path) -> None:
    fill(station, 2)
    theirs = other_station(tmp_path / "tianhe")
    their_backup = backups.make_backup(theirs, "manual")
    assert their_backup.station_code == "GZ-TH-0003"
    before = table_dump(station.paths.database)
    station.db.close()

    with pytest.raises(BackupError) as info:
        restore_as_coordinator(station.paths, their_backup.path)

    assert info.value.code == "restore.other_station"
    assert "GZ-TH-0003" in info.value.message_en and "GZ-YX-0012" in info.value.message_en
    assert table_dump(station.paths.database) == before
    assert list(station.paths.backups.iterdir()) == []
    assert list(station.paths.set_aside.iterdir()) == []  # not even a copy of the current
    assert [p.name for p in station.paths.root.iterdir() if p.name.startswith(".restore")] == []


def test_damaged_backup_is_refused(station: Station) -> None:
    fill(station, 6)
    made = backups.make_backup(station.paths)
    overwrite(made.path, 2 * 4096, 3 * 4096)
    before = table_dump(station.paths.database)
    station.db.close()
    with pytest.raises(BackupError) as info:
        restore_as_coordinator(station.paths, made.path)
    assert info.value.code in ("restore.bad_backup", "restore.unreadable")
    assert table_dump(station.paths.database) == before


def test_not_a_database_is_refused(station: Station, tmp_path: Path) -> None:
    bogus = tmp_path / "photo.sqlite3"
    bogus.write_bytes(b"\x89PNG not a database at all" * 300)
    station.db.close()
    with pytest.raises(BackupError) as info:
        restore_as_coordinator(station.paths, bogus)
    assert info.value.code == "restore.unreadable"


def test_restore_refused_while_the_database_is_in_use(station: Station) -> None:
    fill(station, 1)
    made = backups.make_backup(station.paths)
    before = table_dump(station.paths.database)
    with station.db.read() as conn:  # another connection holds the file open
        conn.exec_driver_sql("SELECT 1").all()
        with pytest.raises(BackupError) as info:
            restore_as_coordinator(station.paths, made.path)
    assert info.value.code == "restore.in_use"
    station.db.close()
    assert table_dump(station.paths.database) == before


def test_a_copy_that_fails_its_check_does_not_count(station: Station) -> None:
    fill(station, 3)
    station.db.close()  # folds the WAL into the file
    tamper_text(station.paths.database, "李四".encode(), "李五".encode())
    with pytest.raises(BackupError) as info:
        backups.make_backup(station.paths)
    assert info.value.code == "backup.bad_copy"
    assert "ledger" in info.value.message_en
    assert list(station.paths.backups.iterdir()) == []


def test_keeps_the_last_30_newest_first(station: Station) -> None:
    fill(station, 1)
    stranger = station.paths.backups / "copied-by-hand.sqlite3"
    stranger.write_bytes(b"kept")
    made = [backups.make_backup(station.paths, f"n{i}").path for i in range(33)]
    listed = backups.list_backups(station.paths)
    assert len(listed) == backups.KEEP_BACKUPS
    assert [b.path for b in listed] == list(reversed(made))[:30]
    assert not any(p.exists() for p in made[:3])
    assert stranger.exists()
    newest = listed[0]
    assert newest.station_code == "GZ-YX-0012" and newest.entries and newest.size > 0
    assert newest.label == "n32"


def test_automatic_backups(station: Station, tmp_path: Path) -> None:
    from station_app.paths import DataPaths

    assert backups.backup_at_start(DataPaths(tmp_path / "new")).backup is None
    start = backups.backup_at_start(station.paths)
    assert start.ok and start.backup is not None and start.backup.label == "start"
    close = backups.backup_after_day_close(station.paths)
    assert close.ok and close.backup is not None and close.backup.label == "day-close"
    assert [b.label for b in backups.list_backups(station.paths)] == ["day-close", "start"]
