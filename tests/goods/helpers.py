"""Small builders for the goods tests (real services on a real station database)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from station_app.domain.goods.lots import LotDraft
from station_app.domain.goods.movements import MovementDraft
from station_app.services.donation_recording import DonationRecorder
from station_app.services.goods_receiving import GoodsIntake, ReceivedGoods, receive_goods
from tests.conftest import Station

NOW = datetime(2026, 3, 9, 2, 0, tzinfo=UTC)


def at_now() -> datetime:
    return NOW


def rice(quantity: str = "10", value: str = "500") -> LotDraft:
    return LotDraft("大米", quantity, "袋", value, "market", None, "other", "A架")


def milk(expiry: date, quantity: str = "24", value: str = "") -> LotDraft:
    return LotDraft(
        "牛奶",
        quantity,
        "盒",
        value,
        "not_valued" if not value else "invoice",
        expiry,
        "food",
        "冷柜",
    )


def receive(station: Station, *lots: LotDraft, **kw: object) -> ReceivedGoods:
    return receive_goods(
        DonationRecorder(station.db, station.signer, clock=at_now),
        station.staff,
        GoodsIntake(tuple(lots), donor_name="张三"),
        **kw,  # type: ignore[arg-type]
    )


def give(lot: str, milli: int, **kw: str) -> MovementDraft:
    fields = {
        "household_name": "王大妈",
        "household_reference": "BJJ-H-017",
        "social_worker": "李社工",
    }
    fields.update(kw)
    return MovementDraft("distribution", ((lot, milli),), **fields)


def exercise_goods(station: Station) -> None:
    """One of each goods entry (for tests that want every entry type written)."""
    from station_app.domain.passwords import DEMO_PASSWORD
    from station_app.services.goods_movements import mark_sheet_returned, move_goods
    from station_app.services.goods_rules import set_goods_rules
    from station_app.services.goods_stocktake import take_stock

    set_goods_rules(
        station.db, station.coordinator, min_months_to_expiry=3, second_person_above_fen=800_000
    )

    lot, _ = receive(station, rice(), milk(date(2027, 3, 1))).lots
    moved = move_goods(station.db, station.staff, give(lot, 1_000), clock=at_now)
    mark_sheet_returned(station.db, station.staff, moved.movement, clock=at_now)
    take_stock(station.db, station.staff, "李社工", DEMO_PASSWORD, {lot: 8_000}, {lot: "破损"})
