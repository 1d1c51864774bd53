"""What a business day's records say, for its close: money per kind, donations, receipts
used, voids and reprints (voided donations left out of the sums)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, case, func, select

from station_app.domain.day_close import ExpectedTotals
from station_app.storage.database import StationDatabase
from station_app.storage.models import Donation, Receipt

_DON, _REC = Donation.__table__, Receipt.__table__


def expected_in(conn: Connection, day: date) -> ExpectedTotals:
    d = day.isoformat()
    live = _DON.c.status == "recorded"
    sums = dict(
        conn.execute(
            select(_DON.c.kind, func.sum(_DON.c.amount_fen))
            .where(_DON.c.business_day == d, live)
            .group_by(_DON.c.kind)
        ).all()
    )
    row = conn.execute(
        select(
            func.count(),
            func.min(_REC.c.number),
            func.max(_REC.c.number),
            func.coalesce(func.sum(case((_DON.c.status == "voided", 1), else_=0)), 0),
            func.coalesce(
                func.sum(case((_REC.c.print_count > 1, _REC.c.print_count - 1), else_=0)), 0
            ),
        )
        .select_from(_DON.join(_REC, _REC.c.donation_id == _DON.c.id))
        .where(_DON.c.business_day == d)
    ).one()
    count, first, last, voids, reprints = row
    return ExpectedTotals(
        cash_fen=int(sums.get("cash") or 0),
        mobile_fen=int(sums.get("mobile") or 0),
        bank_fen=int(sums.get("bank") or 0),
        in_kind_fen=int(sums.get("in_kind") or 0),
        donations=int(count) - int(voids),
        voids=int(voids),
        reprints=int(reprints),
        first_receipt=first,
        last_receipt=last,
    )


def expected_totals(db: StationDatabase, day: date) -> ExpectedTotals:
    with db.read() as conn:
        return expected_in(conn, day)
