"""The console's pages over real HTTP, on what stations really synced: stations,
incidents from a real tampered batch, official receipts shown on the donor's page,
totals and their drill-down and CSV, disclosure versions, designations, languages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlalchemy import insert, select, text, update

from association_server import admin, designation_list
from association_server.console.tables import DisclosureVersionRow
from association_server.models import ReceiptRow, StationRow
from station_app.domain.donations import DonationKind, ValidDonation
from station_app.domain.station_time import utc_now
from station_app.services.donation_recording import write_donation
from station_app.services.enrolment import enrol_station
from station_app.services.station_sync import sync_station
from tests.console.client import ConsoleClient, new_user, text_of
from tests.console.scenario import first_receipt, qr_path, synced, tamper
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation, new_station


@pytest.fixture
def officer(sqlite_deployment: Deployment) -> Iterator[ConsoleClient]:
    c = ConsoleClient(sqlite_deployment.url)
    assert c.login(new_user(sqlite_deployment.engine, "officer")).status_code == 303
    yield c
    c.close()


@pytest.fixture
def viewer(sqlite_deployment: Deployment) -> Iterator[ConsoleClient]:
    c = ConsoleClient(sqlite_deployment.url)
    assert c.login(new_user(sqlite_deployment.engine, "viewer")).status_code == 303
    yield c
    c.close()


def _row(page: str, code: str) -> str:
    match = re.search(rf'<tr[^>]*data-code="{re.escape(code)}".*?</tr>', page, re.S)
    assert match, page[-3000:]
    return match.group(0)


# -- stations -----------------------------------------------------------------------------


def test_a_synced_station_shows_what_it_sent(
    officer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 4)
    row = _row(officer.get("/console/stations").text, st.code)
    entries = len(st.entries())
    assert f">{entries}</td>" in row
    assert ">4</a>" in row  # donations, linking to its totals
    assert 'class="stale"' not in row


def test_a_quiet_station_is_highlighted_after_the_chosen_days(
    officer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 1)
    with sqlite_deployment.engine.begin() as conn:  # as if it last synced ten days ago
        conn.execute(
            update(StationRow.__table__)
            .where(StationRow.__table__.c.code == st.code)
            .values(last_received_at="2020-01-01T00:00:00Z")
        )
    assert 'class="stale"' in _row(officer.get("/console/stations").text, st.code)
    later = officer.get("/console/stations", stale_days=3650).text
    assert 'class="stale"' not in _row(later, st.code)


def test_an_officer_creates_a_station_that_enrols_with_the_code_shown(
    officer: ConsoleClient, sqlite_deployment: Deployment, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    st = new_station(tmp_path / "stations", code=None)
    reply = officer.post(
        "/console/stations", {"code": st.code, "name": "北京街站", "district": "越秀区"}
    )
    assert reply.status_code == 200
    code = re.search(r'id="enrolment-code">([^<]+)<', reply.text).group(1)  # type: ignore[union-attr]
    enrol_station(st.db, st.keys, st.coordinator, code, association_url=sqlite_deployment.url)
    st.record(2)
    assert sync_station(st.db, st.keys, base_url=sqlite_deployment.url).ok
    row = _row(officer.get("/console/stations").text, st.code)
    assert "越秀区" in row and "北京街站" in row
    again = officer.post("/console/stations", {"code": st.code, "name": "x"})
    assert again.status_code == 400 and "already exists" in again.text
    st.db.close()


def test_a_bad_station_code_is_refused_with_a_sentence(officer: ConsoleClient) -> None:
    for code in ("", "x", "GZ YX", "<script>", "GZ-" + "A" * 50):
        reply = officer.post("/console/stations", {"code": code, "name": "x"})
        assert reply.status_code == 400, code
        assert "<script>" not in reply.text.split("<main>")[1]


def test_revoking_a_token_stops_the_station_and_is_audited(
    officer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 1)
    assert officer.post(f"/console/stations/{st.code}/revoke", {}).status_code == 303
    st.record(1)
    assert not sync_station(st.db, st.keys, base_url=sqlite_deployment.url).ok
    assert "revoked" in _row(officer.get("/console/stations", lang="en").text, st.code)
    audit = text_of(officer.get("/console/audit").text)
    assert "station.revoke" in audit and st.code in audit


# -- incidents ------------------------------------------------------------------------------


def test_an_incident_from_a_tampered_batch_is_resolved_with_a_note(
    officer: ConsoleClient,
    viewer: ConsoleClient,
    sqlite_deployment: Deployment,
    make_station: Callable[..., SyncStation],
) -> None:
    st = synced(sqlite_deployment, make_station, 2)
    incident = tamper(sqlite_deployment, st)
    queue = officer.get("/console/incidents", station=st.code).text
    assert f'data-id="{incident}"' in queue and 'data-code="tamper_conflict"' in queue
    page = officer.get(f"/console/incidents/{incident}").text
    assert "donation.recorded" in page  # the stored entry the batch contradicted
    assert (
        viewer.post(
            f"/console/incidents/{incident}", {"action": "resolved", "note": "x"}
        ).status_code
        == 403
    )
    no_note = officer.post(f"/console/incidents/{incident}", {"action": "resolved", "note": " "})
    assert no_note.status_code == 400
    assert (
        officer.post(
            f"/console/incidents/{incident}", {"action": "acknowledged", "note": ""}
        ).status_code
        == 303
    )
    done = officer.post(
        f"/console/incidents/{incident}", {"action": "resolved", "note": "站点电脑被人改过,已报警"}
    )
    assert done.status_code == 303
    page = officer.get(f"/console/incidents/{incident}").text
    assert 'id="status">已解决' in page and "已报警" in page
    assert f'data-id="{incident}"' not in officer.get("/console/incidents", station=st.code).text
    assert (
        f'data-id="{incident}"'
        in officer.get("/console/incidents", station=st.code, status="resolved").text
    )
    assert (
        officer.post(
            f"/console/incidents/{incident}", {"action": "resolved", "note": "again"}
        ).status_code
        == 409
    )
    assert len(admin.list_incidents(sqlite_deployment.engine, st.code)) == 1  # nothing deleted
    with (
        pytest.raises(Exception, match="append-only"),
        sqlite_deployment.engine.begin() as conn,
    ):
        conn.execute(text("DELETE FROM incident_note"))


def test_an_unknown_incident_is_a_page_not_a_crash(officer: ConsoleClient) -> None:
    assert officer.get("/console/incidents/999999").status_code == 404
    assert officer.get("/console/incidents/abc").status_code == 422
    assert (
        officer.post("/console/incidents/999999", {"action": "resolved", "note": "x"}).status_code
        == 404
    )


# -- official receipts ----------------------------------------------------------------------


def test_an_official_number_entered_shows_on_the_donors_page(
    officer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 2)
    data = first_receipt(st)
    waiting = officer.get("/console/receipts", station=st.code).text
    assert f'data-number="{data["receipt"]}"' in waiting
    reply = officer.post(
        "/console/receipts",
        {"number": data["receipt"], "official": "粤财0012345", "date": "2026-12-01"},
    )
    assert reply.status_code == 303
    assert (
        f'data-number="{data["receipt"]}"'
        not in officer.get("/console/receipts", station=st.code).text
    )
    donor = httpx.get(sqlite_deployment.url + qr_path(data))
    assert "粤财0012345" in donor.text
    twice = officer.post("/console/receipts", {"number": data["receipt"], "official": "other"})
    assert twice.status_code == 400 and "already has" in twice.text


def test_a_csv_import_records_all_rows_or_none(
    officer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 3)
    numbers = [r["receipt"] for r in st.receipts()]
    bad = (
        f"收据编号,票据号,日期\n{numbers[0]},A-1,2026-12-01\n{st.code}-2026-999999,A-2,2026-12-01\n"
    )
    refused = officer.post("/console/receipts", {"csv": bad})
    assert refused.status_code == 400 and "第 2 行" in text_of(refused.text)
    assert len(officer.get("/console/receipts", station=st.code).text.split("data-number=")) == 4
    bad_date = f"{numbers[0]},A-1,1.12.2026\n"
    assert officer.post("/console/receipts", {"csv": bad_date}).status_code == 400
    good = "\ufeffreceipt,official,date\n" + "".join(
        f"{n},B-{i},2026-12-0{i + 1}\n" for i, n in enumerate(numbers)
    )
    assert officer.post("/console/receipts", {"csv": good}).status_code == 303
    assert "data-number=" not in officer.get("/console/receipts", station=st.code).text
    with sqlite_deployment.engine.connect() as conn:
        row = conn.execute(
            select(ReceiptRow.__table__).where(ReceiptRow.__table__.c.number == numbers[2])
        ).first()
    assert (row.official_receipt_number, row.official_issued_at) == ("B-2", "2026-12-03T00:00:00Z")


# -- totals ---------------------------------------------------------------------------------


def test_totals_drill_down_to_a_station_day_and_export_safely(
    officer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 3)  # 100.00 + 100.01 + 100.02 yuan
    day = st.receipts()[0]["business_day"]
    page = officer.get("/console/totals", station=st.code, group="day", **{"from": day, "to": day})
    assert "3 笔，共 300.03 元" in text_of(page.text)
    assert "<svg" in page.text and "300.03" in page.text
    link = f"/console/totals/day?station={st.code}&amp;day={day}"
    assert link in page.text
    drill = officer.get("/console/totals/day", station=st.code, day=day).text
    assert drill.count("<tr") == 4 and st.receipts()[2]["receipt"] in drill
    with sqlite_deployment.engine.begin() as conn:  # a designation named like a formula
        conn.execute(
            insert(ReceiptRow.__table__).values(
                number=f"{st.code}-2026-900001", station_code=st.code, seq=999_999,
                amount_fen=5, issued_at="2026-12-01T00:00:00Z", signature="x", kind="cash",
                donor_masked="匿名", designation='=HYPERLINK("http://e.vil","x")',
                business_day=day,
            )
        )  # fmt: skip
    csv = officer.get(
        "/console/totals.csv", station=st.code, group="designation", **{"from": day, "to": day}
    )
    assert csv.headers["content-type"].startswith("text/csv")
    body = csv.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body
    assert "undesignated,3,300.03" in body
    xlsx = officer.get("/console/totals.xlsx", station=st.code, group="designation")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert officer.get("/console/totals.exe").status_code == 404


# -- disclosure ----------------------------------------------------------------------------


def own_fund(deployment: Deployment, st: SyncStation) -> str:
    """A fund of this test's own (the receiver is shared), pulled by the station."""
    code = f"FUND-{st.code}"
    designation_list.put_designation(deployment.engine, code, f"社区慈善基金 {st.code}", "fund")
    assert sync_station(st.db, st.keys, base_url=deployment.url).ok  # pulls it
    return code


def _donate(st: SyncStation, donor: str, fen: int, designation: str, **extra: object) -> None:
    with st.db.write() as conn:
        write_donation(
            conn,
            station_code=st.code,
            signer=st.signer,
            operator=st.coordinator.info,
            valid=ValidDonation(DonationKind.CASH, fen, donor, None, designation, None),
            now=utc_now(),
        )


def test_a_published_month_is_public_masked_and_corrections_are_new_versions(
    officer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(sqlite_deployment)
    fund = own_fund(sqlite_deployment, st)
    _donate(st, "欧阳娜娜", 20_000, fund)
    _donate(st, "李四", 5_000, fund)
    assert sync_station(st.db, st.keys, base_url=sqlite_deployment.url).ok
    month = st.receipts()[0]["business_day"][:7]
    public = f"/disclosure/{fund}/{month}"
    before = httpx.get(sqlite_deployment.url + public)
    assert before.status_code == 404  # nothing is public before it is published
    preview = officer.get("/console/disclosure", designation=fund, month=month).text
    assert "欧***" in preview
    published = officer.post("/console/disclosure", {"designation": fund, "month": month})
    assert published.status_code == 303
    page = httpx.get(sqlite_deployment.url + public)  # no login
    assert page.status_code == 200
    seen = text_of(page.text)
    assert "欧***" in seen and "李*" in seen and "欧阳娜娜" not in seen and "李四" not in seen
    assert "第 1 版" in seen
    same = officer.post("/console/disclosure", {"designation": fund, "month": month})
    assert same.status_code == 409
    _donate(st, "王五", 1_000, fund)
    assert sync_station(st.db, st.keys, base_url=sqlite_deployment.url).ok
    no_reason = officer.post("/console/disclosure", {"designation": fund, "month": month})
    assert no_reason.status_code == 400
    fixed = officer.post(
        "/console/disclosure", {"designation": fund, "month": month, "reason": "补录王五"}
    )
    assert fixed.status_code == 303
    latest = text_of(httpx.get(sqlite_deployment.url + public).text)
    assert "第 2 版" in latest and "王*" in latest and "补录王五" in latest
    first = text_of(httpx.get(sqlite_deployment.url + public, params={"v": 1}).text)
    assert "王*" not in first and "已有更新的版本" in first
    with (
        pytest.raises(Exception, match="append-only"),
        sqlite_deployment.engine.begin() as conn,
    ):
        conn.execute(update(DisclosureVersionRow.__table__).values(total_fen=0))


def test_public_disclosure_refuses_nonsense_with_a_page(sqlite_deployment: Deployment) -> None:
    for path in ("/disclosure/BJJ-FUND/2026-13", "/disclosure/nope/2026-01", "/disclosure/x/y?v=0"):
        reply = httpx.get(sqlite_deployment.url + path)
        assert reply.status_code in (404, 422), path


# -- designations and language --------------------------------------------------------------


def test_designations_created_renamed_and_closed_reach_the_stations(
    officer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(sqlite_deployment)
    base = {"category": "project"}
    assert (
        officer.post(
            "/console/designations",
            {**base, "action": "create", "code": "WARM-2026", "name": "冬日暖心"},
        ).status_code
        == 303
    )
    assert (
        officer.post(
            "/console/designations",
            {"action": "rename", "code": "WARM-2026", "name": "冬日暖心行动"},
        ).status_code
        == 303
    )
    token = st.keys.get_sync_token()
    pulled = httpx.get(
        sqlite_deployment.url + "/api/v1/designations", headers={"Authorization": f"Bearer {token}"}
    ).json()["designations"]
    mine = next(d for d in pulled if d["code"] == "WARM-2026")
    assert (mine["name"], mine["active"]) == ("冬日暖心行动", True)
    assert (
        officer.post("/console/designations", {"action": "close", "code": "WARM-2026"}).status_code
        == 303
    )
    pulled = httpx.get(
        sqlite_deployment.url + "/api/v1/designations", headers={"Authorization": f"Bearer {token}"}
    ).json()["designations"]
    assert next(d for d in pulled if d["code"] == "WARM-2026")["active"] is False
    dup = officer.post(
        "/console/designations", {**base, "action": "create", "code": "WARM-2026", "name": "x"}
    )
    assert dup.status_code == 409


def test_chinese_by_default_english_by_choice_and_remembered(viewer: ConsoleClient) -> None:
    assert "<h1>站点</h1>" in viewer.get("/console/stations").text
    english = viewer.get("/console/stations", lang="en")
    assert "<h1>Stations</h1>" in english.text
    assert "console_lang=en" in english.headers["set-cookie"]
    assert "<h1>Stations</h1>" in viewer.get("/console/incidents").text.replace(
        "Incidents", "Stations"
    )
    fresh = httpx.get(
        viewer.http.base_url.join("/console/login"), headers={"Accept-Language": "en-US,en;q=0.9"}
    )
    assert "<h1>Log in</h1>" in fresh.text
    assert "<h1>登录</h1>" in httpx.get(viewer.http.base_url.join("/console/login")).text
