"""Amounts and times as statements write them, through the form's own strict parser.

A statement writes yuan as text (``0.01``, ``-35.80``, ``1,200.00``, ``0``).  Each amount
goes through :func:`station_app.domain.money.parse_amount`, the one door by which text
becomes money, so a statement can never hold a value the desk would refuse; only the
two things a statement needs and a donation never has are handled here: zero, and a
sign.  Fees are the exception: WeChat Pay states them to five decimals of a yuan, so
they get their own exact parser in thousandths of a fen (never a float).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Final

from station_app.domain.errors import ValidationError
from station_app.domain.money import parse_amount
from station_app.domain.statements.model import MILLIFEN_PER_FEN, FormatName, line_error

#: A statement's own totals may be far above one donation's ceiling.
STATEMENT_CEILING_FEN: Final = 10**13
_COMMON_ZEROS: Final = frozenset({"0", "0.0", "0.00", "0.00000"})
_ZERO: Final = re.compile(r"[-+]?[¥￥]?\s*0*(?:\.0*)?\s*元?")
_FEE: Final = re.compile(
    r"(?P<sign>[-+]?)(?P<int>[0-9]{1,12})(?:\.(?P<frac>[0-9]{0,5}))?", re.ASCII
)
_FULL_WIDTH: Final = str.maketrans(
    {"－": "-", "＋": "+", "．": ".", **{chr(0xFF10 + i): str(i) for i in range(10)}}
)


def signed_fen(text: str, fmt: FormatName, line: int, column: str) -> int:
    """A yuan amount that may be zero or negative, as signed fen; else a line error."""
    if text in _COMMON_ZEROS:
        return 0
    raw = text.strip().translate(_FULL_WIDTH)
    if raw and _ZERO.fullmatch(raw) and any(ch.isdigit() for ch in raw):
        return 0
    negative = raw.startswith("-")
    body = raw[1:] if raw[:1] in "-+" else raw
    try:
        fen = parse_amount(body, ceiling_fen=STATEMENT_CEILING_FEN, field=column)
    except ValidationError as exc:
        raise line_error(
            fmt,
            line,
            "bad_amount",
            f"“{column}”不是有效金额（“{text.strip()[:30]}”）：{exc.message_zh}",
            f"{column} is not a valid amount (“{text.strip()[:30]}”): {exc.message_en}",
        ) from None
    return -fen if negative else fen


class AmountReader:
    """:func:`signed_fen` with memory: a statement repeats the same few amounts
    (``10.00``, ``50.00``) thousands of times, and each text is parsed once.  Refusals
    are never remembered, so each bad cell is reported with its own line."""

    def __init__(self, fmt: FormatName) -> None:
        self._fmt = fmt
        self._known: dict[str, int] = {}

    def fen(self, text: str, line: int, column: str) -> int:
        try:
            return self._known[text]
        except KeyError:
            value = self._known[text] = signed_fen(text, self._fmt, line, column)
            return value


def fee_millifen(text: str, fmt: FormatName, line: int, column: str) -> int:
    """A fee in thousandths of a fen (``0.05940`` yuan → 5940); empty is no fee."""
    raw = text.strip().translate(_FULL_WIDTH)
    if not raw:
        return 0
    match = _FEE.fullmatch(raw)
    if match is None:
        raise line_error(
            fmt,
            line,
            "bad_fee",
            f"“{column}”不是有效的手续费（“{raw[:30]}”）",
            f"{column} is not a valid fee (“{raw[:30]}”).",
        )
    frac = (match["frac"] or "").ljust(5, "0")
    units = int(match["int"]) * 100 * MILLIFEN_PER_FEN + int(frac)
    return -units if match["sign"] == "-" else units


def format_millifen(units: int) -> str:
    """``¥0.0594``: a fee with as many decimals as it needs (at least two)."""
    sign = "-" if units < 0 else ""
    yuan, rest = divmod(abs(units), 100 * MILLIFEN_PER_FEN)
    decimals = f"{rest:05d}".rstrip("0").ljust(2, "0")
    return f"{sign}¥{yuan:,}.{decimals}"


_DATE_TIME: Final = re.compile(
    r"(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?",
    re.ASCII,
)
_COMPACT: Final = re.compile(
    r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:\s*(?P<H>\d{2}):?(?P<M>\d{2}):?(?P<S>\d{2}))?"
)


def parse_local(text: str) -> tuple[date, datetime | None] | None:
    """The day, and the wall-clock time when given, of ``2026-11-03 10:15:22`` and the
    forms Excel and banks make of it (``2026/11/3 10:15``, ``20261103``, ``2026年11月3日``).

    None when the text is not a date at all, so the caller can say which line failed.
    """
    cleaned = " ".join(text.replace("\u3000", " ").split())
    match = _DATE_TIME.fullmatch(cleaned) or _COMPACT.fullmatch(cleaned)
    if match is None:
        return None
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
        if match["H"] is None:
            return day, None
        moment = datetime(
            day.year, day.month, day.day, int(match["H"]), int(match["M"]), int(match["S"] or 0)
        )
    except ValueError:  # 2026-02-30, 25:00
        return None
    return day, moment
