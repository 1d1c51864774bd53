"""Tampering and intrusion: each refused with the right code, and nothing stored."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from association_server import admin
from station_app.domain import signing
from station_app.domain.ledger import LedgerEntry, make_entry
from station_app.services.station_sync import sync_station
from station_app.sync.client import AssociationClient
from station_app.sync.errors import RefusedError
from station_app.sync.sync_messages import Outcome
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation


def _synced(deployment: Deployment, make_station: Callable[..., SyncStation], n: int = 3):
    st = make_station(deployment)
    st.record(n)
    assert sync_station(st.db, st.keys, base_url=deployment.url).ok
    return st


def _client(deployment: Deployment, st: SyncStation) -> AssociationClient:
    return AssociationClient(deployment.url, token=st.keys.get_sync_token(), timeout=10)


def _rebuilt(entry: LedgerEntry, prev_hash: str, **data_changes: object) -> LedgerEntry:
    """The entry with its data changed and linked to ``prev_hash``, its hash made to fit."""
    body = json.loads(entry.payload)
    body["data"].update(data_changes)
    return make_entry(
        seq=entry.seq,
        uuid=entry.uuid,
        type=entry.type,
        at=body["at"],
        station=body["station"],
        data=body["data"],
        prev_hash=prev_hash,
    )


def _altered(entry: LedgerEntry, **data_changes: object) -> LedgerEntry:
    return _rebuilt(entry, entry.prev_hash, **data_changes)


def _rechained(entry: LedgerEntry, prev_hash: str) -> LedgerEntry:
    """The same content, linked to ``prev_hash``."""
    return _rebuilt(entry, prev_hash)


def _refused(call: Callable[[], object]) -> RefusedError:
    with pytest.raises(RefusedError) as info:
        call()
    return info.value


def test_entry_changed_after_it_was_sent_is_tampering(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = _synced(deployment, make_station)
    entries = st.entries()
    victim = next(e for e in entries if e.type == "donation.recorded")
    forged = _altered(victim, amount_fen=1)
    st.record(2)  # new, legitimate entries travel in the same (refused) batch
    new = st.entries()[len(entries) :]
    with _client(deployment, st) as client:
        err = _refused(
            lambda: client.send_batch(st.code, "b1", [forged, *entries[victim.seq :], *new])
        )
    assert (err.status, err.code, err.seq) == (409, "tamper_conflict", victim.seq)
    assert admin.stored_entries(deployment.engine, st.code) == entries  # nothing of it stored
    [incident] = admin.list_incidents(deployment.engine, st.code)
    assert incident["code"] == "tamper_conflict" and incident["seq"] == victim.seq


def test_gap_in_seq_is_refused(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = _synced(deployment, make_station)
    before = st.entries()
    st.record(3)
    new = st.entries()[len(before) :]
    with _client(deployment, st) as client:
        err = _refused(lambda: client.send_batch(st.code, "b1", new[1:]))
        assert (err.status, err.code) == (409, "seq_gap")
        err = _refused(lambda: client.send_batch(st.code, "b2", [new[0], new[2]]))
        assert (err.status, err.code) == (409, "seq_gap")
    assert admin.stored_entries(deployment.engine, st.code) == before
    # The station's own sync still completes afterwards: nothing was half-stored.
    assert sync_station(st.db, st.keys, base_url=deployment.url).ok
    assert_equal_ledgers(st, deployment.engine)


def test_broken_chain_is_refused(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = _synced(sqlite_deployment, make_station)
    before = st.entries()
    st.record(2)
    first, second = st.entries()[len(before) :]
    wrong_prev = LedgerEntry(
        second.seq, second.uuid, second.type, second.payload, "f" * 64, second.hash
    )
    altered = _altered(first, donor="李四")  # hash fits its content, but not the next link
    with _client(sqlite_deployment, st) as client:
        err = _refused(lambda: client.send_batch(st.code, "b", [first, wrong_prev]))
        assert (err.status, err.code, err.seq) == (422, "chain_broken", second.seq)
        err = _refused(lambda: client.send_batch(st.code, "b", [altered, second]))
        assert (err.status, err.code, err.seq) == (422, "chain_broken", second.seq)
        # A batch that is one sound chain of its own, but not the continuation of what
        # the receiver holds (checked under the lock, after the batch's own chain).
        own_first = _rechained(first, "e" * 64)
        own_second = _rechained(second, own_first.hash)
        err = _refused(lambda: client.send_batch(st.code, "b", [own_first, own_second]))
        assert (err.status, err.code, err.seq) == (422, "chain_broken", first.seq)
    assert admin.stored_entries(sqlite_deployment.engine, st.code) == before


def test_receipt_signed_by_another_key_is_refused(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = _synced(deployment, make_station)
    before = st.entries()
    template = json.loads(next(e for e in before if e.type == "donation.recorded").payload)
    data = dict(template["data"])
    data["receipt"] = data["receipt"][:-6] + "000099"
    other_key = signing.generate_private_key()
    data["signature"] = signing.sign_receipt(
        other_key, data["receipt"], data["amount_fen"], data["issued_at"], st.code
    )
    head = before[-1]
    forged = make_entry(
        seq=head.seq + 1,
        uuid="00000000-0000-4000-8000-000000000001",
        type="donation.recorded",
        at=template["at"],
        station=st.code,
        data=data,
        prev_hash=head.hash,
    )
    with _client(deployment, st) as client:
        err = _refused(lambda: client.send_batch(st.code, "b", [forged]))
    assert (err.status, err.code, err.seq) == (422, "bad_signature", forged.seq)
    assert admin.stored_entries(deployment.engine, st.code) == before


def test_another_stations_token_can_neither_read_nor_write(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    a = _synced(deployment, make_station)
    b = make_station(deployment)
    b.record(2)
    with _client(deployment, a) as a_client:
        err = _refused(lambda: a_client.cursor(b.code))
        assert (err.status, err.code) == (403, "forbidden")
        err = _refused(lambda: a_client.send_batch(b.code, "x", b.entries()))
        assert (err.status, err.code) == (403, "forbidden")
    with AssociationClient(deployment.url, token="not-a-token") as nobody:
        assert _refused(lambda: nobody.cursor(b.code)).code == "unauthorized"
    with AssociationClient(deployment.url) as anonymous:
        err = _refused(lambda: anonymous.send_batch(b.code, "x", b.entries()))
        assert (err.status, err.code) == (401, "unauthorized")
    assert admin.stored_entries(deployment.engine, b.code) == []


def test_revoked_token_stops_sync_with_advice(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = _synced(sqlite_deployment, make_station)
    admin.revoke_token(sqlite_deployment.engine, st.code)
    st.record(1)
    result = sync_station(st.db, st.keys, base_url=sqlite_deployment.url)
    assert result.outcome is Outcome.REFUSED and result.refusal_code == "unauthorized"
    assert "登记码" in result.message_zh and "enrolment code" in result.message_en
    assert st.unsynced() == 1


def test_enrolment_code_works_once(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station()
    code = admin.create_station(sqlite_deployment.engine, st.code, "站")
    with AssociationClient(sqlite_deployment.url) as client:
        assert client.enroll(st.code, code.lower().replace("-", " "), _public(st))
        err = _refused(lambda: client.enroll(st.code, code, _public(st)))
        assert (err.status, err.code) == (403, "enrollment_refused")
        err = _refused(lambda: client.enroll("GZ-NO-0001", code, _public(st)))
        assert (err.status, err.code) == (403, "enrollment_refused")


def test_errors_are_json_without_traces(sqlite_deployment: Deployment) -> None:
    url = sqlite_deployment.url
    r = httpx.get(url + "/nope")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    r = httpx.post(
        url + "/api/v1/enroll", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"
    r = httpx.post(url + "/api/v1/enroll", json={"station_code": "X", "extra": 1})
    assert r.status_code == 422 and set(r.json()) == {"code", "message"}
    r = httpx.post(
        url + "/api/v1/stations/GZ-YX-0001/batches",
        content=b"x" * (17 << 20),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413 and r.json()["code"] == "body_too_large"
    for resp in (r,):
        assert "Traceback" not in resp.text


def _public(st: SyncStation) -> str:
    return signing.encode_key(st.signer.public_key)
