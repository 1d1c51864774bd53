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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

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

from association_server import admin, designation_list
from station_app.domain.entry_schema import EntryRejected, check_entry_body
from station_app.domain.ledger import LedgerEntry, entry_hash, make_entry
from station_app.domain.money import DEFAULT_CEILING_FEN
from station_app.domain.signing import (
    encode_key,
    generate_private_key,
    public_key_of,
    sign_receipt,
)
from station_app.sync.protocol import entry_to_wire
from tests.sync.entries import AT, donation, genuine_ledger, new_uuid
from tests.sync.harness import Receiver, prepare_database

#: Per operation (5 of them); deterministic, so CI replays the same cases. ~20 s in all.
MAX_EXAMPLES = 100
CODE = "GZ-FZ-0001"
#: Status codes answered per operation, to prove the fuzz got past authentication.
SEEN: defaultdict[str, set[int]] = defaultdict(set)


@dataclass(frozen=True)
class FuzzTarget:
    url: str
    code: str
    token: str
    head: LedgerEntry  # the last entry of the seeded, acknowledged ledger
    private: bytes  # the station's signing key: fuzzed entries are genuinely signed


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzTarget]:
    """Its own receiver and database: the fuzzer writes incidents we don't want elsewhere."""
    root = tmp_path_factory.mktemp("fuzz-receiver")
    engine = prepare_database(f"sqlite:///{root / 'association.sqlite3'}")
    receiver = Receiver(f"sqlite:///{root / 'association.sqlite3'}", root).start()
    try:
        designation_list.put_designation(engine, "WXY", "微心愿", "project")
        enrollment = admin.create_station(engine, CODE, "模糊测试站")
        private = generate_private_key()
        public_b64 = encode_key(public_key_of(private))
        r = httpx.post(
            receiver.url + "/api/v1/enroll",
            json={"station_code": CODE, "enrollment_code": enrollment, "public_key": public_b64},
        )
        assert r.status_code == 200, r.text
        token = r.json()["token"]
        ledger = genuine_ledger(private, public_b64, CODE)
        r = httpx.post(
            f"{receiver.url}/api/v1/stations/{CODE}/batches",
            json={"batch_id": "seed", "entries": [entry_to_wire(e) for e in ledger]},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 200 and r.json()["acked_seq"] == len(ledger), r.text
        yield FuzzTarget(receiver.url, CODE, token, ledger[-1], private)
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


@pytest.fixture(scope="module")
def reached(fuzz_target: FuzzTarget) -> Iterator[dict[str, set[int]]]:
    """After the fuzz of this module: it reached the authenticated code, not just 401s
    (batches were checked and refused, cursors read), and nothing it sent was accepted
    (the seeded ledger is still what is acknowledged).  Checked at the end of the fuzz
    itself, so it holds however the tests are ordered or selected."""
    SEEN.clear()
    yield SEEN
    if len(SEEN) < 4:
        return  # only a few cases were selected (e.g. -k): nothing to conclude
    assert {200, 401} <= SEEN["GET /api/v1/stations/{code}/cursor"]
    assert {400, 401, 422} <= SEEN["POST /api/v1/stations/{code}/batches"]
    assert {200, 401} <= SEEN["GET /api/v1/designations"]
    assert 200 in SEEN["GET /r/{number}"]
    r = httpx.get(
        f"{fuzz_target.url}/api/v1/stations/{fuzz_target.code}/cursor",
        headers={"Authorization": f"Bearer {fuzz_target.token}"},
    )
    assert r.status_code == 200 and r.json()["acked_seq"] == 4


@api.parametrize()
def test_fuzzed_requests_never_cause_a_server_error(
    case: Case, fuzz_target: FuzzTarget, reached: dict[str, set[int]]
) -> None:
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
    reached[case.operation.label].add(response.status_code)


@pytest.mark.parametrize("signature", [12345, None, ["x"], {"a": 1}])
def test_receipt_signature_of_the_wrong_json_type_is_refused_not_a_crash(
    fuzz_target: FuzzTarget, signature: object
) -> None:
    """Found while tuning signature checks: a non-string signature used to reach
    ``verify_receipt`` before the field types were checked and fail with a 500.  Now
    strict parsing refuses it before any signature work."""
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
    assert r.status_code == 400 and r.json()["code"] == "bad_entry", r.text


# -- signed entries with edge values ------------------------------------------------------
# The schema-based fuzz above sends random payload text, which strict parsing refuses as
# bad JSON or a bad shape; these cases are the dangerous ones: genuine, correctly chained
# and signed entries whose values are absurd.

_FIELDS = ("receipt", "amount_fen", "issued_at", "business_day", "donor", "note", "items", "kind")
_EDGE_INTS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 2**31, 2**53, 2**63 - 1, 2**63, 2**64, DEFAULT_CEILING_FEN + 1]),
)
_EDGE_TEXT = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "",
            "x" * 5000,
            "\x1b]0;owned\x07",
            f"{CODE}-A-2026-000001",  # a second terminal's number
            f"{CODE}-2026-0000001",
            f"{CODE.lower()}-2026-000009",
            "2026-13-01T00:00:00Z",
            "2026-03-01 02:03:04",
            "2026-03-01T02:03:04+08:00",
            "9" * 5000,
        ]
    ),
)
_EDGE_VALUES = st.one_of(
    _EDGE_INTS,
    _EDGE_TEXT,
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _post(target: FuzzTarget, entries: list[dict[str, object]]) -> httpx.Response:
    return httpx.post(
        f"{target.url}/api/v1/stations/{target.code}/batches",
        json={"batch_id": "edge", "entries": entries},
        headers={"Authorization": f"Bearer {target.token}"},
        timeout=10,
    )


@given(field=st.sampled_from(_FIELDS), value=_EDGE_VALUES)
@settings(max_examples=60, deadline=None, derandomize=True)
def test_signed_entries_with_edge_values_are_refused_never_a_crash(
    fuzz_target: FuzzTarget, field: str, value: object
) -> None:
    head = fuzz_target.head
    number = f"{CODE}-2026-{head.seq:06d}"
    data = donation(fuzz_target.private, CODE, number, 100)
    data[field] = value
    if isinstance(data["amount_fen"], int) and not isinstance(data["amount_fen"], bool):
        signed = (str(data["receipt"]), data["amount_fen"], str(data["issued_at"]))
        data["signature"] = sign_receipt(fuzz_target.private, *signed, CODE)  # genuinely signed
    body = {
        "seq": head.seq + 1,
        "uuid": new_uuid(),
        "type": "donation.recorded",
        "at": AT,
        "station": CODE,
        "data": data,
    }
    try:
        check_entry_body(body, station_code=CODE)
        valid = True
    except EntryRejected:
        valid = False
    assume(not valid)  # an acceptable value would be stored and move the cursor on
    entry = make_entry(
        seq=head.seq + 1,
        uuid=body["uuid"],
        type="donation.recorded",
        at=AT,
        station=CODE,
        data=data,
        prev_hash=head.hash,
    )
    r = _post(fuzz_target, [entry_to_wire(entry)])
    assert r.status_code == 400 and r.json()["code"] == "bad_entry", r.text


def _raw(target: FuzzTarget, payload: str) -> dict[str, object]:
    """An entry whose payload text is exactly ``payload`` (hash made to fit)."""
    return {
        "seq": target.head.seq + 1,
        "uuid": new_uuid(),
        "type": "donation.recorded",
        "payload": payload,
        "prev_hash": target.head.hash,
        "hash": entry_hash(target.head.hash, payload),
    }


@pytest.mark.parametrize(
    "make_payload",
    [
        pytest.param(lambda ok: ok.replace('"amount_fen":100', '"amount_fen":NaN'), id="nan"),
        pytest.param(lambda ok: ok.replace('"amount_fen":100', '"amount_fen":Infinity'), id="inf"),
        pytest.param(lambda ok: ok.replace('"amount_fen":100', '"amount_fen":1e2'), id="float"),
        pytest.param(
            lambda ok: ok.replace('"amount_fen":100', '"amount_fen":' + "9" * 5000),
            id="5000-digits",
        ),
        pytest.param(
            lambda ok: ok.replace('"amount_fen":100', '"amount_fen":' + "1." + "0" * 5000),
            id="5000-char-float",
        ),
        pytest.param(
            lambda ok: ok.replace('"note":null', '"note":' + "[" * 100_000 + "]" * 100_000),
            id="100k-deep",
        ),
        pytest.param(
            lambda ok: ok.replace('"note":null', '"note":' + '{"a":' * 50 + "1" + "}" * 50),
            id="50-deep",
        ),
        pytest.param(lambda ok: ok[:-1] + ',"seq":99}', id="repeated-key"),
        pytest.param(lambda ok: "[" * 100_000 + "]" * 100_000, id="deep-array"),
        pytest.param(lambda ok: ok.replace('"note":null', '"note":"\\ud800"'), id="lone-surrogate"),
    ],
)
def test_signed_payloads_that_break_json_rules_are_refused_never_a_crash(
    fuzz_target: FuzzTarget, make_payload: Callable[[str], str]
) -> None:
    head = fuzz_target.head
    number = f"{CODE}-2026-{head.seq:06d}"
    ok = make_entry(
        seq=head.seq + 1,
        uuid=new_uuid(),
        type="donation.recorded",
        at=AT,
        station=CODE,
        data=donation(fuzz_target.private, CODE, number, 100),
        prev_hash=head.hash,
    ).payload
    r = _post(fuzz_target, [_raw(fuzz_target, make_payload(ok))])
    assert r.status_code == 400 and r.json()["code"] == "bad_entry", r.text


def test_a_100k_deep_request_body_is_refused_never_a_crash(fuzz_target: FuzzTarget) -> None:
    r = httpx.post(
        f"{fuzz_target.url}/api/v1/stations/{fuzz_target.code}/batches",
        content=b"[" * 100_000 + b"]" * 100_000,
        headers={
            "Authorization": f"Bearer {fuzz_target.token}",
            "Content-Type": "application/json",
        },
        timeout=10,
    )
    assert 400 <= r.status_code < 500, r.text
