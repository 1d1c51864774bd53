"""The goods of a business day, read for the day close, and its count written with it.

:func:`read_day_goods` runs inside the close's write transaction too, so the book the
count is compared with is the one the close commits over; the count's differences are
written as a ``goods.counted`` entry (the stock-take's own writer) just before the
``day.closed`` entry, in the same transaction.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, and_, func, select, tuple_

from station_app.domain.goods.day_goods import (
    DayGoods,
    ItemCount,
    LotBook,
    MovedLine,
    ReceivedLine,
    spread_difference,
)
from station_app.domain.goods.movements import MovementKind
from station_app.services.goods_stocktake import CountLine, write_count
from station_app.storage.database import StationDatabase
from station_app.storage.goods_tables import GoodsLot, GoodsMovement, GoodsMovementLine

_LOT, _MOV, _LINE = GoodsLot.__table__, GoodsMovement.__table__, GoodsMovementLine.__table__


def read_day_goods(conn: Connection, day: date) -> DayGoods:
    d = day.isoformat()
    received = [
        ReceivedLine(r[0], r[1], int(r[2]), int(r[3]))
        for r in conn.execute(
            select(
                _LOT.c.item,
                _LOT.c.unit,
                func.sum(_LOT.c.quantity_milli),
                func.sum(_LOT.c.value_fen),
            )
            .where(_LOT.c.business_day == d)
            .group_by(_LOT.c.item, _LOT.c.unit)
            .order_by(_LOT.c.item, _LOT.c.unit)
        )
    ]
    moved = []
    for kind, item, unit, delta in conn.execute(
        select(_MOV.c.kind, _LOT.c.item, _LOT.c.unit, func.sum(_LINE.c.delta_milli))
        .select_from(
            _LINE.join(_MOV, _MOV.c.id == _LINE.c.movement_id).join(
                _LOT, _LOT.c.id == _LINE.c.lot_id
            )
        )
        .where(_MOV.c.business_day == d)
        .group_by(_MOV.c.kind, _LOT.c.item, _LOT.c.unit)
        .order_by(_MOV.c.kind, _LOT.c.item, _LOT.c.unit)
    ):
        count = kind == MovementKind.COUNT
        if int(delta) or not count:
            moved.append(MovedLine(MovementKind(kind), item, unit, int(delta if count else -delta)))
    keys = sorted({(r.item, r.unit) for r in received} | {(m.item, m.unit) for m in moved})
    book: dict[tuple[str, str], int] = {}
    if keys:
        rows = conn.execute(
            select(_LOT.c.item, _LOT.c.unit, func.sum(_LOT.c.on_hand_milli))
            .where(tuple_(_LOT.c.item, _LOT.c.unit).in_(keys))
            .group_by(_LOT.c.item, _LOT.c.unit)
        )
        book = {(r[0], r[1]): int(r[2]) for r in rows}
    return DayGoods(day, tuple(received), tuple(moved), book)


def day_goods(db: StationDatabase, day: date) -> DayGoods:
    """What the day-close dialog shows and asks to count (one short read)."""
    with db.read() as conn:
        return read_day_goods(conn, day)


def write_close_count(
    conn: Connection,
    counts: tuple[ItemCount, ...],
    *,
    operator: tuple[int, str],
    witness: tuple[int, str],
    day: date,
    at: str,
    code: str,
) -> str | None:
    """The stock-take of the close's differences (None when every item agrees).

    Counted per item, booked per lot (``spread_difference``); the stock-take belongs to
    the business day being closed, so the day's goods add up to what was counted.
    """
    differing = [c for c in counts if c.difference_milli]
    if not differing:
        return None
    rows = conn.execute(
        select(
            _LOT.c.uuid,
            _LOT.c.id,
            _LOT.c.item,
            _LOT.c.unit,
            _LOT.c.on_hand_milli,
            _LOT.c.expiry,
            _LOT.c.ledger_seq,
        ).where(
            and_(
                tuple_(_LOT.c.item, _LOT.c.unit).in_([c.key for c in differing]),
            )
        )
    ).all()
    ids = {r.uuid: r.id for r in rows}
    lines: list[CountLine] = []
    for c in differing:
        lots = [
            LotBook(
                r.uuid,
                r.on_hand_milli,
                date.fromisoformat(r.expiry) if r.expiry else None,
                r.ledger_seq,
            )
            for r in rows
            if (r.item, r.unit) == c.key
        ]
        have = {lot.lot: lot.on_hand_milli for lot in lots}
        for lot, change in spread_difference(lots, c.difference_milli):
            lines.append(CountLine(lot, have[lot], have[lot] + change, c.reason))
    stocktake, _ = write_count(
        conn,
        lines,
        ids,
        operator=operator,
        witness=witness,
        business_day=day.isoformat(),
        at=at,
        code=code,
    )
    return stocktake
