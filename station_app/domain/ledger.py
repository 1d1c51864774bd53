"""The station's ledger: an append-only, numbered, hash-chained log of business actions.

The ledger is what the association receives and what lets anyone prove afterwards that
no record was changed or removed.  Each entry's body is written as canonical JSON (sorted
keys, no insignificant white space, UTF-8), so that the same entry always hashes the same
on the station and on the receiver, whatever Python or database produced it.

``hash = SHA-256(prev_hash + canonical_body)``, hex; the first entry's ``prev_hash`` is
:data:`GENESIS_HASH`.  The body repeats ``seq``, ``uuid`` and ``type`` so that a change to
any stored column is caught, not only a change to the payload.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """One exact text for a JSON value: sorted keys, compact separators, real UTF-8."""
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )


def entry_hash(prev_hash: str, body_json: str) -> str:
    """The chain link: SHA-256 over the previous hash and this entry's canonical body."""
    # surrogateescape: text read back from damaged bytes still hashes as those bytes.
    data = (prev_hash + body_json).encode("utf-8", "surrogateescape")
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One stored entry, as both station and receiver keep it."""

    seq: int
    uuid: str
    type: str
    payload: str  # canonical JSON of the body (seq, uuid, type, at, station, data)
    prev_hash: str
    hash: str

    def as_dict(self) -> dict[str, Any]:
        """The six columns by name: how the entry is stored and how it travels."""
        return {
            "seq": self.seq,
            "uuid": self.uuid,
            "type": self.type,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def make_entry(
    *,
    seq: int,
    uuid: str,
    type: str,
    at: str,
    station: str,
    data: Mapping[str, Any],
    prev_hash: str,
) -> LedgerEntry:
    """Build the next entry of a chain; ``at`` is the UTC time as ISO-8601 text."""
    body = {
        "seq": seq,
        "uuid": uuid,
        "type": type,
        "at": at,
        "station": station,
        "data": dict(data),
    }
    payload = canonical_json(body)
    return LedgerEntry(
        seq=seq,
        uuid=uuid,
        type=type,
        payload=payload,
        prev_hash=prev_hash,
        hash=entry_hash(prev_hash, payload),
    )


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """Where and why a chain stops being trustworthy."""

    seq: int
    reason: str

    def __str__(self) -> str:
        return f"entry {self.seq}: {self.reason}"


_UNPARSED: Any = object()


def check_entry(
    entry: LedgerEntry,
    *,
    expected_seq: int,
    expected_prev: str,
    station: str | None = None,
    body: Any = _UNPARSED,
) -> str | None:
    """Return why ``entry`` does not continue the chain, or None when it does.

    ``body`` is ``json.loads(entry.payload)`` when the caller has already parsed it (the
    receiver parses each payload once for all its checks); it is still held to the
    canonical text, so a body that does not match the payload cannot pass.
    """
    if entry.seq != expected_seq:
        return f"sequence number {entry.seq} where {expected_seq} was expected"
    if entry.prev_hash != expected_prev:
        return "prev_hash does not match the previous entry's hash"
    if entry_hash(entry.prev_hash, entry.payload) != entry.hash:
        return "hash does not match the entry's content"
    if body is _UNPARSED:
        try:
            body = json.loads(entry.payload)
        except ValueError:
            return "payload is not valid JSON"
    if not isinstance(body, dict):
        return "payload is not a JSON object"
    if canonical_json(body) != entry.payload:
        return "payload is not in canonical form"
    if body.get("seq") != entry.seq:
        return "stored seq differs from the seq inside the payload"
    if body.get("uuid") != entry.uuid:
        return "stored uuid differs from the uuid inside the payload"
    if body.get("type") != entry.type:
        return "stored type differs from the type inside the payload"
    if station is not None and body.get("station") != station:
        return f"entry belongs to station {body.get('station')!r}, not {station!r}"
    return None


def verify_chain(
    entries: Iterable[LedgerEntry],
    *,
    start_seq: int = 1,
    start_hash: str = GENESIS_HASH,
    station: str | None = None,
    bodies: Mapping[int, Any] | None = None,
) -> ChainBreak | None:
    """Walk ``entries`` in order; return the first break, or None if the chain holds.

    ``start_seq``/``start_hash`` let a receiver continue a chain it has partly stored;
    ``bodies`` (seq -> parsed payload) spares parsing payloads a second time.
    """
    expected_seq, expected_prev = start_seq, start_hash
    parsed = bodies or {}
    for entry in entries:
        reason = check_entry(
            entry,
            expected_seq=expected_seq,
            expected_prev=expected_prev,
            station=station,
            body=parsed.get(entry.seq, _UNPARSED),
        )
        if reason is not None:
            return ChainBreak(entry.seq, reason)
        expected_seq, expected_prev = entry.seq + 1, entry.hash
    return None
