"""The goods register on a real station database: lots from in-kind donations, the
acceptance rules, movements that never take stock below zero, the stock-take."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from sqlalchemy import select

from station_app.domain.entry_schema import check_entry_body, parse_payload
from station_app.domain.errors import ConflictError, PermissionDenied, ValidationError
from station_app.domain.goods.acceptance import GoodsRules
from station_app.domain.goods.lots import LotDraft
from station_app.domain.goods.movements import MovementDraft
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.services.goods_movements import mark_sheet_returned, move_goods
from station_app.services.goods_queries import (
    book_mismatches,
    expiring_soon,
    fefo_offer,
    movement_sheet,
    stock_list,
)
from station_app.services.goods_receiving import Confirmation
from station_app.services.goods_stocktake import take_stock
from station_app.services.ledger_writer import iter_entries
from station_app.storage.models import Donation
from tests.conftest import Station
from tests.goods.helpers import NOW, at_now, give, milk, receive, rice

TODAY = NOW.date()


def _entries(station: Station) -> list[dict[str, object]]:
    with station.db.read() as conn:
        found = [e for e in iter_entries(conn) if e.type.startswith("goods.")]
    for e in found:
        check_entry_body(parse_payload(e.payload), station_code=station.info.code)
    return [json.loads(e.payload) for e in found]


def test_valued_and_not_valued_lots_from_one_donation(station: Station) -> None:
    got = receive(station, rice(), milk(date(2027, 3, 1)))
    assert got.donation is not None and got.donation.amount_fen == 50_000  # rice only
    stock = {r.item: r for r in stock_list(station.db, TODAY)}
    assert stock["大米"].on_hand_milli == 10_000 and stock["大米"].value_fen == 50_000
    assert stock["牛奶"].value_fen == 0 and stock["牛奶"].valuation == "not_valued"
    [entry] = _entries(station)
    data = entry["data"]
    assert data["receipt"] == got.donation.receipt_number  # type: ignore[index]
    assert [lot["value_fen"] for lot in data["lots"]] == [50_000, 0]  # type: ignore[index]


def test_goods_all_not_valued_make_no_money_donation(station: Station) -> None:
    got = receive(station, milk(date(2027, 3, 1)))
    assert got.donation is None
    with station.db.read() as conn:
        assert conn.execute(select(Donation.id)).all() == []
    assert stock_list(station.db, TODAY)[0].on_hand_milli == 24_000


def test_food_near_expiry_is_refused_unless_the_coordinator_overrides(station: Station) -> None:
    with pytest.raises(ValidationError) as refused:
        receive(station, milk(date(2026, 8, 1)))
    assert refused.value.code == "goods.expiry_too_close" and "不足 6 个月" in str(refused.value)
    assert stock_list(station.db, TODAY) == []
    with pytest.raises(PermissionDenied):  # a social worker cannot override
        receive(
            station, milk(date(2026, 8, 1)), override=Confirmation("李社工", DEMO_PASSWORD, "急需")
        )
    with pytest.raises(PermissionDenied):  # nor a wrong password
        receive(station, milk(date(2026, 8, 1)), override=Confirmation("陈主任", "wrong", "急需"))
    with pytest.raises(ValidationError):  # nor without a reason
        receive(station, milk(date(2026, 8, 1)), override=Confirmation("陈主任", DEMO_PASSWORD))
    receive(
        station,
        milk(date(2026, 8, 1)),
        override=Confirmation("陈主任", DEMO_PASSWORD, "社区活动当周发放"),
    )
    [entry] = _entries(station)
    assert entry["data"]["override"] == {"by": "陈主任", "reason": "社区活动当周发放"}  # type: ignore[index]
    # a shorter rule accepts the same milk without anyone
    receive(station, milk(date(2026, 8, 1)), rules=GoodsRules(min_months_to_expiry=3))


def test_valuable_goods_need_a_second_persons_password(station: Station) -> None:
    rules = GoodsRules(second_person_above_fen=10_000)  # 100 yuan
    with pytest.raises(ValidationError) as refused:
        receive(station, rice(), rules=rules)
    assert refused.value.code == "goods.second_person"
    with pytest.raises(PermissionDenied):  # the recording person is not a second person
        receive(station, rice(), rules=rules, second=Confirmation("王小明", DEMO_PASSWORD))
    got = receive(station, rice(), rules=rules, second=Confirmation("李社工", DEMO_PASSWORD))
    assert _entries(station)[-1]["data"]["confirmed_by"] == "李社工"  # type: ignore[index]
    assert got.donation is not None


def test_bad_lines_are_refused_with_the_line_named(station: Station) -> None:
    cases = [
        (LotDraft("大米", "0", "袋", "1", "market"), "lot.bad_quantity"),
        (LotDraft("大米", "1", "", "1", "market"), "lot.no_unit"),
        (LotDraft("药", "1", "盒", "", "not_valued", None, "medicine"), "lot.no_expiry"),
        (LotDraft("大米", "1", "袋", "10", "not_valued"), "lot.value_not_valued"),
        (LotDraft("大米", "1", "袋", "", "invoice"), "amount.empty"),
    ]
    for lot, code in cases:
        with pytest.raises(ValidationError) as refused:
            receive(station, rice(), lot)
        assert refused.value.field == "lots.1", code
        assert refused.value.code.startswith(code.split(".")[0])
    assert stock_list(station.db, TODAY) == []


def test_distribution_takes_stock_and_never_below_zero(station: Station) -> None:
    [lot] = receive(station, rice("3")).lots
    done = move_goods(station.db, station.staff, give(lot, 2_000), clock=at_now)
    assert done.sheet_number and done.sheet_number.endswith("-LQ-000001")
    with pytest.raises(ConflictError) as refused:
        move_goods(station.db, station.staff, give(lot, 1_001), clock=at_now)
    assert refused.value.code == "stock.negative" and "只剩 1" in str(refused.value)
    assert stock_list(station.db, TODAY)[0].on_hand_milli == 1_000
    data = _entries(station)[-1]["data"]
    assert data["household"] == {"masked": "王**", "reference": "BJJ-H-017"}  # type: ignore[index]
    assert "王大妈" not in json.dumps(_entries(station), ensure_ascii=False)
    sheet = movement_sheet(station.db, done.movement)
    assert sheet is not None and sheet.household_name == "王大妈"
    mark_sheet_returned(station.db, station.staff, done.movement, clock=at_now)
    with pytest.raises(ConflictError):
        mark_sheet_returned(station.db, station.staff, done.movement, clock=at_now)
    assert _entries(station)[-1]["type"] == "goods.sheet_returned"


def test_the_database_itself_refuses_negative_stock_and_hand_edits(station: Station) -> None:
    [lot] = receive(station, rice("1")).lots
    move_goods(station.db, station.staff, give(lot, 1_000), clock=at_now)
    con = sqlite3.connect(station.paths.database)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(
                "INSERT INTO goods_movement_line (movement_id, lot_id, delta_milli) "
                "VALUES (1, 1, -1)"
            )
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("UPDATE goods_lot SET on_hand_milli = 5000")
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("DELETE FROM goods_movement_line")
    finally:
        con.rollback()
        con.close()
    with station.db.read() as conn:
        assert book_mismatches(conn) == []


def test_other_movements_and_their_rules(station: Station) -> None:
    [lot] = receive(station, rice("10")).lots
    move_goods(
        station.db,
        station.staff,
        MovementDraft("designation", ((lot, 1_000),), designation_code="WXY"),
        clock=at_now,
    )
    move_goods(station.db, station.staff, MovementDraft("transfer", ((lot, 1_000),)), clock=at_now)
    write_off = MovementDraft("write_off", ((lot, 500),), write_off_reason="damaged", reason="受潮")
    with pytest.raises(PermissionDenied):
        move_goods(station.db, station.staff, write_off, clock=at_now)
    move_goods(station.db, station.coordinator, write_off, clock=at_now)
    with pytest.raises(ValidationError):  # not a social worker of the station
        move_goods(station.db, station.staff, give(lot, 1, social_worker="王小明"), clock=at_now)
    with pytest.raises(ValidationError):
        move_goods(
            station.db, station.coordinator, MovementDraft("write_off", ((lot, 1),)), clock=at_now
        )
    assert stock_list(station.db, TODAY)[0].on_hand_milli == 7_500
    kinds = [e["data"]["kind"] for e in _entries(station) if e["type"] == "goods.moved"]  # type: ignore[index]
    assert kinds == ["designation", "transfer", "write_off"]


def test_first_expiring_lots_are_offered_first(station: Station) -> None:
    late = receive(station, milk(date(2027, 6, 1), "10")).lots[0]
    early = receive(station, milk(date(2026, 12, 1), "10")).lots[0]
    assert fefo_offer(station.db, "牛奶", "盒", 15_000) == [(early, 10_000), (late, 5_000)]
    assert [r.lot for r in stock_list(station.db, TODAY)] == [early, late]
    assert expiring_soon(station.db, date(2026, 11, 15)) == [
        r for r in stock_list(station.db, date(2026, 11, 15)) if r.lot == early
    ]


def test_stock_take_compares_book_and_count_with_two_people(station: Station) -> None:
    a, b = receive(station, rice("10"), LotDraft("毛毯", "5", "条", "", "not_valued")).lots
    with pytest.raises(ValidationError) as refused:
        take_stock(station.db, station.staff, "李社工", DEMO_PASSWORD, {a: 9_000, b: 5_000})
    assert refused.value.code == "count.no_reason"
    with pytest.raises(PermissionDenied) as same:
        take_stock(station.db, station.staff, "王小明", DEMO_PASSWORD, {a: 10_000})
    assert same.value.code == "count.same_person" and same.value.field == "witness"
    with pytest.raises(ValidationError) as nobody:
        take_stock(station.db, station.staff, " ", "", {a: 10_000})
    assert nobody.value.code == "count.no_witness"
    result = take_stock(
        station.db,
        station.staff,
        "李社工",
        DEMO_PASSWORD,
        {a: 9_000, b: 5_000},
        {a: "一袋破损"},
        clock=at_now,
    )
    assert result.differences == 1
    assert {r.lot: r.on_hand_milli for r in stock_list(station.db, TODAY)} == {a: 9_000, b: 5_000}
    data = _entries(station)[-1]["data"]
    assert data["witness"] == "李社工" and data["lines"][0] == {  # type: ignore[index]
        "lot": a,
        "book_milli": 10_000,
        "counted_milli": 9_000,
        "reason": "一袋破损",
    }
    with station.db.read() as conn:
        assert book_mismatches(conn) == []


def test_ledger_verify_compares_goods_rows_with_their_entries(station: Station) -> None:
    from station_app.services.ledger_check import verify_ledger
    from tests.goods.helpers import exercise_goods

    exercise_goods(station)
    assert verify_ledger(station.db).ok
    con = sqlite3.connect(station.paths.database)
    try:
        con.execute("DROP TRIGGER goods_lot_no_update")
        con.execute("UPDATE goods_lot SET location = '别处' WHERE id = 1")
        con.commit()
    finally:
        con.close()
    report = verify_ledger(station.db)
    assert not report.ok
    assert any(m.table == "goods_lot" and m.field == "location" for m in report.mismatches)


def test_the_migrations_goods_triggers_are_the_modules(station: Station) -> None:
    """Migration 0008 keeps a frozen copy of storage/goods_tables.py's triggers."""
    from station_app.storage.goods_tables import GOODS_TRIGGERS

    con = sqlite3.connect(station.paths.database)
    try:
        present = dict(
            con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        )
    finally:
        con.close()
    assert {name: present.get(name) for name in GOODS_TRIGGERS} == GOODS_TRIGGERS
