"""The full check of a station database: the chain, every row against its entry, every
receipt's signature, and the append-only triggers (see ``row_check``).

A database at an older schema revision (a backup made by an earlier version) gets the
chain check only: its tables predate the row check, and opening it upgrades it, after
which the full check applies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from station_app.domain import signing
from station_app.domain.ledger import ChainBreak, LedgerEntry, verify_chain
from station_app.domain.row_facts import Mismatch
from station_app.services.ledger_writer import iter_entries
from station_app.services.row_check import check_rows
from station_app.storage.database import StationDatabase
from station_app.storage.migrate import HEAD_REVISION


@dataclass(frozen=True, slots=True)
class LedgerReport:
    entries: int
    head_hash: str | None
    broken: ChainBreak | None
    mismatches: tuple[Mismatch, ...] = ()
    missing_triggers: tuple[str, ...] = ()
    problem_zh: str = ""
    problem_en: str = ""
    rows_checked: bool = field(default=True)
    problems: tuple[tuple[str, str], ...] = ()

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.mismatches and not self.missing_triggers


def _revision(conn: Connection) -> str | None:
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (DBAPIError, UnicodeDecodeError):
        return None


def _chain_only(conn: Connection, code: str | None) -> LedgerReport:
    count, head = 0, None

    def counted() -> Iterator[LedgerEntry]:
        nonlocal count, head
        for entry in iter_entries(conn):
            count += 1
            head = entry.hash
            yield entry

    broken = verify_chain(counted(), station=code)
    return LedgerReport(count, head, broken, rows_checked=False)


def verify_ledger(db: StationDatabase, *, rows: bool = True) -> LedgerReport:
    """Everything, from the first entry; reads only (a diagnosis never writes).

    ``rows=False``: the chain only (see ``backup_checks.check_file``)."""
    with db.read() as conn:
        try:
            station = conn.execute(text("SELECT code, public_key FROM station")).first()
            code = station.code if station else None
            if not rows or _revision(conn) != HEAD_REVISION:
                return _chain_only(conn, code)
            public = None
            if station is not None:
                try:
                    public = signing.decode_key(station.public_key)
                except ValueError:
                    public = b""  # a garbled key: every signature check then fails
            report = check_rows(conn, station_code=code, public_key=public)
        except (DBAPIError, UnicodeDecodeError) as exc:  # bytes that are no longer UTF-8
            return LedgerReport(
                0,
                None,
                ChainBreak(1, f"entry cannot be read ({getattr(exc, 'orig', exc)})"),
                rows_checked=False,
            )
    zh, en = report.first_problem()
    return LedgerReport(
        report.entries,
        report.head_hash if report.entries else None,
        report.broken,
        tuple(report.mismatches),
        tuple(report.missing_triggers),
        zh,
        en,
        problems=tuple(report.problems()),
    )
