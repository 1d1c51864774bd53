"""``association-server``'s admin commands, as the association's staff type them.

Every command runs as its own process (``python -m association_server``) on one SQLite
database while the real receiver serves it, and a real station enrols, syncs, loses its
token and enrols again in between.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from association_server.db import make_engine
from station_app.services.enrolment import enrol_station
from station_app.services.station_sync import sync_station
from station_app.storage.models import Designation
from station_app.sync.sync_messages import Outcome
from tests.conftest import REPO
from tests.sync.checks import assert_equal_ledgers
from tests.sync.harness import Receiver, new_station

CODE_RE = re.compile(r"[2-9A-Z]{4}(?:-[2-9A-Z]{4}){3}")


def _admin(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "association_server", *args, "--db", db_url],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def _ok(db_url: str, *args: str) -> str:
    done = _admin(db_url, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _refused(db_url: str, *args: str) -> str:
    """Exit 2 with one sentence on stderr, never a traceback."""
    done = _admin(db_url, *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and done.stderr.strip().count("\n") == 0
    return done.stderr.strip()


def _station_row(db_url: str, code: str) -> list[str]:
    """The columns of ``station list`` for one station."""
    [row] = [line for line in _ok(db_url, "station", "list").splitlines() if code in line]
    return row.split()


def test_the_associations_admin_commands(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'association.sqlite3'}"
    assert "current" in _ok(db_url, "migrate")
    _ok(db_url, "designation", "put", "WXY", "微心愿", "--category", "project")
    _ok(db_url, "designation", "put", "OLD", "旧项目")
    _ok(db_url, "designation", "deactivate", "OLD")
    listing = _ok(db_url, "designation", "list")
    assert re.search(r"^WXY\s+project\s+微心愿$", listing, re.M)
    assert re.search(r"^OLD\s+project\s+旧项目 \(inactive\)$", listing, re.M)

    receiver = Receiver(db_url, tmp_path).start()
    try:
        st = new_station(tmp_path / "stations", association_url=receiver.url)
        added = _ok(db_url, "station", "add", st.code.lower(), "--name", "北京街捐赠站")
        found = CODE_RE.search(added)
        assert found and st.code in added
        assert st.code in _refused(db_url, "station", "add", st.code)
        assert _station_row(db_url, st.code)[1] == "no"  # not enrolled yet

        enrol_station(st.db, st.keys, st.coordinator, found.group(0), association_url=receiver.url)
        st.record(7)
        assert sync_station(st.db, st.keys).ok
        engine = make_engine(db_url)
        assert_equal_ledgers(st, engine)
        enrolled, acked, entries, receipts, incidents = _station_row(db_url, st.code)[1:6]
        assert (enrolled, receipts, incidents) == ("yes", "7", "0")
        assert int(acked) == int(entries) == len(st.entries())
        seqs = [
            int(line.split()[0]) for line in _ok(db_url, "station", "entries", st.code).splitlines()
        ]
        assert seqs == list(range(1, len(st.entries()) + 1))
        with st.db.read() as conn:  # the sync pulled the association's designations
            assert "WXY" in set(conn.execute(select(Designation.__table__.c.code)).scalars())

        assert "revoked" in _ok(db_url, "station", "revoke", st.code)
        st.record(1)
        refused = sync_station(st.db, st.keys)
        assert refused.outcome is Outcome.REFUSED and refused.refusal_code == "unauthorized"
        fresh = CODE_RE.search(_ok(db_url, "station", "enrolment-code", st.code))
        assert fresh and fresh.group(0) != found.group(0)
        enrol_station(
            st.db, st.keys, st.coordinator, fresh.group(0).lower().replace("-", " ")
        )  # as typed
        assert sync_station(st.db, st.keys).ok
        assert_equal_ledgers(st, engine)
        assert _ok(db_url, "incidents", "--station", st.code) == ""
        engine.dispose()
    finally:
        receiver.stop()
        st.db.close()

    assert "No station" in _refused(db_url, "station", "revoke", "GZ-NO-0000")
    assert "go together" in _refused(db_url, "serve", "--tls-cert", str(tmp_path / "x.pem"))
    missing = str(tmp_path / "missing.pem")
    assert "No such file" in _refused(db_url, "serve", "--tls-cert", missing, "--tls-key", missing)
