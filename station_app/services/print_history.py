"""Who printed a receipt and when: read from the ledger's ``receipt.printed`` entries.

The print count says how many papers exist; the ledger says who made each one and at
what time, which is what a coordinator asks when a donor holds two copies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import text

from station_app.domain.entry_types import EntryType
from station_app.storage.database import StationDatabase

_PRINTS = text(
    "SELECT payload FROM ledger_entry WHERE type = :type "
    "AND json_extract(payload, '$.data.receipt') = :number ORDER BY seq"
)


@dataclass(frozen=True, slots=True)
class PrintEvent:
    print_number: int  # 1 is the original, 2… are copies (补打)
    operator: str
    at: str  # UTC, ISO


def print_history(db: StationDatabase, number: str) -> list[PrintEvent]:
    with db.read() as conn:
        rows = conn.execute(
            _PRINTS, {"type": EntryType.RECEIPT_PRINTED.value, "number": number}
        ).scalars()
        events = []
        for payload in rows:
            entry = json.loads(payload)
            data = entry["data"]
            events.append(PrintEvent(int(data["print_number"]), str(data["operator"]), entry["at"]))
    return events
