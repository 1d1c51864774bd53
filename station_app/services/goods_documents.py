"""Goods paper: the pickup, transfer and intake sheets as PDFs, and the not-valued lots a
donation's receipt lists under "物资按数量登记，未估值".

A pickup sheet stays at the station with the household's signature, so it shows the
household's name; everything that leaves the station (ledger, sync, disclosure) only
ever has the masked name.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import and_, select

from station_app.domain.goods.lots import Valuation, format_quantity
from station_app.domain.goods.movements import MovementKind
from station_app.domain.station_time import local_text
from station_app.printing.receipt_view import ReceiptItem
from station_app.services.goods_movements import sheet_number
from station_app.services.goods_queries import movement_sheet
from station_app.services.station_setup import load_station
from station_app.storage.database import StationDatabase
from station_app.storage.goods_tables import GoodsLot

_LOT = GoodsLot.__table__
SheetLayout = Literal["a5", "roll80"]


def not_valued_items(db: StationDatabase, donation_id: int) -> tuple[ReceiptItem, ...]:
    """The donation's lots recorded by quantity only, as receipt lines of value 0."""
    with db.read() as conn:
        rows = conn.execute(
            select(_LOT.c.item, _LOT.c.quantity_milli, _LOT.c.unit)
            .where(
                and_(
                    _LOT.c.donation_id == donation_id,
                    _LOT.c.valuation == Valuation.NOT_VALUED.value,
                )
            )
            .order_by(_LOT.c.id)
        ).all()
    return tuple(ReceiptItem(r.item, format_quantity(r.quantity_milli), r.unit, 0) for r in rows)


_TITLES = {MovementKind.DISTRIBUTION: "物资领取单", MovementKind.TRANSFER: "物资调拨单"}


def movement_sheet_pdf(db: StationDatabase, movement: str, layout: SheetLayout = "a5") -> bytes:
    """The pickup (distribution) or transfer sheet of ``movement`` as PDF bytes."""
    from station_app.printing.pickup_sheet import (  # reportlab: only now
        GoodsSheetView,
        SheetItem,
        render_goods_sheet,
    )

    sheet = movement_sheet(db, movement)
    station = load_station(db)
    if sheet is None or sheet.kind not in _TITLES or station is None:
        raise ValueError("no pickup or transfer sheet for this movement")
    fields: tuple[tuple[str, str], ...]
    signatures: tuple[str, ...]
    if sheet.kind is MovementKind.DISTRIBUTION:
        fields = (
            ("领取人", sheet.household_name or ""),
            ("家庭编号", sheet.household_reference or ""),
            ("负责社工", sheet.social_worker or ""),
        )
        signatures = ("领取人签字", "负责社工签字", "经办人签字")
    else:
        fields = (("调入仓库", sheet.destination or ""),)
        signatures = ("调出经办人签字", "调入仓库签收")
    view = GoodsSheetView(
        title=_TITLES[sheet.kind],
        number=sheet_number(station.code, sheet.kind, sheet.movement_id),
        association_name=station.association_name,
        station_name=station.name,
        station_code=station.code,
        when=local_text(sheet.at),
        fields=fields,
        items=tuple(
            SheetItem(
                line.item,
                format_quantity(line.quantity_milli),
                line.unit,
                line.expiry.isoformat() if line.expiry else "",
            )
            for line in sheet.lines
        ),
        signatures=signatures,
        returned=local_text(sheet.returned_at) if sheet.returned_at else None,
    )
    return render_goods_sheet(view, layout)


def intake_sheet_pdf(
    db: StationDatabase, lots: tuple[str, ...] | list[str], layout: SheetLayout = "a5"
) -> bytes:
    """The intake sheet (物资接收单) of lots received together, for the donor to keep when
    nothing was valued (so there is no receipt); it says the goods are counted, not valued."""
    from station_app.printing.pickup_sheet import GoodsSheetView, SheetItem, render_goods_sheet

    station = load_station(db)
    with db.read() as conn:
        rows = conn.execute(
            select(_LOT).where(_LOT.c.uuid.in_(list(lots))).order_by(_LOT.c.id)
        ).all()
    if not rows or station is None or len({r.ledger_seq for r in rows}) != 1:
        raise ValueError("these lots were not received together")
    view = GoodsSheetView(
        title="物资接收单",
        number=f"{station.code}-JS-{rows[0].id:06d}",
        association_name=station.association_name,
        station_name=station.name,
        station_code=station.code,
        when=local_text(rows[0].received_at),
        fields=(),
        items=tuple(
            SheetItem(r.item, format_quantity(r.quantity_milli), r.unit, r.expiry or "")
            for r in rows
        ),
        signatures=("捐赠人签字", "清点人签字"),
        not_valued=any(r.valuation == Valuation.NOT_VALUED.value for r in rows),
    )
    return render_goods_sheet(view, layout)
