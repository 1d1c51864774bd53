"""A day close's goods, checked against the goods entries the association received.

Since issue 18 a ``day.closed`` entry says what came in and went out that day per item
and what the two people counted against the book.  As with the money totals
(``completeness.day_close_mismatches``), a close that does not add up is not refused
(the station would be stuck, and the association would learn less) but raises a
``day_goods_mismatch`` incident in the batch's transaction.  Compared:

* received per item, and moved per kind and item, on the closed business day (the
  close's own stock-take left out: it is the count's result);
* the items counted: exactly the items that moved that day;
* each item's book before the count: the sum of its lots as the receiver books them;
  and counted minus book equals the close's stock-take for that item.

Reads the database as it was before the batch and walks the batch's entries in order,
like the other completeness checks.  Old closes (the tick box) carry no goods: skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, func, select

from association_server.goods_tables import (
    GoodsLineRow,
    GoodsLotRow,
    GoodsMovementRow,
    lines_with_movement_and_lot,
)
from association_server.incident_kinds import IncidentKind
from association_server.incidents import Finding
from station_app.domain.entry_types import EntryType
from station_app.domain.ledger import LedgerEntry

_LOT, _MOV, _LINE = GoodsLotRow.__table__, GoodsMovementRow.__table__, GoodsLineRow.__table__
Key = tuple[str, str]  # (item, unit)
_SLICE = 500


@dataclass
class _Register:
    """What the receiver knows of the days' goods, as of the entry being walked."""

    lots: dict[str, Key] = field(default_factory=dict)  # lot → (item, unit)
    on_hand: dict[str, int] = field(default_factory=dict)
    received: dict[tuple[str, Key], list[int]] = field(default_factory=dict)  # (day, key)
    # (day, movement) → kind and per item change (signed; out is negative)
    moves: dict[tuple[str, str], tuple[str, dict[Key, int]]] = field(default_factory=dict)

    def book(self, key: Key) -> int:
        return sum(q for lot, q in self.on_hand.items() if self.lots.get(lot) == key)

    def move(self, day: str, movement: str, kind: str, lot: str, delta: int) -> None:
        if lot in self.on_hand:
            self.on_hand[lot] += delta
        key = self.lots.get(lot)
        if key is None:
            return
        _, per_item = self.moves.setdefault((day, movement), (kind, {}))
        per_item[key] = per_item.get(key, 0) + delta


def _load(
    conn: Connection, code: str, days: set[str], keys: set[Key], batch_lots: set[str]
) -> _Register:
    reg = _Register()
    names = sorted({item for item, _ in keys})
    columns = (_LOT.c.lot, _LOT.c.item, _LOT.c.unit, _LOT.c.on_hand_milli)
    # In slices: a batch may name more lots than a database takes parameters at once.
    wanted = [_LOT.c.item.in_(names[i : i + _SLICE]) for i in range(0, len(names), _SLICE)]
    ids = sorted(batch_lots)
    wanted += [_LOT.c.lot.in_(ids[i : i + _SLICE]) for i in range(0, len(ids), _SLICE)]
    for where in wanted:
        for lot in conn.execute(select(*columns).where(and_(_LOT.c.station_code == code, where))):
            reg.lots[lot.lot] = (lot.item, lot.unit)
            reg.on_hand[lot.lot] = int(lot.on_hand_milli)
    for r in conn.execute(
        select(
            _LOT.c.business_day,
            _LOT.c.item,
            _LOT.c.unit,
            func.sum(_LOT.c.quantity_milli),
            func.sum(_LOT.c.value_fen),
        )
        .where(and_(_LOT.c.station_code == code, _LOT.c.business_day.in_(sorted(days))))
        .group_by(_LOT.c.business_day, _LOT.c.item, _LOT.c.unit)
    ):
        reg.received[(r[0], (r[1], r[2]))] = [int(r[3]), int(r[4])]
    moved = conn.execute(
        select(
            _MOV.c.business_day,
            _MOV.c.movement,
            _MOV.c.kind,
            _LOT.c.item,
            _LOT.c.unit,
            func.sum(_LINE.c.delta_milli),
        )
        .select_from(lines_with_movement_and_lot())
        .where(and_(_LINE.c.station_code == code, _MOV.c.business_day.in_(sorted(days))))
        .group_by(_MOV.c.business_day, _MOV.c.movement, _MOV.c.kind, _LOT.c.item, _LOT.c.unit)
    ).all()
    for day, movement, kind, item, unit, delta in moved:
        _, per_item = reg.moves.setdefault((day, movement), (kind, {}))
        per_item[(item, unit)] = int(delta)
    return reg


#: The goods entries that change what is on the shelf (a returned sheet or the goods
#: rules change nothing there, and carry no business day).
_STOCK_ENTRIES = frozenset(
    {EntryType.GOODS_RECEIVED, EntryType.GOODS_MOVED, EntryType.GOODS_COUNTED}
)


def _walk(reg: _Register, body: dict[str, Any]) -> None:
    """Fold one goods entry of the batch into the register."""
    data, kind = body["data"], body["type"]
    day = data["business_day"]
    if kind == EntryType.GOODS_RECEIVED:
        for lot in data["lots"]:
            key = (lot["item"], lot["unit"])
            reg.lots[lot["lot"]] = key
            reg.on_hand[lot["lot"]] = lot["quantity_milli"]
            tally = reg.received.setdefault((day, key), [0, 0])
            tally[0] += lot["quantity_milli"]
            tally[1] += lot["value_fen"]
    elif kind == EntryType.GOODS_MOVED:
        for line in data["lines"]:
            reg.move(day, data["movement"], data["kind"], line["lot"], -line["quantity_milli"])
    elif kind == EntryType.GOODS_COUNTED:
        for line in data["lines"]:
            delta = line["counted_milli"] - line["book_milli"]
            reg.move(day, data["stocktake"], "count", line["lot"], delta)


def _compare(reg: _Register, data: dict[str, Any]) -> list[str]:
    day, stocktake = data["day"], data["goods_stocktake"]
    differ: list[str] = []
    ours_in = {key: tuple(v) for (d, key), v in reg.received.items() if d == day}
    claimed_in = {(g["item"], g["unit"]): (g["quantity_milli"], g["value_fen"]) for g in data[
        "goods_received"
    ]}  # fmt: skip
    for key in sorted(set(ours_in) | set(claimed_in)):
        if ours_in.get(key) != claimed_in.get(key):
            differ.append(
                f"received {key[0]}/{key[1]} {claimed_in.get(key)} (ours {ours_in.get(key)})"
            )
    ours_out: dict[tuple[str, str, str], int] = defaultdict(int)
    count_change: dict[Key, int] = {}
    for (d, movement), (kind, per_item) in reg.moves.items():
        if d != day:
            continue
        if movement == stocktake:
            count_change = per_item
            continue
        for (item, unit), delta in per_item.items():
            ours_out[(kind, item, unit)] += delta if kind == "count" else -delta
    ours_moved = {k: v for k, v in ours_out.items() if v}
    claimed_moved = {(g["kind"], g["item"], g["unit"]): g["quantity_milli"] for g in data[
        "goods_moved"
    ]}  # fmt: skip
    for mkey in sorted(set(ours_moved) | set(claimed_moved)):
        if ours_moved.get(mkey) != claimed_moved.get(mkey):
            differ.append(
                f"{mkey[0]} {mkey[1]}/{mkey[2]} {claimed_moved.get(mkey)} "
                f"(ours {ours_moved.get(mkey)})"
            )
    counted = {(g["item"], g["unit"]): g for g in data["goods_counted"]}
    moved_items = set(ours_in) | {(i, u) for _, i, u in ours_moved}
    for key in sorted(moved_items ^ set(counted)):
        differ.append(
            f"{key[0]}/{key[1]} {'not counted' if key not in counted else 'did not move'}"
        )
    for key, g in counted.items():
        change = count_change.get(key, 0)
        book = reg.book(key) - change  # the count precedes the close
        if g["book_milli"] != book or g["counted_milli"] - g["book_milli"] != change:
            differ.append(
                f"count {key[0]}/{key[1]} book {g['book_milli']} counted {g['counted_milli']} "
                f"(ours: book {book}, stock-take change {change})"
            )
    for key in sorted(set(count_change) - set(counted)):
        differ.append(f"stock-take changes {key[0]}/{key[1]}, which was not counted")
    return differ


def day_goods_mismatches(
    conn: Connection, code: str, entries: Sequence[LedgerEntry], bodies: Sequence[dict[str, Any]]
) -> list[Finding]:
    closes = [
        b["data"]
        for b in bodies
        if b["type"] == EntryType.DAY_CLOSED and "goods_counted" in b["data"]
    ]
    if not closes:
        return []
    days = {c["day"] for c in closes}
    keys = {(g["item"], g["unit"]) for c in closes for g in c["goods_counted"]}
    keys |= {(g["item"], g["unit"]) for c in closes for g in c["goods_moved"]}
    batch_lots = {  # lots the batch moves on the closed days (their items are needed)
        line["lot"]
        for b in bodies
        if b["type"] in (EntryType.GOODS_MOVED, EntryType.GOODS_COUNTED)
        and b["data"]["business_day"] in days
        for line in b["data"]["lines"]
    }
    reg = _load(conn, code, days, keys, batch_lots)
    findings = []
    for entry, body in zip(entries, bodies, strict=True):
        if body["type"] in _STOCK_ENTRIES:
            _walk(reg, body)
        elif body["type"] == EntryType.DAY_CLOSED and "goods_counted" in body["data"]:
            differ = _compare(reg, body["data"])
            if differ:
                shown = "; ".join(differ[:10]) + ("; …" if len(differ) > 10 else "")
                findings.append(
                    Finding(
                        IncidentKind.DAY_GOODS_MISMATCH,
                        entry.seq,
                        f"The close of {body['data']['day']} says of its goods: {shown}.",
                    )
                )
    return findings
