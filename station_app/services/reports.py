"""Totals for the reports view, the monthly report and the disclosure sheet.

All sums are computed by SQLite over integer fen and leave voided donations out;
voids and reprints are counted separately, as the association asks for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, case, func, select

from station_app.domain.donations import mask_name
from station_app.services.records import DonationRow
from station_app.storage.database import StationDatabase
from station_app.storage.models import Designation, Donation, Operator, Receipt

_DON, _REC, _DES, _OP = (
    Donation.__table__,
    Receipt.__table__,
    Designation.__table__,
    Operator.__table__,
)


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class TotalRow:
    """One line of a report table: a key (period, kind, designation…) and its sums."""

    key: str
    label: str
    count: int
    amount_fen: int


@dataclass(frozen=True, slots=True)
class ReportSummary:
    day_from: date
    day_to: date
    count: int
    amount_fen: int
    receipts: int
    voids: int
    voided_fen: int
    reprints: int
    by_period: tuple[TotalRow, ...]
    by_kind: tuple[TotalRow, ...]
    by_designation: tuple[TotalRow, ...]
    by_operator: tuple[TotalRow, ...]


def period_key(day: date, period: Period) -> str:
    if period is Period.DAY:
        return day.isoformat()
    if period is Period.WEEK:
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return f"{day.year}-{day.month:02d}"


def _in_range(day_from: date, day_to: date) -> ColumnElement[bool]:
    return _DON.c.business_day.between(day_from.isoformat(), day_to.isoformat())


def _grouped(
    conn: Connection,
    column: ColumnElement[Any],
    label: ColumnElement[Any],
    day_from: date,
    day_to: date,
    join: tuple[FromClause, ColumnElement[bool]] | None = None,
) -> tuple[TotalRow, ...]:
    source = _DON if join is None else _DON.join(*join)
    rows = conn.execute(
        select(column, label, func.count(), func.sum(_DON.c.amount_fen))
        .select_from(source)
        .where(_in_range(day_from, day_to), _DON.c.status == "recorded")
        .group_by(column, label)
        .order_by(func.sum(_DON.c.amount_fen).desc())
    )
    return tuple(TotalRow(str(k), str(lbl), int(n), int(fen)) for k, lbl, n, fen in rows)


def report(
    db: StationDatabase, day_from: date, day_to: date, period: Period = Period.DAY
) -> ReportSummary:
    with db.read() as conn:
        per_day = conn.execute(
            select(_DON.c.business_day, func.count(), func.sum(_DON.c.amount_fen))
            .where(_in_range(day_from, day_to), _DON.c.status == "recorded")
            .group_by(_DON.c.business_day)
            .order_by(_DON.c.business_day)
        ).all()
        counts = conn.execute(
            select(
                func.count(),
                func.coalesce(func.sum(case((_DON.c.status == "voided", 1), else_=0)), 0),
                func.coalesce(
                    func.sum(case((_DON.c.status == "voided", _DON.c.amount_fen), else_=0)), 0
                ),
                func.coalesce(
                    func.sum(case((_REC.c.print_count > 1, _REC.c.print_count - 1), else_=0)), 0
                ),
            )
            .select_from(_DON.join(_REC, _REC.c.donation_id == _DON.c.id))
            .where(_in_range(day_from, day_to))
        ).one()
        by_kind = _grouped(conn, _DON.c.kind, _DON.c.kind, day_from, day_to)
        by_des = _grouped(
            conn,
            _DON.c.designation_code,
            _DES.c.name,
            day_from,
            day_to,
            (_DES, _DES.c.code == _DON.c.designation_code),
        )
        by_op = _grouped(
            conn, _OP.c.name, _OP.c.name, day_from, day_to, (_OP, _OP.c.id == _DON.c.operator_id)
        )
    buckets: dict[str, list[int]] = {}
    for day_text, n, fen in per_day:
        key = period_key(date.fromisoformat(day_text), period)
        bucket = buckets.setdefault(key, [0, 0])
        bucket[0] += int(n)
        bucket[1] += int(fen)
    by_period = tuple(TotalRow(k, k, n, fen) for k, (n, fen) in buckets.items())
    receipts, voids, voided_fen, reprints = (int(v) for v in counts)
    return ReportSummary(
        day_from,
        day_to,
        count=sum(r.count for r in by_kind),
        amount_fen=sum(r.amount_fen for r in by_kind),
        receipts=receipts,
        voids=voids,
        voided_fen=voided_fen,
        reprints=reprints,
        by_period=by_period,
        by_kind=by_kind,
        by_designation=by_des,
        by_operator=by_op,
    )


def month_range(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DisclosureLine:
    """One public line: never a phone number, never a full name."""

    business_day: str
    donor: str
    amount_fen: int
    designation_name: str
    receipt_number: str
    kind: str


def disclosure_lines(rows: list[DonationRow]) -> list[DisclosureLine]:
    return [
        DisclosureLine(
            r.business_day,
            mask_name(r.donor_name, organisation=r.donor_organisation),
            r.amount_fen,
            r.designation_name,
            r.receipt_number,
            r.kind,
        )
        for r in rows
        if not r.voided
    ]
