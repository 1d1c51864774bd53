"""`station-app enrol` and `station-app sync`, as a station's IT helper runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import partial

from association_server import admin
from station_app.domain.passwords import DEMO_PASSWORD
from tests.conftest import REPO
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation, new_station


def _station_app(
    station: SyncStation, *args: str, who: str | None = None, password: str = DEMO_PASSWORD
) -> subprocess.CompletedProcess[str]:
    """``station-app ARGS --data-dir …`` in English, as a station's IT helper types it;
    ``who`` acts, their password given as a script gives it."""
    person = ("--operator", who, "--password-env", "DESK_PW") if who else ()
    return subprocess.run(
        [sys.executable, "-m", "station_app", *args, "--data-dir", str(station.paths.root),
         *person],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "STATION_APP_LANG": "en", "DESK_PW": password},
    )  # fmt: skip


def test_enrol_then_sync_from_the_command_line(sqlite_deployment: Deployment, tmp_path) -> None:  # type: ignore[no-untyped-def]
    station = new_station(tmp_path, association_url=sqlite_deployment.url)
    station.record(30)
    station.db.close()
    run = partial(_station_app, station)

    not_yet = run("sync")
    assert not_yet.returncode == 2 and "Traceback" not in not_yet.stderr
    wrong = run("enrol", "not-the-code", who="陈主任")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    code = admin.create_station(sqlite_deployment.engine, station.code, "测试捐赠站")
    nobody = run("enrol", code)
    assert nobody.returncode == 2 and "--operator" in nobody.stderr
    enrolled = run("enrol", code, who="陈主任")
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
        done = _station_app(station, *args, who=None if args[0] == "sync" else "陈主任")
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


def test_the_token_goes_only_to_the_enrolled_address(
    sqlite_deployment: Deployment, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """``sync --url`` names any other address (a fake receiver, plain http to another
    computer): refused before connecting, nothing sent; the enrolled address still works.

    ``http://0.0.0.0:<port>`` reaches the real receiver listening on 127.0.0.1 on Linux, so
    without the check this sync would succeed and send the token in clear text.
    """
    from urllib.parse import urlsplit

    station = new_station(tmp_path, association_url=sqlite_deployment.url)
    code = admin.create_station(sqlite_deployment.engine, station.code, "测试捐赠站")
    station.record(4)
    station.db.close()
    run = partial(_station_app, station)

    assert run("enrol", code, who="陈主任").returncode == 0
    port = urlsplit(sqlite_deployment.url).port
    for elsewhere, why in (
        (f"http://0.0.0.0:{port}", "must start with https://"),
        ("https://evil.example.org", "only goes to the address this station enrolled with"),
    ):
        refused = run("sync", "--url", elsewhere)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
        assert why in refused.stderr
        assert admin.stored_entries(sqlite_deployment.engine, station.code) == []
    assert run("sync", "--url", sqlite_deployment.url).returncode == 0
    assert run("sync").returncode == 0
    assert len(admin.stored_entries(sqlite_deployment.engine, station.code)) > 4


def test_re_pointing_the_station_needs_the_coordinator(
    sqlite_deployment: Deployment, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """``enrol ANY --url <a fake receiver>`` by someone at the PC: refused without the
    coordinator's password, and nothing about the station changes."""
    import sqlite3

    station = new_station(tmp_path, association_url=sqlite_deployment.url)
    station.db.close()
    fake = "http://127.0.0.1:9"
    for who, password in ((None, DEMO_PASSWORD), ("陈主任", "guessed-wrong-1")):
        r = _station_app(station, "enrol", "ANY-CODE", "--url", fake, who=who, password=password)
        assert r.returncode == 2 and "Traceback" not in r.stderr
    con = sqlite3.connect(station.paths.database)
    try:
        url = con.execute("SELECT association_url FROM station").fetchone()[0]
        sets = con.execute(
            "SELECT count(*) FROM ledger_entry WHERE type = 'station.association_url_set'"
        ).fetchone()[0]
    finally:
        con.close()
    assert url == sqlite_deployment.url and sets == 0
