"""Alipay's merchant business details (业务明细), the CSV inside the bill's zip file.

Shape (as 商家中心 → 对账中心 and the bill API give it, GBK-encoded): ``#`` comment lines
naming the account and the period, a ``#---业务明细列表---`` line, the header, one row per
payment (业务类型 交易) or refund (退款, with negative amounts), a ``#---业务明细列表结束---``
line, and totals (``#交易合计：6笔，商家实收共0.06元…``, ``#退款合计：…``).  Long numbers end
with a tab so Excel keeps them as text; the brackets of ``订单金额（元）`` are full-width.

The end marker is the file's proof of completeness and the totals its check: a file
without the marker is refused as cut short, totals that differ from the lines as
altered.  A payment's amount is ``商家实收（元）``, what the station is owed before the
service fee (``服务费（元）``, negative when charged), which is kept apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from station_app.domain.money import format_fen
from station_app.domain.statements.amounts import fee_millifen, parse_local, signed_fen
from station_app.domain.statements.columns import Columns, RowCells
from station_app.domain.statements.masking import mask_payer
from station_app.domain.statements.model import (
    ALIPAY_NAME,
    LineDirection,
    ParsedStatement,
    SourceRow,
    StatementLine,
    StatementSource,
    line_error,
)
from station_app.domain.statements.rows import clean_cell, header_key
from station_app.domain.transaction_reference import looks_scientific, normalize_reference

FMT: Final = ALIPAY_NAME
TITLE: Final = "#支付宝业务明细查询"
TRADE_NO, ORDER_NO, TYPE, CREATED, DONE = (
    "支付宝交易号",
    "商户订单号",
    "业务类型",
    "创建时间",
    "完成时间",
)
PAYER, ORDERED, RECEIVED, FEE = "对方账户", "订单金额(元)", "商家实收(元)", "服务费(元)"
REFUND_NO: Final = "退款批次号/请求号"
REQUIRED: Final = (TRADE_NO, ORDER_NO, TYPE, DONE, PAYER, ORDERED, RECEIVED, FEE)
_END: Final = re.compile(r"#-*业务明细列表结束-*")
_TOTAL: Final = re.compile(
    r"#(?P<what>交易|退款)合计:(?P<n>[0-9]+)笔,?商家实收(?:退款)?共(?P<sum>-?[0-9.,]+)元"
)


def is_alipay_details(rows: list[SourceRow]) -> bool:
    """The title comment, or (a title lost to editing) the header among the first rows."""
    for row in rows[:12]:
        first = clean_cell(row.cells[0]) if row.cells else ""
        if first.startswith(TITLE) or header_key(first) == TRADE_NO:
            return True
    return False


def _reference(cells: RowCells, column: str) -> str | None:
    ref = normalize_reference(cells.get(column))
    if not ref:
        return None
    if looks_scientific(ref):
        raise line_error(
            FMT,
            cells.line,
            "scientific_id",
            f"“{column}”被 Excel 改成了科学计数法（{ref}），数字已经丢失；请使用下载的原始文件",
            f"{column} was turned into scientific notation by Excel ({ref}) and its digits "
            "are lost; use the file as downloaded.",
        )
    return ref


def _line(cells: RowCells) -> StatementLine | None:
    text = cells.get(DONE) or cells.get(CREATED)
    when = parse_local(text)
    if when is None or when[1] is None:
        raise line_error(
            FMT,
            cells.line,
            "bad_time",
            f"完成时间“{text[:30]}”不是“年-月-日 时:分:秒”",
            f"the time “{text[:30]}” is not “year-month-day hour:minute:second”.",
        )
    kind = cells.get(TYPE)
    received = signed_fen(cells.get(RECEIVED), FMT, cells.line, RECEIVED)
    # Alipay writes a charged fee as negative; the station's fee is positive when charged.
    fee = -fee_millifen(cells.get(FEE), FMT, cells.line, FEE)
    trade_no = _reference(cells, TRADE_NO)
    if kind == "交易":
        direction, amount = LineDirection.PAYMENT, received
        reference, other = trade_no, _reference(cells, ORDER_NO)
    elif kind == "退款":
        direction, amount = LineDirection.REFUND, -received
        reference, other = _reference(cells, REFUND_NO) or trade_no, trade_no
    else:
        raise line_error(
            FMT,
            cells.line,
            "bad_type",
            f"业务类型“{kind[:20]}”不是“交易”或“退款”",
            f"the business type “{kind[:20]}” is neither 交易 (payment) nor 退款 (refund).",
        )
    if amount < 0:
        raise line_error(
            FMT,
            cells.line,
            "wrong_sign",
            "交易的商家实收为负数，或退款为正数",
            "a payment with a negative amount, or a refund with a positive one.",
        )
    if amount == 0:
        return None  # nothing received (a payment fully covered by a merchant discount)
    return StatementLine(
        line_no=cells.line,
        direction=direction,
        day=when[0],
        local_time=when[1],
        amount_fen=amount,
        fee_millifen=fee,
        reference=reference,
        order_reference=other,
        payer_masked=mask_payer(name=cells.get(PAYER)),
    )


def _check_total(row: SourceRow, counts: dict[str, int], sums: dict[str, int]) -> bool:
    """Check a ``#交易合计`` / ``#退款合计`` line; False when the line is some other comment."""
    text = "".join(header_key(c) for c in row.cells)  # "，" becomes "," under NFKC
    found = _TOTAL.fullmatch(text.split("元")[0] + "元")
    if found is None:
        return False
    what = found["what"]
    stated_sum = signed_fen(found["sum"], FMT, row.number, f"{what}合计")
    if int(found["n"]) != counts[what] or stated_sum != sums[what]:
        raise line_error(
            FMT,
            row.number,
            "summary_mismatch",
            f"{what}合计为 {found['n']} 笔、{format_fen(stated_sum)}，明细为 {counts[what]} 笔、"
            f"{format_fen(sums[what])}：文件不完整或被改动过，请重新下载",
            f"the {'payment' if what == '交易' else 'refund'} total says {found['n']} lines, "
            f"{format_fen(stated_sum)}, but the lines are {counts[what]}, "
            f"{format_fen(sums[what])}: the file is incomplete or was altered; download it again.",
        )
    return True


def parse_alipay(rows: Iterable[SourceRow]) -> ParsedStatement:
    """Every line of an Alipay 业务明细, checked against its end marker and totals."""
    columns: Columns | None = None
    ended = checked = False
    lines: list[StatementLine] = []
    counts = {"交易": 0, "退款": 0}
    sums = {"交易": 0, "退款": 0}
    for row in rows:
        if not any(clean_cell(c) for c in row.cells):
            continue
        first = clean_cell(row.cells[0])
        if first.startswith("#"):
            if _END.fullmatch(header_key(first)):
                ended = True
            elif ended and _check_total(row, counts, sums):
                checked = True
            continue
        if ended:
            raise line_error(
                FMT,
                row.number,
                "after_end",
                "“业务明细列表结束”之后还有明细（文件被拼接或改动过）",
                "there are lines after the end marker (the file was joined or altered).",
            )
        if columns is None:
            columns = Columns.of(row)
            columns.require(FMT, REQUIRED)
            continue
        cells = columns.cells(FMT, row)
        line = _line(cells)
        kind = cells.get(TYPE)
        counts[kind] += 1
        sums[kind] += signed_fen(cells.get(RECEIVED), FMT, row.number, RECEIVED)
        if line is not None:
            lines.append(line)
    if columns is None:
        raise line_error(
            FMT,
            None,
            "no_header",
            "没有找到表头（支付宝交易号,商户订单号,…）",
            "no header row (支付宝交易号, 商户订单号, …) was found.",
        )
    if not ended:
        raise line_error(
            FMT,
            None,
            "truncated",
            "没有“业务明细列表结束”一行，文件不完整，请重新下载",
            "the line “业务明细列表结束” (end of the list) is missing: the file is incomplete; "
            "download it again.",
        )
    return ParsedStatement.of(StatementSource.ALIPAY, lines, summary_checked=checked)
