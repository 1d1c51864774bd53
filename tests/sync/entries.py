"""Ledger entries exactly as a station writes them, for tests that play a station by hand.

Attack tests need entries a real station would never write (an absurd amount, another
station's number) that are otherwise perfect: correctly chained and signed.  These
builders make the genuine article, and each field can be overridden.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import Engine

from association_server import admin
from station_app.domain.entry_types import EntryType
from station_app.domain.ledger import GENESIS_HASH, LedgerEntry, make_entry
from station_app.domain.signing import encode_key, generate_private_key, public_key_of, sign_receipt
from station_app.sync.protocol import entry_to_wire

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


@dataclass
class HandStation:
    """A station played by hand over HTTP: its own key and token, its ledger kept here."""

    url: str
    code: str
    private: bytes
    token: str
    ledger: list[LedgerEntry] = field(default_factory=list)

    @classmethod
    def enrol(cls, engine: Engine, url: str, code: str) -> HandStation:
        enrollment = admin.create_station(engine, code, "手工站")
        private = generate_private_key()
        r = httpx.post(
            url + "/api/v1/enroll",
            json={
                "station_code": code,
                "enrollment_code": enrollment,
                "public_key": encode_key(public_key_of(private)),
            },
            timeout=10,
        )
        assert r.status_code == 200, r.text
        return cls(url, code, private, r.json()["token"])

    @property
    def public_b64(self) -> str:
        return encode_key(public_key_of(self.private))

    def donation(self, serial: int, amount_fen: int = 10_000, **kw: Any) -> dict[str, Any]:
        year = kw.pop("year", 2026)
        return donation(
            self.private, self.code, f"{self.code}-{year}-{serial:06d}", amount_fen, **kw
        )

    def next(self, items: list[tuple[str, dict[str, Any]]]) -> list[LedgerEntry]:
        """Entries continuing this station's ledger (not yet sent)."""
        return chain(self.code, items, after=self.ledger[-1] if self.ledger else None)

    def send(self, entries: list[LedgerEntry], batch_id: str = "hand") -> httpx.Response:
        r = httpx.post(
            f"{self.url}/api/v1/stations/{self.code}/batches",
            json={"batch_id": batch_id, "entries": [entry_to_wire(e) for e in entries]},
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )
        if r.status_code == 200:
            acked = r.json()["acked_seq"]
            known = {e.seq: e for e in self.ledger if e.seq < entries[0].seq}
            known.update({e.seq: e for e in entries})
            self.ledger = [known[s] for s in sorted(known) if s <= acked]
        return r

    def start(self, receipts: int = 0) -> None:
        """Send station.created and ``receipts`` cash donations numbered 1…n; all acked."""
        items: list[tuple[str, dict[str, Any]]] = [
            (EntryType.STATION_CREATED, station_created(self.code, self.public_b64))
        ]
        items += [(EntryType.DONATION_RECORDED, self.donation(i)) for i in range(1, receipts + 1)]
        r = self.send(self.next(items))
        assert r.status_code == 200, r.text
