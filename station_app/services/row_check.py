"""Checking the station's rows against its ledger, fully or from the last verified point.

A hash chain proves the ledger was not changed, but the screens, the day close and the
exports read the *rows*.  So this walks the ledger once and compares every row an entry
created or changed (donations, items, receipts, prints, voids, day closes, accounts,
the station, designations, number floors) with what the entry says, checks each
receipt's signature, and checks that every append-only trigger is still in place.

The full check reads everything; it runs on demand (``station-app ledger verify``),
after a restore, and once a day in the background.  Start-up runs :func:`check_rows`
with the last :class:`VerifiedPoint`: only entries and rows added since are compared,
the station's slowly changing facts (accounts, designations) are carried in the point
itself, and the point is MAC'd with a key derived from the signing key so it cannot be
moved forward by hand to skip rows.  Mutations of old rows (a void of last month's
receipt) are guarded by the ledger-gated triggers and caught by the daily full check.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, text

from station_app.domain import signing
from station_app.domain.entry_types import EntryType
from station_app.domain.ledger import GENESIS_HASH, ChainBreak, check_entry
from station_app.domain.row_facts import (
    Mismatch,
    StationFacts,
    day_close_row,
    donation_row,
    item_rows,
    stored_donation,
)
from station_app.services.ledger_writer import iter_entries
from station_app.services.verified_point import VerifiedPoint
from station_app.storage.append_only import missing_or_altered_triggers

_TABLES = ("donation", "donation_item", "day_close")


@dataclass
class RowCheckReport:
    entries: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    broken: ChainBreak | None = None
    mismatches: list[Mismatch] = field(default_factory=list)
    missing_triggers: list[str] = field(default_factory=list)
    watermarks: dict[str, int] = field(default_factory=dict)
    facts: StationFacts = field(default_factory=StationFacts)
    full: bool = True

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.mismatches and not self.missing_triggers

    def problems(self) -> list[tuple[str, str]]:
        """Every thing wrong, as sentences (zh, en): the chain, the triggers, the rows."""
        found: list[tuple[str, str]] = []
        if self.broken is not None:
            found.append(
                (
                    f"账本在第 {self.broken.seq} 条处断开:{self.broken.reason}",
                    f"The ledger is broken at entry {self.broken.seq}: {self.broken.reason}",
                )
            )
        if self.missing_triggers:
            names = ", ".join(self.missing_triggers[:3])
            found.append(
                (
                    f"数据库的防篡改保护被移除或改动({names}),记录可能被改过",
                    f"The database's append-only protection was removed or changed ({names}); "
                    "records may have been edited.",
                )
            )
        for m in self.mismatches:
            found.append(
                (
                    f"记录与账本不符:{m.table} {m.record} 的 {m.field} 与账本不同"
                    + (f"(账本第 {m.seq} 条)" if m.seq is not None else ""),
                    f"A record differs from the ledger: {m}",
                )
            )
        return found

    def first_problem(self) -> tuple[str, str]:
        """One sentence (zh, en) naming the first thing wrong, for refusals and logs."""
        found = self.problems()
        return found[0] if found else ("", "")


# -- reading rows in creation order ------------------------------------------------------

_DONATIONS = text(
    "SELECT d.id, d.uuid, d.kind, d.amount_fen, d.donor_name, d.donor_phone, "
    "d.designation_code, d.note, d.recorded_at, d.business_day, d.imported, "
    "d.paper_receipt_number, d.transaction_reference, d.paid_at, d.donor_is_organisation, "
    "r.number, r.year, r.serial, r.issued_at, r.signature, "
    "o.name AS operator "
    "FROM donation d LEFT JOIN receipt r ON r.donation_id = d.id "
    "LEFT JOIN operator o ON o.id = d.operator_id WHERE d.id > :after ORDER BY d.id"
)
_ITEMS = text(
    "SELECT id, donation_id, line_no, description, quantity, unit, value_fen "
    "FROM donation_item WHERE id > :after ORDER BY id"
)
_CLOSES = text(
    "SELECT c.*, co.name AS coordinator, w.name AS witness, ro.name AS reopened_by "
    "FROM day_close c LEFT JOIN operator co ON co.id = c.coordinator_id "
    "LEFT JOIN operator w ON w.id = c.witness_id "
    "LEFT JOIN operator ro ON ro.id = c.reopened_by_id WHERE c.id > :after ORDER BY c.id"
)
_RECEIPT_STATE = text(
    "SELECT r.number, r.print_count, r.voided_at, r.void_reason, o.name AS voided_by, "
    "d.status FROM receipt r JOIN donation d ON d.id = r.donation_id "
    "LEFT JOIN operator o ON o.id = r.voided_by_id"
)


def _rows(conn: Connection, query: Any, after: int) -> Iterator[Mapping[str, Any]]:
    for row in conn.execute(query, {"after": after}):
        # A text() query's keys are its column names, always strings.
        yield cast(Mapping[str, Any], row._mapping)


class _Walk:
    """One pass over the ledger from a point, comparing rows as their entries go by."""

    def __init__(
        self,
        conn: Connection,
        *,
        station_code: str | None,
        public_key: bytes | None,
        point: VerifiedPoint | None,
    ) -> None:
        self.conn = conn
        self.code = station_code
        self.public_key = public_key
        self.point = point
        marks = point.watermarks if point else {}
        self.report = RowCheckReport(
            watermarks={t: int(marks.get(t, 0)) for t in _TABLES},
            facts=StationFacts.from_json(point.facts) if point else StationFacts(),
            full=point is None,
        )
        self.donations = _rows(conn, _DONATIONS, self.report.watermarks["donation"])
        self.items = _rows(conn, _ITEMS, self.report.watermarks["donation_item"])
        self.closes = _rows(conn, _CLOSES, self.report.watermarks["day_close"])
        self.next_item: Mapping[str, Any] | None = next(self.items, None)
        self.prints: dict[str, int] = {}
        self.voids: dict[str, tuple[str, str, str]] = {}
        self.reopens: dict[int, tuple[str, str, str]] = {}

    def miss(self, table: str, record: str, what: str, seq: int | None) -> None:
        if len(self.report.mismatches) < 100:
            self.report.mismatches.append(Mismatch(table, record, what, seq))

    # -- one entry -------------------------------------------------------------------

    def entry(self, seq: int, type: str, at: str, data: Mapping[str, Any]) -> None:
        if type == EntryType.DONATION_RECORDED:
            self._donation(seq, data)
        elif type == EntryType.RECEIPT_PRINTED:
            self.prints[data["receipt"]] = int(data["print_number"])
        elif type == EntryType.DONATION_VOIDED:
            self.voids[data["receipt"]] = (at, data["reason"], data["operator"])
        elif type == EntryType.DAY_CLOSED:
            self._close(seq, at, data)
        elif type == EntryType.DAY_REOPENED:
            self.reopens[int(data["closed_entry_seq"])] = (at, data["coordinator"], data["reason"])
        else:
            self.report.facts.apply(seq, type, at, data)

    def _donation(self, seq: int, data: Mapping[str, Any]) -> None:
        want = donation_row(data)
        row = next(self.donations, None)
        if row is None:
            self.miss("donation", want["number"], "row missing", seq)
            return
        self.report.watermarks["donation"] = int(row["id"])
        have = stored_donation(row)
        for key, value in want.items():
            if have[key] != value:
                self.miss("donation", want["number"], key, seq)
                break
        items: list[tuple[Any, ...]] = []
        while self.next_item is not None and self.next_item["donation_id"] == row["id"]:
            it = self.next_item
            items.append((it["line_no"], it["description"], it["quantity"], it["unit"],
                          it["value_fen"]))  # fmt: skip
            self.report.watermarks["donation_item"] = int(it["id"])
            self.next_item = next(self.items, None)
        if items != item_rows(data):
            self.miss("donation_item", want["number"], "items", seq)
        if self.public_key is not None and self.code is not None:
            ok = signing.verify_receipt(
                self.public_key,
                want["signature"],
                want["number"],
                want["amount_fen"],
                want["issued_at"],
                self.code,
            )
            if not ok:
                self.miss("receipt", want["number"], "signature", seq)

    def _close(self, seq: int, at: str, data: Mapping[str, Any]) -> None:
        want = day_close_row(seq, at, data)
        row = next(self.closes, None)
        if row is None:
            self.miss("day_close", want["business_day"], "row missing", seq)
            return
        self.report.watermarks["day_close"] = int(row["id"])
        for key, value in want.items():
            have = bool(row[key]) if key == "in_kind_confirmed" else row[key]
            if have != value:
                self.miss("day_close", want["business_day"], key, seq)
                break

    # -- after the last entry --------------------------------------------------------

    def finish(self) -> None:
        for row in self.donations:
            self.miss("donation", str(row["number"] or row["uuid"]), "no ledger entry", None)
        if self.next_item is not None:
            self.miss("donation_item", str(self.next_item["donation_id"]), "no ledger entry", None)
        for row in self.closes:
            self.miss("day_close", str(row["business_day"]), "no ledger entry", None)
        self._receipt_states()
        self._reopens()
        self._accounts_and_station()

    def _receipt_states(self) -> None:
        if self.report.full:
            rows = self.conn.execute(_RECEIPT_STATE)
        else:
            numbers = sorted(set(self.prints) | set(self.voids))
            if not numbers:
                return
            rows = self.conn.execute(
                text(_RECEIPT_STATE.text + " WHERE r.number IN (SELECT value FROM json_each(:n))"),
                {"n": json.dumps(numbers)},
            )
        for row in rows:
            number = row.number
            printed = self.prints.get(number)
            short = printed is not None and row.print_count < printed
            if short or (self.report.full and row.print_count != (printed or 0)):
                self.miss("receipt", number, "print_count", None)
            void = self.voids.get(number)
            if void is None:
                if self.report.full and (row.voided_at is not None or row.status != "recorded"):
                    self.miss("receipt", number, "voided", None)
                continue
            if (row.voided_at, row.void_reason, row.voided_by) != void or row.status != "voided":
                self.miss("receipt", number, "void", None)

    def _reopens(self) -> None:
        if self.report.full:
            rows = self.conn.execute(_CLOSES, {"after": 0})
        elif self.reopens:
            rows = self.conn.execute(
                text(
                    _CLOSES.text.replace(" ORDER BY c.id", "")
                    + " AND c.ledger_seq IN (SELECT value FROM json_each(:s))"
                ),
                {"after": 0, "s": json.dumps(sorted(self.reopens))},
            )
        else:
            return
        for row in rows:
            want = self.reopens.get(row.ledger_seq)
            have = (
                (row.reopened_at, row.reopened_by, row.reopen_reason)
                if row.reopened_at is not None
                else None
            )
            if (self.report.full or want is not None) and have != want:
                self.miss("day_close", row.business_day, "reopened", row.ledger_seq)

    def _accounts_and_station(self) -> None:
        facts = self.report.facts
        accounts = {
            r.name: r
            for r in self.conn.execute(
                text("SELECT name, role, active, password_hash, created_at FROM operator")
            )
        }
        for name in sorted(set(accounts) | set(facts.operators)):
            row, want = accounts.get(name), facts.operators.get(name)
            if row is None or want is None:
                self.miss("operator", name, "no ledger entry" if want is None else "row missing",
                          None)  # fmt: skip
                continue
            fp = hashlib.sha256(row.password_hash.encode("utf-8")).hexdigest()
            checks = (
                ("role", row.role == want.role),
                ("active", bool(row.active) == want.active),
                ("password", want.fingerprint is None or fp == want.fingerprint),
                ("created_at", row.created_at == want.created_at),
            )
            for what, ok in checks:
                if not ok:
                    self.miss("operator", name, what, None)
                    break
        station = self.conn.execute(
            text(
                "SELECT code, name, district, association_name, association_url, public_key, "
                "created_at FROM station"
            )
        ).first()
        if (dict(station._mapping) if station else None) != facts.station:
            self.miss("station", self.code or "?", "station", None)
        designations = {
            r.code: (r.name, r.category, bool(r.active))
            for r in self.conn.execute(text("SELECT code, name, category, active FROM designation"))
        }
        if designations != facts.designations:
            changed = sorted(set(designations.items()) ^ set(facts.designations.items()))
            self.miss("designation", changed[0][0] if changed else "?", "designation", None)
        floor_rows = self.conn.execute(
            text("SELECT year, ledger_seq, serial FROM receipt_number_floor")
        )
        floors = {(r.year, r.ledger_seq): r.serial for r in floor_rows}
        if floors != facts.floors:
            self.miss("receipt_number_floor", "?", "floor", None)


def check_rows(
    conn: Connection,
    *,
    station_code: str | None,
    public_key: bytes | None = None,
    point: VerifiedPoint | None = None,
) -> RowCheckReport:
    """Walk the ledger (from ``point``, or from the start) and compare the rows.

    ``public_key`` (the station's, from its row) turns on the receipt signature check.
    """
    walk = _Walk(conn, station_code=station_code, public_key=public_key, point=point)
    report = walk.report
    report.missing_triggers = missing_or_altered_triggers(conn)
    expected_seq = (point.seq if point else 0) + 1
    expected_prev = point.hash if point else GENESIS_HASH
    for entry in iter_entries(conn, after_seq=expected_seq - 1):
        try:
            body = json.loads(entry.payload)
        except (ValueError, TypeError):  # TypeError: a damaged file's NULL payload
            body = None
        reason = check_entry(
            entry,
            expected_seq=expected_seq,
            expected_prev=expected_prev,
            station=station_code,
            body=body,
        )
        if reason is not None:
            report.broken = ChainBreak(entry.seq, reason)
            return report
        try:
            walk.entry(entry.seq, entry.type, body["at"], body["data"])
        except (KeyError, TypeError, ValueError):
            walk.miss("ledger_entry", str(entry.seq), "unreadable data", entry.seq)
        report.entries += 1
        report.head_seq, report.head_hash = entry.seq, entry.hash
        expected_seq, expected_prev = entry.seq + 1, entry.hash
    if point is not None and report.entries == 0:
        report.head_seq, report.head_hash = point.seq, point.hash
    walk.finish()
    if point is None:  # the full check: the goods register too (issue 18)
        from station_app.services.goods_row_check import goods_mismatches

        report.mismatches += goods_mismatches(conn)
    return report
