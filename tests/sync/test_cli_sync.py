"""`station-app enrol` and `station-app sync`, as a station's IT helper runs them."""

from __future__ import annotations

import os
import subprocess
import sys

from association_server import admin
from tests.conftest import REPO
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.harness import new_station


def test_enrol_then_sync_from_the_command_line(sqlite_deployment: Deployment, tmp_path) -> None:  # type: ignore[no-untyped-def]
    station = new_station(tmp_path, association_url=sqlite_deployment.url)
    station.record(30)
    station.db.close()
    env = {**os.environ, "STATION_APP_LANG": "en"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "station_app", *args, "--data-dir", str(station.paths.root)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
        )

    not_yet = run("sync")
    assert not_yet.returncode == 2 and "Traceback" not in not_yet.stderr
    wrong = run("enrol", "not-the-code")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    code = admin.create_station(sqlite_deployment.engine, station.code, "测试捐赠站")
    enrolled = run("enrol", code)
    assert enrolled.returncode == 0, enrolled.stderr
    assert code not in enrolled.stdout  # the one-time code is not echoed back
    synced = run("sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    again = run("sync")
    assert again.returncode == 0
    from station_app.storage.database import StationDatabase

    station.db = StationDatabase.open(station.paths.database)
    assert station.unsynced() == 0
    assert_equal_ledgers(station, sqlite_deployment.engine)
    station.db.close()


def test_secrets_never_reach_the_data_folder(sqlite_deployment: Deployment, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """After enrolment, a sync and a backup: no file of the station holds a secret."""
    import base64

    from station_app.keystore import KeyStore

    station = new_station(tmp_path, association_url=sqlite_deployment.url)
    station.record(5)
    station.db.close()
    env = {**os.environ, "STATION_APP_LANG": "en"}
    code = admin.create_station(sqlite_deployment.engine, station.code, "测试捐赠站")
    for args in (("enrol", code), ("sync",), ("backup",), ("export", str(tmp_path / "x.csv"))):
        done = subprocess.run(
            [sys.executable, "-m", "station_app", *args, "--data-dir", str(station.paths.root)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        assert code not in done.stdout + done.stderr
    keys = KeyStore(station.code)
    token, key = keys.get_sync_token(), keys.get_signing_key()
    assert token and key
    needles = [token.encode(), key, base64.b64encode(key), base64.urlsafe_b64encode(key)]
    files = [p for p in station.paths.root.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in files) and any("log" in p.name for p in files)
    for path in files:
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, f"a secret is in {path.name}"
