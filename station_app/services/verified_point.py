"""The verified point: how far the station's rows were last checked against its ledger.

Start-up checks only what came after it, so the point must not be movable by hand: it is
MAC'd with a key derived from the signing key (useless for signing receipts), and it is
trusted only while it still names an entry of the ledger.  Without the key there is no
point, and the check is the full one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, text

from station_app.domain.ledger import GENESIS_HASH, canonical_json

if TYPE_CHECKING:
    from station_app.services.row_check import RowCheckReport


@dataclass(frozen=True, slots=True)
class VerifiedPoint:
    seq: int
    hash: str
    watermarks: Mapping[str, int]
    facts: Mapping[str, Any]
    full_checked_at: str | None


def mac_key(signing_key: bytes) -> bytes:
    """The verified point's MAC key, derived so it is useless for signing receipts."""
    return hashlib.sha256(b"donation-station-desk verified-point\x00" + signing_key).digest()


def _mac(key: bytes, seq: int, hash_: str, watermarks: str, full_checked_at: str | None) -> str:
    message = canonical_json([seq, hash_, watermarks, full_checked_at]).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def load_point(conn: Connection, key: bytes | None) -> VerifiedPoint | None:
    """The last verified point, if its MAC holds and it still names a ledger entry."""
    if key is None:
        return None
    row = conn.execute(
        text("SELECT seq, hash, watermarks, full_checked_at, mac FROM verified_point")
    ).first()
    if row is None:
        return None
    if not hmac.compare_digest(
        _mac(key, row.seq, row.hash, row.watermarks, row.full_checked_at), row.mac
    ):
        return None
    at_seq = conn.execute(
        text("SELECT hash FROM ledger_entry WHERE seq = :s"), {"s": row.seq}
    ).scalar()
    if at_seq != row.hash and not (row.seq == 0 and row.hash == GENESIS_HASH):
        return None
    try:
        marks = json.loads(row.watermarks)
        return VerifiedPoint(row.seq, row.hash, marks["rows"], marks["facts"], row.full_checked_at)
    except (ValueError, KeyError, TypeError):
        return None


def save_point(
    conn: Connection, key: bytes, report: RowCheckReport, *, at: str, previous_full: str | None
) -> None:
    """Remember how far ``report`` checked (only call it for a report that is ok)."""
    full_at = at if report.full else previous_full
    marks = canonical_json({"rows": report.watermarks, "facts": report.facts.as_json()})
    values = {
        "seq": report.head_seq,
        "hash": report.head_hash,
        "watermarks": marks,
        "checked_at": at,
        "full_checked_at": full_at,
        "mac": _mac(key, report.head_seq, report.head_hash, marks, full_at),
    }
    conn.execute(
        text(
            "INSERT INTO verified_point (id, seq, hash, watermarks, checked_at, "
            "full_checked_at, mac) VALUES (1, :seq, :hash, :watermarks, :checked_at, "
            ":full_checked_at, :mac) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, "
            "hash = excluded.hash, watermarks = excluded.watermarks, "
            "checked_at = excluded.checked_at, full_checked_at = excluded.full_checked_at, "
            "mac = excluded.mac"
        ),
        values,
    )
