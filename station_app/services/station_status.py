"""What the status bar says, read from the database every time.

The pending-entries count and the last sync are queried, never kept in memory, so the
status bar cannot drift from what is really waiting: a crash, a second process (the CLI
``sync``) or a restore all show up at the next refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from station_app.domain.station_time import local_date, utc_now
from station_app.services.donation_recording import open_business_day
from station_app.services.sync_history import last_attempt
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import association_url
from station_app.storage.models import LedgerEntryRow, SyncRun

_LED, _SYNC = LedgerEntryRow.__table__, SyncRun.__table__

#: ``sync_run.outcome`` values that mean "the association acknowledged what was sent".
SUCCESS_OUTCOMES = ("ok", "success", "succeeded", "completed")


@dataclass(frozen=True, slots=True)
class StationStatus:
    pending_entries: int  # ledger entries with synced_batch IS NULL
    last_sync_at: str | None  # finished_at of the last successful sync_run (UTC ISO)
    today: str  # the station's calendar date
    business_day: str  # the day a donation recorded now falls on
    today_closed: bool  # True when today is closed and new records move to business_day
    #: The newest finished sync attempt ("online" = it reached the association): its
    #: ``sync_run.outcome`` and ``finished_at``; None when the station never tried.
    last_attempt_outcome: str | None = None
    last_attempt_at: str | None = None
    #: False for a station set up offline that has not enrolled anywhere yet.
    has_address: bool = True


def station_status(
    db: StationDatabase, *, clock: Callable[[], datetime] = utc_now
) -> StationStatus:
    today = local_date(clock())
    with db.read() as conn:
        pending = conn.execute(
            select(func.count()).select_from(_LED).where(_LED.c.synced_batch.is_(None))
        ).scalar_one()
        last = conn.execute(
            select(_SYNC.c.finished_at)
            .where(_SYNC.c.outcome.in_(SUCCESS_OUTCOMES), _SYNC.c.finished_at.is_not(None))
            .order_by(_SYNC.c.id.desc())
            .limit(1)
        ).scalar()
        day, skipped = open_business_day(conn, today)
        attempt = last_attempt(conn)
        address = association_url(conn)
    return StationStatus(
        pending_entries=int(pending),
        last_sync_at=last,
        today=today.isoformat(),
        business_day=day.isoformat(),
        today_closed=skipped is not None,
        last_attempt_outcome=attempt.outcome if attempt else None,
        last_attempt_at=attempt.finished_at if attempt else None,
        has_address=bool(address),
    )
