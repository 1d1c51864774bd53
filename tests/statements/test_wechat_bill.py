"""The WeChat Pay merchant bill: every quirk of the real file, and every way it can be wrong."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from station_app.domain.statements.detect import parse_statement
from station_app.domain.statements.model import LineDirection, StatementError, StatementSource
from station_app.domain.statements.wechat import parse_wechat
from tests.statements.helpers import (
    WECHAT_ALL,
    WECHAT_EXCEL,
    WECHAT_SUCCESS,
    replace_once,
    rows,
    text_of,
)


def test_all_bill_lines_amounts_fees_and_refunds_kept_apart() -> None:
    bill = parse_statement(rows(text_of(WECHAT_ALL)))
    assert bill.source is StatementSource.WECHAT and bill.variant == "ALL"
    assert bill.summary_checked
    assert (bill.first_day, bill.last_day) == (date(2026, 11, 3), date(2026, 11, 3))
    payments = [x for x in bill.lines if x.direction is LineDirection.PAYMENT]
    refunds = [x for x in bill.lines if x.direction is LineDirection.REFUND]
    assert [x.amount_fen for x in payments] == [5000, 1000, 1000, 20000, 888, 10000, 6600]
    assert bill.total_fen(LineDirection.PAYMENT) == 44488
    assert [(x.amount_fen, x.reference, x.order_reference) for x in refunds] == [
        (1000, "50300506012026110300112233", "4200002213202611031234567802")
    ]
    # Five-decimal fees, exact: 0.6% of ¥8.88 is ¥0.05328; a refund gives its fee back.
    assert payments[4].fee_millifen == 5328 and refunds[0].fee_millifen == -6000
    assert sum(x.fee_millifen for x in bill.lines) == 260928
    first = payments[0]
    assert first.local_time == datetime(2026, 11, 3, 9, 12, 5)
    assert first.reference == "4200002213202611031234567801"
    assert first.order_reference == "GZYX0012-20261103-0001"


def test_backticks_trailing_tab_and_bom_leave_no_trace() -> None:
    text = text_of(WECHAT_ALL)
    assert "\t" in text and "`" in text  # the fixture has the quirks
    for line in parse_statement(rows(text)).lines:
        for value in (line.reference, line.order_reference):
            assert value is None or ("`" not in value and value == value.strip())
    assert parse_statement(rows("\ufeff" + text)).lines == parse_statement(rows(text)).lines


def test_payer_openid_is_kept_only_masked() -> None:
    bill = parse_statement(rows(text_of(WECHAT_ALL)))
    assert bill.lines[0].payer_masked == "oUp****eS6o"
    assert all(x.payer_masked != "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" for x in bill.lines)


def test_success_bill_without_refund_columns() -> None:
    bill = parse_statement(rows(text_of(WECHAT_SUCCESS)))
    assert bill.variant == "SUCCESS" and bill.summary_checked
    assert bill.count(LineDirection.REFUND) == 0
    assert bill.total_fen(LineDirection.PAYMENT) == 44488


def test_excel_saved_gbk_crlf_bill_reads_the_same() -> None:
    assert WECHAT_EXCEL.read_bytes()[:3] != b"\xef\xbb\xbf"  # no BOM, GBK
    excel = parse_statement(rows(text_of(WECHAT_EXCEL)))
    assert excel.lines == parse_statement(rows(text_of(WECHAT_ALL))).lines


def test_double_space_and_slashes_in_times_are_read() -> None:
    text = replace_once(text_of(WECHAT_ALL), "`2026-11-03 09:12:05", "`2026/11/3  09:12:05")
    assert parse_statement(rows(text)).lines[0].local_time == datetime(2026, 11, 3, 9, 12, 5)


def _refusal(text: str) -> StatementError:
    with pytest.raises(StatementError) as caught:
        parse_statement(rows(text))
    return caught.value


def test_summary_that_does_not_match_the_lines_is_refused_naming_the_total() -> None:
    text = replace_once(text_of(WECHAT_ALL), "`200.00,`0.00,`0,", "`250.00,`0.00,`0,")
    err = _refusal(text)
    assert err.code == "statement.summary_mismatch"
    assert "应结订单总金额" in err.message_zh and "第 11 行" in err.message_zh
    assert "line 11" in err.message_en and "WeChat Pay merchant bill" in err.message_en


def test_a_line_removed_is_caught_by_the_count() -> None:
    lines = text_of(WECHAT_ALL).splitlines()
    err = _refusal("\n".join(lines[:3] + lines[4:]))
    assert err.code == "statement.summary_mismatch" and "总交易单数" in err.message_zh


def test_fee_total_is_checked_exactly() -> None:
    text = replace_once(text_of(WECHAT_ALL), "`2.60928", "`2.60929")
    assert "手续费总金额" in _refusal(text).message_zh


def test_truncated_bill_without_summary_is_refused() -> None:
    lines = text_of(WECHAT_ALL).splitlines()
    err = _refusal("\n".join(lines[:6]))
    assert err.code == "statement.truncated"
    assert "汇总" in err.message_zh and "summary" in err.message_en


def test_bill_cut_in_the_middle_of_a_line_names_the_line() -> None:
    text = text_of(WECHAT_ALL)
    cut = text[: text.index("`ICBC_DEBIT")]
    err = _refusal(cut)
    assert err.code == "statement.column_count" and "第 5 行" in err.message_zh


def test_summary_header_without_totals_is_truncation() -> None:
    lines = text_of(WECHAT_ALL).splitlines()
    assert _refusal("\n".join(lines[:-1])).code == "statement.summary_missing"


def test_anything_after_the_summary_is_refused() -> None:
    text = text_of(WECHAT_ALL) + "`2026-11-03 18:00:00,`x\n"
    assert _refusal(text).code == "statement.after_summary"


def test_bad_amount_names_line_and_column() -> None:
    text = replace_once(text_of(WECHAT_ALL), "`66.00,`0.00,`0,", "`66.0.0,`0.00,`0,")
    err = _refusal(text)
    assert err.code == "statement.bad_amount"
    assert "第 9 行" in err.message_zh and "应结订单金额" in err.message_zh


def test_ids_destroyed_by_excel_are_refused_not_guessed() -> None:
    text = replace_once(text_of(WECHAT_ALL), "`4200002213202611031234567804", "`4.20000E+27")
    err = _refusal(text)
    assert err.code == "statement.scientific_id" and "科学计数法" in err.message_zh


def test_unknown_status_and_foreign_currency_are_refused() -> None:
    text = text_of(WECHAT_ALL)
    assert _refusal(replace_once(text, "`SUCCESS", "`NOTPAY")).code == "statement.bad_status"
    assert _refusal(replace_once(text, "`CNY", "`USD")).code == "statement.currency"


def test_header_missing_a_needed_column_is_named() -> None:
    text = replace_once(text_of(WECHAT_ALL), "应结订单金额,", "结算金额,")
    err = _refusal(text)
    assert err.code == "statement.missing_columns" and "应结订单金额" in err.message_zh


def test_revoked_payment_is_money_back_not_a_donation() -> None:
    text = replace_once(text_of(WECHAT_ALL), "`CCB_CREDIT", "`CCB_CREDIT")
    text = text.replace("`NATIVE,`SUCCESS,`CCB_CREDIT", "`NATIVE,`REVOKED,`CCB_CREDIT")
    bill = parse_wechat(rows(text))
    revoked = [x for x in bill.lines if x.reference == "4200002213202611031234567806"]
    assert [(x.direction, x.amount_fen) for x in revoked] == [(LineDirection.REFUND, 10000)]
