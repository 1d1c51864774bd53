"""What an accepted batch reveals about what a station may be hiding.

A batch can be a perfect chain and still tell the association something is wrong: its
receipt serials skip numbers, a day's close claims totals the received donations do not
add up to, or the station says it restored a backup.  None of these is a reason to
refuse the batch (the station would be stuck, and the association would learn less),
so each becomes an incident stored in the same transaction as the batch.

Everything here reads the database as it was before the batch (the caller stores the
batch afterwards) and walks the batch's entries in ledger order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, func, select

from association_server.incident_kinds import IncidentKind
from association_server.incidents import Finding
from association_server.models import ReceiptRow
from station_app.domain.donations import DonationKind
from station_app.domain.entry_types import EntryType
from station_app.domain.ledger import LedgerEntry
from station_app.domain.receipt_numbers import find_gaps

_R = ReceiptRow.__table__
_COMPARED = ("cash_fen", "mobile_fen", "bank_fen", "in_kind_fen", "donations", "voids")


def _ranges(numbers: Sequence[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for n in numbers:
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def _describe(code: str, year: int, missing: Sequence[int]) -> str:
    shown = [
        f"{code}-{year}-{a:06d}" if a == b else f"{code}-{year}-{a:06d}…{b:06d}"
        for a, b in _ranges(missing)[:10]
    ]
    more = "" if len(shown) == len(_ranges(missing)) else ", …"
    return f"{len(missing)} receipt number(s) of {year} never received: {', '.join(shown)}{more}"


def serial_gaps(
    conn: Connection,
    code: str,
    receipts: Iterable[dict[str, Any]],
    floors: dict[int, tuple[int, int]],
) -> list[Finding]:
    """Serials skipped by this batch's receipts, per year, above what was received before.

    ``floors`` maps a year to (restore seq, floor) from ``station.restored`` entries of
    the batch: a gap up to a floor is one the station explained, and says so.
    """
    by_year: dict[int, list[tuple[int, int]]] = {}
    for r in receipts:
        by_year.setdefault(r["year"], []).append((r["serial"], r["seq"]))
    findings = []
    for year, found in sorted(by_year.items()):
        before = conn.execute(
            select(func.max(_R.c.serial)).where(and_(_R.c.station_code == code, _R.c.year == year))
        ).scalar()
        base = int(before or 0)
        shifted = [serial - base for serial, _ in found if serial > base]
        missing = [n + base for n in find_gaps(shifted)]
        if not missing:
            continue
        first_after = min((seq for serial, seq in found if serial > missing[0]), default=None)
        detail = _describe(code, year, missing)
        if year in floors and floors[year][1] >= missing[-1]:
            detail += (
                f" (the restore at seq {floors[year][0]} says numbering continues above "
                f"{floors[year][1]:06d}: these numbers may have been issued and lost)"
            )
        findings.append(Finding(IncidentKind.RECEIPT_GAP, first_after, detail))
    return findings


@dataclass
class _DayReceipt:
    day: str
    kind: str
    amount_fen: int
    voided: bool = False


@dataclass
class DayTally:
    """The receipts of the days a batch closes, as the association holds them, entry by entry."""

    receipts: dict[str, _DayReceipt] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: Connection, code: str, days: set[str]) -> DayTally:
        tally = cls()
        if not days:
            return tally
        rows = conn.execute(
            select(
                _R.c.number, _R.c.business_day, _R.c.kind, _R.c.amount_fen, _R.c.voided_at
            ).where(and_(_R.c.station_code == code, _R.c.business_day.in_(sorted(days))))
        ).all()
        for r in rows:
            tally.receipts[r.number] = _DayReceipt(
                r.business_day, r.kind or "", r.amount_fen, r.voided_at is not None
            )
        return tally

    def add(self, number: str, day: str, kind: str, amount_fen: int) -> None:
        self.receipts.setdefault(number, _DayReceipt(day, kind, amount_fen))

    def void(self, number: str) -> None:
        if number in self.receipts:
            self.receipts[number].voided = True

    def totals(self, day: str) -> dict[str, int]:
        out = {f"{k.value}_fen": 0 for k in DonationKind} | {"donations": 0, "voids": 0}
        for r in self.receipts.values():
            if r.day != day:
                continue
            if r.voided:
                out["voids"] += 1
                continue
            out["donations"] += 1
            if f"{r.kind}_fen" in out:
                out[f"{r.kind}_fen"] += r.amount_fen
        return out


def day_close_mismatches(
    conn: Connection,
    code: str,
    entries: Sequence[LedgerEntry],
    bodies: Sequence[dict[str, Any]],
    new_numbers: set[str],
) -> list[Finding]:
    """For each ``day.closed`` of the batch: do the received donations add up to it?

    ``new_numbers`` are the receipts this batch stores (a number issued twice counts
    once: the association holds the first version).
    """
    days = {b["data"]["day"] for b in bodies if b["type"] == EntryType.DAY_CLOSED}
    if not days:
        return []
    tally = DayTally.load(conn, code, days)
    findings = []
    for entry, body in zip(entries, bodies, strict=True):
        data = body["data"]
        if body["type"] == EntryType.DONATION_RECORDED and data["receipt"] in new_numbers:
            tally.add(data["receipt"], data["business_day"], data["kind"], data["amount_fen"])
        elif body["type"] == EntryType.DONATION_VOIDED:
            tally.void(data["receipt"])
        elif body["type"] == EntryType.DAY_CLOSED:
            ours = tally.totals(data["day"])
            claimed = {**data["expected"], "voids": data["voids"]}
            differ = [
                f"{key} {claimed[key]} (received: {ours[key]})"
                for key in (
                    "cash_fen",
                    "mobile_fen",
                    "bank_fen",
                    "in_kind_fen",
                    "donations",
                    "voids",
                )
                if claimed.get(key) != ours[key]
            ]
            if differ:
                findings.append(
                    Finding(
                        IncidentKind.DAY_TOTALS_MISMATCH,
                        entry.seq,
                        f"The close of {data['day']} claims " + "; ".join(differ) + ".",
                    )
                )
    return findings


def restore_notices(
    entries: Sequence[LedgerEntry], bodies: Sequence[dict[str, Any]], forked_at: int | None
) -> list[Finding]:
    """Each ``station.restored`` of the batch, except the one that forked the chain (the
    fork raises ``ledger_forked`` of its own)."""
    findings = []
    for entry, body in zip(entries, bodies, strict=True):
        if body["type"] != EntryType.STATION_RESTORED or entry.seq == forked_at:
            continue
        data = body["data"]
        if data["previous_readable"]:
            what = f"{data['carried_entries']} later entries carried forward"
        else:
            floors = ", ".join(f"{y} above {n:06d}" for y, n in data["receipt_floor"].items())
            what = "the replaced database could not be read: records after the backup may be " + (
                f"lost; receipt numbering continues {floors}" if floors else "lost"
            )
        findings.append(
            Finding(
                IncidentKind.STATION_RESTORED,
                entry.seq,
                f"Restored by {data['by']} from {data['backup']} (backup head seq "
                f"{data['backup_head_seq']}); {what}.",
            )
        )
    return findings


def receipt_floors(
    entries: Sequence[LedgerEntry], bodies: Sequence[dict[str, Any]]
) -> dict[int, tuple[int, int]]:
    """year → (seq, floor) declared by the batch's restore entries (the last one wins)."""
    floors: dict[int, tuple[int, int]] = {}
    for entry, body in zip(entries, bodies, strict=True):
        if body["type"] == EntryType.STATION_RESTORED:
            for year, floor in body["data"]["receipt_floor"].items():
                floors[int(year)] = (entry.seq, floor)
    return floors
