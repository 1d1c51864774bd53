"""Shared test set-up: a real station database in a temporary folder, real keyring file.

The keyring backend is chosen explicitly (keyrings.alt's file keyring, with HOME in a
temporary folder) so that no test touches a developer's desktop keyring; Qt runs
offscreen.  Both are configuration, set here once, never inside test bodies.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["STATION_APP_ALLOW_PLAINTEXT_KEYRING"] = "1"

import pytest

from station_app.domain.passwords import DEMO_PASSWORD
from station_app.keystore import KeyStore
from station_app.paths import DataPaths
from station_app.services.demo_station import init_demo
from station_app.services.donation_recording import DonationRecorder
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.records import StationInfo
from station_app.services.sessions import OperatorSession, authenticate
from station_app.services.station_setup import load_station
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


@pytest.fixture(autouse=True)
def _gc_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test with Qt collects garbage as the desk does: from the GUI thread only."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    from station_app.ui.gui_gc import GuiThreadCollector

    collector = GuiThreadCollector(request.getfixturevalue("qapp"), interval_ms=100)
    yield
    collector.stop()
    collector.deleteLater()


@dataclass
class Station:
    """A set-up demo station (no donations yet) and handles to work with it.

    ``coordinator``, ``social_worker`` and ``staff`` are logged-in sessions (the demo
    password), as the desk holds them after a login.
    """

    paths: DataPaths
    db: StationDatabase
    info: StationInfo
    keys: KeyStore
    signer: ReceiptSigner
    recorder: DonationRecorder
    coordinator: OperatorSession
    social_worker: OperatorSession
    staff: OperatorSession


DEMO_NAMES = ("陈主任", "李社工", "王小明")


@dataclass(frozen=True)
class _Template:
    database: Path
    keyring_dir: Path
    sessions: tuple[OperatorSession, ...]


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> _Template:
    """One demo station made once per test run and copied for every test.

    Setting one up costs four scrypt hashes and three logins (about a second); copying
    the database file and the file keyring costs nothing.  The sessions stay valid on
    every copy, because a session is bound to the password hash, which is copied too.
    """
    root = tmp_path_factory.mktemp("demo-template")
    home = root / "home"
    old_home = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        paths = DataPaths(root / "data").ensure()
        db = StationDatabase.open(paths.database, backup_dir=paths.backups)
        try:
            init_demo(db, KeyStore("GZ-YX-0012"), with_donations=False)
            sessions = tuple(authenticate(db, n, DEMO_PASSWORD) for n in DEMO_NAMES)
        finally:
            db.close()
    finally:
        if old_home is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = old_home
    return _Template(paths.database, home / ".local" / "share" / "python_keyring", sessions)


def copy_demo_station(data_root: Path, home: Path, template: _Template) -> Station:
    """A fresh copy of the demo station under ``data_root``, its key in ``home``'s keyring.

    The keyring is read while ``HOME`` is ``home``; the caller closes ``station.db``.
    """
    paths = DataPaths(data_root).ensure()
    shutil.copyfile(template.database, paths.database)
    shutil.copytree(template.keyring_dir, home / ".local" / "share" / "python_keyring")
    old_home = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        keys = KeyStore("GZ-YX-0012")
        signer = ReceiptSigner.from_keystore(keys)
    finally:
        if old_home is not None:
            os.environ["HOME"] = old_home
    db = StationDatabase.open(paths.database, backup_dir=paths.backups)
    info = load_station(db)
    assert info is not None
    coordinator, social_worker, staff = template.sessions
    return Station(
        paths,
        db,
        info,
        keys,
        signer,
        DonationRecorder(db, signer),
        coordinator,
        social_worker,
        staff,
    )


@pytest.fixture
def station(tmp_path: Path, private_home: Path, _demo_template: _Template) -> Iterator[Station]:
    made = copy_demo_station(tmp_path / "data", private_home, _demo_template)
    yield made
    made.db.close()
