"""The WeChat Pay merchant bill (交易账单), as the merchant platform and the API give it.

Shape (documented by WeChat Pay, "交易账单格式说明"): a header row; one row per payment or
refund, every field preceded by a backtick so Excel keeps long numbers as text; then a
summary header (``总交易单数,应结订单总金额,…``) and one row of totals.  Three types exist:
ALL (payments and refunds), SUCCESS (payments only, without the refund columns) and
REFUND (refunds, with their request and success times).

The summary is the file's own check: its count and totals must equal the lines, or the
file is refused as cut short or altered.  Amounts are yuan; the settlement amount
(``应结订单金额``) is what the station is owed for a payment, ``退款金额`` what a refund gave
back; fees (``手续费``) have five decimals and are kept apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from station_app.domain.money import format_fen
from station_app.domain.statements.amounts import (
    AmountReader,
    fee_millifen,
    format_millifen,
    parse_local,
    signed_fen,
)
from station_app.domain.statements.columns import Columns, RowCells
from station_app.domain.statements.masking import mask_payer
from station_app.domain.statements.model import (
    WECHAT_NAME,
    LineDirection,
    ParsedStatement,
    SourceRow,
    StatementLine,
    StatementSource,
    line_error,
)
from station_app.domain.statements.rows import clean_cell, header_key, non_blank
from station_app.domain.transaction_reference import looks_scientific, normalize_reference

FMT: Final = WECHAT_NAME
TIME, ORDER_ID, MERCHANT_ORDER, PAYER = "交易时间", "微信订单号", "商户订单号", "用户标识"
STATUS, CURRENCY, SETTLED, FEE = "交易状态", "货币种类", "应结订单金额", "手续费"
REFUND_ID, REFUNDED, ORDER_AMOUNT = "微信退款单号", "退款金额", "订单金额"
REQUIRED: Final = (TIME, ORDER_ID, MERCHANT_ORDER, PAYER, STATUS, CURRENCY, SETTLED, FEE)
SUMMARY_FIRST: Final = "总交易单数"
#: Each summary total and the column whose lines it adds up.
SUMMARY_OF: Final = {
    "应结订单总金额": SETTLED,
    "退款总金额": REFUNDED,
    "充值券退款总金额": "充值券退款金额",
    "订单总金额": ORDER_AMOUNT,
    "申请退款总金额": "申请退款金额",
}
FEE_TOTAL: Final = "手续费总金额"


def is_wechat_header(row: SourceRow) -> bool:
    keys = [header_key(c) for c in row.cells]
    return bool(keys) and keys[0] == TIME and ORDER_ID in keys and MERCHANT_ORDER in keys


def _reference(cells: RowCells, column: str) -> str | None:
    ref = normalize_reference(cells.get(column))
    if ref in ("", "0"):  # the refund number of a payment row is written as 0
        return None
    if looks_scientific(ref):
        raise line_error(
            FMT,
            cells.line,
            "scientific_id",
            f"“{column}”被 Excel 改成了科学计数法（{ref}），数字已经丢失；"
            "请使用从商户平台直接下载、未经 Excel 保存的原始文件",
            f"{column} was turned into scientific notation by Excel ({ref}) and its digits "
            "are lost; use the file as downloaded from the merchant platform, not saved by Excel.",
        )
    return ref


def _line(cells: RowCells, variant: str, money: dict[str, int], fee: int) -> StatementLine | None:
    """The row as a line (``money``: its amount columns, parsed once for line and sums)."""
    when = parse_local(cells.get(TIME))
    if when is None or when[1] is None:
        raise line_error(
            FMT,
            cells.line,
            "bad_time",
            f"交易时间“{cells.get(TIME)[:30]}”不是“年-月-日 时:分:秒”",
            f"the time “{cells.get(TIME)[:30]}” is not “year-month-day hour:minute:second”.",
        )
    currency = cells.get(CURRENCY)
    if currency not in ("CNY", ""):
        raise line_error(
            FMT,
            cells.line,
            "currency",
            f"货币种类为“{currency[:10]}”，站点只收人民币（CNY）",
            f"the currency is “{currency[:10]}”; the station takes only CNY.",
        )
    day, moment = when
    status = cells.get(STATUS).upper()
    order_id = _reference(cells, ORDER_ID)
    merchant_order = _reference(cells, MERCHANT_ORDER)
    settled = money[SETTLED]
    payer = mask_payer(account=cells.get(PAYER))
    if status == "SUCCESS" and variant != "REFUND":
        direction, amount, reference, other = (
            LineDirection.PAYMENT,
            settled,
            order_id,
            merchant_order,
        )
    elif status == "REFUND":
        direction, amount = LineDirection.REFUND, money[REFUNDED]
        reference, other = _reference(cells, REFUND_ID) or order_id, order_id
    elif status == "REVOKED":  # paid, then revoked: the money went back
        ordered = money.get(ORDER_AMOUNT, 0)
        direction, amount, reference, other = (
            LineDirection.REFUND,
            settled or ordered,
            order_id,
            merchant_order,
        )
    else:
        raise line_error(
            FMT,
            cells.line,
            "bad_status",
            f"交易状态“{cells.get(STATUS)[:20]}”不是 SUCCESS、REFUND 或 REVOKED",
            f"the status “{cells.get(STATUS)[:20]}” is not SUCCESS, REFUND or REVOKED.",
        )
    if amount < 0:
        raise line_error(
            FMT,
            cells.line,
            "negative",
            "金额为负数，微信支付账单中不应出现",
            "the amount is negative, which a WeChat Pay bill never has.",
        )
    if amount == 0:
        return None  # fully paid by a free coupon: nothing was received
    return StatementLine(
        line_no=cells.line,
        direction=direction,
        day=day,
        local_time=moment,
        amount_fen=amount,
        fee_millifen=fee,
        reference=reference,
        order_reference=other,
        payer_masked=payer,
    )


def _check_summary(
    header: SourceRow, values: SourceRow, count: int, sums: dict[str, int], fees: int
) -> None:
    names = [header_key(c) for c in header.cells]
    cells = [clean_cell(c) for c in values.cells]
    if len(cells) < len(names):
        raise line_error(
            FMT,
            values.number,
            "summary_short",
            "汇总行不完整（文件可能被截断）",
            "the summary row is incomplete (the file may be cut short).",
        )
    for name, text in zip(names, cells, strict=False):
        if name == SUMMARY_FIRST:
            stated, actual = (int(text) if text.isdigit() else -1), count
            shown_stated, shown_actual = text, str(count)
            what_zh, what_en = "总交易单数", "the number of lines"
        elif name == FEE_TOTAL:
            stated = fee_millifen(text, FMT, values.number, name)
            actual, shown_stated, shown_actual = fees, text, format_millifen(fees)
            what_zh, what_en = name, "the fee total"
        elif name in SUMMARY_OF:
            stated = signed_fen(text, FMT, values.number, name)
            actual = sums.get(SUMMARY_OF[name], 0)
            shown_stated, shown_actual = text, format_fen(actual)
            what_zh, what_en = name, f"the total {name}"
        else:
            continue
        if stated != actual:
            raise line_error(
                FMT,
                values.number,
                "summary_mismatch",
                f"汇总行的{what_zh}为 {shown_stated}，明细合计为 {shown_actual}："
                "文件不完整或被改动过，请重新下载",
                f"the summary gives {what_en} as {shown_stated} but the lines add up to "
                f"{shown_actual}: the file is incomplete or was altered; download it again.",
            )


def parse_wechat(rows: Iterable[SourceRow]) -> ParsedStatement:
    """Every line of a WeChat Pay bill, checked against its summary; or a line error."""
    stream = non_blank(rows)
    header = next(stream, None)
    if header is None or not is_wechat_header(header):
        raise line_error(
            FMT, 1, "not_wechat", "第一行不是交易账单的表头", "the first line is not its header."
        )
    columns = Columns.of(header)
    columns.require(FMT, REQUIRED)
    variant = (
        "REFUND" if columns.has("退款申请时间") else "ALL" if columns.has(REFUNDED) else "SUCCESS"
    )
    if variant != "SUCCESS":
        columns.require(FMT, (REFUND_ID, REFUNDED))
    summed = [name for name in SUMMARY_OF.values() if columns.has(name)]
    sums = dict.fromkeys(summed, 0)
    fees = count = 0
    amounts = AmountReader(FMT)
    lines: list[StatementLine] = []
    summary: tuple[SourceRow, SourceRow] | None = None
    for row in stream:
        if summary is not None:
            raise line_error(
                FMT,
                row.number,
                "after_summary",
                "汇总行之后还有内容（文件被拼接或改动过）",
                "there is more after the summary (the file was joined or altered).",
            )
        if header_key(row.cells[0]) == SUMMARY_FIRST:
            values = next(stream, None)
            if values is None:
                raise line_error(
                    FMT,
                    row.number,
                    "summary_missing",
                    "汇总表头后没有汇总数据（文件被截断）",
                    "the summary header has no totals after it (the file is cut short).",
                )
            summary = (row, values)
            continue
        cells = columns.cells(FMT, row)
        count += 1
        money = {name: amounts.fen(cells.get(name) or "0", row.number, name) for name in summed}
        for name in summed:
            sums[name] += money[name]
        fee = fee_millifen(cells.get(FEE), FMT, row.number, FEE)
        fees += fee
        line = _line(cells, variant, money, fee)
        if line is not None:
            lines.append(line)
    if summary is None:
        raise line_error(
            FMT,
            None,
            "truncated",
            "末尾没有汇总行（总交易单数、应结订单总金额…），文件不完整，请重新下载",
            "there is no summary at the end (总交易单数, 应结订单总金额, …): the file is "
            "incomplete; download it again.",
        )
    _check_summary(*summary, count, sums, fees)
    return ParsedStatement.of(StatementSource.WECHAT, lines, summary_checked=True, variant=variant)
