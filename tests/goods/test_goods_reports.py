"""Goods reports and their CSV export, from a real station's records."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from station_app.domain.errors import PermissionDenied
from station_app.domain.goods.acceptance import GoodsRules
from station_app.domain.goods.movements import MovementDraft
from station_app.services.goods_movements import move_goods
from station_app.services.goods_reports import export_goods, flows, stock_on_hand, write_offs
from tests.conftest import Station
from tests.goods.helpers import NOW, at_now, give, milk, receive, rice

DAY = NOW.date()


@pytest.fixture
def goods_day(station: Station) -> Station:
    receive(station, milk(date(2026, 3, 25)), rules=GoodsRules(min_months_to_expiry=0))
    _day_without_rule(station)
    return station


def _day_without_rule(station: Station) -> None:
    rules = GoodsRules(min_months_to_expiry=0)
    rice_lot, milk_lot = receive(station, rice("10", "500"), milk(date(2026, 3, 25)),
                                 rules=rules).lots  # fmt: skip
    move_goods(station.db, station.staff, give(rice_lot, 4_000), clock=at_now)
    move_goods(station.db, station.staff,
               MovementDraft("designation", ((milk_lot, 4_000),), designation_code="WXY"),
               clock=at_now)  # fmt: skip
    move_goods(station.db, station.coordinator,
               MovementDraft("write_off", ((milk_lot, 2_000),), write_off_reason="damaged",
                             reason="包装破损"), clock=at_now)  # fmt: skip


def test_stock_flows_and_write_offs(goods_day: Station) -> None:
    stock = {s.item: s for s in stock_on_hand(goods_day.db)}
    assert stock["大米"].quantity_milli == 6_000 and stock["大米"].value_fen == 30_000
    assert stock["牛奶"].quantity_milli == 24_000 + 18_000 and stock["牛奶"].value_fen == 0
    got = {(f.kind, f.designation, f.item): f.quantity_milli for f in flows(goods_day.db, DAY, DAY)}
    assert got[("received", None, "牛奶")] == 48_000
    assert got[("distribution", None, "大米")] == 4_000
    assert got[("designation", "WXY", "牛奶")] == 4_000
    assert got[("write_off", None, "牛奶")] == 2_000
    assert flows(goods_day.db, date(2026, 4, 1), date(2026, 4, 30)) == []
    [w] = write_offs(goods_day.db, DAY, DAY)
    assert w.why == "damaged" and w.reason == "包装破损"


def test_csv_export_has_chinese_headers_and_no_household(
    goods_day: Station, tmp_path: Path
) -> None:
    target = tmp_path / "goods.csv"
    with pytest.raises(PermissionDenied):
        export_goods(goods_day.db, goods_day.staff, target, DAY, DAY, today=DAY)
    rows = export_goods(goods_day.db, goods_day.coordinator, target, DAY, DAY, today=DAY)
    with open(target, encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][:4] == ["报表", "物品", "单位", "数量"] and len(table) == rows + 1
    kinds = {r[0] for r in table[1:]}
    assert {"库存", "30天内到期", "接收", "发放给困难家庭", "用于定向项目", "报损"} <= kinds
    assert "王大妈" not in target.read_text(encoding="utf-8-sig")
