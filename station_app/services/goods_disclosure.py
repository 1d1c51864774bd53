"""The goods part of the public disclosure sheet: received and handed on per project.

What a notice board may show: per designation (the donor's fund or project) what came
in, and per kind of movement and project what went out, item by item in its unit; a
value only where the goods were valued.  Nothing here reads a household's name or
reference, or a donor: the queries never select those columns, so no later change of
a layout can print them.  Stock-take differences are the station's own book-keeping and
are not a disclosure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, select

from station_app.domain.goods.lots import Valuation
from station_app.domain.goods.movements import MovementKind
from station_app.storage.database import StationDatabase
from station_app.storage.goods_tables import GoodsLot, GoodsMovement, GoodsMovementLine
from station_app.storage.models import Designation, Donation

_LOT, _MOV, _LINE = GoodsLot.__table__, GoodsMovement.__table__, GoodsMovementLine.__table__
_DON, _DES = Donation.__table__, Designation.__table__


@dataclass(frozen=True, slots=True)
class PublicGoodsLine:
    """``kind`` is "received" or a movement kind; ``project`` the designation's name
    (None: goods taken in without a donation, or handed on without a project)."""

    kind: str
    project: str | None
    item: str
    unit: str
    quantity_milli: int
    value_fen: int | None  # None: not valued


def goods_disclosure(db: StationDatabase, day_from: date, day_to: date) -> list[PublicGoodsLine]:
    lo, hi = day_from.isoformat(), day_to.isoformat()
    valued = case((_LOT.c.valuation == Valuation.NOT_VALUED.value, 0), else_=1)
    received = (
        select(
            _DES.c.name,
            _LOT.c.item,
            _LOT.c.unit,
            valued,
            func.sum(_LOT.c.quantity_milli),
            func.sum(_LOT.c.value_fen),
        )
        .select_from(
            _LOT.outerjoin(_DON, _DON.c.id == _LOT.c.donation_id).outerjoin(
                _DES, _DES.c.code == _DON.c.designation_code
            )
        )
        .where(and_(_LOT.c.business_day >= lo, _LOT.c.business_day <= hi))
        .group_by(_DES.c.name, _LOT.c.item, _LOT.c.unit, valued)
        .order_by(_DES.c.name, _LOT.c.item, _LOT.c.unit, valued.desc())
    )
    taken = -_LINE.c.delta_milli
    moved = (
        select(
            _MOV.c.kind,
            _DES.c.name,
            _LOT.c.item,
            _LOT.c.unit,
            valued,
            func.sum(taken),
            func.sum(_LOT.c.value_fen * taken // _LOT.c.quantity_milli),
        )
        .select_from(
            _LINE.join(_MOV, _MOV.c.id == _LINE.c.movement_id)
            .join(_LOT, _LOT.c.id == _LINE.c.lot_id)
            .outerjoin(_DES, _DES.c.code == _MOV.c.designation_code)
        )
        .where(
            and_(
                _MOV.c.business_day >= lo,
                _MOV.c.business_day <= hi,
                _MOV.c.kind != MovementKind.COUNT.value,
            )
        )
        .group_by(_MOV.c.kind, _DES.c.name, _LOT.c.item, _LOT.c.unit, valued)
        .order_by(_MOV.c.kind, _DES.c.name, _LOT.c.item, _LOT.c.unit, valued.desc())
    )
    with db.read() as conn:
        out = [
            PublicGoodsLine("received", r[0], r[1], r[2], int(r[4]), int(r[5]) if r[3] else None)
            for r in conn.execute(received)
        ]
        out += [
            PublicGoodsLine(r[0], r[1], r[2], r[3], int(r[5]), int(r[6]) if r[4] else None)
            for r in conn.execute(moved)
        ]
    return out
