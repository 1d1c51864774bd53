"""The goods register's rows against their ledger entries, for the full check
(``station-app ledger verify`` and the daily background check).

Every lot, movement and line is rebuilt from the ``goods.*`` entries and compared field
by field with what the tables hold, including each lot's stock; a row without its entry
or an entry without its row is a mismatch too.  The household's name is kept at the
station only, so a movement's name is checked against the masked one in its entry.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, text

from station_app.domain.donations import mask_name
from station_app.domain.entry_types import EntryType
from station_app.domain.row_facts import Mismatch

_LOT_FIELDS = ("item", "category", "unit", "quantity_milli", "value_fen", "valuation",
               "expiry", "location")  # fmt: skip
_MOVE_FIELDS = {
    "kind": "kind",
    "social_worker": "social_worker",
    "designation_code": "designation",
    "destination": "destination",
    "write_off_reason": "write_off_reason",
    "reason": "reason",
}


def _expected(conn: Connection) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    lots: dict[str, dict[str, Any]] = {}
    moves: dict[str, dict[str, Any]] = {}
    rows = conn.execute(
        text("SELECT seq, type, payload FROM ledger_entry WHERE type LIKE 'goods.%' ORDER BY seq")
    )
    for seq, type_, payload in rows:
        body = json.loads(payload)
        data, at = body["data"], body["at"]
        if type_ == EntryType.GOODS_RECEIVED:
            for lot in data["lots"]:
                lots[lot["lot"]] = {
                    **{k: lot[k] for k in _LOT_FIELDS},
                    "business_day": data["business_day"],
                    "received_at": at,
                    "ledger_seq": seq,
                    "on_hand_milli": lot["quantity_milli"],
                }
        elif type_ in (EntryType.GOODS_MOVED, EntryType.GOODS_COUNTED):
            counted = type_ == EntryType.GOODS_COUNTED
            lines = {
                line["lot"]: line["counted_milli"] - line["book_milli"]
                if counted
                else -line["quantity_milli"]
                for line in data["lines"]
            }
            for lot, delta in lines.items():
                if lot in lots:
                    lots[lot]["on_hand_milli"] += delta
            household = data.get("household") or {}
            moves[data["stocktake" if counted else "movement"]] = {
                **{col: data.get(key) for col, key in _MOVE_FIELDS.items()},
                "kind": "count" if counted else data["kind"],
                "masked": household.get("masked"),
                "household_reference": household.get("reference"),
                "at": at,
                "business_day": data["business_day"],
                "ledger_seq": seq,
                "sheet_returned_at": None,
                "lines": lines,
            }
        elif type_ == EntryType.GOODS_SHEET_RETURNED and data["movement"] in moves:
            moves[data["movement"]]["sheet_returned_at"] = at
    return lots, moves


def goods_mismatches(conn: Connection, limit: int = 100) -> list[Mismatch]:
    """What differs (at most ``limit``); damaged data is a mismatch, never a traceback."""
    try:
        return _compare(conn, limit)
    except (TypeError, ValueError, KeyError, AttributeError):
        return [Mismatch("goods_lot", "goods", "unreadable data", None)]


def _compare(conn: Connection, limit: int) -> list[Mismatch]:
    lots, moves = _expected(conn)
    found: list[Mismatch] = []

    def miss(table: str, record: str, what: str, seq: int | None) -> None:
        if len(found) < limit:
            found.append(Mismatch(table, record, what, seq))

    ids: dict[int, str] = {}
    for row in conn.execute(text("SELECT * FROM goods_lot ORDER BY id")).mappings():
        ids[row["id"]] = row["uuid"]
        want = lots.pop(row["uuid"], None)
        if want is None:
            miss("goods_lot", row["uuid"], "no ledger entry", None)
            continue
        for key, value in want.items():
            if row[key] != value:
                miss("goods_lot", row["uuid"], key, want["ledger_seq"])
    for lot, want in lots.items():
        miss("goods_lot", lot, "missing", want["ledger_seq"])
    lines: dict[int, dict[str, int]] = {}
    for movement_id, lot_id, delta_milli in conn.execute(
        text("SELECT movement_id, lot_id, delta_milli FROM goods_movement_line")
    ):
        lines.setdefault(movement_id, {})[ids.get(lot_id, "?")] = delta_milli
    for row in conn.execute(text("SELECT * FROM goods_movement ORDER BY id")).mappings():
        want = moves.pop(row["uuid"], None)
        if want is None:
            miss("goods_movement", row["uuid"], "no ledger entry", None)
            continue
        seq = want["ledger_seq"]
        for key in (*_MOVE_FIELDS, "household_reference", "at", "business_day", "ledger_seq",
                    "sheet_returned_at"):  # fmt: skip
            if row[key] != want[key]:
                miss("goods_movement", row["uuid"], key, seq)
        name = row["household_name"]
        if (name is None) != (want["masked"] is None) or (
            name is not None and name != want["masked"] and mask_name(name) != want["masked"]
        ):
            miss("goods_movement", row["uuid"], "household_name", seq)
        if lines.get(row["id"], {}) != want["lines"]:
            miss("goods_movement_line", row["uuid"], "lines", seq)
    for movement, want in moves.items():
        miss("goods_movement", movement, "missing", want["ledger_seq"])
    return found
