"""Sync protocol v1 as the station speaks it: wire shapes and what each refusal means.

The receiver (``association_server``) is the other half of this contract.  Entries go on
the wire exactly as stored (``payload`` is the canonical JSON text that was hashed), so
the receiver can re-check the chain byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from station_app.domain.ledger import LedgerEntry

API_PREFIX = "/api/v1"

#: Refusal codes that need a person: syncing again will not help until something changes.
PERMANENT_CODES = frozenset(
    {
        "unauthorized",
        "forbidden",
        "enrollment_refused",
        "seq_gap",
        "tamper_conflict",
        "chain_broken",
        "bad_signature",
        "key_mismatch",
        "bad_entry",
        "invalid_request",
        "body_too_large",
    }
)


def entry_to_wire(entry: LedgerEntry) -> dict[str, Any]:
    """An entry goes on the wire with exactly its stored columns."""
    return entry.as_dict()


@dataclass(frozen=True, slots=True)
class Cursor:
    """How far the association has stored this station's ledger."""

    acked_seq: int
    acked_hash: str


@dataclass(frozen=True, slots=True)
class BatchAck:
    acked_seq: int
    acked_hash: str
    stored: int
    duplicates: int


@dataclass(frozen=True, slots=True)
class RemoteDesignation:
    code: str
    name: str
    category: str
    active: bool
    sort_order: int


@dataclass(frozen=True, slots=True)
class DesignationList:
    """The association's designations, or ``designations=None`` when unchanged (304)."""

    etag: str | None
    designations: tuple[RemoteDesignation, ...] | None
