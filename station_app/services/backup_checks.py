"""Whether a station database file (live, backup or set aside) can be trusted.

A backup only counts once the copy itself has passed ``PRAGMA integrity_check`` and a
full ledger verification: a copy of a silently damaged database is worse than none.
These checks open the file without migrations or journal changes (``file_database``),
so checking a backup changes nothing in it; they are shared by the backups, the restore
and the start-up check.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from station_app.storage import sqlite_files as files
from station_app.storage.database import StationDatabase

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What a database file holds and whether it can be trusted."""

    path: Path
    problem_zh: str | None = None
    problem_en: str | None = None
    detail: str | None = None
    station_code: str | None = None
    entries: int = 0
    revision: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem_en is None


@contextmanager
def file_database(path: Path, *, read_only: bool) -> Iterator[StationDatabase]:
    """A :class:`StationDatabase` on ``path`` without migrations or journal changes.

    ``StationDatabase.open`` would upgrade the schema and switch the file to WAL mode;
    checking a backup must change nothing in it.
    """
    engine = create_engine(
        "sqlite://",
        creator=lambda: files.open_existing(path, read_only=read_only),
        poolclass=NullPool,
    )
    try:
        yield StationDatabase(engine, path)
    finally:
        engine.dispose()


def read_scalar(path: Path, sql: str, *, read_only: bool = True) -> object:
    con = files.open_existing(path, read_only=read_only)
    try:
        row = con.execute(sql).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def station_code_of(path: Path, *, read_only: bool = True) -> str | None:
    """The station code stored in a database file; ``None`` if absent or unreadable."""
    try:
        value = read_scalar(path, "SELECT code FROM station LIMIT 1", read_only=read_only)
    except files.UNREADABLE:
        return None
    return str(value) if value is not None else None


def known_revision(revision: str | None) -> bool:
    from alembic.script import ScriptDirectory

    from station_app.storage.migrate import alembic_config

    if revision is None:
        return True
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except Exception:  # alembic raises several kinds for an unknown revision
        return False
    return True


def check_file(path: Path, *, read_only: bool = True, rows: bool = True) -> FileCheck:
    """Integrity check, station code, schema revision and full ledger verification.

    ``read_only`` is for backups (nothing may change in them); the live database is
    checked read-write so SQLite can first replay a ``-wal`` left by a power cut.
    ``rows=False`` checks the hash chain but not every row against it nor every receipt's
    signature: what a fresh backup copy needs (a copy is page for page what SQLite had;
    the chain proves nothing was damaged on the way), at a fraction of the time on a big
    ledger.  A restore and the recovery offer check everything.
    """
    from station_app.services.ledger_check import verify_ledger

    problem = files.integrity_problem(path)
    if problem is not None:
        return FileCheck(
            path,
            "数据库文件已损坏(完整性检查未通过)",
            "The database file is damaged (it fails SQLite's integrity check).",
            problem,
        )
    try:
        code = station_code_of(path, read_only=read_only)
        revision = read_scalar(path, "SELECT version_num FROM alembic_version", read_only=read_only)
        with file_database(path, read_only=read_only) as db:
            report = verify_ledger(db, rows=rows)
    except files.UNREADABLE_OR_REFUSED as exc:
        return FileCheck(
            path,
            "这不是本程序的站点数据库,或其中的表无法读取",
            "This is not a station database of this program, or its tables cannot be read.",
            str(getattr(exc, "orig", exc)),
        )
    rev = str(revision) if revision is not None else None
    if report.broken is not None:
        return FileCheck(
            path,
            f"账本在第 {report.broken.seq} 条处断开,记录可能被改动或损坏",
            f"The ledger is broken at entry {report.broken.seq}; records may have been "
            "altered or damaged.",
            report.broken.reason,
            code,
            report.entries,
            rev,
        )
    if not report.ok:
        return FileCheck(
            path, report.problem_zh, report.problem_en, report.problem_en, code, report.entries, rev
        )
    return FileCheck(path, None, None, None, code, report.entries, rev)


# -- listing and pruning -----------------------------------------------------------------
