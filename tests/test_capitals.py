"""Tests of amounts in Chinese financial capitals (大写金额).

The table holds the PBOC examples of 《正确填写票据和结算凭证的基本规定》 and the
boundaries where hand-written capitals usually go wrong (万/亿, runs of zeros, 壹拾 at
the head, 角 without 分).  The properties check every amount against an independent
reader of capitals, so the wording is not only well-formed but also means the right
number.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from station_app.domain.capitals import MAX_FEN_EXCLUSIVE, to_capitals
from station_app.domain.money import DEFAULT_CEILING_FEN


def fen(yuan: str) -> int:
    """Turn "1,680.32" into 168032 without float, so the table stays exact."""
    whole, _, frac = yuan.replace(",", "").partition(".")
    return int(whole) * 100 + int(frac.ljust(2, "0"))


KNOWN: list[tuple[str, str]] = [
    # PBOC examples (the 零-after-元 form where the rules allow two).
    ("1,680.32", "人民币壹仟陆佰捌拾元零叁角贰分"),
    ("1,409.50", "人民币壹仟肆佰零玖元伍角"),
    ("6,007.14", "人民币陆仟零柒元壹角肆分"),
    ("107,000.53", "人民币壹拾万柒仟元零伍角叁分"),
    ("325.04", "人民币叁佰贰拾伍元零肆分"),
    # Below one yuan: no 元 part, no leading 零.
    ("0", "人民币零元整"),
    ("0.01", "人民币壹分"),
    ("0.05", "人民币伍分"),
    ("0.10", "人民币壹角"),
    ("0.50", "人民币伍角"),
    ("0.55", "人民币伍角伍分"),
    ("0.99", "人民币玖角玖分"),
    # Endings: 整 after 元, nothing after 角, nothing after 分.
    ("1", "人民币壹元整"),
    ("1.01", "人民币壹元零壹分"),
    ("1.10", "人民币壹元壹角"),
    ("1.11", "人民币壹元壹角壹分"),
    ("100.50", "人民币壹佰元零伍角"),
    ("100.05", "人民币壹佰元零伍分"),
    ("100.55", "人民币壹佰元零伍角伍分"),
    ("105.50", "人民币壹佰零伍元伍角"),
    # 壹拾 at the head, 拾 inside.
    ("10", "人民币壹拾元整"),
    ("11", "人民币壹拾壹元整"),
    ("19.90", "人民币壹拾玖元玖角"),
    ("20", "人民币贰拾元整"),
    ("110", "人民币壹佰壹拾元整"),
    ("210", "人民币贰佰壹拾元整"),
    ("1,010", "人民币壹仟零壹拾元整"),
    ("100,000", "人民币壹拾万元整"),
    ("110,000", "人民币壹拾壹万元整"),
    ("1,100,000", "人民币壹佰壹拾万元整"),
    ("1,000,000,000", "人民币壹拾亿元整"),
    # Plain hundreds and thousands.
    ("100", "人民币壹佰元整"),
    ("1,000", "人民币壹仟元整"),
    ("9,999.99", "人民币玖仟玖佰玖拾玖元玖角玖分"),
    # Zeros in the middle: one 零 for a run.
    ("101", "人民币壹佰零壹元整"),
    ("1,001", "人民币壹仟零壹元整"),
    ("1,009", "人民币壹仟零玖元整"),
    ("1,090", "人民币壹仟零玖拾元整"),
    ("1,100", "人民币壹仟壹佰元整"),
    ("10,001", "人民币壹万零壹元整"),
    ("10,010", "人民币壹万零壹拾元整"),
    ("10,100", "人民币壹万零壹佰元整"),
    ("11,000", "人民币壹万壹仟元整"),
    ("100,300", "人民币壹拾万零叁佰元整"),
    ("100,001", "人民币壹拾万零壹元整"),
    ("101,000", "人民币壹拾万壹仟元整"),
    ("107,000", "人民币壹拾万柒仟元整"),
    ("1,010,101.01", "人民币壹佰零壹万零壹佰零壹元零壹分"),
    ("1,003,000", "人民币壹佰万叁仟元整"),
    ("1,000,300", "人民币壹佰万零叁佰元整"),
    # 万 / 亿 boundaries.
    ("9,999", "人民币玖仟玖佰玖拾玖元整"),
    ("10,000", "人民币壹万元整"),
    ("99,999,999", "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整"),
    ("100,000,000", "人民币壹亿元整"),
    ("100,000,001", "人民币壹亿零壹元整"),
    ("100,000,300", "人民币壹亿零叁佰元整"),
    ("100,010,000", "人民币壹亿零壹万元整"),
    ("101,000,000", "人民币壹亿零壹佰万元整"),
    ("110,000,000", "人民币壹亿壹仟万元整"),
    ("1,000,010,000", "人民币壹拾亿零壹万元整"),
    ("1,000,000", "人民币壹佰万元整"),
    ("1,000,000.00", "人民币壹佰万元整"),  # the default per-donation ceiling
    ("10,000,000", "人民币壹仟万元整"),
    ("1,000,000,000,000", "人民币壹万亿元整"),
    ("1,000,010,000,000", "人民币壹万亿壹仟万元整"),  # 亿级 trailing zeros: no 零
    ("1,000,100,000,000", "人民币壹万零壹亿元整"),
    ("1,000,000,010,000", "人民币壹万亿零壹万元整"),
    ("10,001,000,000,000", "人民币壹拾万零壹拾亿元整"),
    ("10,010,000,000,000", "人民币壹拾万零壹佰亿元整"),
    ("10,000,000,000,000", "人民币壹拾万亿元整"),
    (
        "99,999,999,999,999.99",
        "人民币玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
    ),
    # 元 digit 0 with 角 → 零 after 元; 元 digit not 0 → no 零.
    ("10.30", "人民币壹拾元零叁角"),
    ("10.03", "人民币壹拾元零叁分"),
    ("11.30", "人民币壹拾壹元叁角"),
    ("100,000,000.50", "人民币壹亿元零伍角"),
]


@pytest.mark.parametrize(("yuan", "expected"), KNOWN)
def test_known_values(yuan: str, expected: str) -> None:
    assert to_capitals(fen(yuan)) == expected


def test_no_bare_ten_at_the_head() -> None:
    # Financial documents write 壹拾, because a bare 拾 could be altered into 贰拾.
    for value in (10, 15, 100_000, 150_000, 1_000_000_000, 10_000_000_000_000):
        assert to_capitals(value * 100).startswith("人民币壹拾"), value


@pytest.mark.parametrize("bad", [-1, -100, -(10**17)])
def test_negative_is_refused(bad: int) -> None:
    with pytest.raises(ValueError):
        to_capitals(bad)


@pytest.mark.parametrize("bad", [MAX_FEN_EXCLUSIVE, MAX_FEN_EXCLUSIVE + 1, 10**30])
def test_too_large_is_refused(bad: int) -> None:
    with pytest.raises(ValueError):
        to_capitals(bad)


@pytest.mark.parametrize("bad", [1.5, 100.0, "100", True, None])
def test_non_int_is_refused(bad: object) -> None:
    with pytest.raises(TypeError):
        to_capitals(bad)  # type: ignore[arg-type]


# ---- an independent reader of capitals, for the properties --------------------------

_DIGIT_VALUE = {ch: i for i, ch in enumerate("零壹贰叁肆伍陆柒捌玖")}
_SMALL_UNIT = {"拾": 10, "佰": 100, "仟": 1000}
_ALLOWED = set("人民币零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")


def read_capitals(text: str) -> int:
    """Turn 人民币…元…角…分 back into fen, independently of the implementation."""
    assert text.startswith("人民币")
    body = text.removeprefix("人民币").removesuffix("整")
    yuan_text, has_yuan, small = body.rpartition("元") if "元" in body else ("", "", body)
    total = section = number = 0
    for ch in yuan_text:
        if ch in _DIGIT_VALUE:
            number = _DIGIT_VALUE[ch]
        elif ch in _SMALL_UNIT:
            assert number, f"unit {ch} without its digit in {text}"
            section += number * _SMALL_UNIT[ch]
            number = 0
        elif ch == "万":
            section = (section + number) * 10_000
            number = 0
        elif ch == "亿":
            total = (total + section + number) * 10**8
            section = number = 0
        else:
            raise AssertionError(f"unexpected {ch!r} in {text}")
    yuan = total + section + number
    assert has_yuan or yuan == 0
    jiao = fen_digit = 0
    if m := re.search("(.)角", small):
        jiao = _DIGIT_VALUE[m.group(1)]
    if m := re.search("(.)分", small):
        fen_digit = _DIGIT_VALUE[m.group(1)]
    return yuan * 100 + jiao * 10 + fen_digit


amounts = st.one_of(
    st.integers(min_value=0, max_value=DEFAULT_CEILING_FEN),
    st.integers(min_value=0, max_value=MAX_FEN_EXCLUSIVE - 1),
    # Mostly-zero amounts exercise the 零 rules far more than uniform ones.
    st.lists(st.sampled_from([0, 0, 0, 1, 5, 9]), min_size=1, max_size=16).map(
        lambda ds: int("".join(map(str, ds)))
    ),
)


@given(amounts)
def test_output_is_well_formed(value: int) -> None:
    text = to_capitals(value)
    assert text.startswith("人民币")
    assert text.endswith(("整", "角", "分"))
    assert set(text) <= _ALLOWED
    assert "零零" not in text
    # 零 never stands right before a unit or at the end of the 元 part.
    assert not re.search("零[拾佰仟万亿元角分整]", text) or text == "人民币零元整"
    # 整 only after 元; 角 and 分 never followed by 整.
    assert ("整" in text) == (value % 100 == 0)
    assert text.count("人民币") == 1


@given(amounts)
def test_capitals_read_back_to_the_same_amount(value: int) -> None:
    assert read_capitals(to_capitals(value)) == value
