"""Detection by content: each statement recognised, each look-alike named, the rest refused."""

from __future__ import annotations

import pytest

from station_app.domain.statements.bank import BankMapping
from station_app.domain.statements.detect import parse_statement
from station_app.domain.statements.model import StatementError, StatementSource
from tests.statements.helpers import (
    ALIPAY_DETAILS,
    BANK_CSV,
    FIXTURES,
    WECHAT_ALL,
    rows,
    text_of,
)

BANK = BankMapping(bank="工商银行", date="交易日期", amount="收入金额")


@pytest.mark.parametrize(
    ("path", "source"),
    [
        (WECHAT_ALL, StatementSource.WECHAT),
        (ALIPAY_DETAILS, StatementSource.ALIPAY),
        (BANK_CSV, StatementSource.BANK),
    ],
)
def test_each_format_is_told_by_its_content(path, source) -> None:  # type: ignore[no-untyped-def]
    assert parse_statement(rows(text_of(path)), [BANK]).source is source


def _refusal(text: str, mappings=()) -> StatementError:  # type: ignore[no-untyped-def]
    with pytest.raises(StatementError) as caught:
        parse_statement(rows(text), mappings)
    return caught.value


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("personal_wechat_bill.csv", "个人微信支付账单"),
        ("personal_alipay_bill.csv", "个人支付宝账单"),
        ("alipay_account_log.csv", "支付宝账务明细"),
    ],
)
def test_look_alikes_are_named_with_what_to_download(name: str, named: str) -> None:
    err = _refusal(text_of(FIXTURES / name))
    assert err.code == "statement.look_alike"
    assert named in err.message_zh and "下载" in err.message_zh and "download" in err.message_en


def test_our_own_receipt_book_csv_is_not_a_statement() -> None:
    book = "日期,方式,金额,捐赠人,定向,备注,纸质收据号\n2026-03-08,现金,100,张三,,,P-0001\n"
    err = _refusal(book, [BANK])
    assert err.code == "statement.unknown"
    assert "微信支付交易账单" in err.message_zh and "工商银行" in err.message_zh
    assert "日期,方式,金额" in err.message_zh  # the line that failed, shown


def test_a_bank_file_without_its_mapping_asks_for_one() -> None:
    err = _refusal(text_of(BANK_CSV))
    assert err.code == "statement.unknown" and "设置列对应" in err.message_zh


def test_garbled_text_is_recognised_as_an_encoding_accident() -> None:
    garbled = text_of(WECHAT_ALL).encode("utf-8").decode("latin-1")
    err = _refusal(garbled)
    assert err.code == "statement.unknown" and "乱码" in err.message_zh


def test_empty_file() -> None:
    assert _refusal("\n\n,,,\n").code == "statement.empty"
