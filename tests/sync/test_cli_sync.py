"""`station-app enrol` and `station-app sync`, as a station's IT helper runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import partial

from association_server import admin
from tests.conftest import REPO
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation, new_station


def _station_app(station: SyncStation, *args: str) -> subprocess.CompletedProcess[str]:
    """``station-app ARGS --data-dir …`` in English, as a station's IT helper types it."""
    return subprocess.run(
        [sys.executable, "-m", "station_app", *args, "--data-dir", str(station.paths.root)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "STATION_APP_LANG": "en"},
    )


def test_enrol_then_sync_from_the_command_line(sqlite_deployment: Deployment, tmp_path) -> None:  # type: ignore[no-untyped-def]
    station = new_station(tmp_path, association_url=sqlite_deployment.url)
    station.record(30)
    station.db.close()
    run = partial(_station_app, station)

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
    code = admin.create_station(sqlite_deployment.engine, station.code, "测试捐赠站")
    for args in (("enrol", code), ("sync",), ("backup",), ("export", str(tmp_path / "x.csv"))):
        done = _station_app(station, *args)
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


def test_the_token_is_never_sent_over_plain_http_to_another_computer(
    sqlite_deployment: Deployment, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """``sync --url http://…`` to a non-loopback address is refused before connecting.

    ``http://0.0.0.0:<port>`` reaches the real receiver listening on 127.0.0.1 on Linux, so
    without the check this sync would succeed and send the token in clear text.
    """
    from urllib.parse import urlsplit

    from sqlalchemy import select

    from station_app.storage.database import StationDatabase
    from station_app.storage.models import SyncRun

    station = new_station(tmp_path, association_url=sqlite_deployment.url)
    code = admin.create_station(sqlite_deployment.engine, station.code, "测试捐赠站")
    station.record(4)
    station.db.close()
    run = partial(_station_app, station)

    assert run("enrol", code).returncode == 0
    port = urlsplit(sqlite_deployment.url).port
    refused = run("sync", "--url", f"http://0.0.0.0:{port}")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "https://" in refused.stdout and "nothing was sent" in refused.stdout
    assert admin.stored_entries(sqlite_deployment.engine, station.code) == []
    station.db = StationDatabase.open(station.paths.database)
    with station.db.read() as conn:
        last = conn.execute(select(SyncRun.__table__).order_by(SyncRun.__table__.c.id)).all()[-1]
    assert (last.outcome, last.entries_sent) == ("refused", 0)
    station.db.close()
    assert run("sync").returncode == 0  # the enrolled https-or-loopback address still works
    assert len(admin.stored_entries(sqlite_deployment.engine, station.code)) > 4
