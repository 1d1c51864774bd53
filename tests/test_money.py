"""Tests of integer-fen money: the strict parser and the formatters.

Every refusal is checked by its stable code (the UI and the logs depend on it, not on
the wording), and the properties make sure that anything the program prints can be
typed back in, and that no text at all can make the parser fail in an unplanned way.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from station_app.domain.errors import ValidationError
from station_app.domain.money import (
    DEFAULT_CEILING_FEN,
    MAX_INPUT_CHARS,
    format_fen,
    format_fen_plain,
    parse_amount,
)

ACCEPTED: list[tuple[str, int]] = [
    ("100", 10_000),
    ("1", 100),
    ("100.5", 10_050),
    ("100.50", 10_050),
    ("100.05", 10_005),
    ("0.01", 1),
    ("0.5", 50),
    (".5", 50),
    ("100.", 10_000),
    ("007", 700),
    ("1,000.00", 100_000),
    ("1,000", 100_000),
    ("123,456.78", 12_345_678),
    ("999,999.99", 99_999_999),
    ("1,000,000", DEFAULT_CEILING_FEN),
    ("1000000.00", DEFAULT_CEILING_FEN),
    ("¥100", 10_000),
    ("￥100", 10_000),
    ("¥ 100", 10_000),
    ("¥1,000.50", 100_050),
    ("100元", 10_000),
    ("100 元", 10_000),
    ("¥100元", 10_000),
    ("１００", 10_000),
    ("１００．５", 10_050),
    ("１，０００．００", 100_000),
    ("￥１２．３４", 1_234),
    ("  100  ", 10_000),
    ("\u3000100\u3000", 10_000),
    ("\t100.00\n", 10_000),
    ("\u3000￥１，２３４．５６元\u3000", 123_456),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepted(text: str, expected: int) -> None:
    assert parse_amount(text) == expected


REFUSED: list[tuple[str, str]] = [
    # empty
    ("", "amount.empty"),
    ("   ", "amount.empty"),
    ("\u3000", "amount.empty"),
    ("\t\n", "amount.empty"),
    # zero
    ("0", "amount.zero"),
    ("0.00", "amount.zero"),
    ("000", "amount.zero"),
    (".0", "amount.zero"),
    ("¥0", "amount.zero"),
    ("０．００", "amount.zero"),
    # negative
    ("-1", "amount.negative"),
    ("-100.50", "amount.negative"),
    ("－100", "amount.negative"),
    ("-¥12.00", "amount.negative"),
    ("¥-12", "amount.negative"),
    ("￥－12", "amount.negative"),
    ("-0", "amount.negative"),
    ("-1,000", "amount.negative"),
    # too many decimals
    ("1.234", "amount.too_many_decimals"),
    ("1.001", "amount.too_many_decimals"),
    ("1.500", "amount.too_many_decimals"),
    ("0.001", "amount.too_many_decimals"),
    ("1,000.123", "amount.too_many_decimals"),
    ("１．２３４", "amount.too_many_decimals"),
    # invalid
    ("abc", "amount.invalid"),
    ("1e3", "amount.invalid"),
    ("1E3", "amount.invalid"),
    ("NaN", "amount.invalid"),
    ("nan", "amount.invalid"),
    ("inf", "amount.invalid"),
    ("Infinity", "amount.invalid"),
    ("0x10", "amount.invalid"),
    ("0b1", "amount.invalid"),
    ("1_000", "amount.invalid"),
    ("+100", "amount.invalid"),
    ("1.2.3", "amount.invalid"),
    ("1..2", "amount.invalid"),
    (".", "amount.invalid"),
    ("1 000", "amount.invalid"),
    ("10 0.50", "amount.invalid"),
    ("1\u30000", "amount.invalid"),
    ("10,00", "amount.invalid"),
    ("1,0000", "amount.invalid"),
    ("1,00,000", "amount.invalid"),
    (",100", "amount.invalid"),
    ("100,", "amount.invalid"),
    ("0,100", "amount.invalid"),
    ("1,000,00", "amount.invalid"),
    ("1.000,50", "amount.invalid"),
    ("100.5.", "amount.invalid"),
    ("RMB100", "amount.invalid"),
    ("100RMB", "amount.invalid"),
    ("$100", "amount.invalid"),
    ("100¥", "amount.invalid"),
    ("¥", "amount.invalid"),
    ("元", "amount.invalid"),
    ("¥元", "amount.invalid"),
    ("¥¥100", "amount.invalid"),
    ("100元元", "amount.invalid"),
    ("--100", "amount.invalid"),
    ("- 100", "amount.invalid"),
    ("-abc", "amount.invalid"),
    ("一百", "amount.invalid"),
    ("壹佰", "amount.invalid"),
    ("١٠٠", "amount.invalid"),  # Arabic-Indic digits are not what a station keyboard types
    ("１００\u00bd", "amount.invalid"),
    ("1" * (MAX_INPUT_CHARS + 1), "amount.invalid"),
    ("9" * 10_000, "amount.invalid"),
    ("1" + " " * 1_000_000, "amount.invalid"),
    # too large
    ("1,000,000.01", "amount.too_large"),
    ("1000001", "amount.too_large"),
    ("99999999999999999999", "amount.too_large"),
    ("￥２，０００，０００", "amount.too_large"),
]


@pytest.mark.parametrize(("text", "code"), REFUSED)
def test_refused(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_amount(text)
    error = caught.value
    assert error.code == code
    assert error.field == "amount"
    assert error.message("zh") and error.message("en")
    assert error.message("zh") != error.message("en")


def test_distinct_codes_have_distinct_messages() -> None:
    messages: dict[str, tuple[str, str]] = {}
    for text in ("", "0", "-1", "1.001", "abc", "2000000"):
        with pytest.raises(ValidationError) as caught:
            parse_amount(text)
        messages[caught.value.code] = (caught.value.message_zh, caught.value.message_en)
    assert len(messages) == 6
    assert len({zh for zh, _ in messages.values()}) == 6
    assert len({en for _, en in messages.values()}) == 6
    assert messages["amount.empty"] == ("金额不能为空", "Please enter an amount.")
    assert messages["amount.too_many_decimals"][1] == (
        "An amount can have at most two decimal places (fen)."
    )


def test_too_large_names_the_ceiling() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_amount("1,000,000.01")
    assert "¥1,000,000.00" in caught.value.message_zh
    assert "¥1,000,000.00" in caught.value.message_en


def test_custom_ceiling_and_field() -> None:
    assert parse_amount("500", ceiling_fen=50_000) == 50_000
    with pytest.raises(ValidationError) as caught:
        parse_amount("500.01", ceiling_fen=50_000, field="cash_counted")
    assert caught.value.code == "amount.too_large"
    assert caught.value.field == "cash_counted"
    assert "¥500.00" in caught.value.message_en


@pytest.mark.parametrize("ceiling", [0, -1, True, 10.0])
def test_bad_ceiling_is_a_programming_error(ceiling: object) -> None:
    with pytest.raises(ValueError):
        parse_amount("1", ceiling_fen=ceiling)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [None, 100, 100.0, b"100"])
def test_non_str_is_a_programming_error(bad: object) -> None:
    with pytest.raises(TypeError):
        parse_amount(bad)  # type: ignore[arg-type]


# ---- formatting -----------------------------------------------------------------------

FORMATTED: list[tuple[int, str, str]] = [
    (0, "¥0.00", "0.00"),
    (1, "¥0.01", "0.01"),
    (5, "¥0.05", "0.05"),
    (50, "¥0.50", "0.50"),
    (100, "¥1.00", "1.00"),
    (100_050, "¥1,000.50", "1000.50"),
    (99_999_999, "¥999,999.99", "999999.99"),
    (DEFAULT_CEILING_FEN, "¥1,000,000.00", "1000000.00"),
    (123_456_789_012, "¥1,234,567,890.12", "1234567890.12"),
    (-1_200, "-¥12.00", "-12.00"),
    (-5, "-¥0.05", "-0.05"),
    (-123_456, "-¥1,234.56", "-1234.56"),
]


@pytest.mark.parametrize(("fen", "pretty", "plain"), FORMATTED)
def test_format(fen: int, pretty: str, plain: str) -> None:
    assert format_fen(fen) == pretty
    assert format_fen_plain(fen) == plain


@pytest.mark.parametrize("bad", [1.5, 100.0, "100", True, None])
def test_format_refuses_non_int(bad: object) -> None:
    with pytest.raises(TypeError):
        format_fen(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_fen_plain(bad)  # type: ignore[arg-type]


# ---- properties -------------------------------------------------------------------------

valid_fen = st.integers(min_value=1, max_value=DEFAULT_CEILING_FEN)


@pytest.mark.parametrize("fen", [1, 9, 10, 99, 100, 101, 99_999, 100_000, DEFAULT_CEILING_FEN])
def test_round_trip_boundaries(fen: int) -> None:
    assert parse_amount(format_fen(fen)) == fen
    assert parse_amount(format_fen_plain(fen)) == fen


@given(valid_fen)
def test_round_trip_pretty(fen: int) -> None:
    assert parse_amount(format_fen(fen)) == fen


@given(valid_fen)
def test_round_trip_plain(fen: int) -> None:
    assert parse_amount(format_fen_plain(fen)) == fen


@given(st.integers(min_value=-DEFAULT_CEILING_FEN, max_value=-1))
def test_formatted_negative_is_refused_as_negative(fen: int) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_amount(format_fen(fen))
    assert caught.value.code == "amount.negative"


def _parses_or_refuses(text: str) -> None:
    try:
        fen = parse_amount(text)
    except ValidationError as error:
        assert error.code.startswith("amount.")
        assert error.field == "amount"
    else:
        assert type(fen) is int
        assert 1 <= fen <= DEFAULT_CEILING_FEN


@given(st.text())
def test_any_text_parses_or_is_refused(text: str) -> None:
    _parses_or_refuses(text)


# Text made of the characters that matter, so the interesting paths are actually hit.
number_like = st.text(
    alphabet="0123456789０１２３４５６７８９.,．，¥￥元-－+ \u3000\teExnaNfi_",
    max_size=40,
)


@given(number_like)
def test_number_like_text_parses_or_is_refused(text: str) -> None:
    _parses_or_refuses(text)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_parse_agrees_with_yuan_and_fen(yuan: int, rest: int) -> None:
    fen = yuan * 100 + rest
    text = f"{yuan:,}.{rest:02d}"
    try:
        assert parse_amount(text) == fen
    except ValidationError as error:
        expected = "amount.zero" if fen == 0 else "amount.too_large"
        assert error.code == expected
        assert fen == 0 or fen > DEFAULT_CEILING_FEN


def test_long_grouping_with_a_higher_ceiling() -> None:
    assert parse_amount("12,345,678.90", ceiling_fen=10**12) == 1_234_567_890
    with pytest.raises(ValidationError) as caught:
        parse_amount("12,345,6789.90", ceiling_fen=10**12)
    assert caught.value.code == "amount.invalid"
