"""Money as integer fen: the one strict parser and the two formatters.

Why this module exists: a donation station handles other people's money, and the
receipt, the day's closing and the association's ledger must agree to the fen.  A float
cannot promise that (0.1 + 0.2 != 0.3), so every amount in the program is an ``int`` of
fen (1 yuan = 100 fen) from the moment it is typed until it is printed.

``parse_amount`` is the only door through which typed text becomes money.  It is strict
on purpose: anything it is not sure about (``1e3``, ``10,00``, ``1.2.3``, ``1 000``) is
refused with a sentence the volunteer can act on, instead of being guessed at.  It is
lenient only about what a Chinese keyboard produces by itself: full-width digits and
punctuation, the ``¥``/``￥`` sign, a trailing ``元`` and surrounding spaces.

Accepted forms (after stripping surrounding whitespace, including U+3000)::

    [¥|￥] [spaces] NUMBER [spaces] [元]
    NUMBER  = INTEGER [ "." FRACTION ] | "." FRACTION
    INTEGER = digits, or properly grouped thousands ("1,000", "12,345,678")
    FRACTION = one or two digits ("100." with an empty fraction is also accepted)

A leading ``-``/``－`` (before or after the yen sign) in front of an otherwise
well-formed number is refused as negative; ``-abc`` or ``--1`` is simply invalid.

Pure Python: no Qt, no SQL, no I/O, and never a float.
"""

from __future__ import annotations

import re
from typing import Final

from station_app.domain.errors import ValidationError

__all__ = [
    "DEFAULT_CEILING_FEN",
    "MAX_INPUT_CHARS",
    "format_fen",
    "format_fen_plain",
    "parse_amount",
]

FEN_PER_YUAN: Final = 100

#: The largest single donation the station accepts unless told otherwise: ¥1,000,000.00.
DEFAULT_CEILING_FEN: Final[int] = 1_000_000 * FEN_PER_YUAN

#: Longer input (after trimming surrounding spaces) is refused before any parsing work.
MAX_INPUT_CHARS: Final = 30

# Full-width forms a Chinese input method produces, mapped to their ASCII meaning.
# Only these characters are translated; other Unicode digits (Arabic-Indic, etc.) stay
# as they are and are therefore refused by the ASCII-only pattern below.
_FULL_WIDTH: Final = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # ０..９
        "．": ".",
        "，": ",",
        "－": "-",
        "￥": "¥",
    }
)

# ASCII digits only: ``\d`` would also match e.g. Arabic-Indic digits in a str pattern.
_NUMBER: Final = re.compile(
    r"""
    (?P<int>
        [1-9][0-9]{0,2}(?:,[0-9]{3})+   # grouped thousands: 1,000 / 12,345,678
      | [0-9]+                          # plain digits: 100 / 007
    )?
    (?:\.(?P<frac>[0-9]*))?
    """,
    re.VERBOSE | re.ASCII,
)

_YEN: Final = "¥"
_YUAN_SUFFIX: Final = "元"
_MINUS: Final = "-"
_FIELD_DEFAULT: Final = "amount"


def _refuse(code: str, zh: str, en: str, field: str) -> ValidationError:
    return ValidationError(code, zh, en, field=field)


def _invalid(field: str) -> ValidationError:
    return _refuse(
        "amount.invalid",
        "金额格式不正确，请只输入数字，例如 100 或 1,000.50",
        "That is not a valid amount. Please type a number such as 100 or 1,000.50.",
        field,
    )


def parse_amount(
    text: str, *, ceiling_fen: int = DEFAULT_CEILING_FEN, field: str = _FIELD_DEFAULT
) -> int:
    """Turn what a person typed into a positive number of fen, or refuse it.

    Returns an ``int`` in ``1..ceiling_fen``.  Every refusal is a
    :class:`~station_app.domain.errors.ValidationError` whose ``code`` is one of
    ``amount.empty``, ``amount.zero``, ``amount.negative``,
    ``amount.too_many_decimals``, ``amount.invalid`` or ``amount.too_large`` and whose
    ``field`` is ``field``.  No other exception escapes for any ``str`` input.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_amount expects str, got {type(text).__name__}")
    if not isinstance(ceiling_fen, int) or isinstance(ceiling_fen, bool) or ceiling_fen < 1:
        raise ValueError(f"ceiling_fen must be a positive int, got {ceiling_fen!r}")

    # Cheap guard before any per-character work on absurd input (e.g. a pasted page).
    if len(text) > 4 * MAX_INPUT_CHARS:
        raise _too_long(field)
    s = text.strip()  # str.strip() also removes U+3000 IDEOGRAPHIC SPACE
    if not s:
        raise _refuse("amount.empty", "金额不能为空", "Please enter an amount.", field)
    if len(s) > MAX_INPUT_CHARS:
        raise _too_long(field)

    s = s.translate(_FULL_WIDTH)

    negative = False
    if s.startswith(_MINUS):
        negative, s = True, s[1:]
    if s.startswith(_YEN):
        s = s[1:].lstrip()
        if not negative and s.startswith(_MINUS):  # "¥-12"
            negative, s = True, s[1:]
    if s.endswith(_YUAN_SUFFIX):
        s = s[: -len(_YUAN_SUFFIX)].rstrip()

    match = _NUMBER.fullmatch(s)
    if match is None or (match["int"] is None and not match["frac"]):
        # Letters, 1e3, NaN, inf, 0x10, 1.2.3, "1 000", 10,00, a lone "." or "¥" ...
        raise _invalid(field)
    if negative:
        raise _refuse(
            "amount.negative",
            "金额不能为负数",
            "An amount cannot be negative.",
            field,
        )

    int_part = (match["int"] or "0").replace(",", "")
    frac_part = match["frac"] or ""
    if len(frac_part) > 2:
        raise _refuse(
            "amount.too_many_decimals",
            "金额最多两位小数（精确到分）",
            "An amount can have at most two decimal places (fen).",
            field,
        )

    # At most MAX_INPUT_CHARS digits, so int() here is cheap.
    fen = int(int_part) * FEN_PER_YUAN + int(frac_part.ljust(2, "0"))
    if fen == 0:
        raise _refuse(
            "amount.zero",
            "金额必须大于零",
            "The amount must be greater than zero.",
            field,
        )
    if fen > ceiling_fen:
        ceiling = format_fen(ceiling_fen)
        raise _refuse(
            "amount.too_large",
            f"单笔金额不能超过{ceiling}",
            f"A single amount cannot be more than {ceiling}.",
            field,
        )
    return fen


def _too_long(field: str) -> ValidationError:
    return _refuse(
        "amount.invalid",
        "输入太长，不是有效的金额",
        "That is too long to be an amount.",
        field,
    )


def _check_fen(fen: int) -> None:
    # bool is an int subclass and float would silently lose fen: refuse both loudly.
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError(f"money is an int of fen, got {type(fen).__name__}")


def format_fen(fen: int) -> str:
    """Format fen for people: ``¥1,000.50``, ``¥0.05``, ``-¥12.00``.

    Always two decimals and thousands grouping; a negative amount (a cash difference at
    the day's closing) puts the minus sign before the yen sign.
    """
    _check_fen(fen)
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}¥{yuan:,}.{rest:02d}"


def format_fen_plain(fen: int) -> str:
    """Format fen for machines and edit boxes: ``1000.50`` (no symbol, no grouping)."""
    _check_fen(fen)
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{yuan}.{rest:02d}"
