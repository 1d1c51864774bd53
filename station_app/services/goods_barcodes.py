"""Barcodes the desk has seen: scanning a known code fills the item's name, unit and
category; a new code is remembered with the item when its goods are saved.

Local and plain (see ``storage/goods_tables.GoodsBarcode`` for why a code is not a
record): the code is written in the same transaction as the lots it was saved with, so
a code is only ever remembered for goods that were really received, and it is updated
to the newest name the station gave the item.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from station_app.domain.errors import ValidationError
from station_app.domain.goods.barcodes import parse_code
from station_app.domain.goods.lots import ValidLot
from station_app.storage.database import StationDatabase
from station_app.storage.goods_tables import GoodsBarcode

_CODE = GoodsBarcode.__table__


@dataclass(frozen=True, slots=True)
class KnownItem:
    code: str
    item: str
    unit: str
    category: str


def look_up(db: StationDatabase, code: str) -> KnownItem | None:
    """The item last saved with ``code`` (None if unknown or not a code)."""
    try:
        clean = parse_code(code)
    except ValidationError:  # not a code at all: nothing to fill
        return None
    if clean is None:
        return None
    with db.read() as conn:
        row = conn.execute(select(_CODE).where(_CODE.c.code == clean)).first()
    return KnownItem(row.code, row.item, row.unit, row.category) if row else None


def remember(
    conn: Connection, codes: Sequence[str | None], lots: Sequence[ValidLot], at: str
) -> None:
    """Keep each (already parsed) code with its lot's item (caller's transaction)."""
    rows = [
        {
            "code": code,
            "item": lot.item,
            "unit": lot.unit,
            "category": lot.category.value,
            "saved_at": at,
        }
        for code, lot in zip(codes, lots, strict=True)
        if code
    ]
    for row in rows:
        stmt = insert(_CODE).values(**row)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=[_CODE.c.code],
                set_={k: stmt.excluded[k] for k in ("item", "unit", "category", "saved_at")},
            )
        )
