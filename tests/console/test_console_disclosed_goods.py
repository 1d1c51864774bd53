"""A published disclosure month lists the goods its designation received and handed on,
from the goods register a real station synced, with no household's identity."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
from sqlalchemy import insert

from association_server.console.tables import DisclosureVersionRow
from station_app.domain.goods.lots import LotDraft
from station_app.domain.goods.movements import MovementDraft
from station_app.services.donation_recording import DonationRecorder
from station_app.services.goods_movements import move_goods
from station_app.services.goods_receiving import GoodsIntake, receive_goods
from station_app.services.operators import create_operator
from station_app.services.station_sync import sync_station
from tests.console.client import ConsoleClient, new_user, text_of
from tests.console.test_console_pages import own_fund
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation
from tests.sync.test_goods_sync import _now

MONTH = _now().strftime("%Y-%m")


def _give_rice(st: SyncStation, fund: str) -> tuple[str, str]:
    create_operator(st.db, st.coordinator, "李社工", "social_worker", "long-enough-1")
    rice = LotDraft("大米", "20", "袋", "1000", "market", None, "other", "A架")
    other = LotDraft("棉被", "5", "床", "500", "market", None, "other", "B架")
    recorder = DonationRecorder(st.db, st.signer, clock=_now)
    mine = receive_goods(
        recorder, st.coordinator, GoodsIntake((rice,), donor_name="张三", designation_code=fund)
    )
    receive_goods(recorder, st.coordinator, GoodsIntake((other,), donor_name="李四"))
    draft = MovementDraft(
        "distribution",
        ((mine.lots[0], 2_500),),
        household_name="王大妈",
        household_reference="H-017",
        social_worker="李社工",
    )
    move_goods(st.db, st.coordinator, draft, clock=_now)
    return mine.lots[0], fund


def test_a_published_month_lists_the_designations_goods_without_households(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(sqlite_deployment)
    fund = own_fund(sqlite_deployment, st)
    rice_lot, _ = _give_rice(st, fund)
    assert sync_station(st.db, st.keys, base_url=sqlite_deployment.url).ok
    officer = ConsoleClient(sqlite_deployment.url)
    try:
        officer.login(new_user(sqlite_deployment.engine, "officer"))
        preview = officer.get("/console/disclosure", designation=fund, month=MONTH).text
        assert 'id="disclosed-goods"' in preview and "大米" in preview
        assert "棉被" not in preview  # undesignated goods belong to another page
        assert (
            officer.post("/console/disclosure", {"designation": fund, "month": MONTH}).status_code
            == 303
        )
        public = httpx.get(f"{sqlite_deployment.url}/disclosure/{fund}/{MONTH}")
        seen = text_of(public.text)
        assert public.status_code == 200
        assert "大米" in seen and "20 袋" in seen and "1000.00" in seen
        assert "发放给困难家庭" in seen and "2.5 袋" in seen
        for private in ("王大妈", "H-017", "李社工", "王*"):
            assert private not in public.text, private
        # more rice handed on: the month changed in goods only; a correction is version 2
        move_goods(
            st.db, st.coordinator, MovementDraft("transfer", ((rice_lot, 10_000),)), clock=_now
        )
        assert sync_station(st.db, st.keys, base_url=sqlite_deployment.url).ok
        again = officer.post(
            "/console/disclosure", {"designation": fund, "month": MONTH, "reason": "补录调拨"}
        )
        assert again.status_code == 303
        latest = text_of(httpx.get(f"{sqlite_deployment.url}/disclosure/{fund}/{MONTH}").text)
        assert "第 2 版" in latest and "调拨至慈善会仓库" in latest and "10 袋" in latest
        first = text_of(httpx.get(f"{sqlite_deployment.url}/disclosure/{fund}/{MONTH}?v=1").text)
        assert "调拨至慈善会仓库" not in first  # version 1 stays as it was published
    finally:
        officer.close()


def test_a_version_published_before_goods_shows_none(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(sqlite_deployment)
    fund = own_fund(sqlite_deployment, st)
    with sqlite_deployment.engine.begin() as conn:
        conn.execute(
            insert(DisclosureVersionRow.__table__).values(
                designation=fund, month="2026-01", version=1, published_at="2026-02-01T00:00:00Z",
                published_by="x", total_fen=0, donations=0, lines=json.dumps([]), reason="",
                goods=None,
            )
        )  # fmt: skip
    page = httpx.get(f"{sqlite_deployment.url}/disclosure/{fund}/2026-01")
    assert page.status_code == 200 and 'id="disclosed-goods"' not in page.text
