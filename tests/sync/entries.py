"""Ledger entries exactly as a station writes them, for tests that play a station by hand.

Attack tests need entries a real station would never write (an absurd amount, another
station's number) that are otherwise perfect: correctly chained and signed.  These
builders make the genuine article, and each field can be overridden.
"""

from __future__ import annotations

import uuid
from typing import Any

from station_app.domain.entry_types import EntryType
from station_app.domain.ledger import GENESIS_HASH, LedgerEntry, make_entry
from station_app.domain.signing import sign_receipt

AT = "2026-03-01T02:03:04Z"
DAY = "2026-03-01"


def new_uuid() -> str:
    return str(uuid.uuid4())


def station_created(code: str, public_b64: str, *, name: str = "测试站") -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "district": "越秀区",
        "association_url": "https://cishan.example.org",
        "association_name": "广州市慈善会",
        "public_key": public_b64,
    }


def donation(
    private: bytes,
    code: str,
    number: str,
    amount_fen: int,
    *,
    issued_at: str = AT,
    kind: str = "cash",
    business_day: str = DAY,
    sign_as: tuple[str, int, str] | None = None,
    **changes: Any,
) -> dict[str, Any]:
    """A ``donation.recorded`` data, signed over (number, amount, issued_at) or ``sign_as``."""
    signed = sign_as or (number, amount_fen, issued_at)
    data: dict[str, Any] = {
        "donation": new_uuid(),
        "receipt": number,
        "kind": kind,
        "amount_fen": amount_fen,
        "donor": "张三",
        "phone_masked": None,
        "designation": "undesignated",
        "items": [],
        "note": None,
        "operator": "王小明",
        "business_day": business_day,
        "issued_at": issued_at,
        "signature": sign_receipt(private, signed[0], signed[1], signed[2], code),
        "imported": False,
        "paper_receipt_number": None,
    }
    data.update(changes)
    return data


def chain(
    code: str,
    items: list[tuple[str, dict[str, Any]]],
    *,
    after: LedgerEntry | None = None,
    at: str = AT,
) -> list[LedgerEntry]:
    """``(type, data)`` pairs as a chain continuing ``after`` (or from the start)."""
    seq, prev = (after.seq, after.hash) if after else (0, GENESIS_HASH)
    out = []
    for type_, data in items:
        seq += 1
        entry = make_entry(
            seq=seq, uuid=new_uuid(), type=type_, at=at, station=code, data=data, prev_hash=prev
        )
        out.append(entry)
        prev = entry.hash
    return out


def genuine_ledger(private: bytes, public_b64: str, code: str, n: int = 3) -> list[LedgerEntry]:
    """station.created, then ``n`` cash receipts numbered 1…n of 2026."""
    items: list[tuple[str, dict[str, Any]]] = [
        (EntryType.STATION_CREATED, station_created(code, public_b64))
    ]
    for i in range(1, n + 1):
        items.append(
            (
                EntryType.DONATION_RECORDED,
                donation(private, code, f"{code}-2026-{i:06d}", 100 * i),
            )
        )
    return chain(code, items)
