"""The receiver's clock, in the same text form the stations use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from station_app.domain.station_time import to_iso


def now_iso() -> str:
    return to_iso(datetime.now(UTC))


def in_days_iso(days: int) -> str:
    return to_iso(datetime.now(UTC) + timedelta(days=days))
