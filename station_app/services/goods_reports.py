"""Goods reports: stock on hand (with value where valued), what expires within 30 days,
what came in and went out per period and per project, write-offs; and their export to
CSV or XLSX (Chinese headers, ledgered as a records export like the donations').

No report names a household: movements are counted per kind and project only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import and_, func, select

from station_app.domain.goods.lots import format_quantity
from station_app.domain.goods.movements import (
    KIND_NAMES_ZH,
    WRITE_OFF_NAMES_ZH,
    MovementKind,
    WriteOffReason,
)
from station_app.domain.money import format_fen_plain
from station_app.domain.roles import Action
from station_app.services.donation_export import write_ledgered_export
from station_app.services.goods_queries import expiring_soon
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage.database import StationDatabase
from station_app.storage.goods_tables import GoodsLot, GoodsMovement, GoodsMovementLine

_LOT, _MOV, _LINE = GoodsLot.__table__, GoodsMovement.__table__, GoodsMovementLine.__table__


@dataclass(frozen=True, slots=True)
class OnHand:
    item: str
    unit: str
    quantity_milli: int
    value_fen: int  # the valued part, in proportion to what is left
    lots: int


@dataclass(frozen=True, slots=True)
class Flow:
    """One item's quantity in or out in a period, by kind (and project)."""

    kind: str  # "received" or a movement kind
    designation: str | None
    item: str
    unit: str
    quantity_milli: int  # in: received; out: what left (a count: the change)
    value_fen: int  # received: the valued part


def stock_on_hand(db: StationDatabase) -> list[OnHand]:
    value = func.sum(_LOT.c.value_fen * _LOT.c.on_hand_milli / _LOT.c.quantity_milli)
    query = (
        select(_LOT.c.item, _LOT.c.unit, func.sum(_LOT.c.on_hand_milli), value, func.count())
        .where(_LOT.c.on_hand_milli > 0)
        .group_by(_LOT.c.item, _LOT.c.unit)
        .order_by(_LOT.c.item, _LOT.c.unit)
    )
    with db.read() as conn:
        return [
            OnHand(r[0], r[1], int(r[2]), int(r[3] or 0), int(r[4])) for r in conn.execute(query)
        ]


def flows(db: StationDatabase, day_from: date, day_to: date) -> list[Flow]:
    lo, hi = day_from.isoformat(), day_to.isoformat()
    received = (
        select(
            _LOT.c.item, _LOT.c.unit, func.sum(_LOT.c.quantity_milli), func.sum(_LOT.c.value_fen)
        )
        .where(and_(_LOT.c.business_day >= lo, _LOT.c.business_day <= hi))
        .group_by(_LOT.c.item, _LOT.c.unit)
        .order_by(_LOT.c.item, _LOT.c.unit)
    )
    moved = (
        select(
            _MOV.c.kind,
            _MOV.c.designation_code,
            _LOT.c.item,
            _LOT.c.unit,
            func.sum(_LINE.c.delta_milli),
        )
        .select_from(
            _LINE.join(_MOV, _MOV.c.id == _LINE.c.movement_id).join(
                _LOT, _LOT.c.id == _LINE.c.lot_id
            )
        )
        .where(and_(_MOV.c.business_day >= lo, _MOV.c.business_day <= hi))
        .group_by(_MOV.c.kind, _MOV.c.designation_code, _LOT.c.item, _LOT.c.unit)
        .order_by(_MOV.c.kind, _MOV.c.designation_code, _LOT.c.item)
    )
    with db.read() as conn:
        out = [
            Flow("received", None, r[0], r[1], int(r[2]), int(r[3])) for r in conn.execute(received)
        ]
        for r in conn.execute(moved):
            qty = int(r[4]) if r[0] == MovementKind.COUNT else -int(r[4])
            out.append(Flow(r[0], r[1], r[2], r[3], qty, 0))
    return out


@dataclass(frozen=True, slots=True)
class WriteOff:
    business_day: str
    item: str
    unit: str
    quantity_milli: int
    why: str
    reason: str


def write_offs(db: StationDatabase, day_from: date, day_to: date) -> list[WriteOff]:
    query = (
        select(
            _MOV.c.business_day,
            _LOT.c.item,
            _LOT.c.unit,
            _LINE.c.delta_milli,
            _MOV.c.write_off_reason,
            _MOV.c.reason,
        )
        .select_from(
            _LINE.join(_MOV, _MOV.c.id == _LINE.c.movement_id).join(
                _LOT, _LOT.c.id == _LINE.c.lot_id
            )
        )
        .where(
            and_(
                _MOV.c.kind == MovementKind.WRITE_OFF.value,
                _MOV.c.business_day >= day_from.isoformat(),
                _MOV.c.business_day <= day_to.isoformat(),
            )
        )
        .order_by(_MOV.c.id)
    )
    with db.read() as conn:
        return [
            WriteOff(r[0], r[1], r[2], -int(r[3]), r[4] or "", r[5] or "")
            for r in conn.execute(query)
        ]


def report_table(
    db: StationDatabase, day_from: date, day_to: date, today: date
) -> tuple[list[str], list[list[object]]]:
    """All four reports as one sheet: a 报表 column says which part a row belongs to."""
    headers = ["报表", "物品", "单位", "数量", "估值（元）", "去向/项目", "日期", "说明"]
    rows: list[list[object]] = []
    for s in stock_on_hand(db):
        value = format_fen_plain(s.value_fen) if s.value_fen else "未估值"
        rows.append(["库存", s.item, s.unit, format_quantity(s.quantity_milli), value, "", "",
                     f"{s.lots} 批"])  # fmt: skip
    for lot in expiring_soon(db, today):
        rows.append(["30天内到期", lot.item, lot.unit, format_quantity(lot.on_hand_milli), "", "",
                     lot.expiry.isoformat() if lot.expiry else "", lot.location])  # fmt: skip
    for f in flows(db, day_from, day_to):
        name = "接收" if f.kind == "received" else KIND_NAMES_ZH[MovementKind(f.kind)]
        value = format_fen_plain(f.value_fen) if f.value_fen else ""
        rows.append([name, f.item, f.unit, format_quantity(f.quantity_milli), value,
                     f.designation or "", f"{day_from}～{day_to}", ""])  # fmt: skip
    for w in write_offs(db, day_from, day_to):
        why = WRITE_OFF_NAMES_ZH.get(WriteOffReason(w.why), w.why) if w.why else ""
        rows.append(["报损", w.item, w.unit, format_quantity(w.quantity_milli), "", why,
                     w.business_day, w.reason])  # fmt: skip
    return headers, rows


def export_goods(
    db: StationDatabase,
    session: OperatorSession,
    target: Path,
    day_from: date,
    day_to: date,
    *,
    today: date | None = None,
) -> int:
    """Write the goods reports to ``target`` (.csv or .xlsx), ledgered; returns the rows."""
    with db.read() as conn:
        require_session(conn, session, Action.EXPORT)
    headers, rows = report_table(db, day_from, day_to, today or day_to)
    return write_ledgered_export(db, session, target, headers, rows, day_from, day_to)
