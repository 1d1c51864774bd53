"""The building blocks of the entry schema: strict JSON, and rules for each kind of field.

A rule is a function ``(value, where, context)`` that returns nothing or raises
:class:`EntryRejected` naming the field (``data.items[2].quantity``); rules compose
(``obj``, ``array``, ``mapping``, ``nullable``) into the schema of every entry type in
``entry_schema`` and ``goods/entry_rules``.  Pure: no I/O.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from station_app.domain.ledger import canonical_json
from station_app.domain.receipt_numbers import MAX_SERIAL, ReceiptNumber

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
class Context:
    station_code: str
    ceiling_fen: int


Rule = Callable[[Any, str, Context], None]


def _fail(where: str, reason: str) -> EntryRejected:
    return EntryRejected(where, reason)


def nullable(rule: Rule) -> Rule:
    def check(value: Any, where: str, ctx: Context) -> None:
        if value is not None:
            rule(value, where, ctx)

    return check


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def integer(lo: int, hi: int = MAX_COUNT) -> Rule:
    def check(value: Any, where: str, _ctx: Context) -> None:
        if not _is_int(value):
            raise _fail(where, "must be a whole number")
        if not lo <= value <= hi:
            raise _fail(where, f"must be between {lo} and {hi}")

    return check


def amount(value: Any, where: str, ctx: Context) -> None:
    """An amount in fen: 1 … the configured per-donation ceiling."""
    integer(1, ctx.ceiling_fen)(value, where, ctx)


def boolean(value: Any, where: str, _ctx: Context) -> None:
    if not isinstance(value, bool):
        raise _fail(where, "must be true or false")


#: C0, DEL, C1 (Unicode category Cc) and lone surrogates (Cs).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def text(max_len: int, *, min_len: int = 1, pattern: str | None = None) -> Rule:
    """A string of ``min_len``…``max_len`` characters with no control characters."""
    compiled = re.compile(pattern, re.ASCII) if pattern else None

    def check(value: Any, where: str, _ctx: Context) -> None:
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

    def check(value: Any, where: str, _ctx: Context) -> None:
        if not isinstance(value, str) or value not in allowed:
            raise _fail(where, f"must be one of {', '.join(sorted(allowed))}")

    return check


_UTC_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z", re.ASCII)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def utc_time(value: Any, where: str, _ctx: Context) -> None:
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


def day(value: Any, where: str, _ctx: Context) -> None:
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


def receipt_number(value: Any, where: str, ctx: Context) -> None:
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

    def check(value: Any, where: str, ctx: Context) -> None:
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
    def check(value: Any, where: str, ctx: Context) -> None:
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

    def check(found: Any, where: str, ctx: Context) -> None:
        if not isinstance(found, dict):
            raise _fail(where, "must be an object")
        if len(found) > max_len:
            raise _fail(where, f"has more than {max_len} keys")
        for key, element in found.items():
            if not keys.fullmatch(key):
                raise _fail(where, f"has a key {str(key)[:20]!r} not in the expected form")
            value(element, f"{where}.{key}", ctx)

    return check
