"""The goods part of a disclosure month: what a designation received in kind and handed
on, per item and unit, from the receiver's goods register (issue 18's tables).

A lot belongs to the designation its donation's receipt names (``goods_lot.receipt`` is
the in-kind donation's receipt number).  Received counts the lots whose business day is
in the month; handed on counts, per kind (to households, to a project, to the
association's warehouse, written off), what left those lots in movements of the month.
Stock-take differences are bookkeeping, not giving, and are left out.  Only item, unit,
kind and quantity (and the value of what was received) are published: no household, no
social worker, no person at all, so nothing here can name who received help.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, and_, func, select

from association_server.db import read_transaction
from association_server.goods_tables import (
    GoodsLineRow,
    GoodsLotRow,
    GoodsMovementRow,
    lines_with_movement_and_lot,
)
from association_server.models import ReceiptRow

_LOT, _MOV, _LINE, _R = (
    GoodsLotRow.__table__,
    GoodsMovementRow.__table__,
    GoodsLineRow.__table__,
    ReceiptRow.__table__,
)
HANDED_ON = ("distribution", "designation", "transfer", "write_off")


def goods_lines(engine: Engine, designation: str, month: str) -> list[dict[str, Any]]:
    """The month's goods for ``designation`` as the public sees them (``month`` checked)."""
    first, last = f"{month}-01", f"{month}-31"
    lot_of_fund = and_(
        _R.c.number == _LOT.c.receipt,
        _R.c.station_code == _LOT.c.station_code,
        _R.c.designation == designation,
        _R.c.voided_at.is_(None),
    )
    with read_transaction(engine) as conn:
        received = conn.execute(
            select(
                _LOT.c.item,
                _LOT.c.unit,
                func.sum(_LOT.c.quantity_milli),
                func.sum(_LOT.c.value_fen),
            )
            .select_from(_LOT.join(_R, lot_of_fund))
            .where(and_(_LOT.c.business_day >= first, _LOT.c.business_day <= last))
            .group_by(_LOT.c.item, _LOT.c.unit)
        ).all()
        moved = conn.execute(
            select(_LOT.c.item, _LOT.c.unit, _MOV.c.kind, func.sum(_LINE.c.delta_milli))
            .select_from(lines_with_movement_and_lot().join(_R, lot_of_fund))
            .where(
                and_(
                    _MOV.c.kind.in_(HANDED_ON),
                    _MOV.c.business_day >= first,
                    _MOV.c.business_day <= last,
                )
            )
            .group_by(_LOT.c.item, _LOT.c.unit, _MOV.c.kind)
        ).all()
    lines = [
        {
            "item": r[0],
            "unit": r[1],
            "kind": "received",
            "quantity_milli": int(r[2]),
            "value_fen": int(r[3]),
        }
        for r in received
    ]
    lines += [
        {"item": r[0], "unit": r[1], "kind": r[2], "quantity_milli": -int(r[3]), "value_fen": 0}
        for r in moved
    ]
    order = ("received", *HANDED_ON)
    return sorted(lines, key=lambda x: (order.index(x["kind"]), x["item"], x["unit"]))
