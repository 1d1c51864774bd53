"""Issue 18 point 1 and 2 on a real station: an in-kind gift recorded like any donation
(the form, the CLI) enters the stock as complete lots under the acceptance rules in
force; the coordinator alone sets those rules, ledgered; barcodes are remembered."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from station_app.domain.confirmation import Confirmation
from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.domain.entry_schema import check_entry_body, parse_payload
from station_app.domain.errors import PermissionDenied, ValidationError
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.services.donation_recording import DonationRecorder
from station_app.services.goods_barcodes import look_up
from station_app.services.goods_rules import goods_rules, set_goods_rules
from station_app.services.ledger_check import verify_ledger
from station_app.services.ledger_writer import iter_entries
from station_app.storage.goods_tables import GoodsLot
from station_app.storage.models import DonationItem
from tests.conftest import Station
from tests.goods.helpers import at_now, receive, rice
from tests.helpers.db_snapshot import table_dump

_LOT = GoodsLot.__table__


def _recorder(station: Station) -> DonationRecorder:
    return DonationRecorder(station.db, station.signer, clock=at_now)  # 2026-03-09


def _milk(expiry: date, **kw: str) -> ItemDraft:
    return ItemDraft(
        "牛奶", "24", "盒", kw.pop("value", "120"), "invoice", "food", expiry, "冷柜", **kw
    )


def _gift(*items: ItemDraft, **kw: object) -> DonationDraft:
    return DonationDraft(kind="in_kind", donor_name="张三", items=items, **kw)  # type: ignore[arg-type]


def _lots(station: Station) -> list[tuple[object, ...]]:
    with station.db.read() as conn:
        rows = conn.execute(
            select(
                _LOT.c.item,
                _LOT.c.category,
                _LOT.c.valuation,
                _LOT.c.value_fen,
                _LOT.c.expiry,
                _LOT.c.location,
                _LOT.c.donation_id,
            ).order_by(_LOT.c.id)
        )
        return [tuple(r) for r in rows]


def _goods_entries(station: Station, type_: str) -> list[dict[str, object]]:
    with station.db.read() as conn:
        found = [e for e in iter_entries(conn) if e.type == type_]
    for e in found:
        check_entry_body(parse_payload(e.payload), station_code=station.info.code)
    return [json.loads(e.payload) for e in found]


def test_an_in_kind_gift_enters_the_stock_as_complete_lots(station: Station) -> None:
    blanket = ItemDraft("毛毯", "3", "条", "", "not_valued", "other", None, "B架")
    rec = _recorder(station).record(station.staff, _gift(_milk(date(2027, 1, 31)), blanket))
    assert rec.amount_fen == 12_000  # the blanket is not valued: no money
    assert _lots(station) == [
        ("牛奶", "food", "invoice", 12_000, "2027-01-31", "冷柜", rec.donation_id),
        ("毛毯", "other", "not_valued", 0, None, "B架", rec.donation_id),
    ]
    with station.db.read() as conn:
        items = conn.execute(select(DonationItem.__table__.c.description)).scalars().all()
    assert items == ["牛奶"]  # the receipt's money lines: valued goods only
    [entry] = _goods_entries(station, "goods.received")
    assert entry["data"]["receipt"] == rec.receipt_number  # type: ignore[index]
    assert verify_ledger(station.db).ok


def test_food_close_to_expiry_is_refused_unless_the_coordinator_overrides(
    station: Station,
) -> None:
    before = table_dump(station.paths.database)
    recorder = _recorder(station)
    with pytest.raises(ValidationError) as info:
        recorder.record(station.staff, _gift(_milk(date(2026, 8, 1))))  # < 6 months
    assert info.value.code == "goods.expiry_too_close" and info.value.field == "lots.0"
    assert "不足 6 个月" in info.value.message_zh
    social = Confirmation("李社工", DEMO_PASSWORD, "急需")
    with pytest.raises(PermissionDenied):
        recorder.record(station.staff, _gift(_milk(date(2026, 8, 1)), override=social))
    no_reason = Confirmation("陈主任", DEMO_PASSWORD)
    with pytest.raises(ValidationError, match="原因"):
        recorder.record(station.staff, _gift(_milk(date(2026, 8, 1)), override=no_reason))
    assert table_dump(station.paths.database) == before
    ok = Confirmation("陈主任", DEMO_PASSWORD, "社区活动当周发放")
    recorder.record(station.staff, _gift(_milk(date(2026, 8, 1)), override=ok))
    [entry] = _goods_entries(station, "goods.received")
    assert entry["data"]["override"] == {"by": "陈主任", "reason": "社区活动当周发放"}  # type: ignore[index]


def test_valuable_goods_need_a_second_person(station: Station) -> None:
    recorder = _recorder(station)
    dear = _milk(date(2027, 6, 1), value="6000")
    with pytest.raises(ValidationError) as info:
        recorder.record(station.staff, _gift(dear))
    assert info.value.code == "goods.second_person"
    with pytest.raises(PermissionDenied):  # the recorder cannot confirm their own count
        recorder.record(station.staff, _gift(dear, second=Confirmation("王小明", DEMO_PASSWORD)))
    recorder.record(station.staff, _gift(dear, second=Confirmation("李社工", DEMO_PASSWORD)))
    [entry] = _goods_entries(station, "goods.received")
    assert entry["data"]["confirmed_by"] == "李社工"  # type: ignore[index]


def test_a_gift_with_nothing_valued_is_refused_on_the_form(station: Station) -> None:
    before = table_dump(station.paths.database)
    blanket = ItemDraft("毛毯", "3", "条", "", "not_valued")
    with pytest.raises(ValidationError) as info:
        _recorder(station).record(station.staff, _gift(blanket))
    assert info.value.code == "goods.nothing_valued" and "物资" in info.value.message_zh
    assert table_dump(station.paths.database) == before


def test_only_the_coordinator_sets_the_rules_and_the_change_is_ledgered(
    station: Station,
) -> None:
    assert goods_rules(station.db).set_by is None  # the defaults: 6 months, 5,000 yuan
    for who in (station.staff, station.social_worker):
        with pytest.raises(PermissionDenied):
            set_goods_rules(station.db, who, min_months_to_expiry=1, second_person_above_fen=100)
    with pytest.raises(ValidationError):
        set_goods_rules(
            station.db, station.coordinator, min_months_to_expiry=61, second_person_above_fen=0
        )
    assert _goods_entries(station, "goods.rules_set") == []
    done = set_goods_rules(
        station.db,
        station.coordinator,
        min_months_to_expiry=3,
        second_person_above_fen=10_000,
        clock=at_now,
    )
    assert (done.set_by, done.set_at) == ("陈主任", "2026-03-09T02:00:00Z")
    [entry] = _goods_entries(station, "goods.rules_set")
    assert entry["data"] == {
        "min_months_to_expiry": 3,
        "second_person_above_fen": 10_000,
        "by": "陈主任",
    }
    # The same rules again write nothing.
    set_goods_rules(
        station.db, station.coordinator, min_months_to_expiry=3, second_person_above_fen=10_000
    )
    assert len(_goods_entries(station, "goods.rules_set")) == 1
    # The service applies the rules in force: 5 months now pass, 150 yuan needs two.
    recorder = _recorder(station)
    recorder.record(station.staff, _gift(_milk(date(2026, 8, 20), value="50")))
    with pytest.raises(ValidationError, match=r"100\.00"):
        recorder.record(station.staff, _gift(_milk(date(2026, 8, 20), value="150")))
    assert verify_ledger(station.db).ok


def test_a_scanned_code_is_remembered_with_its_item(station: Station) -> None:
    assert look_up(station.db, "6901234567892") is None
    rec = _recorder(station)
    milk = _milk(date(2027, 1, 1), barcode="6901234567892")
    rec.record(station.staff, _gift(milk))
    known = look_up(station.db, "６９０１２３４５６７８９２")  # full-width digits typed
    assert known is not None and (known.item, known.unit, known.category) == ("牛奶", "盒", "food")
    renamed = ItemDraft("纯牛奶", "1", "箱", "60", barcode="6901234567892")
    rec.record(station.staff, _gift(renamed))
    known = look_up(station.db, "6901234567892")
    assert known is not None and (known.item, known.unit, known.category) == (
        "纯牛奶",
        "箱",
        "other",
    )
    before = table_dump(station.paths.database)
    with pytest.raises(ValidationError) as info:
        rec.record(station.staff, _gift(ItemDraft("米", "1", "袋", "5", barcode="a b")))
    assert info.value.code == "barcode.bad"
    assert table_dump(station.paths.database) == before
    # The goods window's path remembers codes too.
    from station_app.services.goods_receiving import GoodsIntake, receive_goods

    receive_goods(
        rec, station.staff, GoodsIntake((rice(),), anonymous=True, barcodes=("RICE-10KG",))
    )
    assert look_up(station.db, "RICE-10KG") is not None
    assert receive(station, rice()).donation is not None  # no code: nothing remembered
