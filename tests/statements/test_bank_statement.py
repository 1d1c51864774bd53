"""A bank's statement through the coordinator's column mapping."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from station_app.domain.errors import ValidationError
from station_app.domain.statements.bank import BankMapping, parse_bank, validate_mapping
from station_app.domain.statements.detect import header_candidates, parse_statement
from station_app.domain.statements.model import LineDirection, StatementError, StatementSource
from tests.statements.helpers import BANK_CSV, rows, text_of

ICBC = BankMapping(
    bank="工商银行",
    date="交易日期",
    time="交易时间",
    amount="收入金额",
    counterparty="对方户名",
    reference="交易流水号",
)


def test_lines_between_preamble_and_footer_with_separate_in_column() -> None:
    statement = parse_statement(rows(text_of(BANK_CSV)), [ICBC])
    assert statement.source is StatementSource.BANK and statement.bank_name == "工商银行"
    assert [(x.day, x.amount_fen, x.reference) for x in statement.lines] == [
        (date(2026, 11, 3), 100000, "B2026110300012345"),
        (date(2026, 11, 3), 30000, "B2026110300012399"),
        (date(2026, 11, 4), 5000, "B2026110400000077"),
    ]
    assert statement.lines[1].local_time == datetime(2026, 11, 3, 11, 47, 52)
    assert [x.payer_masked for x in statement.lines] == ["广*************", "张**", "李*"]


SIGNED = """户名：北京街社区慈善捐赠站
记账日期,金额,借贷标志,对方名称,流水号
20261103,"1,000.00",贷,某公司,N001
20261103,15.00,借,,N002
20261103,-30.00,贷,王五,N003
"""


def test_direction_column_decides_in_and_out() -> None:
    mapping = BankMapping(
        bank="建设银行", date="记账日期", amount="金额", direction="借贷标志", reference="流水号"
    )
    lines = parse_bank(rows(SIGNED.replace("-30.00", "30.00")), mapping).lines
    assert [(x.direction, x.amount_fen) for x in lines] == [
        (LineDirection.PAYMENT, 100000),
        (LineDirection.OUTGOING, 1500),
        (LineDirection.PAYMENT, 3000),
    ]
    assert lines[0].local_time is None  # this bank gives dates only


def test_signed_amount_without_direction_column() -> None:
    mapping = BankMapping(bank="农商银行", date="记账日期", amount="金额")
    lines = parse_bank(rows(SIGNED), mapping).lines
    assert [x.direction for x in lines] == [
        LineDirection.PAYMENT,
        LineDirection.PAYMENT,
        LineDirection.OUTGOING,
    ]


def test_a_bad_date_names_the_line_and_the_bank() -> None:
    text = text_of(BANK_CSV).replace("2026/11/4", "11月4日")
    with pytest.raises(StatementError) as caught:
        parse_statement(rows(text), [ICBC])
    assert caught.value.code == "statement.bad_date"
    assert "工商银行银行对账单第 8 行" in caught.value.message_zh


def test_header_is_found_for_setting_up_a_mapping() -> None:
    found = header_candidates(rows(text_of(BANK_CSV)))
    assert found is not None
    number, names = found
    assert number == 4 and names[:4] == ("交易日期", "交易时间", "摘要", "收入金额")


def test_a_mapping_needs_a_bank_name_date_and_amount_each_column_once() -> None:
    with pytest.raises(ValidationError):
        validate_mapping(BankMapping(bank="", date="交易日期", amount="收入金额"))
    with pytest.raises(ValidationError):
        validate_mapping(BankMapping(bank="工行", date="交易日期", amount=""))
    with pytest.raises(ValidationError):
        validate_mapping(BankMapping(bank="工行", date="交易日期", amount="交易日期"))
    again = BankMapping.from_dict(ICBC.as_dict())
    assert again == validate_mapping(ICBC)
