"""Shared test set-up: a real station database in a temporary folder, real keyring file.

The keyring backend is chosen explicitly (keyrings.alt's file keyring, with HOME in a
temporary folder) so that no test touches a developer's desktop keyring; Qt runs
offscreen.  Both are configuration, set here once, never inside test bodies.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["STATION_APP_ALLOW_PLAINTEXT_KEYRING"] = "1"

import pytest

from station_app.keystore import KeyStore
from station_app.paths import DataPaths
from station_app.services.demo_station import init_demo
from station_app.services.donation_recording import DonationRecorder
from station_app.services.operators import find_operator
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.views import OperatorInfo, StationInfo
from station_app.storage.database import StationDatabase

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own HOME, so the file keyring lives in a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("STATION_APP_DATA_DIR", raising=False)
    return home


@dataclass
class Station:
    """A set-up demo station (no donations yet) and handles to work with it."""

    paths: DataPaths
    db: StationDatabase
    info: StationInfo
    keys: KeyStore
    signer: ReceiptSigner
    recorder: DonationRecorder
    coordinator: OperatorInfo
    social_worker: OperatorInfo
    staff: OperatorInfo


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    paths = DataPaths(tmp_path / "data").ensure()
    db = StationDatabase.open(paths.database, backup_dir=paths.backups)
    keys = KeyStore("GZ-YX-0012")
    result = init_demo(db, keys, with_donations=False)
    signer = ReceiptSigner.from_keystore(keys)
    ops = {name: find_operator(db, name) for name in result.operators}
    yield Station(
        paths,
        db,
        result.station,
        keys,
        signer,
        DonationRecorder(db, signer),
        ops["陈主任"],
        ops["李社工"],
        ops["王小明"],
    )  # type: ignore[arg-type]
    db.close()
