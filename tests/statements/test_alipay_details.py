"""Alipay's 业务明细: GBK, # comments, tabs after numbers, full-width brackets, totals."""

from __future__ import annotations

from datetime import datetime

import pytest

from station_app.domain.statements.detect import parse_statement
from station_app.domain.statements.model import LineDirection, StatementError, StatementSource
from tests.statements.helpers import ALIPAY_DETAILS, ALIPAY_SUMMARY, replace_once, rows, text_of


def test_details_lines_refund_and_service_fees() -> None:
    raw = ALIPAY_DETAILS.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture is GBK, as Alipay writes it
    details = parse_statement(rows(text_of(ALIPAY_DETAILS)))
    assert details.source is StatementSource.ALIPAY and details.summary_checked
    payments = [x for x in details.lines if x.direction is LineDirection.PAYMENT]
    refunds = [x for x in details.lines if x.direction is LineDirection.REFUND]
    assert [x.amount_fen for x in payments] == [2000, 8800, 50000]
    assert [(x.amount_fen, x.reference, x.order_reference) for x in refunds] == [
        (8800, "RF20261103152041", "2026110322001419930512345602")
    ]
    # Alipay writes a charged fee as -0.12; the station's fee is positive when charged.
    assert payments[0].fee_millifen == 12000 and refunds[0].fee_millifen == -53000
    assert payments[0].local_time == datetime(2026, 11, 3, 9, 5, 14)  # 完成时间
    assert payments[0].reference == "2026110322001419930512345601"  # no trailing tab


def test_counterparty_is_masked_again() -> None:
    details = parse_statement(rows(text_of(ALIPAY_DETAILS)))
    assert [x.payer_masked for x in details.lines][:3] == [
        "津*(6***@qq.com)",
        "博*(156******89)",
        "王*(w***@163.com)",
    ]


def test_half_width_brackets_work_the_same() -> None:
    text = text_of(ALIPAY_DETAILS).replace("（元）", "(元)")
    assert parse_statement(rows(text)).lines == parse_statement(rows(text_of(ALIPAY_DETAILS))).lines


def _refusal(text: str) -> StatementError:
    with pytest.raises(StatementError) as caught:
        parse_statement(rows(text))
    return caught.value


def test_totals_that_disagree_are_refused() -> None:
    text = replace_once(text_of(ALIPAY_DETAILS), "商家实收共608.00元", "商家实收共688.00元")
    err = _refusal(text)
    assert err.code == "statement.summary_mismatch" and "交易合计" in err.message_zh
    assert "Alipay business details, line 11" in err.message_en


def test_file_without_its_end_marker_is_truncated() -> None:
    text = text_of(ALIPAY_DETAILS)
    cut = text[: text.index("#-----------------------------------------业务明细列表结束")]
    assert _refusal(cut).code == "statement.truncated"


def test_unknown_business_type_names_its_line() -> None:
    text = replace_once(text_of(ALIPAY_DETAILS), "交易\t", "分账\t")
    err = _refusal(text)
    assert err.code == "statement.bad_type" and "第 6 行" in err.message_zh


def test_a_payment_with_a_negative_amount_is_refused() -> None:
    text = replace_once(text_of(ALIPAY_DETAILS), ",20.00,20.00,", ",-20.00,-20.00,")
    assert _refusal(text).code == "statement.wrong_sign"


def test_the_summary_file_of_the_zip_is_named_for_what_it_is() -> None:
    err = _refusal(text_of(ALIPAY_SUMMARY))
    assert err.code == "statement.look_alike" and "业务汇总" in err.message_zh
