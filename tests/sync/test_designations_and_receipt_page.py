"""Designations with ETag and a merge that never loses what donations refer to; the
public receipt page a donor sees after scanning the QR code."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import httpx
import pytest
from sqlalchemy import select

from association_server import designation_list, official_receipts
from association_server.errors import AdminError
from station_app.domain.donations import DonationDraft
from station_app.domain.receipt_qr import receipt_url
from station_app.services.designation_pull import designations_etag
from station_app.services.donation_recording import DonationRecorder
from station_app.services.receipt_actions import void_donation
from station_app.services.station_sync import sync_station
from station_app.storage.models import Designation
from station_app.sync.client import AssociationClient
from station_app.sync.protocol import DesignationList
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation


def test_designations_etag_and_merge(
    make_deployment: Callable[..., Deployment], make_station: Callable[..., SyncStation]
) -> None:
    d = make_deployment()
    designation_list.put_designation(d.engine, "WXY", "微心愿", "project")
    designation_list.put_designation(d.engine, "QLAJ", "耆乐安居", "project")
    st = make_station(d)
    # A donation refers to BJJ-FUND, which the association does not list.
    DonationRecorder(st.db, st.signer).record(
        st.coordinator,
        DonationDraft(kind="cash", amount="10", anonymous=True, designation_code="BJJ-FUND"),
    )
    headers = {"Authorization": f"Bearer {st.keys.get_sync_token()}"}
    first = httpx.get(d.url + "/api/v1/designations", headers=headers)
    assert first.status_code == 200 and first.headers["etag"]
    again = httpx.get(
        d.url + "/api/v1/designations", headers={**headers, "If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
    assert httpx.get(d.url + "/api/v1/designations").status_code == 401

    result = sync_station(st.db, st.keys, base_url=d.url)
    assert result.ok, result.message_en
    with st.db.read() as conn:
        local = {r.code: bool(r.active) for r in conn.execute(select(Designation.__table__))}
    assert local == {"undesignated": True, "BJJ-FUND": False, "WXY": True, "QLAJ": True}
    kinds = [e.type for e in st.entries()]
    assert kinds.count("designations.set") == 2  # set-up, then the merge
    assert_equal_ledgers(st, d.engine)

    designation_list.set_designation_active(d.engine, "QLAJ", False)
    changed = httpx.get(
        d.url + "/api/v1/designations", headers={**headers, "If-None-Match": first.headers["etag"]}
    )
    assert changed.status_code == 200 and changed.headers["etag"] != first.headers["etag"]
    assert sync_station(st.db, st.keys, base_url=d.url).ok
    with st.db.read() as conn:
        qlaj = conn.execute(
            select(Designation.__table__.c.active).where(Designation.__table__.c.code == "QLAJ")
        ).scalar_one()
    assert not qlaj


class _RecordingClient(AssociationClient):
    """The real client, noting what the designation pulls asked and got."""

    pulls: ClassVar[list[tuple[str | None, bool]]] = []  # (If-None-Match sent, list received)

    def designations(self, etag: str | None = None) -> DesignationList:
        listing = super().designations(etag)
        self.pulls.append((etag, listing.designations is not None))
        return listing


def test_an_unchanged_designation_list_costs_a_304(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    d = sqlite_deployment
    designation_list.put_designation(d.engine, "WXY", "微心愿", "project")
    st = make_station(d)
    _RecordingClient.pulls = []
    assert designations_etag(st.db) is None
    assert sync_station(st.db, st.keys, base_url=d.url, client_factory=_RecordingClient).ok
    listed = httpx.get(
        d.url + "/api/v1/designations",
        headers={"Authorization": f"Bearer {st.keys.get_sync_token()}"},
    )
    assert designations_etag(st.db) == listed.headers["etag"]
    assert sync_station(st.db, st.keys, base_url=d.url, client_factory=_RecordingClient).ok
    designation_list.put_designation(d.engine, "QLAJ", "耆乐安居", "project")
    assert sync_station(st.db, st.keys, base_url=d.url, client_factory=_RecordingClient).ok
    assert _RecordingClient.pulls == [
        (None, True),  # first sync: the whole list
        (listed.headers["etag"], False),  # unchanged: 304, nothing merged
        (listed.headers["etag"], True),  # changed: the new list
    ]
    assert designations_etag(st.db) not in (None, listed.headers["etag"])
    with st.db.read() as conn:
        codes = set(conn.execute(select(Designation.__table__.c.code)).scalars())
    assert {"WXY", "QLAJ"} <= codes


def _page(url: str, lang: str = "zh-CN,zh;q=0.9") -> tuple[str, str]:
    r = httpx.get(url, headers={"Accept-Language": lang})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    verdict = r.text.split('data-verdict="')[1].split('"')[0]
    return verdict, r.text


def test_receipt_page_tells_genuine_forged_voided_and_not_synced(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    d = sqlite_deployment
    st = make_station(d)
    st.record(2)
    assert sync_station(st.db, st.keys, base_url=d.url, pull_designations=False).ok
    void_donation(st.db, st.coordinator, _receipts(st)[1][0], "重复录入")
    assert sync_station(st.db, st.keys, base_url=d.url, pull_designations=False).ok
    st.record(1)  # printed, not yet synced
    (good, good_sig), (voided, voided_sig), (fresh, fresh_sig) = _receipts(st)

    verdict, text = _page(receipt_url(d.url, good, good_sig))
    assert verdict == "genuine" and "真实有效" in text and "¥100.00" in text
    assert 'name="viewport"' in text and "壹佰元整" in text
    verdict, text = _page(receipt_url(d.url, good, good_sig), lang="en-GB,en;q=0.9,zh;q=0.5")
    assert verdict == "genuine" and "Genuine" in text and "真实有效" not in text

    forged_sig = voided_sig  # a real signature, but for another receipt
    assert _page(receipt_url(d.url, good, forged_sig))[0] == "forged"
    assert _page(receipt_url(d.url, good, "A" * 86))[0] == "forged"
    assert _page(receipt_url(d.url, "GZ-ZZ-0001-2026-000001", good_sig))[0] == "forged"
    assert _page(d.url + "/r/not-a-number?s=x")[0] == "forged"

    verdict, text = _page(receipt_url(d.url, voided, voided_sig))
    assert verdict == "voided" and "已作废" in text
    # The form printed before receipts carried a/t cannot be one of today's receipts.
    verdict, text = _page(receipt_url(d.url, fresh, fresh_sig))
    assert verdict == "forged" and "¥" not in text

    # Today's QR carries the signed amount and time: checked before the record arrives.
    issued = _issued_at(st, fresh)
    signed = receipt_url(d.url, fresh, fresh_sig, amount_fen=10_000, issued_at=issued)
    verdict, text = _page(signed)
    assert verdict == "not_synced" and "签名有效，尚未同步" in text
    assert "¥100.00" in text and "壹佰元整" in text
    assert "Signature valid" in _page(signed, lang="en")[1]
    for altered in (
        signed.replace("a=10000", "a=99900"),  # the amount changed on a copy of the link
        signed.replace("a=10000", "a=0"),
        signed.replace("a=10000&", ""),  # half of it: no answer from half the data
        receipt_url(d.url, fresh, "A" * 86, amount_fen=10_000, issued_at=issued),
        receipt_url(d.url, fresh[:-6] + "999999", fresh_sig, amount_fen=10_000, issued_at=issued),
    ):
        verdict, text = _page(altered)
        assert verdict == "forged" and "¥" not in text, altered
    assert sync_station(st.db, st.keys, base_url=d.url, pull_designations=False).ok
    assert _page(signed)[0] == "genuine"  # the same QR, once the record has arrived
    # Without the signature nothing is shown, not even whether the number exists:
    # receipt numbers run in order, so anyone could otherwise list a station's donations.
    verdict, text = _page(d.url + f"/r/{good}")
    assert verdict == "unsigned" and "¥" not in text and "张*" not in text
    assert "100" not in text.replace(good, "")
    missing = good[:-6] + "999999"
    assert _page(d.url + f"/r/{missing}")[1] == text.replace(good, missing)


def test_official_receipt_number_appears_once_issued(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    d = sqlite_deployment
    st = make_station(d)
    st.record(2)
    assert sync_station(st.db, st.keys, base_url=d.url, pull_designations=False).ok
    (first, sig), (second, _sig) = _receipts(st)
    url = receipt_url(d.url, first, sig)
    assert "尚未开具" in _page(url)[1]
    official_receipts.set_official_receipt(d.engine, first, "粤财 4400123456")
    verdict, text = _page(url)
    assert verdict == "genuine" and "公益事业捐赠票据" in text and "4400123456" in text
    assert "4400123456" in _page(url, lang="en")[1]
    with pytest.raises(AdminError):  # set once
        official_receipts.set_official_receipt(d.engine, first, "粤财 4400999999")
    with pytest.raises(AdminError):  # a receipt the association never received
        official_receipts.set_official_receipt(d.engine, first[:-6] + "999999", "X1")
    void_donation(st.db, st.coordinator, second, "重复录入")
    assert sync_station(st.db, st.keys, base_url=d.url, pull_designations=False).ok
    with pytest.raises(AdminError):  # no official receipt for a void
        official_receipts.set_official_receipt(d.engine, second, "X2")


def _issued_at(st: SyncStation, number: str) -> str:
    return next(r["issued_at"] for r in st.receipts() if r["receipt"] == number)


def _receipts(st: SyncStation) -> list[tuple[str, str]]:
    return [(r["receipt"], r["signature"]) for r in st.receipts()]
