"""What the rows must say, according to the ledger.

The ledger is the record; the tables are a convenient copy of it for the screens, the
day close and the exports.  Someone with the database file can drop a trigger and edit
a row, and the chain would still verify, so the rows are checked against the entries
that created and changed them.  This module turns an entry's data into the values its
rows must hold (pure: no SQL); ``services/row_check.py`` reads the rows and compares.

Fields the ledger does not carry are not compared: a donor's full phone number (the
ledger has only its masked form, so the masked forms are compared), the password hash
itself (its fingerprint is), a designation's sort order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from station_app.domain.donations import mask_phone
from station_app.domain.entry_types import EntryType
from station_app.domain.ledger import canonical_json


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A record whose row differs from its ledger entry."""

    table: str
    record: str  # a receipt number, a name, a day: what a person can look up
    field: str
    seq: int | None = None  # the ledger entry, when there is one

    def __str__(self) -> str:
        where = f" (ledger entry {self.seq})" if self.seq is not None else ""
        return f"{self.table} {self.record}: {self.field} differs from the ledger{where}"


def donation_row(data: Mapping[str, Any]) -> dict[str, Any]:
    """The donation, receipt and operator-name values of a ``donation.recorded`` entry."""
    number = str(data["receipt"])
    return {
        "uuid": data["donation"],
        "kind": data["kind"],
        "amount_fen": data["amount_fen"],
        "donor_name": data.get("donor"),
        "phone_masked": data.get("phone_masked") or None,
        "designation_code": data["designation"],
        "operator": data["operator"],
        "note": data.get("note"),
        "recorded_at": data["issued_at"],
        "business_day": data["business_day"],
        "imported": bool(data.get("imported")),
        "paper_receipt_number": data.get("paper_receipt_number"),
        "transaction_reference": data.get("transaction_reference"),
        "paid_at": data.get("paid_at"),
        "donor_is_organisation": bool(data.get("donor_organisation")),
        "number": number,
        "year": int(number[-11:-7]),
        "serial": int(number[-6:]),
        "issued_at": data["issued_at"],
        "signature": data["signature"],
    }


def stored_donation(row: Mapping[str, Any]) -> dict[str, Any]:
    """The same values read from the joined donation/receipt/operator row."""
    return {
        "uuid": row["uuid"],
        "kind": row["kind"],
        "amount_fen": row["amount_fen"],
        "donor_name": row["donor_name"],
        "phone_masked": mask_phone(row["donor_phone"]) or None,
        "designation_code": row["designation_code"],
        "operator": row["operator"],
        "note": row["note"],
        "recorded_at": row["recorded_at"],
        "business_day": row["business_day"],
        "imported": bool(row["imported"]),
        "paper_receipt_number": row["paper_receipt_number"],
        "transaction_reference": row["transaction_reference"],
        "paid_at": row["paid_at"],
        "donor_is_organisation": bool(row["donor_is_organisation"]),
        "number": row["number"],
        "year": row["year"],
        "serial": row["serial"],
        "issued_at": row["issued_at"],
        "signature": row["signature"],
    }


def item_rows(data: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (n, it["description"], it["quantity"], it["unit"], it["value_fen"])
        for n, it in enumerate(data.get("items") or [], start=1)
    ]


def day_close_row(seq: int, at: str, data: Mapping[str, Any]) -> dict[str, Any]:
    expected, counted, diff = data["expected"], data["counted"], data["differences"]
    denominations = counted.get("denominations")
    return {
        "business_day": data["day"],
        "expected_cash_fen": expected["cash_fen"],
        "counted_cash_fen": counted["cash_fen"],
        "expected_mobile_fen": expected["mobile_fen"],
        "confirmed_mobile_fen": counted["mobile_fen"],
        "expected_bank_fen": expected["bank_fen"],
        "confirmed_bank_fen": counted["bank_fen"],
        "in_kind_fen": expected["in_kind_fen"],
        # Before issue 18 a tick box; since, "every item counted agrees with the book".
        "in_kind_confirmed": bool(
            counted["in_kind_confirmed"]
            if "in_kind_confirmed" in counted
            else all(c["book_milli"] == c["counted_milli"] for c in data["goods_counted"])
        ),
        "difference_fen": diff["cash_fen"] + diff["mobile_fen"] + diff["bank_fen"],
        "reason": data.get("reason"),
        "denominations": canonical_json(denominations) if denominations is not None else None,
        "coordinator": data["coordinator"],
        "witness": data["witness"],
        "closed_at": at,
        "ledger_seq": seq,
    }


@dataclass
class OperatorFacts:
    role: str
    active: bool
    fingerprint: str | None
    created_at: str


@dataclass
class StationFacts:
    """Everything the ledger says about the station and its people, kept as it walks."""

    station: dict[str, Any] | None = None
    operators: dict[str, OperatorFacts] = field(default_factory=dict)
    designations: dict[str, tuple[str, str, bool]] = field(default_factory=dict)
    floors: dict[tuple[int, int], int] = field(default_factory=dict)  # (year, seq) → serial

    def apply(self, seq: int, type: str, at: str, data: Mapping[str, Any]) -> None:
        """Fold one entry in; entries of other types leave these facts alone."""
        if type == EntryType.STATION_CREATED:
            self.station = {
                "code": data["code"],
                "name": data["name"],
                "district": data["district"],
                "association_name": data["association_name"],
                "association_url": data["association_url"],
                "public_key": data["public_key"],
                "created_at": at,
            }
        elif type == EntryType.STATION_ASSOCIATION_URL_SET and self.station is not None:
            self.station["association_url"] = data["association_url"]
        elif type == EntryType.DESIGNATIONS_SET:
            for d in data["designations"]:
                self.designations[d["code"]] = (d["name"], d["category"], d.get("active", True))
        elif type == EntryType.OPERATOR_CREATED:
            self.operators[data["name"]] = OperatorFacts(
                data["role"], True, data.get("password_fingerprint"), at
            )
        elif type == EntryType.OPERATORS_FINGERPRINTED:
            for o in data["operators"]:
                if o["name"] in self.operators:
                    self.operators[o["name"]].fingerprint = o["password_fingerprint"]
        elif type in (EntryType.OPERATOR_ACTIVATED, EntryType.OPERATOR_DEACTIVATED):
            if data["name"] in self.operators:
                self.operators[data["name"]].active = type == EntryType.OPERATOR_ACTIVATED
        elif type == EntryType.OPERATOR_ROLE_CHANGED:
            if data["name"] in self.operators:
                self.operators[data["name"]].role = data["role"]
        elif type == EntryType.OPERATOR_PASSWORD_CHANGED:
            if data["name"] in self.operators:
                self.operators[data["name"]].fingerprint = data["password_fingerprint"]
        elif type == EntryType.STATION_RESTORED:
            for year, serial in (data.get("receipt_floor") or {}).items():
                self.floors[(int(year), seq)] = int(serial)

    def as_json(self) -> dict[str, Any]:
        """A plain snapshot, for the verified point."""
        return {
            "station": self.station,
            "operators": {
                n: [o.role, o.active, o.fingerprint, o.created_at]
                for n, o in self.operators.items()
            },
            "designations": {c: list(v) for c, v in self.designations.items()},
            "floors": [[y, s, v] for (y, s), v in self.floors.items()],
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> StationFacts:
        return cls(
            station=value["station"],
            operators={n: OperatorFacts(*v) for n, v in value["operators"].items()},
            designations={c: (v[0], v[1], bool(v[2])) for c, v in value["designations"].items()},
            floors={(int(y), int(s)): int(v) for y, s, v in value["floors"]},
        )
