"""The goods register's ledger entries, field by field (the receiver holds stations to it).

Built from the field rules of :mod:`station_app.domain.schema_rules`; the schema module adds
these to its table when it is imported (:func:`goods_data_rules` is called from there,
so importing either module first works).  :func:`check_goods_body` holds the rules that
tie fields together: a not-valued lot has no value, a distribution names its household,
a count's difference has its reason.
"""

from __future__ import annotations

from typing import Any

from station_app.domain import schema_rules as s
from station_app.domain.donations import MAX_NAME
from station_app.domain.entry_types import EntryType
from station_app.domain.goods.acceptance import MAX_MONTHS
from station_app.domain.goods.lots import MAX_LOCATION, MAX_QUANTITY_MILLI, Category, Valuation
from station_app.domain.goods.movements import (
    MAX_LINES,
    MAX_REASON,
    MAX_REFERENCE,
    MovementKind,
    WriteOffReason,
)

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def goods_data_rules() -> dict[EntryType, Any]:

    lot_id = s.text(36, pattern=_UUID)
    qty = s.integer(1, MAX_QUANTITY_MILLI)
    book = s.integer(0, MAX_QUANTITY_MILLI)
    name = s.text(MAX_NAME)
    opt = s.nullable
    lot = s.obj(
        {
            "lot": lot_id,
            "item": s.text(60),
            "category": s.one_of(*(c.value for c in Category)),
            "quantity_milli": qty,
            "unit": s.text(60),
            "value_fen": s.integer(0, s.MAX_COUNT),
            "valuation": s.one_of(*(v.value for v in Valuation)),
            "expiry": opt(s.day),
            "location": s.text(MAX_LOCATION, min_len=0),
        }
    )
    return {
        EntryType.GOODS_RECEIVED: s.obj(
            {
                "lots": s.array(lot, 50, min_len=1),
                "donation": opt(s.text(36, pattern=_UUID)),
                "receipt": opt(s.receipt_number),
                "donor": opt(name),
                "operator": name,
                "business_day": s.day,
                "override": opt(s.obj({"by": name, "reason": s.text(MAX_REASON)})),
                "confirmed_by": opt(name),
            }
        ),
        EntryType.GOODS_MOVED: s.obj(
            {
                "movement": s.text(36, pattern=_UUID),
                "kind": s.one_of(*(k.value for k in MovementKind if k is not MovementKind.COUNT)),
                "lines": s.array(
                    s.obj({"lot": lot_id, "quantity_milli": qty}), MAX_LINES, min_len=1
                ),
                "household": opt(s.obj({"masked": name, "reference": s.text(MAX_REFERENCE)})),
                "social_worker": opt(name),
                "designation": opt(s.text(40)),
                "destination": opt(s.text(100)),
                "write_off_reason": opt(s.one_of(*(r.value for r in WriteOffReason))),
                "reason": opt(s.text(MAX_REASON)),
                "operator": name,
                "business_day": s.day,
            }
        ),
        EntryType.GOODS_COUNTED: s.obj(
            {
                "stocktake": s.text(36, pattern=_UUID),
                "lines": s.array(
                    s.obj(
                        {
                            "lot": lot_id,
                            "book_milli": book,
                            "counted_milli": book,
                            "reason": opt(s.text(MAX_REASON)),
                        }
                    ),
                    10_000,
                    min_len=1,
                ),
                "by": name,
                "witness": name,
                "business_day": s.day,
            }
        ),
        EntryType.GOODS_SHEET_RETURNED: s.obj({"movement": s.text(36, pattern=_UUID), "by": name}),
        EntryType.GOODS_RULES_SET: s.obj(
            {
                "min_months_to_expiry": s.integer(0, MAX_MONTHS),
                "second_person_above_fen": s.integer(0, s.MAX_COUNT),
                "by": name,
            }
        ),
    }


def day_close_goods_rules() -> dict[str, Any]:
    """The goods fields of a ``day.closed`` entry (issue 18), optional: older closes have
    the tick box ``counted.in_kind_confirmed`` instead, and stay valid."""
    item, unit = s.text(60), s.text(60)
    qty = s.integer(0, MAX_QUANTITY_MILLI)
    kinds = s.one_of(*(k.value for k in MovementKind))
    return {
        "goods_received": s.array(
            s.obj(
                {
                    "item": item,
                    "unit": unit,
                    "quantity_milli": s.integer(1, s.MAX_COUNT),
                    "value_fen": s.integer(0, s.MAX_COUNT),
                }
            ),
            10_000,
        ),
        "goods_moved": s.array(
            s.obj(
                {
                    "kind": kinds,
                    "item": item,
                    "unit": unit,
                    "quantity_milli": s.integer(-s.MAX_COUNT, s.MAX_COUNT),
                }
            ),
            10_000,
        ),
        "goods_counted": s.array(
            s.obj(
                {
                    "item": item,
                    "unit": unit,
                    "book_milli": qty,
                    "counted_milli": qty,
                    "reason": s.nullable(s.text(MAX_REASON)),
                }
            ),
            10_000,
        ),
        "goods_stocktake": s.nullable(s.text(36, pattern=_UUID)),
    }


_CLOSE_GOODS = ("goods_received", "goods_moved", "goods_counted", "goods_stocktake")


def check_day_close_goods(data: dict[str, Any]) -> None:
    """A close has either the old tick box or the goods comparison, whole; and the
    comparison's own rules: quantities out are positive (a count's change is not zero),
    each item once, a difference has its reason and its stock-take entry."""
    ticked = "in_kind_confirmed" in data["counted"], "in_kind_unconfirmed" in data["differences"]
    present = [key in data for key in _CLOSE_GOODS]
    if any(present) and not all(present):
        missing = next(k for k, p in zip(_CLOSE_GOODS, present, strict=True) if not p)
        raise _refused("data", f"lacks {missing}")
    if all(present) == any(ticked) or ticked[0] != ticked[1]:
        raise _refused("data.counted", "has either in_kind_confirmed or the goods count")
    if not all(present):
        return
    seen: set[tuple[str, ...]] = set()
    for i, line in enumerate(data["goods_received"]):
        key = ("in", line["item"], line["unit"])
        if key in seen:
            raise _refused(f"data.goods_received[{i}]", "an item appears twice")
        seen.add(key)
    for i, line in enumerate(data["goods_moved"]):
        key = (line["kind"], line["item"], line["unit"])
        count = line["kind"] == MovementKind.COUNT
        if key in seen or (line["quantity_milli"] == 0 if count else line["quantity_milli"] < 1):
            raise _refused(f"data.goods_moved[{i}]", "is twice, or its quantity does not fit")
        seen.add(key)
    differs = False
    for i, line in enumerate(data["goods_counted"]):
        key = ("counted", line["item"], line["unit"])
        same = line["book_milli"] == line["counted_milli"]
        if key in seen or same != (line["reason"] is None):
            raise _refused(f"data.goods_counted[{i}]", "a difference, and only one, has a reason")
        seen.add(key)
        differs = differs or not same
    if differs != (data["goods_stocktake"] is not None):
        raise _refused("data.goods_stocktake", "a counted difference has its stock-take")


def _refused(where: str, reason: str) -> Exception:
    return s.EntryRejected(where, reason)


#: Which of a movement's optional fields each kind must have (and the others must not).
_NEEDS = {
    MovementKind.DISTRIBUTION: {"household", "social_worker"},
    MovementKind.DESIGNATION: {"designation"},
    MovementKind.TRANSFER: {"destination"},
    MovementKind.WRITE_OFF: {"write_off_reason", "reason"},
}
_KIND_FIELDS = ("household", "social_worker", "designation", "destination", "write_off_reason")


def check_goods_body(kind: EntryType, data: dict[str, Any]) -> None:
    """Cross-field rules of the goods entries (each field already passed its own rule)."""
    if kind is EntryType.GOODS_RECEIVED:
        for i, lot in enumerate(data["lots"]):
            if (lot["valuation"] == Valuation.NOT_VALUED) != (lot["value_fen"] == 0):
                raise _refused(f"data.lots[{i}]", "a lot is valued exactly when it has a value")
            if lot["category"] != Category.OTHER and lot["expiry"] is None:
                raise _refused(f"data.lots[{i}].expiry", "food and medicine have an expiry")
        if len({lot["lot"] for lot in data["lots"]}) != len(data["lots"]):
            raise _refused("data.lots", "a lot appears twice")
        if (data["donation"] is None) != (data["receipt"] is None):
            raise _refused("data.receipt", "a donation and its receipt go together")
    elif kind is EntryType.GOODS_MOVED:
        needs = _NEEDS[MovementKind(data["kind"])]
        for key in _KIND_FIELDS:
            if (data[key] is not None) != (key in needs):
                raise _refused(f"data.{key}", f"does not fit a {data['kind']} movement")
        if "reason" in needs and data["reason"] is None:
            raise _refused("data.reason", "a write-off has a reason")
        if len({line["lot"] for line in data["lines"]}) != len(data["lines"]):
            raise _refused("data.lines", "a lot appears twice")
    elif kind is EntryType.GOODS_COUNTED:
        for i, line in enumerate(data["lines"]):
            if line["book_milli"] != line["counted_milli"] and line["reason"] is None:
                raise _refused(f"data.lines[{i}].reason", "a difference needs its reason")
        if len({line["lot"] for line in data["lines"]}) != len(data["lines"]):
            raise _refused("data.lines", "a lot appears twice")
        if data["by"] == data["witness"]:
            raise _refused("data.witness", "two different people count")
