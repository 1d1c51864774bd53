"""Property test of the goods register over random sequences of receipts, distributions,
transfers, write-offs and stock-takes, on one real station and the real receiver:

* stock never goes below zero (a refusal exactly when the model says it would);
* each lot's book equals what it received plus the sum of its movements;
* the ledger verifies, and every goods entry passes the receiver's schema;
* after a sync, the receiver's stock per lot equals the station's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from association_server.goods import station_stock
from station_app.domain.errors import ConflictError
from station_app.domain.goods.lots import LotDraft
from station_app.domain.goods.movements import MovementDraft, StockBook
from station_app.services.donation_recording import DonationRecorder
from station_app.services.goods_movements import move_goods
from station_app.services.goods_queries import book_mismatches
from station_app.services.goods_receiving import GoodsIntake, receive_goods
from station_app.services.goods_stocktake import take_stock
from station_app.services.ledger_check import verify_ledger
from station_app.services.operators import create_operator
from station_app.services.station_sync import sync_station
from station_app.storage.goods_tables import GoodsLot
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation

NOW = datetime(2026, 11, 9, 2, 0, tzinfo=UTC)
_WITNESS = ("李社工", "long-enough-1")

quantity = st.integers(min_value=1, max_value=20_000)
op = st.one_of(
    st.tuples(st.just("receive"), st.lists(quantity, min_size=1, max_size=3)),
    st.tuples(
        st.sampled_from(["distribution", "transfer", "write_off"]), st.integers(0, 50), quantity
    ),
    st.tuples(st.just("count"), st.integers(0, 50), st.integers(0, 25_000)),
)


def _stock(s: SyncStation) -> dict[str, int]:
    with s.db.read() as conn:
        return {r.uuid: r.on_hand_milli for r in conn.execute(GoodsLot.__table__.select())}


def _draft(kind: str, lot: str, qty: int) -> MovementDraft:
    extra: dict[str, Any] = {
        "distribution": {"household_name": "王大妈", "household_reference": "H-1",
                         "social_worker": "李社工"},
        "transfer": {},
        "write_off": {"write_off_reason": "damaged", "reason": "受潮"},
    }[kind]  # fmt: skip
    return MovementDraft(kind, ((lot, qty),), **extra)


def _run(s: SyncStation, steps: list[tuple[Any, ...]]) -> None:
    model = StockBook(_stock(s))
    for step in steps:
        lots = sorted(model.on_hand)
        if step[0] == "receive":
            drafts = tuple(
                LotDraft("大米", f"{q / 1000:.3f}", "袋", "", "not_valued") for q in step[1]
            )
            got = receive_goods(DonationRecorder(s.db, s.signer, clock=lambda: NOW),
                                s.coordinator, GoodsIntake(drafts, anonymous=True))  # fmt: skip
            for lot, q in zip(got.lots, step[1], strict=True):
                model.receive(lot, q)
        elif not lots:
            continue
        elif step[0] == "count":
            lot = lots[step[1] % len(lots)]
            take_stock(s.db, s.coordinator, *_WITNESS, {lot: step[2]}, {lot: "盘点差异"})
            model.on_hand[lot] = step[2]
        else:
            lot, qty = lots[step[1] % len(lots)], step[2]
            fits = model.on_hand[lot] >= qty
            try:
                move_goods(s.db, s.coordinator, _draft(step[0], lot, qty), clock=lambda: NOW)
            except ConflictError as err:
                assert err.code == "stock.negative" and not fits
            else:
                assert fits
                model.apply([(lot, -qty)])
        assert all(v >= 0 for v in _stock(s).values())
    assert _stock(s) == model.on_hand


def test_random_goods_sequences_keep_the_books(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    s = make_station(sqlite_deployment)
    create_operator(s.db, s.coordinator, *_WITNESS[:1], "social_worker", _WITNESS[1])

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(op, min_size=1, max_size=12))
    def run(steps: list[tuple[Any, ...]]) -> None:
        _run(s, steps)
        with s.db.read() as conn:
            assert book_mismatches(conn) == []
        report = verify_ledger(s.db)
        assert report.ok, report.broken
        result = sync_station(s.db, s.keys, base_url=sqlite_deployment.url)
        assert result.ok, result.message_en
        assert station_stock(sqlite_deployment.engine, s.code) == _stock(s)

    run()
