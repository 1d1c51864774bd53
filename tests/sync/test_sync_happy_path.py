"""Enrol, record, sync: the receiver ends up with the station's ledger, hash for hash."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from association_server import admin
from association_server.models import ReceiptRow
from station_app.services.receipt_actions import void_donation
from station_app.services.station_sync import sync_station
from station_app.services.sync_result import SyncProgress
from station_app.storage.models import SyncRun
from station_app.sync.sync_messages import Outcome
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation


def test_enrol_record_sync_gives_equal_ledgers(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(deployment)
    assert st.keys.get_sync_token()
    st.record(3)
    void_donation(st.db, st.coordinator, f"{st.code}-{_year(st)}-000002", "写错金额")
    seen: list[SyncProgress] = []

    result = sync_station(st.db, st.keys, base_url=deployment.url, progress=seen.append)

    assert result.outcome is Outcome.OK, result.message_en
    assert result.acked_seq == len(st.entries())
    assert seen and seen[-1].acked_seq == result.acked_seq
    assert_equal_ledgers(st, deployment.engine)
    with deployment.engine.connect() as conn:
        receipts = conn.execute(
            select(ReceiptRow.number, ReceiptRow.voided_at)
            .where(ReceiptRow.station_code == st.code)
            .order_by(ReceiptRow.number)
        ).all()
    assert [r.voided_at is not None for r in receipts] == [False, True, False]
    with st.db.read() as conn:
        run = conn.execute(select(SyncRun.__table__)).all()[-1]
    assert run.outcome == "ok" and run.acked_seq == result.acked_seq and run.finished_at


def test_second_sync_sends_nothing_and_resumes_after_new_records(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(deployment)
    st.record(2)
    assert sync_station(st.db, st.keys, base_url=deployment.url).ok
    again = sync_station(st.db, st.keys, base_url=deployment.url)
    assert again.ok and again.entries_sent == 0
    st.record(1201)
    third = sync_station(st.db, st.keys, base_url=deployment.url)
    assert third.ok and third.entries_sent == 1201
    assert_equal_ledgers(st, deployment.engine)
    [summary] = [s for s in admin.list_stations(deployment.engine) if s.code == st.code]
    assert summary.receipts == 1203 and summary.incidents == 0


def test_unenrolled_station_is_told_to_enrol(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station()
    result = sync_station(st.db, st.keys, base_url=sqlite_deployment.url)
    assert result.outcome is Outcome.NOT_ENROLLED
    assert "登记码" in result.message_zh


def _year(st: SyncStation) -> str:
    return st.entries()[-1].payload.split('"business_day":"')[1][:4]
