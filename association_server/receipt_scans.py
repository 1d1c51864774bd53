"""Receipts a donor scanned before the association received them: the "unsynced age".

A station that issues receipts but does not sync hides how far behind it is; a donor's
scan of a genuine receipt the receiver has not received yet tells the association that
the station held that receipt at least since it was issued.  Only a scan whose signature
verified under the station's enrolled key is kept (only the receipt's holder can make
one), one row per receipt, at most :data:`MAX_PENDING_PER_STATION` not yet received per
station, so no client can fill the database.  A scan is never a reason for the donor's
page to fail: anything the database says here is logged and forgotten.

Rows of receipts that have since arrived are not shown (the page joins with
``receipt``) and are pruned on the next scan of that station.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, and_, delete, exists, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from association_server.clock import now_iso
from association_server.db import read_transaction, write_transaction
from association_server.models import ReceiptRow, ReceiptScanRow
from station_app.domain.station_time import from_iso

log = logging.getLogger(__name__)
_SC, _R = ReceiptScanRow.__table__, ReceiptRow.__table__
#: Receipts scanned but not received kept per station; more are not needed to tell an age.
MAX_PENDING_PER_STATION = 200


def record_scan(
    engine: Engine, station_code: str, number: str, amount_fen: int, issued_at: str
) -> None:
    """Remember a verified scan of ``number``, not yet received (never raises)."""
    try:
        with read_transaction(engine) as conn:  # scanned before: no write lock at all
            if conn.execute(select(_SC.c.number).where(_SC.c.number == number)).first():
                return
        with write_transaction(engine) as conn:
            _record(conn, station_code, number, amount_fen, issued_at)
    except SQLAlchemyError as err:  # e.g. the same receipt scanned twice at once
        log.info("receipt scan of %s not kept: %s", number, type(err).__name__)


def _record(conn: Connection, code: str, number: str, amount_fen: int, issued_at: str) -> None:
    mine = _SC.c.station_code == code
    if conn.execute(select(_SC.c.number).where(_SC.c.number == number)).first():
        return  # one row per receipt: the first time it was seen is what counts
    arrived = exists().where(_R.c.number == _SC.c.number)
    conn.execute(delete(_SC).where(and_(mine, arrived)))
    pending = conn.execute(select(func.count()).select_from(_SC).where(mine)).scalar() or 0
    if pending >= MAX_PENDING_PER_STATION:
        return
    conn.execute(
        insert(_SC).values(
            number=number,
            station_code=code,
            amount_fen=amount_fen,
            issued_at=issued_at,
            first_seen_at=now_iso(),
        )
    )


@dataclass(frozen=True, slots=True)
class Unsynced:
    """What donors' scans say about one station's receipts not yet received."""

    receipts: int  # scanned, genuine, not received
    newest_number: str
    newest_issued_at: str
    first_seen_at: str  # when a donor first scanned that newest one

    def age_days(self, now: datetime | None = None) -> int:
        """Whole days since the newest such receipt was issued (0 if the clock disagrees)."""
        now = now or datetime.now(UTC)
        try:
            return max(0, (now - from_iso(self.newest_issued_at)).days)
        except ValueError:
            return 0


def unsynced_by_station(
    conn: Connection, codes: Iterable[str] | None = None
) -> dict[str, Unsynced]:
    """Station → its scanned receipts not received yet (stations without any are absent)."""
    arrived = exists().where(_R.c.number == _SC.c.number)
    query = (
        select(_SC.c.station_code, _SC.c.number, _SC.c.issued_at, _SC.c.first_seen_at)
        .where(~arrived)
        .order_by(_SC.c.station_code, _SC.c.issued_at, _SC.c.number)
    )
    if codes is not None:
        query = query.where(_SC.c.station_code.in_(list(codes)))
    counts: dict[str, int] = {}
    newest: dict[str, Unsynced] = {}
    for r in conn.execute(query):
        counts[r.station_code] = counts.get(r.station_code, 0) + 1
        newest[r.station_code] = Unsynced(0, r.number, r.issued_at, r.first_seen_at)
    return {
        code: Unsynced(counts[code], u.newest_number, u.newest_issued_at, u.first_seen_at)
        for code, u in newest.items()
    }
