"""What the station knows about its syncs, read from ``sync_run`` and the ledger.

The Sync panel and the status bar show this instead of remembering what happened in
memory: a sync run from the command line, a crash in the middle of a run or a restored
backup is then shown as it really is at the next read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, func, select

from station_app.storage.database import StationDatabase
from station_app.storage.models import LedgerEntryRow, SyncRun

_RUN, _LED = SyncRun.__table__, LedgerEntryRow.__table__

#: Outcomes that say nothing about the connection: another run held the lock, so this
#: attempt never spoke to the association.
NOT_AN_ATTEMPT = ("busy",)


@dataclass(frozen=True, slots=True)
class SyncRunRecord:
    """One row of ``sync_run``; ``finished_at``/``outcome`` are None while it runs."""

    id: int
    started_at: str
    finished_at: str | None
    entries_sent: int
    acked_seq: int | None
    outcome: str | None
    error: str | None


@dataclass(frozen=True, slots=True)
class SyncOverview:
    """Where the station's ledger stands against the association, plus recent runs."""

    head_seq: int  # the station's newest ledger entry
    acked_seq: int  # newest entry the association has acknowledged (0: none)
    pending: int  # entries not yet acknowledged
    runs: list[SyncRunRecord]


def _record(row: Row[Any]) -> SyncRunRecord:
    return SyncRunRecord(
        id=row.id,
        started_at=row.started_at,
        finished_at=row.finished_at,
        entries_sent=int(row.entries_sent or 0),
        acked_seq=row.acked_seq,
        outcome=row.outcome,
        error=row.error,
    )


def last_attempt(conn: Connection) -> SyncRunRecord | None:
    """The newest finished run that really tried to reach the association."""
    row = conn.execute(
        select(_RUN)
        .where(_RUN.c.finished_at.is_not(None), _RUN.c.outcome.not_in(NOT_AN_ATTEMPT))
        .order_by(_RUN.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else _record(row)


def recent_runs(db: StationDatabase, limit: int = 50) -> list[SyncRunRecord]:
    """The newest ``limit`` runs, newest first."""
    with db.read() as conn:
        rows = conn.execute(select(_RUN).order_by(_RUN.c.id.desc()).limit(limit)).all()
    return [_record(r) for r in rows]


def sync_overview(db: StationDatabase, limit: int = 50) -> SyncOverview:
    """Ledger head, acknowledged position and history, read in one transaction."""
    with db.read() as conn:
        head = conn.execute(select(func.coalesce(func.max(_LED.c.seq), 0))).scalar_one()
        acked = conn.execute(
            select(func.coalesce(func.max(_LED.c.seq), 0)).where(_LED.c.synced_batch.is_not(None))
        ).scalar_one()
        pending = conn.execute(
            select(func.count()).select_from(_LED).where(_LED.c.synced_batch.is_(None))
        ).scalar_one()
        rows = conn.execute(select(_RUN).order_by(_RUN.c.id.desc()).limit(limit)).all()
    return SyncOverview(int(head), int(acked), int(pending), [_record(r) for r in rows])
