"""The stations page's unsynced age: donors' scans of genuine receipts the association
has not received yet, kept bounded, shown per station, and cleared by the sync."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select

from association_server import receipt_scans
from association_server.models import ReceiptScanRow
from association_server.receipt_scans import Unsynced
from station_app.domain.receipt_qr import receipt_url
from station_app.domain.station_time import to_iso
from station_app.services.station_sync import sync_station
from tests.console.client import ConsoleClient, new_user
from tests.console.scenario import synced
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation

_SC = ReceiptScanRow.__table__


@pytest.fixture
def viewer(sqlite_deployment: Deployment) -> Iterator[ConsoleClient]:
    c = ConsoleClient(sqlite_deployment.url)
    assert c.login(new_user(sqlite_deployment.engine, "viewer")).status_code == 303
    yield c
    c.close()


def _cell(page: str, code: str) -> str:
    row = re.search(rf'<tr[^>]*data-code="{re.escape(code)}".*?</tr>', page, re.S)
    assert row, page[-2000:]
    cell = re.search(r'<td[^>]*data-unsynced="([^"]*)"', row.group(0))
    assert cell
    return cell.group(1)


def _scan(deployment: Deployment, st: SyncStation, data: dict[str, object]) -> httpx.Response:
    url = receipt_url(
        deployment.url,
        str(data["receipt"]),
        str(data["signature"]),
        amount_fen=int(data["amount_fen"]),  # type: ignore[call-overload]
        issued_at=str(data["issued_at"]),
    )
    return httpx.get(url)


def _signed(
    st: SyncStation, serial: int, issued_at: str, amount_fen: int = 5_000
) -> dict[str, object]:
    """A receipt the station's own key signed (as a receipt it printed and did not sync)."""
    number = f"{st.code}-{issued_at[:4]}-{serial:06d}"
    signature = st.signer.sign(number, amount_fen, issued_at, st.code)
    return {
        "receipt": number,
        "signature": signature,
        "amount_fen": amount_fen,
        "issued_at": issued_at,
    }


def _pending(deployment: Deployment, code: str) -> int:
    with deployment.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(_SC).where(_SC.c.station_code == code)
            ).scalar()
            or 0
        )


def test_a_scanned_receipt_not_yet_synced_shows_its_age_until_the_sync(
    viewer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 1)
    assert _cell(viewer.get("/console/stations").text, st.code) == ""  # nothing known
    st.record(2)  # printed, not synced
    waiting = st.receipts()[1:]
    for data in waiting:
        page = _scan(sqlite_deployment, st, data)
        assert page.status_code == 200 and "尚未同步" in page.text
    assert _scan(sqlite_deployment, st, waiting[0]).status_code == 200  # scanned again
    assert _pending(sqlite_deployment, st.code) == 2  # one row per receipt
    html = viewer.get("/console/stations").text
    assert _cell(html, st.code) == "0"
    assert "0 天" in html and "已被扫描、尚未收到 2 张" in html
    assert "unsynced" in re.search(rf'<tr class="([^"]*)" data-code="{st.code}"', html).group(1)  # type: ignore[union-attr]
    assert sync_station(st.db, st.keys, base_url=sqlite_deployment.url).ok
    assert _cell(viewer.get("/console/stations").text, st.code) == ""  # cleared by the sync


def test_the_age_counts_from_the_newest_scanned_receipt(
    viewer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 1)
    now = datetime.now(UTC).replace(microsecond=0)
    old = to_iso(now - timedelta(days=9))
    newer = to_iso(now - timedelta(days=4, hours=1))
    for serial, at in ((900_001, old), (900_002, newer)):
        assert _scan(sqlite_deployment, st, _signed(st, serial, at)).status_code == 200
    html = viewer.get("/console/stations", lang="en").text
    assert _cell(html, st.code) == "4"
    assert "4 days" in html and f"{st.code}-{newer[:4]}-900002" in html


def test_only_a_genuine_signature_of_an_enrolled_station_is_kept(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 1)
    stranger = make_station()  # never enrolled here: its key is not the station's
    at = to_iso(datetime.now(UTC).replace(microsecond=0))
    number = f"{st.code}-{at[:4]}-900010"
    forged = stranger.signer.sign(number, 5_000, at, st.code)
    wrong_amount = _signed(st, 900_011, at)
    bad = [
        {"receipt": number, "signature": forged, "amount_fen": 5_000, "issued_at": at},
        {**wrong_amount, "amount_fen": 5_001},  # signed for another amount
    ]
    for data in bad:
        reply = _scan(sqlite_deployment, st, data)
        assert reply.status_code == 200 and "疑似伪造" in reply.text
    junk = [
        "/r/XX-1?a=1&t=x&s=y",
        f"/r/{number}?a=-1&t=20261301T000000Z&s=" + "A" * 86,
        f"/r/{number}?a=99999999999999999999&t=&s=%00",
        f"/r/{number}?s=" + "A" * 86,
    ]
    for path in junk:
        assert httpx.get(sqlite_deployment.url + path).status_code < 500, path
    assert _pending(sqlite_deployment, st.code) == 0


def test_a_station_keeps_at_most_the_cap_of_scans_not_received(
    sqlite_deployment: Deployment,
    make_station: Callable[..., SyncStation],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    st = synced(sqlite_deployment, make_station, 1)
    monkeypatch.setattr(receipt_scans, "MAX_PENDING_PER_STATION", 3)
    at = to_iso(datetime.now(UTC).replace(microsecond=0))
    for serial in range(900_020, 900_026):
        receipt_scans.record_scan(
            sqlite_deployment.engine, st.code, f"{st.code}-{at[:4]}-{serial:06d}", 1, at
        )
    assert _pending(sqlite_deployment, st.code) == 3
    received = st.receipts()[0]  # a scan row of a receipt that arrived makes room
    with sqlite_deployment.engine.begin() as conn:
        conn.execute(_SC.delete().where(_SC.c.number.like(f"{st.code}-%-900020")))
        conn.execute(
            _SC.insert().values(
                number=received["receipt"], station_code=st.code, amount_fen=1,
                issued_at=at, first_seen_at=at,
            )
        )  # fmt: skip
    receipt_scans.record_scan(
        sqlite_deployment.engine, st.code, f"{st.code}-{at[:4]}-900030", 1, at
    )
    with sqlite_deployment.engine.connect() as conn:
        kept = {
            r.number
            for r in conn.execute(select(_SC.c.number).where(_SC.c.station_code == st.code))
        }
    assert received["receipt"] not in kept and f"{st.code}-{at[:4]}-900030" in kept
    assert len(kept) == 3


def test_a_clock_ahead_of_ours_is_no_negative_age() -> None:
    ahead = to_iso(datetime.now(UTC) + timedelta(days=3))
    assert Unsynced(1, "GZ-YX-0001-2026-000001", ahead, ahead).age_days() == 0
    assert Unsynced(1, "x", "not a time", "").age_days() == 0
