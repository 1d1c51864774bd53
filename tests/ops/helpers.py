"""Shared helpers for the operations tests: filling a station, damaging files, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.keystore import KeyStore
from station_app.paths import DataPaths
from station_app.services.restore import RestoreResult, restore
from station_app.services.station_setup import StationSetup, create_station
from station_app.storage.database import StationDatabase
from tests.conftest import REPO, Station

PAGE = 4096


def restore_as_coordinator(paths: DataPaths, backup: Path, **options: object) -> RestoreResult:
    """The restore service, as the demo coordinator (陈主任, demo password) does it."""
    return restore(paths, backup, operator="陈主任", password=DEMO_PASSWORD, **options)  # type: ignore[arg-type]


def fill(station: Station, n: int = 6) -> list[str]:
    """Record ``n`` varied donations (cash, mobile with phone, in-kind); their receipts."""
    numbers = []
    for i in range(n):
        if i % 3 == 0:
            draft = DonationDraft(kind="cash", amount=str(100 + i), anonymous=True)
        elif i % 3 == 1:
            draft = DonationDraft(
                kind="mobile", amount="88.5", donor_name=f"张{i}", phone="13812345678"
            )
        else:
            item = ItemDraft("大米", "2", "袋", "120")
            draft = DonationDraft(kind="in_kind", donor_name="李四", items=(item,))
        numbers.append(station.recorder.record(station.staff, draft).receipt_number)
    return numbers


def other_station(root: Path, code: str = "GZ-TH-0003") -> DataPaths:
    """A second, real station (its own key in the file keyring) in another folder."""
    paths = DataPaths(root).ensure()
    with StationDatabase.open(paths.database, backup_dir=paths.backups) as db:
        setup = StationSetup(
            code=code,
            name="天河区测试站",
            district="天河区",
            association_url="https://cishan.example.org",
            coordinator_name="赵主任",
            coordinator_password="another-pass-1",
        )
        create_station(db, setup, KeyStore(code))
    return paths


def overwrite(path: Path, offset: int, length: int, byte: int = 0x5A) -> None:
    """Overwrite ``length`` bytes of ``path`` at ``offset`` in place (no truncation)."""
    with path.open("r+b") as f:
        f.seek(offset)
        f.write(bytes([byte]) * length)
        f.flush()
        os.fsync(f.fileno())


PASSWORD_ENV = "DESK_TEST_PASSWORD"


def cli(
    *args: str, lang: str = "en", password: str = DEMO_PASSWORD
) -> subprocess.CompletedProcess[str]:
    """``python -m station_app ARGS`` in a real subprocess, as the IT helper runs it.

    ``password`` is in the environment variable :data:`PASSWORD_ENV`, for commands given
    ``--password-env DESK_TEST_PASSWORD`` (see :func:`cli_as`).
    """
    env = {**os.environ, "STATION_APP_LANG": lang, PASSWORD_ENV: password}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "station_app", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )


def tamper_text(path: Path, old: bytes, new: bytes) -> None:
    """Change record text inside the file, as bit rot or a hex editor would.

    SQLite has no checksums on row data, so the file stays a valid database: only the
    ledger's hash chain can notice.
    """
    assert len(old) == len(new)
    data = path.read_bytes()
    assert old in data, "nothing to tamper with"
    path.write_bytes(data.replace(old, new))


def cli_as(
    operator: str, *args: str, lang: str = "en", password: str = DEMO_PASSWORD
) -> subprocess.CompletedProcess[str]:
    """A command acting as ``operator``, their password given as a script would."""
    return cli(
        *args, "--operator", operator, "--password-env", PASSWORD_ENV, lang=lang,
        password=password,
    )  # fmt: skip
