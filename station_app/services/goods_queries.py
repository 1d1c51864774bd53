"""Reading the goods register: the stock list, what expires soon, the first-expiring
lots to offer, one movement for its sheet, and the book against the movements.

Each call is one short read transaction returning plain frozen rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, and_, func, or_, select

from station_app.domain.goods.fefo import LotStock, choose_lots, fefo_order
from station_app.domain.goods.movements import MovementKind
from station_app.storage.database import StationDatabase
from station_app.storage.goods_tables import GoodsLot, GoodsMovement, GoodsMovementLine
from station_app.storage.lookups import station_code
from station_app.storage.rows import AnyRow

_LOT, _MOV, _LINE = GoodsLot.__table__, GoodsMovement.__table__, GoodsMovementLine.__table__
#: A lot expiring within this many days is flagged in the stock list.
WARN_DAYS = 30


@dataclass(frozen=True, slots=True)
class StockRow:
    lot: str
    item: str
    category: str
    unit: str
    on_hand_milli: int
    received_milli: int
    value_fen: int  # the lot's whole value as received (0: not valued)
    valuation: str
    expiry: date | None
    location: str
    business_day: str
    expiring_soon: bool

    @property
    def value_on_hand_fen(self) -> int:
        """The value of what is left, in proportion (rounded down): 0 for not valued."""
        return self.value_fen * self.on_hand_milli // self.received_milli


def _row(r: AnyRow, today: date, warn_days: int) -> StockRow:
    expiry = date.fromisoformat(r.expiry) if r.expiry else None
    soon = expiry is not None and expiry <= today + timedelta(days=warn_days)
    return StockRow(
        r.uuid,
        r.item,
        r.category,
        r.unit,
        r.on_hand_milli,
        r.quantity_milli,
        r.value_fen,
        r.valuation,
        expiry,
        r.location,
        r.business_day,
        soon,
    )


_COLUMNS = (
    _LOT.c.uuid,
    _LOT.c.item,
    _LOT.c.category,
    _LOT.c.unit,
    _LOT.c.on_hand_milli,
    _LOT.c.quantity_milli,
    _LOT.c.value_fen,
    _LOT.c.valuation,
    _LOT.c.expiry,
    _LOT.c.location,
    _LOT.c.business_day,
    _LOT.c.ledger_seq,
)


def stock_list(
    db: StationDatabase,
    today: date,
    *,
    search: str = "",
    limit: int = 1000,
    warn_days: int = WARN_DAYS,
) -> list[StockRow]:
    """Lots with stock, first-expiring first (lots without a date last), matching ``search``.

    Two reads in the in-stock expiry index's own order (dated lots, then undated ones),
    so the first page costs what it shows, not a sort of the whole stock.
    """
    dated = select(*_COLUMNS).where(and_(_LOT.c.on_hand_milli > 0, _LOT.c.expiry.is_not(None)))
    undated = select(*_COLUMNS).where(and_(_LOT.c.on_hand_milli > 0, _LOT.c.expiry.is_(None)))
    if search.strip():
        pattern = "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%") + "%"
        found = or_(
            _LOT.c.item.like(pattern, escape="\\"), _LOT.c.location.like(pattern, escape="\\")
        )
        dated, undated = dated.where(found), undated.where(found)
    with db.read() as conn:
        rows = list(conn.execute(dated.order_by(_LOT.c.expiry, _LOT.c.id).limit(limit)))
        if len(rows) < limit:
            rows += conn.execute(undated.order_by(_LOT.c.id).limit(limit - len(rows)))
    return [_row(r, today, warn_days) for r in rows]


def expiring_soon(
    db: StationDatabase, today: date, *, days: int = WARN_DAYS, limit: int = 1000
) -> list[StockRow]:
    """Lots with stock whose expiry is on or before ``today`` + ``days`` (expired included)."""
    until = (today + timedelta(days=days)).isoformat()
    query = (
        select(*_COLUMNS)
        .where(and_(_LOT.c.on_hand_milli > 0, _LOT.c.expiry.is_not(None), _LOT.c.expiry <= until))
        .order_by(_LOT.c.expiry, _LOT.c.id)
        .limit(limit)
    )
    with db.read() as conn:
        return [_row(r, today, days) for r in conn.execute(query)]


def item_lots(db: StationDatabase, item: str, unit: str) -> list[LotStock]:
    """Every lot of ``item`` (counted in ``unit``) with stock, first-expiring first."""
    query = select(*_COLUMNS).where(
        and_(_LOT.c.item == item, _LOT.c.unit == unit, _LOT.c.on_hand_milli > 0)
    )
    with db.read() as conn:
        lots = [
            LotStock(
                r.uuid,
                r.item,
                r.unit,
                r.on_hand_milli,
                date.fromisoformat(r.expiry) if r.expiry else None,
                r.ledger_seq,
            )
            for r in conn.execute(query)
        ]
    return fefo_order(lots)


def fefo_offer(
    db: StationDatabase, item: str, unit: str, quantity_milli: int
) -> list[tuple[str, int]]:
    """The first-expiring lots of ``item`` (in ``unit``) for ``quantity_milli``."""
    return choose_lots(item_lots(db, item, unit), quantity_milli)


@dataclass(frozen=True, slots=True)
class SheetLine:
    item: str
    unit: str
    quantity_milli: int
    expiry: date | None


@dataclass(frozen=True, slots=True)
class MovementSheet:
    """What a pickup or transfer sheet prints."""

    station_code: str
    movement: str
    movement_id: int
    kind: MovementKind
    at: str
    business_day: str
    household_name: str | None
    household_reference: str | None
    social_worker: str | None
    destination: str | None
    designation: str | None
    lines: tuple[SheetLine, ...]
    returned_at: str | None


def movement_sheet(db: StationDatabase, movement: str) -> MovementSheet | None:
    with db.read() as conn:
        row = conn.execute(select(_MOV).where(_MOV.c.uuid == movement)).first()
        if row is None:
            return None
        lines = conn.execute(
            select(_LOT.c.item, _LOT.c.unit, _LOT.c.expiry, _LINE.c.delta_milli)
            .join(_LOT, _LOT.c.id == _LINE.c.lot_id)
            .where(_LINE.c.movement_id == row.id)
            .order_by(_LINE.c.id)
        ).all()
        code = station_code(conn)
    return MovementSheet(
        code,
        row.uuid,
        row.id,
        MovementKind(row.kind),
        row.at,
        row.business_day,
        row.household_name,
        row.household_reference,
        row.social_worker,
        row.destination,
        row.designation_code,
        tuple(
            SheetLine(
                r.item, r.unit, -r.delta_milli, date.fromisoformat(r.expiry) if r.expiry else None
            )
            for r in lines
        ),
        row.sheet_returned_at,
    )


def book_mismatches(conn: Connection) -> list[str]:
    """Lots whose stock is not received + the sum of their lines (empty when all agree)."""
    sums = (
        select(_LINE.c.lot_id, func.sum(_LINE.c.delta_milli).label("moved"))
        .group_by(_LINE.c.lot_id)
        .subquery()
    )
    rows = conn.execute(
        select(_LOT.c.uuid)
        .select_from(_LOT.outerjoin(sums, sums.c.lot_id == _LOT.c.id))
        .where(_LOT.c.on_hand_milli != _LOT.c.quantity_milli + func.coalesce(sums.c.moved, 0))
    ).scalars()
    return list(rows)


@dataclass(frozen=True, slots=True)
class PendingSheet:
    movement: str
    number: str
    kind: MovementKind
    at: str
    who: str  # the household's name (station only) or the warehouse


def pending_sheets(db: StationDatabase, *, limit: int = 200) -> list[PendingSheet]:
    """Pickup and transfer sheets not yet marked as signed and returned, newest first."""
    from station_app.services.goods_movements import SHEET_KINDS, sheet_number

    kinds = [k.value for k in SHEET_KINDS]
    with db.read() as conn:
        code = station_code(conn)
        rows = conn.execute(
            select(_MOV)
            .where(and_(_MOV.c.kind.in_(kinds), _MOV.c.sheet_returned_at.is_(None)))
            .order_by(_MOV.c.id.desc())
            .limit(limit)
        ).all()
    return [
        PendingSheet(
            r.uuid,
            sheet_number(code, MovementKind(r.kind), r.id),
            MovementKind(r.kind),
            r.at,
            r.household_name or r.destination or "",
        )
        for r in rows
    ]
