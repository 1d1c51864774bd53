"""The day close's goods over the real receiver (issue 18, point 4): a genuine close with
a counted difference syncs without an incident, whole or split across batches; a close
whose goods do not add up to the goods entries received raises ``day_goods_mismatch``;
an old close (the tick box) still syncs."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from association_server import admin
from association_server.goods import station_stock
from station_app.domain.entry_types import EntryType
from station_app.domain.goods.movements import MovementDraft
from station_app.services.day_close import CloseRequest, close_day, reopen_day
from station_app.services.goods_movements import move_goods
from station_app.services.station_sync import sync_station
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.entries import DAY, HandStation, new_uuid
from tests.sync.harness import SyncStation
from tests.sync.test_goods_sync import _goods_day, _lot, _moved, _received, _station_stock

CLOSE_DAY = date(2026, 11, 9)
_codes = itertools.count(1)


def _evening() -> datetime:
    return datetime(2026, 11, 9, 12, tzinfo=UTC)


def _kinds(d: Deployment, code: str) -> list[str]:
    return [str(i["code"]) for i in admin.list_incidents(d.engine, code)]


def _close(st: SyncStation, **goods: Any) -> None:
    with st.db.read() as conn:
        unmatched = conn.exec_driver_sql(
            "SELECT id FROM donation WHERE kind IN ('mobile', 'bank')"
        ).scalars()
        explanations = {f"donation:{i}": "对账单未到" for i in unmatched}
    request = CloseRequest(CLOSE_DAY, None, 0, explanations=explanations, **goods)
    close_day(st.db, st.coordinator, "李社工", "long-enough-1", request, clock=_evening)


@pytest.mark.parametrize("batch_size", [500, 1])
def test_a_genuine_close_with_a_goods_difference_raises_nothing(
    deployment: Deployment, make_station: Callable[..., SyncStation], batch_size: int
) -> None:
    st = make_station(deployment)
    _goods_day(st)  # rice 20 in, 2 handed out, 10 transferred; milk 24 in, 6 out, count -1
    _close(
        st,
        goods_counted={("大米", "袋"): 8_000, ("牛奶", "盒"): 16_000},
        goods_reasons={("牛奶", "盒"): "一盒过期丢弃"},
    )
    result = sync_station(st.db, st.keys, base_url=deployment.url, batch_size=batch_size)
    assert result.ok, result.message_en
    assert_equal_ledgers(st, deployment.engine)
    assert station_stock(deployment.engine, st.code) == _station_stock(st)
    assert "day_goods_mismatch" not in _kinds(deployment, st.code)
    assert "day_totals_mismatch" not in _kinds(deployment, st.code)
    # Reopened, one more bag handed out, closed again: the first close's count is part
    # of the day now, on both sides.
    reopen_day(st.db, st.coordinator, CLOSE_DAY, "漏登一次发放")
    with st.db.read() as conn:
        rice_lot = conn.exec_driver_sql(
            "SELECT uuid FROM goods_lot WHERE item = '大米'"
        ).scalar_one()
    move_goods(
        st.db,
        st.coordinator,
        MovementDraft(
            "distribution",
            ((rice_lot, 1_000),),
            household_name="赵大爷",
            household_reference="H-018",
            social_worker="李社工",
        ),
        clock=_evening,
    )
    _close(st, goods_counted={("大米", "袋"): 7_000, ("牛奶", "盒"): 16_000})
    result = sync_station(st.db, st.keys, base_url=deployment.url, batch_size=batch_size)
    assert result.ok, result.message_en
    assert "day_goods_mismatch" not in _kinds(deployment, st.code)


def _goods_close(
    received: list[dict[str, Any]],
    moved: list[dict[str, Any]],
    counted: list[dict[str, Any]],
    stocktake: str | None = None,
) -> tuple[str, dict[str, Any]]:
    zero = {"cash_fen": 0, "mobile_fen": 0, "bank_fen": 0}
    return (
        EntryType.DAY_CLOSED,
        {
            "day": DAY,
            "expected": {**zero, "in_kind_fen": 0, "donations": 0},
            "counted": {**zero, "denominations": None},
            "differences": zero,
            "reason": None,
            "receipts": {"first": None, "last": None},
            "voids": 0,
            "reprints": 0,
            "coordinator": "陈主任",
            "witness": "李社工",
            "ledger_head_hash": "0" * 64,
            "goods_received": received,
            "goods_moved": moved,
            "goods_counted": counted,
            "goods_stocktake": stocktake,
        },
    )


def _item(**kw: Any) -> dict[str, Any]:
    return {"item": "大米", "unit": "袋", **kw}


def test_a_close_whose_goods_do_not_add_up_raises_an_incident(
    sqlite_deployment: Deployment,
) -> None:
    d = sqlite_deployment
    st = HandStation.enrol(d.engine, d.url, f"GZ-DG-{next(_codes):02d}{os.getpid() % 100:02d}")
    st.start()
    lot = new_uuid()
    assert st.send(st.next([_received(_lot(lot, 5_000)), _moved(lot, 2_000)])).status_code == 200
    honest = _goods_close(
        [_item(quantity_milli=5_000, value_fen=0)],
        [_item(kind="transfer", quantity_milli=2_000)],
        [_item(book_milli=3_000, counted_milli=3_000, reason=None)],
    )
    assert st.send(st.next([honest])).status_code == 200
    assert "day_goods_mismatch" not in _kinds(d, st.code)
    # A close that hides half the goods received and claims a book the register lacks.
    lying = _goods_close(
        [_item(quantity_milli=2_500, value_fen=0)],
        [_item(kind="transfer", quantity_milli=2_000)],
        [_item(book_milli=500, counted_milli=500, reason=None)],
    )
    batch = st.next([lying])
    assert st.send(batch).status_code == 200  # accepted, but the association is told
    [incident] = [
        i for i in admin.list_incidents(d.engine, st.code) if i["code"] == "day_goods_mismatch"
    ]
    assert incident["seq"] == batch[-1].seq
    assert "received 大米/袋 (2500, 0) (ours (5000, 0))" in incident["detail"]
    assert "book 500" in incident["detail"] and "ours: book 3000" in incident["detail"]
    # An item that moved but was not counted is named too.
    uncounted = _goods_close(
        [_item(quantity_milli=5_000, value_fen=0)],
        [_item(kind="transfer", quantity_milli=2_000)],
        [],
    )
    st.send(st.next([uncounted]))
    details = [i["detail"] for i in admin.list_incidents(d.engine, st.code)]
    assert any("大米/袋 not counted" in text for text in details)


def test_an_old_close_with_the_tick_box_still_syncs(sqlite_deployment: Deployment) -> None:
    d = sqlite_deployment
    st = HandStation.enrol(d.engine, d.url, f"GZ-DO-{next(_codes):02d}{os.getpid() % 100:02d}")
    st.start()
    kind, data = _goods_close([], [], [])
    old = {k: v for k, v in data.items() if not k.startswith("goods_")}
    old["counted"] = {**old["counted"], "in_kind_confirmed": True}
    old["differences"] = {**old["differences"], "in_kind_unconfirmed": False}
    r = st.send(st.next([(kind, old)]))
    assert r.status_code == 200, r.text
    assert _kinds(d, st.code) == []
