"""Time as the station and the association write it.

Instants are stored and signed as ISO-8601 UTC text with whole seconds; the business
day is the date on the station's wall clock (China Standard Time), which is what a
coordinator means by "today" when closing the day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _china_tz() -> tzinfo:
    """Asia/Shanghai, or fixed UTC+8 where no tz database exists (Windows without tzdata).

    China has had no daylight saving time since 1991, so the fallback tells the same time.
    """
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:
        return timezone(timedelta(hours=8), "CST")


#: The station's wall clock: the one definition for the station, receipts and reports.
STATION_TZ: tzinfo = _china_tz()


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def to_iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        raise ValueError("naive datetimes are not allowed; use UTC")
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def local_date(dt: datetime) -> date:
    return dt.astimezone(STATION_TZ).date()


def local_text(iso_utc: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time as the station's wall clock shows it."""
    return from_iso(iso_utc).astimezone(STATION_TZ).strftime(fmt)


def next_day(day: date) -> date:
    return day + timedelta(days=1)
