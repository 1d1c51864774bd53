"""A real full disk: a 3 MB tmpfs holds the station; recording and backing up must fail
cleanly (a sentence, nothing half-written, no stray partial backup) and work again once
space is freed.

Needs root (mount).  Without it the test is skipped with that reason, visibly (pytest
-ra); tests/test_storage.py covers the same refusal with SQLite's max_page_count.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.keystore import KeyStore
from station_app.paths import DataPaths
from station_app.services import backups
from station_app.services.demo_station import init_demo
from station_app.services.donation_recording import DonationRecorder
from station_app.services.ledger_check import verify_ledger
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.sessions import authenticate
from station_app.storage.database import StationDatabase, StorageFull

SIZE = "3m"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; max_page_count test covers this")
    mnt = tmp_path / "small"
    mnt.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(mnt)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def counts(database: Path) -> tuple[int, int, int, str]:
    con = sqlite3.connect(database)
    try:
        return (
            con.execute("SELECT count(*) FROM donation").fetchone()[0],
            con.execute("SELECT count(*) FROM receipt").fetchone()[0],
            con.execute(
                "SELECT count(*) FROM ledger_entry WHERE type = 'donation.recorded'"
            ).fetchone()[0],
            con.execute("PRAGMA integrity_check").fetchone()[0],
        )
    finally:
        con.close()


def test_full_disk_refuses_cleanly_and_recovers(small_disk: Path) -> None:
    paths = DataPaths(small_disk / "data").ensure()
    db = StationDatabase.open(paths.database, backup_dir=paths.backups)
    try:
        keys = KeyStore("GZ-YX-0012")
        init_demo(db, keys, with_donations=False)
        staff = authenticate(db, "王小明", DEMO_PASSWORD)
        assert staff is not None
        recorder = DonationRecorder(db, ReceiptSigner.from_keystore(keys))
        # Leave a few hundred KB so the database, not the ballast, hits the wall.
        ballast = small_disk / "ballast.bin"
        free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
        ballast.write_bytes(b"\0" * max(0, free - 400_000))

        item = ItemDraft("大米" * 20, "1", "袋", "10")
        draft = DonationDraft(kind="in_kind", anonymous=True, note="x" * 190, items=(item,) * 30)
        recorded = 0
        with pytest.raises(StorageFull) as info:
            for _ in range(2000):
                recorder.record(staff, draft)
                recorded += 1
        assert recorded > 0
        assert "disk is full" in info.value.message_en

        # Nothing half-written: every donation has its receipt and its ledger entry.
        assert counts(paths.database) == (recorded, recorded, recorded, "ok")
        assert verify_ledger(db).ok

        # A backup on the full disk fails with a sentence and leaves no partial file.
        with pytest.raises(backups.BackupError) as binfo:
            backups.make_backup(paths, "manual")
        assert binfo.value.code == "backup.disk_full", binfo.value.message_en
        assert list(paths.backups.iterdir()) == []

        # Space freed: the station carries on where it stopped.
        ballast.unlink()
        recorder.record(staff, DonationDraft(kind="cash", amount="10", anonymous=True))
        assert counts(paths.database) == (recorded + 1, recorded + 1, recorded + 1, "ok")
        assert backups.make_backup(paths, "manual").entries
    finally:
        db.close()
