"""The donor's scan is a check too: a number issued twice, a legacy QR that cannot be one
of today's receipts, no way to tell which numbers exist, and a station gone quiet."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable

import httpx

from association_server import admin
from station_app.domain.receipt_qr import receipt_url
from station_app.domain.signing import sign_receipt
from tests.sync.conftest import Deployment
from tests.sync.entries import AT, HandStation

_codes = itertools.count(1)


def _code() -> str:
    return f"GZ-RP{next(_codes):02d}-{os.getpid() % 10000:04d}"


def _page(url: str, lang: str = "zh-CN") -> tuple[str, str]:
    r = httpx.get(url, headers={"Accept-Language": lang})
    assert r.status_code == 200, r.text
    return r.text.split('data-verdict="')[1].split('"')[0], r.text


def _kinds(d: Deployment, code: str) -> list[str]:
    return [str(i["code"]) for i in admin.list_incidents(d.engine, code)]


def test_a_genuine_signature_over_other_values_means_the_number_was_issued_twice(
    deployment: Deployment,
) -> None:
    st = HandStation.enrol(deployment.engine, deployment.url, _code())
    st.start(receipts=2)
    number = f"{st.code}-2026-000002"
    # The station signed the same number again for another donation (a reused number).
    other = sign_receipt(st.private, number, 55_500, "2026-03-05T01:00:00Z", st.code)
    url = receipt_url(
        deployment.url, number, other, amount_fen=55_500, issued_at="2026-03-05T01:00:00Z"
    )
    verdict, text = _page(url)
    assert verdict == "issued_twice"
    assert "收据真实，但编号重复" in text and "请联系市慈善会" in text
    verdict, text = _page(url, lang="en")
    assert "this number was issued twice: contact the association" in text
    _page(url)  # scanned again: still one incident for this receipt
    incidents = admin.list_incidents(deployment.engine, st.code)
    assert [i["code"] for i in incidents] == ["number_issued_twice"]
    assert incidents[0]["receipt_number"] == number and "55500 fen" in incidents[0]["detail"]
    # The receipt the association holds still reads genuine to its own donor; a forger's
    # signature over other values still reads forged.
    genuine = sign_receipt(st.private, number, 10_000, AT, st.code)
    held = receipt_url(deployment.url, number, genuine, amount_fen=10_000, issued_at=AT)
    assert _page(held)[0] == "genuine"
    forged = receipt_url(deployment.url, number, "A" * 86, amount_fen=55_500, issued_at=AT)
    assert _page(forged)[0] == "forged"
    assert _kinds(deployment, st.code) == ["number_issued_twice"]


def test_a_legacy_link_cannot_pass_for_a_receipt_of_today(deployment: Deployment) -> None:
    """Without a/t, a random signature reads the same for a number that exists, one in a
    gap, and one above the highest received: no existence oracle."""
    st = HandStation.enrol(deployment.engine, deployment.url, _code())
    st.start(receipts=3)
    signature = json.loads(st.ledger[1].payload)["data"]["signature"]
    url = deployment.url
    random_sig = "Q" * 86
    verdicts = {
        serial: _page(f"{url}/r/{st.code}-2026-{serial:06d}?s={random_sig}")[0]
        for serial in (1, 3, 4, 500, 999_999)
    }
    assert set(verdicts.values()) == {"forged"}, verdicts
    assert _page(f"{url}/r/{st.code}-2027-000001?s={random_sig}")[0] == "forged"
    # A genuine old-style link of a received receipt still checks out.
    assert _page(f"{url}/r/{st.code}-2026-000001?s={signature}")[0] == "genuine"


def test_a_legacy_link_from_before_the_signed_form_still_reads_not_synced(
    make_deployment: Callable[..., Deployment],
) -> None:
    """An association whose stations upgraded late moves the date: its old links work."""
    d = make_deployment(args=("--signed-qr-since", "2099-01-01T00:00:00Z"))
    st = HandStation.enrol(d.engine, d.url, _code())
    st.start(receipts=1)
    verdict, text = _page(f"{d.url}/r/{st.code}-2026-000009?s={'Q' * 86}")
    assert verdict == "not_synced" and "¥" not in text


def test_scans_of_a_station_that_stopped_syncing_raise_an_incident_once(
    make_deployment: Callable[..., Deployment],
) -> None:
    d = make_deployment(args=("--silent-days", "0"))
    st = HandStation.enrol(d.engine, d.url, _code())
    st.start(receipts=1)
    number = f"{st.code}-2026-000002"
    signature = sign_receipt(st.private, number, 10_000, AT, st.code)
    url = receipt_url(d.url, number, signature, amount_fen=10_000, issued_at=AT)
    assert _page(url)[0] == "not_synced"
    assert _page(url)[0] == "not_synced"
    incidents = admin.list_incidents(d.engine, st.code)
    assert [i["code"] for i in incidents] == ["station_silent"]
    assert number in incidents[0]["detail"]
    # A forger's scan raises nothing.
    other = HandStation.enrol(d.engine, d.url, _code())
    other.start()
    bogus = receipt_url(d.url, f"{other.code}-2026-000001", "Q" * 86, amount_fen=1, issued_at=AT)
    assert _page(bogus)[0] == "forged"
    assert _kinds(d, other.code) == []
