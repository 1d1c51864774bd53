"""Amounts in Chinese financial capitals (大写金额), as printed on receipts.

Why: a donation receipt is a financial document.  Chinese practice, and the People's
Bank of China rules in 《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》, want
the amount written a second time in capitals (壹贰叁…) that cannot be altered by adding a
stroke, prefixed with 人民币.  Donors and auditors check them, so the wording must follow
the rules exactly and the same amount must always read the same way.

Rules implemented (where the PBOC rules allow two forms, the choice is stated):

* Digits 零壹贰叁肆伍陆柒捌玖; units 拾佰仟 within a group of four digits, and the
  group units 万 and 亿 (万亿 for the group above 亿); money units 元角分; 整.
* Prefix 人民币, no space.
* 拾 is always preceded by its digit, also at the head: 10 yuan is 壹拾元, 100,000 yuan
  is 壹拾万元 (a bare 拾 could be altered into 贰拾 etc.).
* A run of zeros inside the 元 part is written as one 零 (6,007 → 陆仟零柒元;
  100,000,300 → 壹亿零叁佰元).  Zeros at the end of a four-digit group, just before its
  group unit, are not written (107,000 → 壹拾万柒仟元, not 壹拾万零柒仟元; both are allowed,
  we write the shorter, which is the reading one would say aloud).
* When the 元 digit is 0 and 角 is not, write 零 after 元 (1,680.32 →
  壹仟陆佰捌拾元零叁角贰分; 107,000.53 → 壹拾万柒仟元零伍角叁分: the first form of the PBOC
  examples).  When 角 is 0 and 分 is not, write 零 before 分 (325.04 → 叁佰贰拾伍元零肆分).
* Ending: an amount that stops at 元 ends with 整; one that stops at 角 ends with 角,
  without 整 (PBOC: "在角之后可以不写整"); one with 分 ends with 分.
* Below one yuan there is no 元 part and no leading 零: 0.50 → 人民币伍角,
  0.05 → 人民币伍分.  Zero is 人民币零元整.

Pure Python, no I/O.  Amounts are integer fen; negative amounts and amounts of 10^16
fen or more (more digits than 万亿 can name) raise ``ValueError``.
"""

from __future__ import annotations

from typing import Final

__all__ = ["MAX_FEN_EXCLUSIVE", "PREFIX", "to_capitals"]

PREFIX: Final = "人民币"

#: to_capitals handles 0 <= fen < MAX_FEN_EXCLUSIVE (yuan below 10^14, i.e. 百万亿).
MAX_FEN_EXCLUSIVE: Final = 10**16

_DIGITS: Final = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS: Final = ("", "拾", "佰", "仟")  # within a group of four digits


def _group_to_capitals(group: int) -> str:
    """Read one group of four digits (1..9999), e.g. 1009 → 壹仟零玖, 300 → 叁佰.

    Zeros before the first non-zero digit are not written here: whether they need a 零
    depends on the groups above, which only the caller knows.
    """
    parts: list[str] = []
    pending_zero = False
    for position, char in enumerate(f"{group:04d}"):
        digit = int(char)
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(_DIGITS[digit] + _SMALL_UNITS[3 - position])
    return "".join(parts)


def _yuan_to_capitals(yuan: int) -> str:
    """Read a positive number of yuan (1 <= yuan < 10^14) without the 元."""
    # Split into groups of four digits, lowest first: 个, 万, 亿, 万亿.
    groups: list[int] = []
    rest = yuan
    while rest:
        rest, group = divmod(rest, 10_000)
        groups.append(group)

    out: list[str] = []
    gap = False  # an all-zero group lies between the last written digit and the next
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = bool(out)
        else:
            # A 零 marks zeros between the last written digit and this group's first:
            # a whole zero group above, or this group's own leading zeros (壹拾万零叁佰).
            if out and (gap or group < 1000):
                out.append("零")
            out.append(_group_to_capitals(group))
            gap = False
            if index % 2 == 1:  # 万 or 万亿 group
                out.append("万")
        if index == 2 and yuan >= 10**8:
            # 亿 closes everything above it, even when the 亿 group itself is 0
            # (壹万亿 for 10^12).  Trailing zeros before 亿 need no 零.
            out.append("亿")
            gap = False
    return "".join(out)


def to_capitals(fen: int) -> str:
    """Write ``fen`` in Chinese financial capitals, e.g. 168032 → 人民币壹仟陆佰捌拾元零叁角贰分."""
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError(f"money is an int of fen, got {type(fen).__name__}")
    if fen < 0:
        raise ValueError("financial capitals cannot express a negative amount")
    if fen >= MAX_FEN_EXCLUSIVE:
        raise ValueError(f"amount too large for financial capitals: {fen} fen")

    yuan, rest = divmod(fen, 100)
    jiao, fen_digit = divmod(rest, 10)

    if fen == 0:
        return PREFIX + "零元整"

    out: list[str] = [PREFIX]
    if yuan:
        out.append(_yuan_to_capitals(yuan) + "元")
        if rest == 0:
            out.append("整")
            return "".join(out)
        if jiao and yuan % 10 == 0:
            out.append("零")  # 壹仟陆佰捌拾元零叁角贰分

    if jiao:
        out.append(_DIGITS[jiao] + "角")
    if fen_digit:
        if yuan and not jiao:
            out.append("零")  # 叁佰贰拾伍元零肆分
        out.append(_DIGITS[fen_digit] + "分")
    return "".join(out)
