"""The exact shape of every ledger entry, field by field, for the station and the receiver.

The receiver trusts no station: before it spends any work on signatures or the hash
chain it parses each entry's payload with :func:`parse_payload` and holds it to
:func:`check_entry_body`.  Anything a station would never write is refused there: an
unknown type or key, a receipt number that is not exactly this station's
``{code}-{YYYY}-{NNNNNN}``, an amount outside 1…the ceiling, a time that is not
``YYYY-MM-DDTHH:MM:SSZ``, text longer than its column, a float, NaN or a 5,000-digit
number, JSON nested deeper than the protocol needs.  The station's tests run every entry
it writes through the same checks, so the two ends cannot drift apart.

Pure: no I/O.  The rules are built from :mod:`station_app.domain.schema_rules`; the goods
register's entry types add theirs from :mod:`station_app.domain.goods.entry_rules`.  Keys
marked optional are absent from entries written by older versions of the station, which
the receiver must still accept.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from station_app.domain.donations import (
    MAX_ITEM_TEXT,
    MAX_ITEMS,
    MAX_NAME,
    MAX_NOTE,
    DonationKind,
)
from station_app.domain.entry_types import EntryType
from station_app.domain.goods.entry_rules import (
    check_day_close_goods,
    check_goods_body,
    day_close_goods_rules,
    goods_data_rules,
)
from station_app.domain.money import DEFAULT_CEILING_FEN
from station_app.domain.receipt_numbers import MAX_SERIAL
from station_app.domain.roles import Role
from station_app.domain.schema_rules import (
    MAX_BACKUP_NAME,
    MAX_COUNT,
    MAX_DEPTH,
    MAX_REASON,
    MAX_URL,
    Context,
    EntryRejected,
    Rule,
    amount,
    array,
    boolean,
    day,
    integer,
    mapping,
    nullable,
    obj,
    one_of,
    parse_payload,
    parse_station_receipt,
    receipt_number,
    text,
    utc_time,
)
from station_app.domain.transaction_reference import MAX_REFERENCE

__all__ = [
    "MAX_DEPTH",
    "EntryRejected",
    "check_entry_body",
    "parse_payload",
    "parse_station_receipt",
]

# -- the entry types -----------------------------------------------------------------------

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_HEX64 = r"[0-9a-f]{64}"
_SIGNATURE = r"[A-Za-z0-9_-]{86}"  # Ed25519, base64url without padding
_PUBLIC_KEY = r"[A-Za-z0-9+/]{43}="  # 32 bytes, standard base64
_QUANTITY = r"\d{1,7}(\.\d{1,3})?"

name = text(MAX_NAME)
_by = nullable(name)
_role = one_of(*(r.value for r in Role))
_fingerprint = text(64, min_len=64, pattern=_HEX64)
_reason = nullable(text(MAX_REASON))
_SIGNED_FEN = integer(-MAX_COUNT, MAX_COUNT)
_FEN = integer(0)
_COUNT = integer(0)

_DESIGNATION = obj(
    {"code": text(40), "name": text(100), "category": one_of("fund", "project", "undesignated")},
    {"active": boolean},
)
_ITEM = obj(
    {
        "description": text(MAX_ITEM_TEXT),
        "quantity": text(12, pattern=_QUANTITY),
        "unit": text(MAX_ITEM_TEXT),
        "value_fen": amount,
    }
)
_REFERENCE = r"[A-Z0-9][A-Z0-9_\-/.]*"
_UNMATCHED_LINE = obj(
    {
        "side": one_of("statement"),
        "amount_fen": amount,
        "at": nullable(utc_time),
        "reference": nullable(text(MAX_REFERENCE)),
        "explanation": text(MAX_REASON),
    }
)
_UNMATCHED_RECORD = obj(
    {
        "side": one_of("records"),
        "amount_fen": amount,
        "receipt": receipt_number,
        "explanation": text(MAX_REASON),
    }
)


def _unmatched(value: Any, where: str, ctx: Context) -> None:
    """One unexplained item of a reconciliation: a statement line or a recorded donation."""
    side = value.get("side") if isinstance(value, dict) else None
    (_UNMATCHED_RECORD if side == "records" else _UNMATCHED_LINE)(value, where, ctx)


_UNMATCHED: Rule = _unmatched
_DENOMINATIONS = mapping(r"[1-9]\d{0,5}", integer(0, 100_000), 20)

DATA_RULES: dict[EntryType, Rule] = {
    EntryType.STATION_CREATED: obj(
        {
            "code": text(32),
            "name": text(100),
            "district": text(50, min_len=0),
            "association_url": text(MAX_URL, min_len=0),
            "association_name": text(100, min_len=0),
            "public_key": text(44, min_len=44, pattern=_PUBLIC_KEY),
        }
    ),
    EntryType.STATION_ASSOCIATION_URL_SET: obj({"association_url": text(MAX_URL)}, {"by": _by}),
    EntryType.STATION_RESTORED: obj(
        {
            "by": name,
            "backup": text(MAX_BACKUP_NAME),
            "backup_head_seq": _COUNT,
            "backup_head_hash": _fingerprint,
            "carried_entries": _COUNT,
            "previous_readable": boolean,
            "previous_head_seq": nullable(_COUNT),
            "previous_head_hash": nullable(_fingerprint),
            "receipt_floor": mapping(r"\d{4}", integer(0, MAX_SERIAL), 200),
            "floor_sources": array(
                one_of("ledger", "set_aside_file", "receipts_folder", "sync_cursor"), 4
            ),
        }
    ),
    EntryType.DESIGNATIONS_SET: obj({"designations": array(_DESIGNATION, 500)}),
    EntryType.OPERATOR_CREATED: obj(
        {"name": name, "role": _role, "by": _by}, {"password_fingerprint": _fingerprint}
    ),
    EntryType.OPERATOR_ACTIVATED: obj({"name": name, "by": _by}),
    EntryType.OPERATOR_DEACTIVATED: obj({"name": name, "by": _by}),
    EntryType.OPERATOR_ROLE_CHANGED: obj(
        {"name": name, "role": _role, "previous_role": _role, "by": _by}
    ),
    EntryType.OPERATOR_PASSWORD_CHANGED: obj(
        {"name": name, "by": _by, "reset": boolean, "password_fingerprint": _fingerprint}
    ),
    EntryType.OPERATOR_LOCKED_OUT: obj(
        {
            "name": name,
            "failures": integer(1),
            "until": utc_time,
            "channel": one_of("desk", "cli"),
        }
    ),
    EntryType.OPERATORS_FINGERPRINTED: obj(
        {
            "operators": array(
                obj(
                    {
                        "name": name,
                        "role": _role,
                        "active": boolean,
                        "password_fingerprint": _fingerprint,
                    }
                ),
                1000,
            ),
            "reason": one_of("upgrade"),
        }
    ),
    EntryType.DONATION_RECORDED: obj(
        {
            "donation": text(36, pattern=_UUID),
            "receipt": receipt_number,
            "kind": one_of(*(k.value for k in DonationKind)),
            "amount_fen": amount,
            "donor": nullable(name),
            "phone_masked": nullable(text(20)),
            "designation": text(40),
            "items": array(_ITEM, MAX_ITEMS),
            "note": nullable(text(MAX_NOTE)),
            "operator": name,
            "business_day": day,
            "issued_at": utc_time,
            "signature": text(86, min_len=86, pattern=_SIGNATURE),
            "imported": boolean,
            "paper_receipt_number": nullable(text(40)),
        },
        {  # issue 19: the payment's transaction number, and when a statement says it was paid
            "transaction_reference": nullable(text(MAX_REFERENCE, pattern=_REFERENCE)),
            "paid_at": nullable(utc_time),
            # issue 17: the donor is an organisation (absent for a private person) and
            # the designation's name, for the public page of an association that does
            # not list the station's fund or project.
            "donor_organisation": boolean,
            "designation_name": text(100),
        },
    ),
    EntryType.DONATION_VOIDED: obj(
        {"receipt": receipt_number, "reason": text(MAX_REASON), "operator": name}
    ),
    EntryType.RECEIPT_PRINTED: obj(
        {
            "receipt": receipt_number,
            "print_number": integer(1, 1_000_000),
            "operator": name,
            "voided": boolean,
        }
    ),
    EntryType.DAY_CLOSED: obj(
        {
            "day": day,
            "expected": obj(
                {
                    "cash_fen": _FEN,
                    "mobile_fen": _FEN,
                    "bank_fen": _FEN,
                    "in_kind_fen": _FEN,
                    "donations": _COUNT,
                }
            ),
            "counted": obj(
                {
                    "cash_fen": _FEN,
                    "mobile_fen": _FEN,
                    "bank_fen": _FEN,
                    "denominations": nullable(_DENOMINATIONS),
                },
                {"in_kind_confirmed": boolean},  # before issue 18's goods count
            ),
            "differences": obj(
                {
                    "cash_fen": _SIGNED_FEN,
                    "mobile_fen": _SIGNED_FEN,
                    "bank_fen": _SIGNED_FEN,
                },
                {"in_kind_unconfirmed": boolean},  # before issue 18's goods count
            ),
            "reason": _reason,
            "receipts": obj({"first": nullable(receipt_number), "last": nullable(receipt_number)}),
            "voids": _COUNT,
            "reprints": _COUNT,
            "coordinator": name,
            "witness": name,
            "ledger_head_hash": text(64, min_len=64, pattern=_HEX64),
        },
        day_close_goods_rules(),  # issue 18: in and out per item, and the count
    ),
    EntryType.DAY_REOPENED: obj(
        {
            "day": day,
            "reason": text(MAX_REASON),
            "coordinator": name,
            "closed_entry_seq": integer(1),
        }
    ),
    EntryType.KEYS_EXPORTED: obj({"by": name, "with_token": boolean}),
    EntryType.KEYS_IMPORTED: obj({"by": name, "with_token": boolean}),
    EntryType.RECORDS_EXPORTED: obj(
        {
            "by": name,
            "format": one_of("csv", "xlsx"),
            "day_from": nullable(day),
            "day_to": nullable(day),
            "rows": _COUNT,
        }
    ),
    EntryType.BACKUP_MADE: obj({"by": name, "label": text(40)}),
    EntryType.STATEMENT_RECONCILED: obj(
        {
            "day": day,
            "kind": one_of("mobile", "bank"),
            "statements": array(
                obj(
                    {
                        "source": one_of("wechat", "alipay", "bank"),
                        "account": nullable(text(100)),
                        "fingerprint": _fingerprint,
                    }
                ),
                100,
            ),  # none: nothing was imported and every donation is explained
            "counts": obj(
                {
                    "lines": _COUNT,
                    "matched": _COUNT,
                    "matched_by_reference": _COUNT,
                    "not_recorded": _COUNT,
                    "not_on_statement": _COUNT,
                    "refunds": _COUNT,
                }
            ),
            "totals": obj(
                {
                    "statement_fen": _FEN,
                    "recorded_fen": _FEN,
                    "refunds_fen": _FEN,
                    "fees_millifen": _SIGNED_FEN,
                }
            ),
            "unmatched": array(_UNMATCHED, 10_000),
            "by": name,
        }
    ),
}

# The goods register's entries (issue 18) are built in their own module from the rules above.
DATA_RULES.update(goods_data_rules())

_TYPES = frozenset(t.value for t in EntryType)


@functools.lru_cache(maxsize=1024)
def _envelope(station_code: str) -> Rule:
    return obj(
        {
            "seq": integer(1),
            "uuid": text(36, pattern=_UUID),
            "type": one_of(*_TYPES),
            "at": utc_time,
            "station": one_of(station_code),
            "data": lambda _v, _w, _c: None,  # checked per type below
        }
    )


def check_entry_body(
    body: Mapping[str, Any], *, station_code: str, ceiling_fen: int = DEFAULT_CEILING_FEN
) -> None:
    """Hold a parsed entry body to the protocol; raise :class:`EntryRejected` if it breaks it.

    Besides each field's own rule, a donation's receipt belongs to the year of its
    business day (that is how the station numbers them).
    """
    ctx = Context(station_code, ceiling_fen)
    _envelope(station_code)(body, "", ctx)
    kind = EntryType(body["type"])
    data = body["data"]
    DATA_RULES[kind](data, "data", ctx)
    if kind is EntryType.DONATION_RECORDED:
        number = parse_station_receipt(data["receipt"], station_code)
        assert number is not None  # the rule above checked it
        if str(number.year) != data["business_day"][:4]:
            raise EntryRejected("data.receipt", "is not numbered in its business day's year")
        if data["kind"] == DonationKind.IN_KIND:
            if (
                not data["items"]
                or sum(i["value_fen"] for i in data["items"]) != data["amount_fen"]
            ):
                raise EntryRejected("data.items", "do not add up to the in-kind amount")
        elif data["items"]:
            raise EntryRejected("data.items", "only in-kind donations have items")
    if kind is EntryType.DAY_CLOSED:
        check_day_close_goods(data)
    if kind.value.startswith("goods."):
        check_goods_body(kind, data)
    if kind is EntryType.STATION_CREATED and data["code"] != station_code:
        raise EntryRejected("data.code", "is not this station's code")
