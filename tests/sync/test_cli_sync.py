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
