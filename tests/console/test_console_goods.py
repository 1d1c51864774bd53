"""The console's goods page on what a real station's goods register synced."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import update

from association_server.goods_tables import GoodsLotRow
from station_app.services.station_sync import sync_station
from tests.console.client import ConsoleClient, new_user
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation
from tests.sync.test_goods_sync import _goods_day


def test_the_goods_page_shows_what_a_station_received_and_handed_on(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(sqlite_deployment)
    _goods_day(st)
    assert sync_station(st.db, st.keys, base_url=sqlite_deployment.url).ok
    viewer = ConsoleClient(sqlite_deployment.url)
    try:
        assert viewer.login(new_user(sqlite_deployment.engine, "viewer")).status_code == 303
        page = viewer.get(f"/console/goods?station={st.code}&from=2026-11-01&to=2026-11-30")
        assert page.status_code == 200
        html = page.text
        assert 'data-kind="received"' in html and "大米" in html and "¥1,000.00" in html
        assert "发放给困难家庭" in html and "调拨至慈善会仓库" in html and "盘点差异" in html
        assert "王大妈" not in html and "H-017" not in html  # no household's identity
        empty = viewer.get(f"/console/goods?station={st.code}&from=2026-12-01&to=2026-12-31")
        assert 'id="no-goods"' in empty.text
        english = viewer.get(f"/console/goods?station={st.code}&from=2026-11-01&lang=en")
        assert "To households" in english.text
        for junk in ("from=November", "station=%00", "to=2026-13-45"):
            assert viewer.get(f"/console/goods?{junk}").status_code < 500
    finally:
        viewer.close()
    outsider = ConsoleClient(sqlite_deployment.url)
    try:
        assert outsider.get("/console/goods").status_code in (303, 401)
    finally:
        outsider.close()


def test_the_goods_page_charts_each_unit_and_exports_formula_safe(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(sqlite_deployment)
    _goods_day(st)
    assert sync_station(st.db, st.keys, base_url=sqlite_deployment.url).ok
    lots = GoodsLotRow.__table__
    with sqlite_deployment.engine.begin() as conn:  # an item named like a formula
        conn.execute(
            update(lots).where(lots.c.station_code == st.code, lots.c.item == "牛奶")
            .values(item='=HYPERLINK("http://e.vil","x")')
        )  # fmt: skip
    viewer = ConsoleClient(sqlite_deployment.url)
    try:
        viewer.login(new_user(sqlite_deployment.engine, "viewer"))
        period = {"station": st.code, "from": "2026-11-01", "to": "2026-11-30"}
        html = viewer.get("/console/goods", **period).text
        assert html.count("<svg") == 2  # 袋 and 盒 never share an axis
        assert 'data-unit="袋"' in html and 'id="goods-chart-1"' in html
        assert "大米 · 接收" in html and "20 袋" in html
        csv = viewer.get("/console/goods.csv", **period)
        assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
        body = csv.content.decode("utf-8-sig")
        assert body.splitlines()[0] == "物品,单位,去向,项目,数量,估值（元）"
        assert "大米,袋,接收,,20,1000.00" in body
        assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body
        assert "王大妈" not in body and "H-017" not in body
        xlsx = viewer.get("/console/goods.xlsx", **period)
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
        assert viewer.get("/console/goods.pdf", **period).status_code == 404
        assert viewer.get("/console/goods.csv", station="nope").status_code == 200
    finally:
        viewer.close()
