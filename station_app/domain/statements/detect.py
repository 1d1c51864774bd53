"""Which statement a file is, told by its content, never by its name or extension.

A coordinator downloads files named ``1900000109All2026-11-03.csv``,
``20880211096256330156_20261103.csv.zip`` or ``对账单(1).xlsx`` and renames them freely, so
the program looks inside: the header of a WeChat Pay bill, the title of an Alipay
business detail, or the columns of a bank whose mapping was saved.  Files that are
close but not right (a personal WeChat bill, Alipay's account log, a summary instead of
the details) are named as such, so the coordinator knows what to download instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from station_app.domain.statements.alipay import is_alipay_details, parse_alipay
from station_app.domain.statements.amounts import parse_local
from station_app.domain.statements.bank import BankMapping, find_header, parse_bank
from station_app.domain.statements.model import ParsedStatement, SourceRow, StatementError
from station_app.domain.statements.rows import clean_cell, header_key
from station_app.domain.statements.wechat import is_wechat_header, parse_wechat

_LATIN1_LETTER: Final = re.compile(r"[\u00c0-\u00ff]")
_CJK: Final = re.compile(r"[\u4e00-\u9fff]")

#: Files that are statements, but not the ones this program reads: (how the file
#: begins, what it is in Chinese and English, what to download instead).
_LOOK_ALIKES: Final = (
    (
        "微信支付账单明细",
        "个人微信支付账单",
        "a personal WeChat Pay bill",
        "请在微信支付商户平台（交易中心 → 交易账单）下载商户的交易账单",
        "download the merchant bill from the WeChat Pay merchant platform (交易中心 → 交易账单)",
    ),
    (
        "#支付宝账务明细查询",
        "支付宝账务明细",
        "an Alipay account log (账务明细)",
        "请在支付宝商家中心（对账中心）下载“业务明细”",
        "download the business details (业务明细) from Alipay's 商家中心 → 对账中心",
    ),
    (
        "#支付宝业务汇总查询",
        "支付宝业务汇总",
        "an Alipay business summary (业务汇总)",
        "请选择压缩包中的“业务明细”文件，而不是“业务明细(汇总)”",
        "choose the 业务明细 file of the zip, not the summary 业务明细(汇总)",
    ),
    (
        "---",
        "个人支付宝账单",
        "a personal Alipay bill",
        "请在支付宝商家中心（对账中心）下载商家的“业务明细”",
        "download the merchant's business details (业务明细) from Alipay's 商家中心",
    ),
)


def _first_text(rows: Sequence[SourceRow]) -> str:
    for row in rows:
        text = ",".join(clean_cell(c) for c in row.cells).strip(",")
        if text:
            return text
    return ""


def _look_alike(rows: Sequence[SourceRow]) -> StatementError | None:
    heads = [_first_text([row]) for row in rows[:25]]
    for start, what_zh, what_en, do_zh, do_en in _LOOK_ALIKES:
        for head in heads:
            if head.startswith(start) and (start != "---" or "支付宝" in head):
                return StatementError(
                    "statement.look_alike",
                    f"这是{what_zh}，不是本程序能核对的对账单。{do_zh}。",
                    f"This is {what_en}, not a statement this program can check; {do_en}.",
                )
    return None


def _unknown(rows: Sequence[SourceRow], mappings: Sequence[BankMapping]) -> StatementError:
    first = _first_text(rows)[:60]
    banks_zh = "、".join(m.bank for m in mappings)
    banks_zh = f"已设置列对应的银行（{banks_zh}）" if mappings else "已设置列对应的银行（尚无）"
    banks_en = ", ".join(m.bank for m in mappings) or "none yet"
    hint_zh = hint_en = ""
    if len(_LATIN1_LETTER.findall(first)) >= 3 and not _CJK.search(first):
        hint_zh = "文件内容像是乱码，可能被错误地转换了编码；请使用原始下载的文件。"
        hint_en = (
            " The text looks garbled: its encoding was probably converted wrongly;"
            " use the file as downloaded."
        )
    return StatementError(
        "statement.unknown",
        "无法识别这个文件：它不是微信支付交易账单、支付宝业务明细，也不符合"
        f"{banks_zh}的对账单格式。若是银行对账单，请先为这家银行设置列对应。"
        f"{hint_zh}文件第一行：“{first}”",
        "This file is not recognised: it is not a WeChat Pay merchant bill, an Alipay "
        f"business detail, or a statement of a bank with a saved column mapping ({banks_en}). "
        f"For a bank statement, set up the bank's columns first.{hint_en} "
        f"First line: “{first}”",
    )


def matching_mapping(
    rows: Sequence[SourceRow], mappings: Sequence[BankMapping]
) -> BankMapping | None:
    """The saved bank mapping whose columns this file has (the most specific one)."""
    fitting = [m for m in mappings if find_header(list(rows), m) is not None]
    fitting.sort(key=lambda m: (-len(m.headers()), m.bank))
    return fitting[0] if fitting else None


def parse_statement(
    rows: Sequence[SourceRow], mappings: Sequence[BankMapping] = ()
) -> ParsedStatement:
    """The statement in ``rows``, whichever it is; or a refusal saying what it is not."""
    rows = list(rows)
    first = next((r for r in rows if any(clean_cell(c) for c in r.cells)), None)
    if first is None:
        raise StatementError("statement.empty", "文件是空的", "The file is empty.")
    if is_wechat_header(first):
        return parse_wechat(rows)
    if is_alipay_details(rows):
        return parse_alipay(rows)
    look_alike = _look_alike(rows)
    if look_alike is not None:
        raise look_alike
    mapping = matching_mapping(rows, mappings)
    if mapping is not None:
        return parse_bank(rows, mapping)
    raise _unknown(rows, mappings)


def header_candidates(rows: Sequence[SourceRow]) -> tuple[int, tuple[str, ...]] | None:
    """The likely header row of a bank file (for setting up its mapping): the first row of
    three or more names that is followed by a row with a date."""
    rows = list(rows)
    for i, row in enumerate(rows[:60]):
        names = [clean_cell(c) for c in row.cells]
        texts = [n for n in names if n]
        if len(texts) < 3 or any(parse_local(t) for t in texts):
            continue
        below = next((r for r in rows[i + 1 :] if any(clean_cell(c) for c in r.cells)), None)
        if below is not None and any(parse_local(clean_cell(c)) for c in below.cells):
            return row.number, tuple(header_key(n) or f"#{j + 1}" for j, n in enumerate(names))
    return None
