"""Checking the live station database when a command or the desk opens it.

Start-up must not grow with the ledger: it checks only what was added since the last
verified point (``row_check``), then moves the point forward.  Without the signing key
(the keyring is locked) there is no trusted point, so the check is the full one.  A
database written by an older version gets the checks it can have before its upgrade.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from station_app.domain import signing
from station_app.domain.station_time import from_iso, to_iso, utc_now
from station_app.services import backup_checks
from station_app.services.backup_checks import FileCheck
from station_app.services.row_check import check_rows
from station_app.services.verified_point import load_point, mac_key, save_point
from station_app.storage import sqlite_files as files
from station_app.storage.migrate import HEAD_REVISION

log = logging.getLogger(__name__)

SigningKeyFor = Callable[[str], bytes | None]


def _not_ours(path: Path, detail: str) -> FileCheck:
    return FileCheck(
        path,
        "这不是本程序的站点数据库,或其中的表无法读取",
        "This is not a station database of this program, or its tables cannot be read.",
        detail,
    )


def check_live_database(path: Path, signing_key_for: SigningKeyFor | None = None) -> FileCheck:
    """Is the database at ``path`` fit to open?  Incremental when a verified point holds."""
    try:
        con = files.open_existing(path)
        try:
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except files.UNREADABLE as exc:
        if "no such table" in str(exc):
            return backup_checks.check_file(path, read_only=False)  # an empty, new schema
        return _not_ours(path, str(exc))
    if revision is None or revision[0] != HEAD_REVISION:
        return backup_checks.check_file(path, read_only=False)
    code = backup_checks.station_code_of(path, read_only=False)
    key = None
    if code is not None and signing_key_for is not None:
        key = signing_key_for(code)
    try:
        with backup_checks.file_database(path, read_only=False) as db:
            with db.read() as conn:
                point = load_point(conn, mac_key(key) if key else None)
                pk = conn.execute(text("SELECT public_key FROM station")).scalar()
                public = None
                if pk is not None:
                    try:
                        public = signing.decode_key(pk)
                    except ValueError:
                        public = b""
                report = check_rows(conn, station_code=code, public_key=public, point=point)
            if report.ok and key is not None:
                with db.write() as conn:
                    save_point(
                        conn,
                        mac_key(key),
                        report,
                        at=to_iso(utc_now()),
                        previous_full=point.full_checked_at if point else None,
                    )
    except files.UNREADABLE_OR_REFUSED as exc:
        return _not_ours(path, str(getattr(exc, "orig", exc)))
    if not report.ok:
        zh, en = report.first_problem()
        log.error("station database fails its check: %s", en)
        return FileCheck(path, zh, en, en, code, report.entries, HEAD_REVISION)
    return FileCheck(path, None, None, None, code, report.head_seq, HEAD_REVISION)


#: How often the desk checks everything (rows, signatures, SQLite's integrity) in the
#: background; the start-up check in between covers only what was added.
FULL_CHECK_EVERY = timedelta(days=1)


def full_check_if_due(
    path: Path, signing_key: bytes | None, *, now: datetime | None = None
) -> FileCheck | None:
    """Run the full check when the last one is older than a day; None when not due.

    Reads in one snapshot while the desk works on.  A pass moves the verified point (and
    its full-check time); a failure removes the point, so the next start checks
    everything again and refuses to open the station, as for any damaged database.
    """
    when = now or utc_now()
    key = mac_key(signing_key) if signing_key else None
    if key is None:
        return None
    with backup_checks.file_database(path, read_only=False) as db:
        with db.read() as conn:
            point = load_point(conn, key)
        last_full = point.full_checked_at if point is not None else None
        if last_full is not None and when - from_iso(last_full) < FULL_CHECK_EVERY:
            return None
        problem = files.integrity_problem(path)
        with db.read() as conn:
            code = conn.execute(text("SELECT code FROM station")).scalar()
            pk = conn.execute(text("SELECT public_key FROM station")).scalar()
            public = signing.decode_key(pk) if pk else None
            report = check_rows(conn, station_code=code, public_key=public)
        if problem is None and report.ok:
            with db.write() as conn:
                save_point(conn, key, report, at=to_iso(when), previous_full=None)
            return FileCheck(path, None, None, None, code, report.head_seq, HEAD_REVISION)
        with db.write() as conn:
            conn.execute(text("DELETE FROM verified_point"))
    if problem is not None:
        zh = "数据库文件已损坏(完整性检查未通过)"
        en = "The database file is damaged (it fails SQLite's integrity check)."
    else:
        zh, en = report.first_problem()
    log.error("the daily full check failed: %s", en)
    return FileCheck(path, zh, en, problem or en, code, report.entries, HEAD_REVISION)
