"""A schema-based fuzz of the receiver's OpenAPI document (schemathesis): no input a
client can send may produce a 5xx.

The real receiver runs under uvicorn on 127.0.0.1 (SQLite).  A station is enrolled and
has synced a short, genuine ledger first, so the fuzzer reaches the interesting code —
re-sent entries, chain checks, signature checks, receipt lookups — and not only the
"401 unauthorised" door: most cases are sent with that station's bearer token and code
(a stable quarter keep what the fuzzer generated, so bad tokens are fuzzed as well).

Checks: ``not_a_server_error`` (the point of the test) plus response conformance —
status code, content type and body schema as the OpenAPI document declares them, so the
document stays an honest description of the API.  Examples are bounded so the whole
test takes well under a minute.
"""

from __future__ import annotations

import os
import uuid
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

try:
    import schemathesis
except ImportError:  # CI installs the dev extra: missing there is a failure, as for PostgreSQL
    if os.environ.get("CI"):
        raise
    pytest.skip("schemathesis is not installed (dev extra)", allow_module_level=True)

from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from association_server import admin
from station_app.domain.ledger import GENESIS_HASH, LedgerEntry, make_entry
from station_app.domain.signing import (
    encode_key,
    generate_private_key,
    public_key_of,
    sign_receipt,
)
from station_app.sync.protocol import entry_to_wire
from tests.sync.harness import Receiver, prepare_database

#: Per operation (5 of them); deterministic, so CI replays the same cases. ~20 s in all.
MAX_EXAMPLES = 100
CODE = "GZ-FZ-0001"
AT = "2026-03-01T02:03:04Z"
#: Status codes answered per operation, to prove the fuzz got past authentication.
SEEN: defaultdict[str, set[int]] = defaultdict(set)


@dataclass(frozen=True)
class FuzzTarget:
    url: str
    code: str
    token: str
    head: LedgerEntry  # the last entry of the seeded, acknowledged ledger


def _genuine_ledger(private: bytes, public_b64: str, n: int = 3) -> list[LedgerEntry]:
    """A short valid chain as a station writes it: station.created, then receipts."""
    entries = [
        make_entry(
            seq=1,
            uuid=str(uuid.uuid4()),
            type="station.created",
            at=AT,
            station=CODE,
            data={"code": CODE, "name": "模糊测试站", "public_key": public_b64},
            prev_hash=GENESIS_HASH,
        )
    ]
    for i in range(1, n + 1):
        number = f"{CODE}-2026-{i:06d}"
        entries.append(
            make_entry(
                seq=i + 1,
                uuid=str(uuid.uuid4()),
                type="donation.recorded",
                at=AT,
                station=CODE,
                data={
                    "receipt": number,
                    "amount_fen": 100 * i,
                    "issued_at": AT,
                    "signature": sign_receipt(private, number, 100 * i, AT, CODE),
                    "kind": "cash",
                    "donor": "张三",
                    "designation": "undesignated",
                },
                prev_hash=entries[-1].hash,
            )
        )
    return entries


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzTarget]:
    """Its own receiver and database: the fuzzer writes incidents we don't want elsewhere."""
    root = tmp_path_factory.mktemp("fuzz-receiver")
    engine = prepare_database(f"sqlite:///{root / 'association.sqlite3'}")
    receiver = Receiver(f"sqlite:///{root / 'association.sqlite3'}", root).start()
    try:
        admin.put_designation(engine, "WXY", "微心愿", "project")
        enrollment = admin.create_station(engine, CODE, "模糊测试站")
        private = generate_private_key()
        public_b64 = encode_key(public_key_of(private))
        r = httpx.post(
            receiver.url + "/api/v1/enroll",
            json={"station_code": CODE, "enrollment_code": enrollment, "public_key": public_b64},
        )
        assert r.status_code == 200, r.text
        token = r.json()["token"]
        ledger = _genuine_ledger(private, public_b64)
        r = httpx.post(
            f"{receiver.url}/api/v1/stations/{CODE}/batches",
            json={"batch_id": "seed", "entries": [entry_to_wire(e) for e in ledger]},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 200 and r.json()["acked_seq"] == len(ledger), r.text
        yield FuzzTarget(receiver.url, CODE, token, ledger[-1])
    finally:
        receiver.stop()
        engine.dispose()
        _assert_no_tracebacks(receiver.log_path)


def _assert_no_tracebacks(log: Path) -> None:
    """A 5xx the client did not see (e.g. swallowed) would still leave a traceback here."""
    text = log.read_text(errors="replace") if log.exists() else ""
    assert "Traceback" not in text, text[-3000:]


def _openapi_document() -> dict[str, object]:
    """The receiver's OpenAPI document, built by the same code the server runs.

    Loaded at import because ``schema.parametrize()`` makes one test per operation at
    collection time.  (schemathesis' lazy ``from_fixture`` loader would fetch it from the
    running server instead, but in 4.32 it writes pytest's private ``Node._nodeid``,
    which pytest 9.2 no longer has.)  ``test_served_document_is_the_fuzzed_one`` checks
    that the running receiver serves exactly this document.
    """
    from association_server.app import create_app
    from association_server.db import make_engine

    return create_app(make_engine("sqlite://")).openapi()


DOCUMENT = _openapi_document()
api = schemathesis.openapi.from_dict(DOCUMENT)
api.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True)


def test_served_document_is_the_fuzzed_one(fuzz_target: FuzzTarget) -> None:
    assert httpx.get(fuzz_target.url + "/openapi.json").json() == DOCUMENT


def _keep_generated(case: Case) -> bool:
    """A stable quarter of the cases keep the fuzzer's own token and station code."""
    seed = repr((case.method, case.path_parameters, dict(case.headers or {}), case.query))
    return zlib.crc32(seed.encode("utf-8", "replace")) % 4 == 0


@api.parametrize()
def test_fuzzed_requests_never_cause_a_server_error(case: Case, fuzz_target: FuzzTarget) -> None:
    if not _keep_generated(case):
        if case.path_parameters and "code" in case.path_parameters:
            case.path_parameters["code"] = fuzz_target.code
        if case.path.startswith("/api/v1/stations") or case.path == "/api/v1/designations":
            case.headers["Authorization"] = f"Bearer {fuzz_target.token}"
    response = case.call_and_validate(
        base_url=fuzz_target.url,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
        timeout=10,
    )
    SEEN[case.operation.label].add(response.status_code)


def test_fuzz_reached_the_authenticated_code(fuzz_target: FuzzTarget) -> None:
    """Not just 401s: batches were checked (and refused) and cursors were read.

    Also, nothing the fuzz sent was accepted: the seeded ledger is still acknowledged.
    """
    if not SEEN:
        pytest.skip("only meaningful after the fuzz test in the same run")
    print({label: sorted(codes) for label, codes in SEEN.items()})
    assert {200, 401} <= SEEN["GET /api/v1/stations/{code}/cursor"]
    assert {401, 409, 422} <= SEEN["POST /api/v1/stations/{code}/batches"]
    assert {200, 401} <= SEEN["GET /api/v1/designations"]
    assert 200 in SEEN["GET /r/{number}"]
    r = httpx.get(
        f"{fuzz_target.url}/api/v1/stations/{fuzz_target.code}/cursor",
        headers={"Authorization": f"Bearer {fuzz_target.token}"},
    )
    assert r.status_code == 200 and r.json()["acked_seq"] == 4


@pytest.mark.parametrize("signature", [12345, None, ["x"], {"a": 1}])
def test_receipt_signature_of_the_wrong_json_type_is_refused_not_a_crash(
    fuzz_target: FuzzTarget, signature: object
) -> None:
    """Found while tuning signature checks: a non-string signature used to reach
    ``verify_receipt`` before the field types were checked and fail with a 500."""
    head = fuzz_target.head
    number = f"{CODE}-2026-{head.seq:06d}"
    entry = make_entry(
        seq=head.seq + 1,
        uuid=str(uuid.uuid4()),
        type="donation.recorded",
        at=AT,
        station=CODE,
        data={"receipt": number, "amount_fen": 100, "issued_at": AT, "signature": signature},
        prev_hash=head.hash,
    )
    r = httpx.post(
        f"{fuzz_target.url}/api/v1/stations/{CODE}/batches",
        json={"batch_id": "wrong-type", "entries": [entry_to_wire(entry)]},
        headers={"Authorization": f"Bearer {fuzz_target.token}"},
    )
    assert r.status_code == 422 and r.json()["code"] == "bad_entry", r.text
