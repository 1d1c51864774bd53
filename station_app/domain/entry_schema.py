"""The exact shape of every ledger entry, field by field, for the station and the receiver.

The receiver trusts no station: before it spends any work on signatures or the hash
chain it parses each entry's payload with :func:`parse_payload` and holds it to
:func:`check_entry_body`.  Anything a station would never write is refused there: an
unknown type or key, a receipt number that is not exactly this station's
``{code}-{YYYY}-{NNNNNN}``, an amount outside 1…the ceiling, a time that is not
``YYYY-MM-DDTHH:MM:SSZ``, text longer than its column, a float, NaN or a 5,000-digit
number, JSON nested deeper than the protocol needs.  The station's tests run every entry
it writes through the same checks, so the two ends cannot drift apart.

Pure: no I/O.  The payloads are those of ``/work/coordination/CONTRACT.md`` (issue 13's
new types included) and of today's services; keys marked optional are absent from
entries written by older versions of the station, which the receiver must still accept.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from station_app.domain.donations import (
    MAX_ITEM_TEXT,
    MAX_ITEMS,
    MAX_NAME,
    MAX_NOTE,
    DonationKind,
)
from station_app.domain.entry_types import EntryType
from station_app.domain.goods.entry_rules import check_goods_body, goods_data_rules
from station_app.domain.ledger import canonical_json
from station_app.domain.money import DEFAULT_CEILING_FEN
from station_app.domain.receipt_numbers import MAX_SERIAL, ReceiptNumber
from station_app.domain.roles import Role
from station_app.domain.transaction_reference import MAX_REFERENCE

__all__ = [
    "MAX_DEPTH",
    "EntryRejected",
    "check_entry_body",
    "parse_payload",
    "parse_station_receipt",
]

#: body → data → list → object → value: the deepest any entry type needs, plus one.
MAX_DEPTH = 5
#: Upper bound of every count and total (exact in a double, fits a BigInteger).
MAX_COUNT = 2**53 - 1
MAX_REASON = 200
MAX_URL = 200
MAX_BACKUP_NAME = 200


class EntryRejected(ValueError):
    """An entry the protocol does not allow; ``where`` names the field (e.g. ``data.receipt``)."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}" if where else reason)
        self.where = where
        self.reason = reason


# -- strict JSON ---------------------------------------------------------------------------

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


def _depth(text: str) -> int:
    """How deeply ``text`` nests arrays and objects (strings skipped), without parsing it."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    depth = deepest = 0
    for ch in brackets:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _no_float(text: str) -> Any:
    raise EntryRejected("", f"a number with a fraction or exponent ({text[:20]}) is not allowed")


def _no_constant(text: str) -> Any:
    raise EntryRejected("", f"{text} is not a number the protocol allows")


def parse_payload(text: str) -> dict[str, Any]:
    """The payload as a JSON object, parsed without trusting it; raises :class:`EntryRejected`.

    Depth is measured before parsing (so 100,000 nested brackets cost a regex pass, not
    a RecursionError); floats, NaN and Infinity are refused while parsing, and so is an
    integer of more digits than Python converts (4,300); integers too large for their
    field are :func:`check_entry_body`'s to refuse.  The text must be the canonical form
    the station hashes (sorted keys, each once, no spaces): anything else was not
    written by a station.
    """
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(text) > MAX_DEPTH:
        raise EntryRejected("", f"the payload nests deeper than {MAX_DEPTH} levels")
    try:
        body = json.loads(text, parse_float=_no_float, parse_constant=_no_constant)
    except EntryRejected:
        raise
    except (ValueError, RecursionError):
        raise EntryRejected("", "the payload is not valid JSON") from None
    if not isinstance(body, dict):
        raise EntryRejected("", "the payload is not a JSON object")
    if canonical_json(body) != text:
        raise EntryRejected("", "the payload is not canonical JSON (sorted keys, each once)")
    return body


# -- field rules ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    station_code: str
    ceiling_fen: int


Rule = Callable[[Any, str, _Context], None]


def _fail(where: str, reason: str) -> EntryRejected:
    return EntryRejected(where, reason)


def _nullable(rule: Rule) -> Rule:
    def check(value: Any, where: str, ctx: _Context) -> None:
        if value is not None:
            rule(value, where, ctx)

    return check


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def integer(lo: int, hi: int = MAX_COUNT) -> Rule:
    def check(value: Any, where: str, _ctx: _Context) -> None:
        if not _is_int(value):
            raise _fail(where, "must be a whole number")
        if not lo <= value <= hi:
            raise _fail(where, f"must be between {lo} and {hi}")

    return check


def _amount(value: Any, where: str, ctx: _Context) -> None:
    """An amount in fen: 1 … the configured per-donation ceiling."""
    integer(1, ctx.ceiling_fen)(value, where, ctx)


def boolean(value: Any, where: str, _ctx: _Context) -> None:
    if not isinstance(value, bool):
        raise _fail(where, "must be true or false")


#: C0, DEL, C1 (Unicode category Cc) and lone surrogates (Cs).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def text(max_len: int, *, min_len: int = 1, pattern: str | None = None) -> Rule:
    """A string of ``min_len``…``max_len`` characters with no control characters."""
    compiled = re.compile(pattern, re.ASCII) if pattern else None

    def check(value: Any, where: str, _ctx: _Context) -> None:
        if not isinstance(value, str):
            raise _fail(where, "must be text")
        if not min_len <= len(value) <= max_len:
            raise _fail(where, f"must be {min_len} to {max_len} characters long")
        if compiled is not None and not compiled.fullmatch(value):
            raise _fail(where, "is not in the expected form")
        if _CONTROL.search(value):
            raise _fail(where, "contains control characters")

    return check


def one_of(*values: str) -> Rule:
    allowed = frozenset(values)

    def check(value: Any, where: str, _ctx: _Context) -> None:
        if not isinstance(value, str) or value not in allowed:
            raise _fail(where, f"must be one of {', '.join(sorted(allowed))}")

    return check


_UTC_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z", re.ASCII)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def utc_time(value: Any, where: str, _ctx: _Context) -> None:
    """ISO 8601 with its offset, as both ends write it: ``2026-03-08T02:15:00Z``."""
    found = _UTC_TIME.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        raise _fail(where, "must be an ISO 8601 UTC time such as 2026-03-08T02:15:00Z")
    try:
        year, month, day, hour, minute, second = map(int, found.groups())
        parsed = datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise _fail(where, "is not a real date and time") from None
    if not 2000 <= parsed.year <= 2200:
        raise _fail(where, "is not a plausible year")


def day(value: Any, where: str, _ctx: _Context) -> None:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise _fail(where, "must be a date such as 2026-03-08")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise _fail(where, "is not a real date") from None
    if not 2000 <= parsed.year <= 2200:
        raise _fail(where, "is not a plausible year")


_RECEIPT_TAIL = re.compile(r"-(\d{4})-(\d{6})", re.ASCII)


def parse_station_receipt(number: Any, station_code: str) -> ReceiptNumber | None:
    """``number`` as exactly ``{station_code}-{YYYY}-{NNNNNN}``, or None.

    Parsed, never prefix-matched: ``GZ-YX-0012-A-2026-000001`` is the second terminal's
    number, and station ``GZ-YX-0012`` may not claim it.
    """
    if not isinstance(number, str) or not number.startswith(station_code):
        return None
    tail = _RECEIPT_TAIL.fullmatch(number, len(station_code))
    if tail is None:
        return None
    year, serial = int(tail[1]), int(tail[2])
    if not (2000 <= year <= 2200 and 1 <= serial <= MAX_SERIAL):
        return None
    return ReceiptNumber(station_code, year, serial)


def receipt_number(value: Any, where: str, ctx: _Context) -> None:
    if parse_station_receipt(value, ctx.station_code) is None:
        raise _fail(
            where, f"must be a receipt number of this station ({ctx.station_code}-YYYY-NNNNNN)"
        )


def obj(required: Mapping[str, Rule], optional: Mapping[str, Rule] | None = None) -> Rule:
    """A JSON object with exactly these keys (``optional`` ones may be absent)."""
    extra = dict(optional or {})
    needed = frozenset(required)
    allowed = needed | frozenset(extra)
    rules = [(key, rule, f".{key}") for key, rule in {**required, **extra}.items()]

    def check(value: Any, where: str, ctx: _Context) -> None:
        if not isinstance(value, dict):
            raise _fail(where, "must be an object")
        keys = value.keys()
        if not keys <= allowed:
            unknown = sorted(str(k) for k in keys - allowed)[0]
            raise _fail(where, f"has an unknown key {unknown[:40]!r}")
        if not needed <= keys:
            raise _fail(where, f"lacks {sorted(needed - keys)[0]}")
        for key, rule, suffix in rules:
            if key in value:
                rule(value[key], where + suffix if where else key, ctx)

    return check


def array(item: Rule, max_len: int, *, min_len: int = 0) -> Rule:
    def check(value: Any, where: str, ctx: _Context) -> None:
        if not isinstance(value, list):
            raise _fail(where, "must be a list")
        if not min_len <= len(value) <= max_len:
            raise _fail(where, f"must have {min_len} to {max_len} elements")
        for i, element in enumerate(value):
            item(element, f"{where}[{i}]", ctx)

    return check


def mapping(key_pattern: str, value: Rule, max_len: int) -> Rule:
    """An object used as a dictionary: keys of one form, values of one rule."""
    keys = re.compile(key_pattern, re.ASCII)

    def check(found: Any, where: str, ctx: _Context) -> None:
        if not isinstance(found, dict):
            raise _fail(where, "must be an object")
        if len(found) > max_len:
            raise _fail(where, f"has more than {max_len} keys")
        for key, element in found.items():
            if not keys.fullmatch(key):
                raise _fail(where, f"has a key {str(key)[:20]!r} not in the expected form")
            value(element, f"{where}.{key}", ctx)

    return check


# -- the entry types -----------------------------------------------------------------------

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_HEX64 = r"[0-9a-f]{64}"
_SIGNATURE = r"[A-Za-z0-9_-]{86}"  # Ed25519, base64url without padding
_PUBLIC_KEY = r"[A-Za-z0-9+/]{43}="  # 32 bytes, standard base64
_QUANTITY = r"\d{1,7}(\.\d{1,3})?"

name = text(MAX_NAME)
_by = _nullable(name)
_role = one_of(*(r.value for r in Role))
_fingerprint = text(64, min_len=64, pattern=_HEX64)
_reason = _nullable(text(MAX_REASON))
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
        "value_fen": _amount,
    }
)
_REFERENCE = r"[A-Z0-9][A-Z0-9_\-/.]*"
_UNMATCHED_LINE = obj(
    {
        "side": one_of("statement"),
        "amount_fen": _amount,
        "at": _nullable(utc_time),
        "reference": _nullable(text(MAX_REFERENCE)),
        "explanation": text(MAX_REASON),
    }
)
_UNMATCHED_RECORD = obj(
    {
        "side": one_of("records"),
        "amount_fen": _amount,
        "receipt": receipt_number,
        "explanation": text(MAX_REASON),
    }
)


def _unmatched(value: Any, where: str, ctx: _Context) -> None:
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
            "previous_head_seq": _nullable(_COUNT),
            "previous_head_hash": _nullable(_fingerprint),
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
            "amount_fen": _amount,
            "donor": _nullable(name),
            "phone_masked": _nullable(text(20)),
            "designation": text(40),
            "items": array(_ITEM, MAX_ITEMS),
            "note": _nullable(text(MAX_NOTE)),
            "operator": name,
            "business_day": day,
            "issued_at": utc_time,
            "signature": text(86, min_len=86, pattern=_SIGNATURE),
            "imported": boolean,
            "paper_receipt_number": _nullable(text(40)),
        },
        {  # issue 19: the payment's transaction number, and when a statement says it was paid
            "transaction_reference": _nullable(text(MAX_REFERENCE, pattern=_REFERENCE)),
            "paid_at": _nullable(utc_time),
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
                    "in_kind_confirmed": boolean,
                    "denominations": _nullable(_DENOMINATIONS),
                }
            ),
            "differences": obj(
                {
                    "cash_fen": _SIGNED_FEN,
                    "mobile_fen": _SIGNED_FEN,
                    "bank_fen": _SIGNED_FEN,
                    "in_kind_unconfirmed": boolean,
                }
            ),
            "reason": _reason,
            "receipts": obj(
                {"first": _nullable(receipt_number), "last": _nullable(receipt_number)}
            ),
            "voids": _COUNT,
            "reprints": _COUNT,
            "coordinator": name,
            "witness": name,
            "ledger_head_hash": text(64, min_len=64, pattern=_HEX64),
        }
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
            "day_from": _nullable(day),
            "day_to": _nullable(day),
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
                        "account": _nullable(text(100)),
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
    ctx = _Context(station_code, ceiling_fen)
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
    if kind.value.startswith("goods."):
        check_goods_body(kind, data)
    if kind is EntryType.STATION_CREATED and data["code"] != station_code:
        raise EntryRejected("data.code", "is not this station's code")
