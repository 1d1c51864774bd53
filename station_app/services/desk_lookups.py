"""What the desk looks up beside the day's list: today's figures, a donor's history
across all dates, earlier donors' names for completion, a scanned receipt.

Read-only, one short read each; the day's figures come from the same rows the day
close adds up, so the panel and the close never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from station_app.domain.entry_types import EntryType
from station_app.domain.errors import DomainError
from station_app.domain.receipt_qr import parse_receipt_url
from station_app.domain.station_time import local_date, utc_now
from station_app.services.donation_queries import DonationFilter, list_donations
from station_app.services.donation_recording import open_business_day
from station_app.services.records import DonationRow
from station_app.storage.database import StationDatabase
from station_app.storage.models import Donation, LedgerEntryRow, Receipt

_DON, _LED, _REC = Donation.__table__, LedgerEntryRow.__table__, Receipt.__table__

#: How many earlier donors' names the completion offers (the newest first).
MAX_NAMES = 5000
#: A donor's history shows at most this many donations (the newest first).
MAX_HISTORY = 500


@dataclass(frozen=True, slots=True)
class TodaySummary:
    business_day: str
    count: int
    total_fen: int
    by_kind: dict[str, tuple[int, int]]  # kind -> (count, fen)
    cash_expected_fen: int  # what the cash box should hold from today's donations
    unsynced_donations: int  # donations not yet acknowledged by the association
    unsynced_entries: int  # every ledger entry waiting (prints, voids, … too)


def today_summary(db: StationDatabase, *, clock: Callable[[], datetime] = utc_now) -> TodaySummary:
    with db.read() as conn:
        day, _skipped = open_business_day(conn, local_date(clock()))
        rows = conn.execute(
            select(_DON.c.kind, func.count(), func.sum(_DON.c.amount_fen))
            .where(_DON.c.business_day == day.isoformat(), _DON.c.status == "recorded")
            .group_by(_DON.c.kind)
        ).all()
        pending = conn.execute(
            select(_LED.c.type, func.count())
            .where(_LED.c.synced_batch.is_(None))
            .group_by(_LED.c.type)
        ).all()
    by_kind = {str(k): (int(n), int(fen or 0)) for k, n, fen in rows}
    waiting = {str(t): int(n) for t, n in pending}
    return TodaySummary(
        business_day=day.isoformat(),
        count=sum(n for n, _ in by_kind.values()),
        total_fen=sum(f for _, f in by_kind.values()),
        by_kind=by_kind,
        cash_expected_fen=by_kind.get("cash", (0, 0))[1],
        unsynced_donations=waiting.get(EntryType.DONATION_RECORDED.value, 0),
        unsynced_entries=sum(waiting.values()),
    )


def donor_names(db: StationDatabase, limit: int = MAX_NAMES) -> list[str]:
    """Earlier donors' names, the most recent first (local only: never sent anywhere)."""
    with db.read() as conn:
        rows = conn.execute(
            select(_DON.c.donor_name)
            .where(_DON.c.donor_name.is_not(None))
            .group_by(_DON.c.donor_name)
            .order_by(func.max(_DON.c.id).desc())
            .limit(limit)
        ).scalars()
        return [str(r) for r in rows]


def donor_history(db: StationDatabase, name: str) -> list[DonationRow]:
    """Every donation whose donor name contains ``name``, on any date, voids included."""
    return list_donations(db, DonationFilter(donor=name, include_voided=True), limit=MAX_HISTORY)


def scanned_receipt(text: str) -> str | None:
    """The receipt number in a scanned QR URL or a typed full number; None when the
    text is a name (the search box takes both: a USB scanner types the URL, then Enter)."""
    text = text.strip()
    if "://" in text:  # a scan typed after a name left in the box: the URL is the end
        text = text[max(0, text.rfind("http", 0, text.find("://") + 1)) :]
    elif "/r/" in text:  # the QR of a station with no address at all, maybe after a name
        text = text[text.find("/r/") :]
    elif text.count("-") < 3:
        return None
    for candidate in (text, text.split("?")[0]):  # the number even if the s= was mangled
        try:
            return parse_receipt_url(candidate)[0]
        except DomainError:
            continue
    return None


def receipt_exists(db: StationDatabase, number: str) -> bool:
    with db.read() as conn:
        return conn.execute(select(_REC.c.id).where(_REC.c.number == number)).first() is not None
