"""The receiver's side of the goods register: each batch's ``goods.*`` entries checked
against what the station sent before, then stored as lots, movements and lines; and the
answer to "what did station X receive and hand out in period P".

The checks (refused as ``goods_inconsistent``, 422, with nothing of the batch stored):
a lot is received once; a movement, count or returned sheet names lots or movements the
station did send; no lot goes below zero; a count's book is the book the receiver has
for that lot, so the station's and the association's quantities add up.  The same
:class:`~station_app.domain.goods.movements.StockBook` the station uses does the sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select, update

from association_server.db import insert_many, read_transaction
from association_server.errors import ApiError
from association_server.goods_tables import (
    GoodsLineRow,
    GoodsLotRow,
    GoodsMovementRow,
    lines_with_movement_and_lot,
)
from association_server.safe_text import printable
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import DomainError
from station_app.domain.goods.movements import StockBook
from station_app.domain.ledger import LedgerEntry

_LOT, _MOV, _LINE = GoodsLotRow.__table__, GoodsMovementRow.__table__, GoodsLineRow.__table__
_SHEETS = frozenset({"distribution", "transfer"})


def _refuse(seq: int, message: str) -> ApiError:
    return ApiError(422, "goods_inconsistent", message, seq=seq)


@dataclass
class GoodsEffects:
    """The rows a batch's goods entries make, collected (and checked) before storing."""

    code: str
    lots: list[dict[str, Any]] = field(default_factory=list)
    movements: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    returned: list[tuple[str, str]] = field(default_factory=list)  # (movement, at)
    book: StockBook = field(default_factory=StockBook)
    touched: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.lots or self.movements or self.returned)


def _known(conn: Connection, code: str, table: Any, column: Any, keys: set[str]) -> dict[str, Any]:
    if not keys:
        return {}
    rows = conn.execute(
        select(table).where(and_(table.c.station_code == code, column.in_(sorted(keys))))
    ).all()
    return {getattr(r, column.key): r for r in rows}


def collect(
    conn: Connection, code: str, entries: Sequence[LedgerEntry], bodies: Sequence[dict[str, Any]]
) -> GoodsEffects:
    """Check a batch's goods entries in order against the stored register; raise if wrong."""
    effects = GoodsEffects(code)
    goods = [(e, b) for e, b in zip(entries, bodies, strict=True) if e.type.startswith("goods.")]
    if not goods:
        return effects
    lot_keys = {lot["lot"] for _, b in goods for lot in b["data"].get("lots", [])}
    lot_keys |= {line["lot"] for _, b in goods for line in b["data"].get("lines", [])}
    stored_lots = _known(conn, code, _LOT, _LOT.c.lot, lot_keys)
    effects.book = StockBook({k: r.on_hand_milli for k, r in stored_lots.items()})
    wanted = {b["data"]["movement"] for e, b in goods if e.type == EntryType.GOODS_SHEET_RETURNED}
    stored_moves = _known(conn, code, _MOV, _MOV.c.movement, wanted)
    new_moves: dict[str, str] = {}
    for entry, body in goods:
        data, seq = body["data"], entry.seq
        try:
            if entry.type == EntryType.GOODS_RECEIVED:
                for lot in data["lots"]:
                    effects.book.receive(lot["lot"], lot["quantity_milli"])
                    effects.touched.add(lot["lot"])
                    effects.lots.append(
                        {
                            "station_code": code,
                            **{k: lot[k] for k in ("lot", "item", "category", "unit")},
                            **{k: lot[k] for k in ("quantity_milli", "value_fen", "valuation")},
                            "expiry": lot["expiry"],
                            "location": lot["location"],
                            "receipt": data["receipt"],
                            "business_day": data["business_day"],
                            "seq": seq,
                            "on_hand_milli": lot["quantity_milli"],
                        }
                    )
            elif entry.type == EntryType.GOODS_MOVED:
                changes = [(line["lot"], -line["quantity_milli"]) for line in data["lines"]]
                _movement(effects, seq, data["movement"], data, changes)
                new_moves[data["movement"]] = data["kind"]
            elif entry.type == EntryType.GOODS_COUNTED:
                for line in data["lines"]:
                    have = effects.book.on_hand.get(line["lot"])
                    if have is not None and have != line["book_milli"]:
                        raise _refuse(
                            seq,
                            f"Count of lot {printable(line['lot'])}: book {line['book_milli']} "
                            f"but the lot's movements add up to {have}.",
                        )
                changes = [
                    (line["lot"], line["counted_milli"] - line["book_milli"])
                    for line in data["lines"]
                ]
                _movement(effects, seq, data["stocktake"], {**data, "kind": "count"}, changes)
            elif entry.type == EntryType.GOODS_SHEET_RETURNED:
                movement = data["movement"]
                kind = new_moves.get(movement) or getattr(stored_moves.get(movement), "kind", None)
                if kind not in _SHEETS:
                    raise _refuse(seq, f"No pickup or transfer sheet {printable(movement)}.")
                effects.returned.append((movement, body["at"]))
        except DomainError as err:
            raise _refuse(seq, f"{entry.type}: {err.message_en}") from None
    return effects


def _movement(
    effects: GoodsEffects,
    seq: int,
    movement: str,
    data: dict[str, Any],
    changes: list[tuple[str, int]],
) -> None:
    effects.book.apply(changes)
    household = data.get("household") or {}
    effects.movements.append(
        {
            "station_code": effects.code,
            "movement": movement,
            "kind": data["kind"],
            "household_masked": household.get("masked"),
            "household_reference": household.get("reference"),
            "social_worker": data.get("social_worker"),
            "designation": data.get("designation"),
            "destination": data.get("destination"),
            "write_off_reason": data.get("write_off_reason"),
            "reason": data.get("reason"),
            "operator": data.get("operator") or data["by"],
            "business_day": data["business_day"],
            "seq": seq,
            "sheet_returned_at": None,
        }
    )
    for lot, delta in changes:
        effects.touched.add(lot)
        effects.lines.append(
            {"station_code": effects.code, "movement": movement, "lot": lot, "delta_milli": delta}
        )


def store(conn: Connection, effects: GoodsEffects) -> None:
    """Write what :func:`collect` checked (inside the batch's transaction)."""
    if effects.empty:
        return
    code = effects.code
    for row in effects.lots:  # a lot received and moved in one batch: its book at the end
        row["on_hand_milli"] = effects.book.on_hand[row["lot"]]
    insert_many(conn, _LOT, effects.lots)
    insert_many(conn, _MOV, effects.movements)
    insert_many(conn, _LINE, effects.lines)
    new = {lot["lot"] for lot in effects.lots}
    for lot in sorted(effects.touched - new):
        conn.execute(
            update(_LOT)
            .where(and_(_LOT.c.station_code == code, _LOT.c.lot == lot))
            .values(on_hand_milli=effects.book.on_hand[lot])
        )
    for movement, at in effects.returned:
        conn.execute(
            update(_MOV)
            .where(and_(_MOV.c.station_code == code, _MOV.c.movement == movement))
            .values(sheet_returned_at=at)
        )


# -- the association's questions ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoodsLine:
    """One item (in one unit) and what happened to it in the period."""

    item: str
    unit: str
    kind: str  # "received", or a movement kind
    designation: str | None
    quantity_milli: (
        int  # positive: in; a movement's quantity is what left (or, a count, the change)
    )
    value_fen: int  # received only: the valued part
    entries: int


def station_goods(engine: Engine, code: str, day_from: str, day_to: str) -> list[GoodsLine]:
    """What ``code`` received and handed out with business days in ``day_from``…``day_to``."""
    with read_transaction(engine) as conn:
        received = conn.execute(
            select(
                _LOT.c.item,
                _LOT.c.unit,
                func.sum(_LOT.c.quantity_milli),
                func.sum(_LOT.c.value_fen),
                func.count(),
            )
            .where(
                and_(
                    _LOT.c.station_code == code,
                    _LOT.c.business_day >= day_from,
                    _LOT.c.business_day <= day_to,
                )
            )
            .group_by(_LOT.c.item, _LOT.c.unit)
            .order_by(_LOT.c.item, _LOT.c.unit)
        ).all()
        moved = conn.execute(
            select(
                _LOT.c.item,
                _LOT.c.unit,
                _MOV.c.kind,
                _MOV.c.designation,
                func.sum(_LINE.c.delta_milli),
                func.count(),
            )
            .select_from(lines_with_movement_and_lot())
            .where(
                and_(
                    _LINE.c.station_code == code,
                    _MOV.c.business_day >= day_from,
                    _MOV.c.business_day <= day_to,
                )
            )
            .group_by(_LOT.c.item, _LOT.c.unit, _MOV.c.kind, _MOV.c.designation)
            .order_by(_MOV.c.kind, _LOT.c.item, _LOT.c.unit)
        ).all()
    lines = [
        GoodsLine(r[0], r[1], "received", None, int(r[2]), int(r[3]), int(r[4])) for r in received
    ]
    lines += [
        GoodsLine(
            r[0], r[1], r[2], r[3], -int(r[4]) if r[2] != "count" else int(r[4]), 0, int(r[5])
        )
        for r in moved
    ]
    return lines


def station_stock(engine: Engine, code: str) -> dict[str, int]:
    """Lot → quantity on hand, as the receiver books it (equal to the station's after sync)."""
    with read_transaction(engine) as conn:
        rows = conn.execute(
            select(_LOT.c.lot, _LOT.c.on_hand_milli).where(_LOT.c.station_code == code)
        ).all()
    return {r.lot: int(r.on_hand_milli) for r in rows}
