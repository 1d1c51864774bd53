"""Real events for the console tests: stations that synced through the real client, and
a batch a station tampered with (refused by the receiver, kept as an incident)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from association_server import admin
from station_app.domain.ledger import LedgerEntry, make_entry
from station_app.domain.receipt_qr import receipt_url
from station_app.services.station_sync import sync_station
from station_app.sync.client import AssociationClient
from station_app.sync.errors import RefusedError
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation


def synced(
    deployment: Deployment, make_station: Callable[..., SyncStation], n: int = 3
) -> SyncStation:
    st = make_station(deployment)
    st.record(n)
    assert sync_station(st.db, st.keys, base_url=deployment.url).ok
    return st


def tamper(deployment: Deployment, st: SyncStation) -> int:
    """Send a batch with an already-acknowledged donation's amount changed; the incident id."""
    entries = st.entries()
    victim = next(e for e in entries if e.type == "donation.recorded")
    body = json.loads(victim.payload)
    body["data"]["amount_fen"] = 1
    forged = make_entry(
        seq=victim.seq,
        uuid=victim.uuid,
        type=victim.type,
        at=body["at"],
        station=body["station"],
        data=body["data"],
        prev_hash=victim.prev_hash,
    )
    token = st.keys.get_sync_token()
    with AssociationClient(deployment.url, token=token, timeout=10) as client:
        try:
            client.send_batch(st.code, "tampered", [forged, *entries[victim.seq :]])
        except RefusedError as err:
            assert err.code == "tamper_conflict"
        else:
            raise AssertionError("the tampered batch was accepted")
    return max(int(i["id"]) for i in admin.list_incidents(deployment.engine, st.code))  # type: ignore[call-overload]


def first_receipt(st: SyncStation) -> dict[str, Any]:
    return st.receipts()[0]


def qr_path(data: dict[str, Any]) -> str:
    """The path of the receipt's QR link (what the donor's phone opens)."""
    url = receipt_url(
        "http://x",
        data["receipt"],
        data["signature"],
        amount_fen=data["amount_fen"],
        issued_at=data["issued_at"],
    )
    return url.removeprefix("http://x")


__all__ = ["LedgerEntry", "first_receipt", "qr_path", "synced", "tamper"]
