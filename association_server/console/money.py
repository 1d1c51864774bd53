"""Totals of the donations received, per period, station, kind or designation, and the
donations of one station and day (the drill-down), from the receipt table.

Void donations are left out.  A period is a range of business days (the station's local
date), so the association's totals match the stations' own day closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Engine, and_, func, select

from association_server.console.officials import parse_day
from association_server.db import read_transaction
from association_server.models import ReceiptRow

_R = ReceiptRow.__table__
GROUPS = ("station", "kind", "designation", "day", "month")


@dataclass(frozen=True, slots=True)
class Filters:
    day_from: str
    day_to: str
    station: str = ""
    kind: str = ""
    designation: str = ""
    group: str = "station"


@dataclass(frozen=True, slots=True)
class Total:
    key: str
    donations: int
    amount_fen: int


def month_bounds(today: date | None = None) -> tuple[str, str]:
    today = today or date.today()
    first = today.replace(day=1)
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first.isoformat(), date.fromordinal(nxt.toordinal() - 1).isoformat()


def make_filters(
    day_from: str, day_to: str, station: str, kind: str, designation: str, group: str
) -> Filters:
    default_from, default_to = month_bounds()
    return Filters(
        parse_day(day_from) or default_from,
        parse_day(day_to) or default_to,
        station.strip().upper()[:32],
        kind.strip()[:10],
        designation.strip()[:40],
        group if group in GROUPS else "station",
    )


def _where(f: Filters) -> ColumnElement[bool]:
    conds = [
        _R.c.voided_at.is_(None),
        _R.c.business_day >= f.day_from,
        _R.c.business_day <= f.day_to,
    ]
    if f.station:
        conds.append(_R.c.station_code == f.station)
    if f.kind:
        conds.append(_R.c.kind == f.kind)
    if f.designation:
        conds.append(_R.c.designation == f.designation)
    return and_(*conds)


def totals(engine: Engine, f: Filters) -> list[Total]:
    column = {
        "station": _R.c.station_code,
        "kind": _R.c.kind,
        "designation": _R.c.designation,
        "day": _R.c.business_day,
        "month": func.substr(_R.c.business_day, 1, 7),
    }[f.group]
    query = (
        select(column.label("key"), func.count().label("n"), func.sum(_R.c.amount_fen).label("fen"))
        .where(_where(f))
        .group_by(column)
        .order_by(column)
    )
    with read_transaction(engine) as conn:
        return [Total(r.key or "", r.n, int(r.fen or 0)) for r in conn.execute(query)]


@dataclass(frozen=True, slots=True)
class Donation:
    number: str
    issued_at: str
    kind: str | None
    amount_fen: int
    donor_masked: str | None
    designation: str | None
    voided_at: str | None
    official_receipt_number: str | None


def station_day(engine: Engine, station: str, day: str) -> list[Donation]:
    """Every donation (void ones too, marked) a station recorded on one business day."""
    query = (
        select(_R)
        .where(and_(_R.c.station_code == station.strip().upper(), _R.c.business_day == day))
        .order_by(_R.c.number)
    )
    with read_transaction(engine) as conn:
        return [
            Donation(
                r.number,
                r.issued_at,
                r.kind,
                r.amount_fen,
                r.donor_masked,
                r.designation,
                r.voided_at,
                r.official_receipt_number,
            )
            for r in conn.execute(query)
        ]


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}" if fen >= 0 else "-" + yuan(-fen)
