"""The day close counts the day's goods item by item (issue 18, point 4), on a real
station database: in and out per item, book against counted, differences with their
reason booked as a stock-take in the close's own transaction."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from station_app.domain.entry_schema import EntryRejected, check_entry_body, parse_payload
from station_app.domain.errors import ConflictError, ValidationError
from station_app.domain.goods.day_goods import LotBook, spread_difference
from station_app.domain.goods.movements import MovementDraft
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.services.day_close import CloseRequest, close_day, day_state, reopen_day
from station_app.services.day_goods import day_goods
from station_app.services.goods_movements import move_goods
from station_app.services.goods_queries import book_mismatches, stock_list
from station_app.services.ledger_check import verify_ledger
from station_app.services.ledger_writer import iter_entries
from station_app.services.report_documents import day_close_pdf
from tests.conftest import Station
from tests.goods.helpers import NOW, at_now, give, milk, receive, rice
from tests.helpers.db_snapshot import table_dump
from tests.helpers.pdf_tools import pdf_text, squeezed

DAY = NOW.date()
RICE, MILK = ("大米", "袋"), ("牛奶", "盒")


def evening() -> datetime:
    return datetime(2026, 3, 9, 11, tzinfo=UTC)


def busy_goods_day(station: Station) -> tuple[str, str]:
    """Rice 10 in (valued ¥500), milk 24 in (not valued); 2 rice handed out, 3 milk
    written off as damaged: book rice 8, milk 21."""
    rice_lot, milk_lot = receive(station, rice(), milk(date(2027, 3, 1))).lots
    move_goods(station.db, station.staff, give(rice_lot, 2_000), clock=at_now)
    move_goods(
        station.db,
        station.coordinator,
        MovementDraft("write_off", ((milk_lot, 3_000),), write_off_reason="damaged", reason="压坏"),
        clock=at_now,
    )
    return rice_lot, milk_lot


def close(station: Station, **kw: Any) -> Any:
    request = CloseRequest(day=DAY, denominations=None, counted_cash_fen=0, **kw)
    return close_day(
        station.db, station.coordinator, "李社工", DEMO_PASSWORD, request, clock=evening
    )


def _entries(station: Station, type_: str) -> list[dict[str, Any]]:
    with station.db.read() as conn:
        found = [e for e in iter_entries(conn) if e.type == type_]
    for e in found:
        check_entry_body(parse_payload(e.payload), station_code=station.info.code)
    return [json.loads(e.payload)["data"] for e in found]


def test_the_day_shows_goods_in_and_out_per_item(station: Station) -> None:
    busy_goods_day(station)
    goods = day_goods(station.db, DAY)
    assert goods.items == [RICE, MILK]
    assert dict(goods.book) == {RICE: 8_000, MILK: 21_000}
    assert goods.received_of(RICE) == 10_000 and goods.received_of(MILK) == 24_000
    assert {k.value: q for k, q in goods.moved_of(RICE).items()} == {"distribution": 2_000}
    assert {k.value: q for k, q in goods.moved_of(MILK).items()} == {"write_off": 3_000}
    assert day_goods(station.db, date(2026, 3, 10)).items == []  # nothing moved that day


def test_every_item_must_be_counted_and_a_difference_needs_its_reason(station: Station) -> None:
    busy_goods_day(station)
    before = table_dump(station.paths.database)
    with pytest.raises(ValidationError) as info:
        close(station, goods_counted={RICE: 8_000})  # the milk was not counted
    assert info.value.code == "close.goods_not_counted" and "牛奶" in info.value.message_zh
    with pytest.raises(ValidationError) as info:
        close(station, goods_counted={RICE: 7_000, MILK: 21_000})
    assert info.value.code == "close.goods_no_reason"
    assert "账面 8 袋，实盘 7 袋" in info.value.message_zh
    assert info.value.field == "goods.大米/袋"
    with pytest.raises(ValidationError):  # an item that did not move is not this day's
        close(station, goods_counted={RICE: 8_000, MILK: 21_000, ("油", "桶"): 1_000})
    assert table_dump(station.paths.database) == before
    assert not day_state(station.db, DAY).closed


def test_the_count_is_refused_if_the_stock_moved_while_counting(station: Station) -> None:
    rice_lot, _ = busy_goods_day(station)
    shown = dict(day_goods(station.db, DAY).book)
    move_goods(station.db, station.staff, give(rice_lot, 1_000), clock=at_now)
    with pytest.raises(ConflictError) as info:
        close(station, goods_counted={RICE: 8_000, MILK: 21_000}, goods_book=shown)
    assert info.value.code == "close.goods_moved"
    assert not day_state(station.db, DAY).closed


def test_a_matching_count_closes_without_a_stocktake(station: Station) -> None:
    busy_goods_day(station)
    result = close(station, goods_counted={RICE: 8_000, MILK: 21_000})
    assert [g.difference_milli for g in result.goods] == [0, 0]
    assert _entries(station, "goods.counted") == []
    [data] = _entries(station, "day.closed")
    assert "in_kind_confirmed" not in data["counted"]
    assert data["goods_stocktake"] is None
    assert data["goods_received"] == [
        {"item": "大米", "unit": "袋", "quantity_milli": 10_000, "value_fen": 50_000},
        {"item": "牛奶", "unit": "盒", "quantity_milli": 24_000, "value_fen": 0},
    ]
    assert {(g["kind"], g["item"], g["quantity_milli"]) for g in data["goods_moved"]} == {
        ("distribution", "大米", 2_000),
        ("write_off", "牛奶", 3_000),
    }
    with station.db.read() as conn:
        confirmed = conn.exec_driver_sql("SELECT in_kind_confirmed FROM day_close").scalar()
    assert confirmed == 1  # counted and every item agrees
    assert verify_ledger(station.db).ok


def test_differences_are_booked_as_a_stocktake_in_the_close(station: Station) -> None:
    busy_goods_day(station)
    result = close(
        station,
        goods_counted={RICE: 7_500, MILK: 22_000},
        goods_reasons={RICE: "半袋洒落", MILK: "多出一盒，早上漏登"},
    )
    assert {g.item: g.difference_milli for g in result.goods} == {"大米": -500, "牛奶": 1_000}
    [count] = _entries(station, "goods.counted")
    assert count["business_day"] == DAY.isoformat()
    assert (count["by"], count["witness"]) == ("陈主任", "李社工")
    [data] = _entries(station, "day.closed")
    assert data["goods_stocktake"] == count["stocktake"]
    assert {
        g["item"]: (g["book_milli"], g["counted_milli"], g["reason"]) for g in data["goods_counted"]
    } == {"大米": (8_000, 7_500, "半袋洒落"), "牛奶": (21_000, 22_000, "多出一盒，早上漏登")}
    stock = {r.item: r.on_hand_milli for r in stock_list(station.db, DAY)}
    assert stock == {"大米": 7_500, "牛奶": 22_000}
    with station.db.read() as conn:
        assert book_mismatches(conn) == []
        confirmed = conn.exec_driver_sql("SELECT in_kind_confirmed FROM day_close").scalar()
    assert confirmed == 0  # counted, with explained differences
    assert verify_ledger(station.db).ok
    # The close's own stock-take belongs to the day: after a reopen it shows as moved.
    reopen_day(station.db, station.coordinator, DAY, "补录")
    again = day_goods(station.db, DAY)
    assert {k.value: q for k, q in again.moved_of(RICE).items()} == {
        "distribution": 2_000,
        "count": -500,
    }
    assert dict(again.book) == {RICE: 7_500, MILK: 22_000}


def test_a_difference_is_spread_over_lots_first_expiring_first() -> None:
    lots = [
        LotBook("late", 5_000, date(2027, 6, 1), 3),
        LotBook("soon", 2_000, date(2026, 12, 1), 5),
        LotBook("undated", 4_000, None, 1),
    ]
    assert spread_difference(lots, -3_000) == [("soon", -2_000), ("late", -1_000)]
    assert spread_difference(lots, 1_500) == [("soon", 1_500)]  # the newest lot received


def test_the_close_pdf_shows_the_goods(station: Station, tmp_path: Path) -> None:
    busy_goods_day(station)
    close(
        station,
        goods_counted={RICE: 7_500, MILK: 21_000},
        goods_reasons={RICE: "半袋洒落"},
    )
    path = tmp_path / "close.pdf"
    path.write_bytes(day_close_pdf(station.db, station.info, DAY))
    text = squeezed(pdf_text(path))
    assert "四、当日物资进出" in text and "五、物资清点（账面与实盘）" in text
    assert "大米袋10（¥500.00）2" in text  # in (valued) and handed out
    assert "牛奶盒24" in text and "大米袋87.5-0.5半袋洒落" in text
    assert "逐项清点2项（见四、五）" in text and "1项有差异" in text
    assert "王大妈" not in text and "BJJ-H-017" not in text  # no household on the summary


def test_old_and_new_closes_both_pass_and_mixtures_do_not(station: Station) -> None:
    busy_goods_day(station)
    close(station, goods_counted={RICE: 7_000, MILK: 21_000}, goods_reasons={RICE: "丢失"})
    with station.db.read() as conn:
        entry = next(e for e in iter_entries(conn) if e.type == "day.closed")
    body = parse_payload(entry.payload)
    code = station.info.code
    check_entry_body(body, station_code=code)

    def refused(data: dict[str, Any]) -> str:
        with pytest.raises(EntryRejected) as info:
            check_entry_body({**body, "data": data}, station_code=code)
        return info.value.where

    new = body["data"]
    old = {k: v for k, v in new.items() if not k.startswith("goods_")}
    old = {
        **old,
        "counted": {**new["counted"], "in_kind_confirmed": True},
        "differences": {**new["differences"], "in_kind_unconfirmed": False},
    }
    check_entry_body({**body, "data": old}, station_code=code)  # a close from before
    assert refused({**old, "goods_stocktake": None}) == "data"  # half of the new form
    assert refused({**new, "counted": old["counted"]}) == "data.counted"  # both forms
    assert refused({**old, "counted": new["counted"]}) == "data.counted"  # neither
    assert refused({**new, "goods_stocktake": None}) == "data.goods_stocktake"
    no_reason = [{**g, "reason": None} for g in new["goods_counted"]]
    assert refused({**new, "goods_counted": no_reason}).startswith("data.goods_counted")
    negative = [{**g, "quantity_milli": -1} for g in new["goods_moved"]]
    assert refused({**new, "goods_moved": negative}).startswith("data.goods_moved")


def test_the_disclosure_sheet_lists_goods_per_project_without_households(
    station: Station, tmp_path: Path
) -> None:
    from station_app.services.donation_recording import DonationRecorder
    from station_app.services.goods_receiving import GoodsIntake, receive_goods
    from station_app.services.report_documents import disclosure_pdf

    intake = GoodsIntake(
        (rice(), milk(date(2027, 3, 1))), donor_name="张三", designation_code="WXY"
    )
    recorder = DonationRecorder(station.db, station.signer, clock=at_now)
    rice_lot, milk_lot = receive_goods(recorder, station.staff, intake).lots
    move_goods(station.db, station.staff, give(rice_lot, 2_000), clock=at_now)
    move_goods(
        station.db,
        station.staff,
        MovementDraft("designation", ((milk_lot, 4_000),), designation_code="WXY"),
        clock=at_now,
    )
    move_goods(
        station.db, station.staff, MovementDraft("transfer", ((rice_lot, 3_000),)), clock=at_now
    )
    path = tmp_path / "disclosure.pdf"
    path.write_bytes(disclosure_pdf(station.db, station.info, date(2026, 3, 1), date(2026, 3, 31)))
    text = squeezed(pdf_text(path))
    assert "物资接收（按捐赠去向）" in text and "物资发放与去向（按项目）" in text
    assert "微心愿大米袋10¥500.00" in text and "微心愿牛奶盒24未估值" in text
    assert "发放给困难家庭大米袋2¥100.00" in text  # a value only where valued
    assert "用于定向项目：微心愿牛奶盒4未估值" in text
    assert "调拨至慈善会仓库大米袋3¥150.00" in text
    assert text.index("发放给困难家庭") < text.index("用于定向项目")
    for private in ("王大妈", "BJJ-H-017", "李社工"):  # no household, no social worker
        assert private not in text


def test_a_restore_carries_a_close_with_its_goods_count(station: Station) -> None:
    from station_app.services import backups
    from station_app.storage.database import StationDatabase
    from tests.ops.helpers import restore_as_coordinator

    busy_goods_day(station)
    backup = backups.make_backup(station.paths, "manual")
    close(station, goods_counted={RICE: 7_000, MILK: 21_000}, goods_reasons={RICE: "丢失"})
    before = table_dump(station.paths.database)
    station.db.close()
    restore_as_coordinator(station.paths, backup.path)
    after = table_dump(station.paths.database)
    for table in ("day_close", "goods_movement", "goods_movement_line", "goods_lot"):
        assert after[table] == before[table], table
    with StationDatabase.open(station.paths.database) as db:
        assert day_state(db, DAY).closed
        assert verify_ledger(db).ok


def test_the_command_line_close_counts_the_goods(tmp_path: Path) -> None:
    import sqlite3

    from tests.ops.helpers import cli, cli_as

    data = str(tmp_path / "d")
    assert cli("init-demo", "--data-dir", data).returncode == 0  # rice 10 bags, oil 5 drums
    base = ("day", "close", "--data-dir", data, "--cash", "100", "--witness", "李社工",
            "--witness-password-env", "DESK_TEST_PASSWORD", "--explain", "对账单未到")  # fmt: skip
    missing = cli_as("陈主任", *base, "--goods", "大米=10", lang="zh")
    assert missing.returncode == 2 and "请清点食用油（账面 5 桶）" in missing.stderr
    wrong = cli_as("陈主任", *base, "--goods", "面粉=1", lang="zh")
    assert wrong.returncode == 2 and "当日需清点：大米/袋、食用油/桶" in wrong.stderr
    ok = cli_as(
        "陈主任", *base, "--goods", "大米=10", "--goods", "食用油/桶=4",
        "--goods-reason", "食用油=漏油一桶",
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    con = sqlite3.connect(tmp_path / "d" / "station.sqlite3")
    payload = con.execute("SELECT payload FROM ledger_entry WHERE type='day.closed'").fetchone()
    con.close()
    counted = {g["item"]: g for g in json.loads(payload[0])["data"]["goods_counted"]}
    assert counted["食用油"]["counted_milli"] == 4_000 and counted["食用油"]["reason"] == "漏油一桶"
    assert counted["大米"]["counted_milli"] == counted["大米"]["book_milli"] == 10_000


def test_a_close_row_claiming_the_goods_agreed_is_caught(station: Station) -> None:
    """``DROP TRIGGER day_close_no_update; UPDATE day_close SET in_kind_confirmed = 1``
    after a count with a difference: the full check compares the row with the entry."""
    import sqlite3

    from station_app.storage.database import StationDatabase

    busy_goods_day(station)
    close(station, goods_counted={RICE: 7_000, MILK: 21_000}, goods_reasons={RICE: "丢失"})
    station.db.close()
    con = sqlite3.connect(station.paths.database)
    con.execute("DROP TRIGGER day_close_no_update")
    con.execute("UPDATE day_close SET in_kind_confirmed = 1")
    con.commit()
    con.close()
    with StationDatabase.open(station.paths.database) as db:
        full = verify_ledger(db)
    assert not full.ok
    assert any("in_kind_confirmed" in en for _zh, en in full.problems), full.problems
