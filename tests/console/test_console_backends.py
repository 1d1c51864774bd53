"""The console on both receiver databases (SQLite and PostgreSQL): the same pages, the
same append-only guarantees (triggers differ per dialect), no 5xx."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import text

from association_server import designation_list
from station_app.services.station_sync import sync_station
from tests.console.client import ConsoleClient, new_user, text_of
from tests.console.scenario import qr_path, synced, tamper
from tests.console.test_console_pages import _row
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation


def test_every_page_renders_on_both_databases(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(deployment, make_station, 2)
    incident = tamper(deployment, st)
    day = st.receipts()[0]["business_day"]
    client = ConsoleClient(deployment.url)
    assert client.login(new_user(deployment.engine, "officer")).status_code == 303
    pages = [
        "/console/stations",
        f"/console/incidents?station={st.code}",
        f"/console/incidents/{incident}",
        f"/console/receipts?station={st.code}",
        f"/console/totals?station={st.code}&group=month&from={day}&to={day}",
        f"/console/totals/day?station={st.code}&day={day}",
        f"/console/totals.csv?group=kind&from={day}&to={day}",
        "/console/disclosure?designation=undesignated&month=" + day[:7],
        "/console/designations",
        "/console/audit",
    ]
    for path in pages:
        assert client.get(path).status_code == 200, path
    assert st.code in client.get("/console/stations").text
    reply = client.post(f"/console/incidents/{incident}", {"action": "resolved", "note": "ok"})
    assert reply.status_code == 303
    assert "已解决" in text_of(client.get(f"/console/incidents/{incident}").text)
    client.close()
    assert httpx.get(deployment.url + "/disclosure/").status_code == 200


ROWS = {
    "console_audit": (
        "INSERT INTO console_audit (at, user_name, action, target, detail, client)"
        " VALUES ('t', 'u', 'a', 'x', '', '')"
    ),
    "incident_note": (
        "INSERT INTO incident_note (incident_id, at, user_name, action, note)"
        " SELECT max(id), 't', 'u', 'resolved', 'n' FROM incident"
    ),
    "disclosure_version": (
        "INSERT INTO disclosure_version (designation, month, version, published_at,"
        " published_by, total_fen, donations, lines, reason)"
        " VALUES ('x', '1999-01', 1, 't', 'u', 0, 0, '[]', '')"
    ),
}
AN_INCIDENT = (
    "INSERT INTO incident (station_code, detected_at, code, detail)"
    " VALUES ('X', 't', 'seq_gap', 'd')"
)


@pytest.mark.parametrize("table", sorted(ROWS))
def test_the_append_only_tables_refuse_changes(deployment: Deployment, table: str) -> None:
    with deployment.engine.begin() as conn:
        conn.execute(text(AN_INCIDENT))
        conn.execute(text(ROWS[table]))
    for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
        with (
            pytest.raises(Exception, match="append-only"),
            deployment.engine.begin() as conn,
        ):
            conn.execute(text(statement))


def test_the_station_tally_follows_the_receipts(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(deployment, make_station, 3)
    st.record(2)
    assert sync_station(st.db, st.keys, base_url=deployment.url).ok
    count = "SELECT count(*) FROM receipt WHERE station_code = :c"
    tally = "SELECT donations FROM station_tally WHERE station_code = :c"
    with deployment.engine.begin() as conn:
        assert conn.execute(text(tally), {"c": st.code}).scalar() == 5
        # What the receiver does when a fork moves a receipt aside (ingest._move_aside):
        conn.execute(
            text("DELETE FROM receipt WHERE number = :n"), {"n": st.receipts()[-1]["receipt"]}
        )
        assert conn.execute(text(tally), {"c": st.code}).scalar() == 4
        mismatched = conn.execute(
            text(
                "SELECT r.station_code FROM (SELECT station_code, count(*) AS n FROM receipt"
                " GROUP BY station_code) r LEFT JOIN station_tally t"
                " ON t.station_code = r.station_code"
                " WHERE t.donations IS NULL OR t.donations <> r.n"
            )
        ).all()
        assert mismatched == []
        assert conn.execute(text(count), {"c": st.code}).scalar() == 4


def test_the_newer_console_parts_work_on_both_databases(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    """Unsynced age, accounts, goods chart and export, disclosed goods (the shared
    throttling on both: test_console_login_limits.py, on receivers of its own)."""
    st = synced(deployment, make_station, 1)
    st.record(1)
    scan = httpx.get(deployment.url + qr_path(st.receipts()[-1]))
    assert scan.status_code == 200 and "尚未同步" in scan.text
    boss, staff = new_user(deployment.engine, "officer"), new_user(deployment.engine, "viewer")
    officer = ConsoleClient(deployment.url)
    viewer = ConsoleClient(deployment.url)
    try:
        assert officer.login(boss).status_code == 303
        assert 'data-unsynced="0"' in _row(officer.get("/console/stations").text, st.code)
        assert sync_station(st.db, st.keys, base_url=deployment.url).ok
        assert 'data-unsynced=""' in _row(officer.get("/console/stations").text, st.code)
        day = st.receipts()[0]["business_day"]
        for path in (
            "/console/accounts",
            f"/console/goods?station={st.code}&from={day}&to={day}",
            f"/console/goods.csv?station={st.code}&from={day}&to={day}",
            f"/console/goods.xlsx?station={st.code}&from={day}&to={day}",
        ):
            assert officer.get(path).status_code == 200, path
        fund = f"FUND-{st.code}"
        designation_list.put_designation(deployment.engine, fund, "基金", "fund")
        published = officer.post("/console/disclosure", {"designation": fund, "month": day[:7]})
        assert published.status_code == 303
        public = httpx.get(f"{deployment.url}/disclosure/{fund}/{day[:7]}")
        assert public.status_code == 200 and 'id="disclosed-goods"' in public.text
        assert viewer.login(staff).status_code == 303
        off = officer.post("/console/accounts/status", {"name": staff, "action": "deactivate"})
        assert off.status_code == 303
        assert viewer.get("/console/stations").status_code == 303
    finally:
        officer.close()
        viewer.close()
