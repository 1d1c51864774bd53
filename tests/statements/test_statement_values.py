"""Amounts, fees, times, masks and references as statements write them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from station_app.domain.errors import ValidationError
from station_app.domain.statements.amounts import (
    fee_millifen,
    format_millifen,
    parse_local,
    signed_fen,
)
from station_app.domain.statements.masking import mask_account, mask_payer
from station_app.domain.statements.model import WECHAT_NAME, StatementError
from station_app.domain.transaction_reference import parse_reference


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("0", 0),
        ("0.00", 0),
        ("-0.00", 0),
        ("0.01", 1),
        ("-35.80", -3580),
        ("1,200.50", 120050),
        ("８８.００", 8800),
    ],
)
def test_signed_amounts_through_the_strict_parser(text: str, fen: int) -> None:
    assert signed_fen(text, WECHAT_NAME, 3, "应结订单金额") == fen


@pytest.mark.parametrize("text", ["1.234", "1e3", "12,34", "abc", "0x10", "", "--1"])
def test_what_the_form_refuses_a_statement_cannot_hold(text: str) -> None:
    with pytest.raises(StatementError) as caught:
        signed_fen(text, WECHAT_NAME, 3, "应结订单金额")
    assert "第 3 行" in caught.value.message_zh


def test_fees_to_five_decimals_exactly() -> None:
    assert fee_millifen("0.05328", WECHAT_NAME, 2, "手续费") == 5328
    assert fee_millifen("-0.06000", WECHAT_NAME, 2, "手续费") == -6000
    assert fee_millifen("0.6", WECHAT_NAME, 2, "手续费") == 60000
    assert fee_millifen("", WECHAT_NAME, 2, "手续费") == 0
    assert format_millifen(5328) == "¥0.05328" and format_millifen(60000) == "¥0.60"
    with pytest.raises(StatementError):
        fee_millifen("0.000001", WECHAT_NAME, 2, "手续费")


def test_times_as_providers_excel_and_banks_write_them() -> None:
    full = (date(2026, 11, 3), datetime(2026, 11, 3, 9, 5, 14))
    assert parse_local("2026-11-03 09:05:14") == full
    assert parse_local("2026/11/3  9:05:14") == full
    assert parse_local("20261103 090514") == full
    assert parse_local("2026-11-03 09:05") == (date(2026, 11, 3), datetime(2026, 11, 3, 9, 5))
    assert parse_local("2026年11月3日") == (date(2026, 11, 3), None)
    assert parse_local("20261103") == (date(2026, 11, 3), None)
    assert parse_local("2026-02-30") is None and parse_local("合计") is None


def test_masks_leave_nothing_to_find_anyone_by() -> None:
    assert mask_account("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o") == "oUp****eS6o"
    assert mask_account("6228480012345678912") == "622****8912"
    assert mask_account("zhangsan@example.com") == "z***@example.com"
    assert mask_payer(name="张晓红") == "张**"
    assert mask_payer(name="*津水(602***@qq.com)") == "津*(6***@qq.com)"
    assert mask_payer() is None


def test_references_typed_scanned_or_pasted() -> None:
    assert parse_reference(" ４２００ 0022 ") == "42000022"
    assert parse_reference("`4200002213202611031234567801\t") == "4200002213202611031234567801"
    assert parse_reference("") is None
    for bad, code in (
        ("4.2E+27", "reference.scientific"),
        ("单号123", "reference.bad_chars"),
        ("9" * 65, "reference.too_long"),
    ):
        with pytest.raises(ValidationError) as caught:
            parse_reference(bad)
        assert caught.value.code == code
