"""Goods entries synced to the real receiver over loopback: stored, checked, and the
association's question "what did station X receive and hand out" answered, by function
and by the admin command; a hand-played station's impossible goods are refused; on
SQLite and on PostgreSQL (the association's real database)."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from association_server.goods import station_goods, station_stock
from association_server.incident_kinds import IncidentKind
from association_server.models import IncidentRow
from station_app.domain.entry_types import EntryType
from station_app.domain.goods.lots import LotDraft
from station_app.domain.goods.movements import MovementDraft
from station_app.services.donation_recording import DonationRecorder
from station_app.services.goods_movements import mark_sheet_returned, move_goods
from station_app.services.goods_receiving import GoodsIntake, receive_goods
from station_app.services.goods_rules import set_goods_rules
from station_app.services.goods_stocktake import take_stock
from station_app.services.operators import create_operator
from station_app.services.station_sync import sync_station
from station_app.storage.goods_tables import GoodsLot
from tests.conftest import REPO
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.entries import DAY, HandStation, new_uuid
from tests.sync.harness import SyncStation

NOW = datetime(2026, 11, 9, 2, 0, tzinfo=UTC)
_codes = itertools.count(1)


def _now() -> datetime:
    return NOW


def _station_stock(st: SyncStation) -> dict[str, int]:
    t = GoodsLot.__table__
    with st.db.read() as conn:
        return {r.uuid: r.on_hand_milli for r in conn.execute(t.select())}


def _goods_day(st: SyncStation) -> None:
    create_operator(st.db, st.coordinator, "李社工", "social_worker", "long-enough-1")
    # The coordinator's goods rules are an entry like any other: synced and stored.
    set_goods_rules(
        st.db, st.coordinator, min_months_to_expiry=3, second_person_above_fen=200_000, clock=_now
    )
    rice = LotDraft("大米", "20", "袋", "1000", "market", None, "other", "A架")
    milk = LotDraft("牛奶", "24", "盒", "", "not_valued", date(2027, 6, 1), "food", "冷柜")
    got = receive_goods(
        DonationRecorder(st.db, st.signer, clock=_now),
        st.coordinator,
        GoodsIntake((rice, milk), donor_name="张三"),
    )
    rice_lot, milk_lot = got.lots
    given = move_goods(
        st.db,
        st.coordinator,
        MovementDraft(
            "distribution",
            ((rice_lot, 2_000), (milk_lot, 6_000)),
            household_name="王大妈",
            household_reference="H-017",
            social_worker="李社工",
        ),
        clock=_now,
    )
    mark_sheet_returned(st.db, st.coordinator, given.movement, clock=_now)
    move_goods(st.db, st.coordinator, MovementDraft("transfer", ((rice_lot, 10_000),)), clock=_now)
    take_stock(
        st.db,
        st.coordinator,
        "李社工",
        "long-enough-1",
        {milk_lot: 17_000},
        {milk_lot: "一盒破损"},
        clock=_now,
    )


def test_goods_sync_and_the_association_sees_what_the_station_did(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(deployment)
    _goods_day(st)
    result = sync_station(st.db, st.keys, base_url=deployment.url)
    assert result.ok, result.message_en
    assert_equal_ledgers(st, deployment.engine)
    assert station_stock(deployment.engine, st.code) == _station_stock(st)
    lines = {
        (g.kind, g.item): g
        for g in station_goods(deployment.engine, st.code, "2026-11-01", "2026-11-30")
    }
    assert lines["received", "大米"].quantity_milli == 20_000
    assert lines["received", "大米"].value_fen == 100_000
    assert lines["received", "牛奶"].value_fen == 0
    assert lines["distribution", "牛奶"].quantity_milli == 6_000
    assert lines["transfer", "大米"].quantity_milli == 10_000
    assert lines["count", "牛奶"].quantity_milli == -1_000
    assert station_goods(deployment.engine, st.code, "2026-12-01", "2026-12-31") == []
    out = subprocess.run(
        [sys.executable, "-m", "association_server", "station", "goods", st.code,
         "--from", "2026-11-01", "--to", "2026-11-30", "--db", deployment.db_url],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "distribution" in out.stdout and "大米 (袋)" in out.stdout and "1000.00" in out.stdout
    assert "王大妈" not in out.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "association_server", "station", "goods", st.code,
         "--from", "November", "--to", "2026-11-30", "--db", deployment.db_url],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def _lot(lot: str, quantity_milli: int) -> dict[str, Any]:
    return {
        "lot": lot,
        "item": "大米",
        "category": "other",
        "quantity_milli": quantity_milli,
        "unit": "袋",
        "value_fen": 0,
        "valuation": "not_valued",
        "expiry": None,
        "location": "",
    }


def _received(*lots: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return (
        EntryType.GOODS_RECEIVED,
        {
            "lots": list(lots),
            "donation": None,
            "receipt": None,
            "donor": None,
            "operator": "陈主任",
            "business_day": DAY,
            "override": None,
            "confirmed_by": None,
        },
    )


def _moved(lot: str, quantity_milli: int) -> tuple[str, dict[str, Any]]:
    return (
        EntryType.GOODS_MOVED,
        {
            "movement": new_uuid(),
            "kind": "transfer",
            "lines": [{"lot": lot, "quantity_milli": quantity_milli}],
            "household": None,
            "social_worker": None,
            "designation": None,
            "destination": "慈善会仓库",
            "write_off_reason": None,
            "reason": None,
            "operator": "陈主任",
            "business_day": DAY,
        },
    )


def test_the_receiver_refuses_goods_that_do_not_add_up(deployment: Deployment) -> None:
    st = HandStation.enrol(
        deployment.engine,
        deployment.url,
        f"GZ-GD-{next(_codes):02d}{os.getpid() % 100:02d}",
    )
    st.start()
    lot = new_uuid()
    assert st.send(st.next([_received(_lot(lot, 5_000))])).status_code == 200

    def refused(item: tuple[str, dict[str, Any]]) -> str:
        r = st.send(st.next([item]))
        assert r.status_code == 422, r.text
        assert r.json()["code"] == "goods_inconsistent"
        return r.json()["message"]

    assert "Not enough stock" in refused(_moved(lot, 5_001))  # below zero
    assert "No such lot" in refused(_moved(new_uuid(), 1))  # a lot never received
    assert "already recorded" in refused(_received(_lot(lot, 1)))  # received twice
    count = {
        "stocktake": new_uuid(),
        "lines": [{"lot": lot, "book_milli": 4_000, "counted_milli": 4_000, "reason": None}],
        "by": "陈主任",
        "witness": "李社工",
        "business_day": DAY,
    }
    assert "book 4000" in refused((EntryType.GOODS_COUNTED, count))  # the book is 5000
    sheet = {"movement": new_uuid(), "by": "陈主任"}
    assert "No pickup" in refused((EntryType.GOODS_SHEET_RETURNED, sheet))
    # Each refusal is an incident for the association (a station hiding goods that left).
    t = IncidentRow.__table__
    with deployment.engine.connect() as conn:
        kinds = [r.code for r in conn.execute(select(t.c.code).where(t.c.station_code == st.code))]
    assert kinds == [IncidentKind.GOODS_INCONSISTENT.value] * 5
    # within one batch: received and moved out in order is fine; the stock follows
    assert st.send(st.next([_moved(lot, 2_000), _moved(lot, 3_000)])).status_code == 200
    assert station_stock(deployment.engine, st.code) == {lot: 0}
