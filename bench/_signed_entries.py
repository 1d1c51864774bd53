"""Genuine `donation.recorded` ledger entries made fast, for the sync benchmarks.

Real chain, real Ed25519 signatures, the same payload shape the station writes; only the
recording services are skipped, so 100,000 entries take seconds rather than minutes.
"""

from __future__ import annotations

import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from station_app.domain.ledger import LedgerEntry, make_entry
from station_app.domain.signing import sign_receipt_with


def signed_donation_entry(
    key: Ed25519PrivateKey,
    *,
    seq: int,
    prev_hash: str,
    station: str,
    number: str,
    amount_fen: int,
    at: str,
    donor: str,
) -> LedgerEntry:
    return make_entry(
        seq=seq,
        uuid=str(uuid.uuid4()),
        type="donation.recorded",
        at=at,
        station=station,
        data={
            "donation": str(uuid.uuid4()),
            "receipt": number,
            "kind": "cash",
            "amount_fen": amount_fen,
            "donor": donor,
            "phone_masked": None,
            "designation": "undesignated",
            "items": [],
            "issued_at": at,
            "signature": sign_receipt_with(key, number, amount_fen, at, station),
        },
        prev_hash=prev_hash,
    )
