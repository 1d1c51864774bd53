"""A bank statement from any bank, read through the coordinator's column mapping.

Banks agree on nothing: ``交易日期`` or ``记账日期``, one signed amount or separate
``收入金额``/``支出金额`` columns, a ``借贷标志`` of 借/贷, lines of account details above the
header and a ``合计`` row below.  So the coordinator says once, per bank, which column
holds what (:class:`BankMapping`), and the program remembers it; this module finds the
header row by those names and reads every line between it and the footer.

A line is money in when the direction column says so (its value is one of the
mapping's ``incoming`` words) or, without a direction column, when the amount is
positive; money out (fees, transfers) is kept as an outgoing line, never matched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from station_app.domain.donations import clean_text
from station_app.domain.errors import ValidationError
from station_app.domain.statements.amounts import parse_local, signed_fen
from station_app.domain.statements.masking import mask_payer
from station_app.domain.statements.model import (
    FormatName,
    LineDirection,
    ParsedStatement,
    SourceRow,
    StatementLine,
    StatementSource,
    bank_name,
    line_error,
)
from station_app.domain.statements.rows import clean_cell, header_key
from station_app.domain.transaction_reference import looks_scientific, normalize_reference

#: The words banks use for money coming in, in a direction (借贷) column.
DEFAULT_INCOMING: Final = ("贷", "收", "收入", "存入", "入账", "转入", "C", "CR", "CREDIT", "+")
#: Rows after the lines that are not lines: totals and notes.
FOOTER_WORDS: Final = ("合计", "总计", "小计", "本页", "累计", "共", "以上", "注", "说明")
HEADER_SEARCH_ROWS: Final = 60
MAX_BANK_NAME: Final = 30


@dataclass(frozen=True, slots=True)
class BankMapping:
    """Which column of one bank's statement holds what; set once, remembered."""

    bank: str
    date: str
    amount: str
    time: str | None = None
    direction: str | None = None
    incoming: tuple[str, ...] = field(default=DEFAULT_INCOMING)
    counterparty: str | None = None
    reference: str | None = None

    def headers(self) -> tuple[str, ...]:
        """The mapped column names, as they must appear in the header row."""
        named = (
            self.date,
            self.time,
            self.amount,
            self.direction,
            self.counterparty,
            self.reference,
        )
        return tuple(n for n in named if n)

    def as_dict(self) -> dict[str, object]:
        return {
            "bank": self.bank,
            "date": self.date,
            "time": self.time,
            "amount": self.amount,
            "direction": self.direction,
            "incoming": list(self.incoming),
            "counterparty": self.counterparty,
            "reference": self.reference,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> BankMapping:
        def text(key: str) -> str | None:
            value = data.get(key)
            return str(value) if value else None

        incoming = data.get("incoming") or DEFAULT_INCOMING
        return validate_mapping(
            cls(
                bank=str(data.get("bank") or ""),
                date=str(data.get("date") or ""),
                amount=str(data.get("amount") or ""),
                time=text("time"),
                direction=text("direction"),
                incoming=_words(incoming),
                counterparty=text("counterparty"),
                reference=text("reference"),
            )
        )


def validate_mapping(mapping: BankMapping) -> BankMapping:
    """A mapping with a bank name, a date and an amount column, each column used once."""
    bank = clean_text(mapping.bank)
    if not bank or len(bank) > MAX_BANK_NAME:
        raise ValidationError(
            "bank_mapping.name",
            f"请填写银行名称（最多 {MAX_BANK_NAME} 个字）",
            f"Enter the bank's name (at most {MAX_BANK_NAME} characters).",
            field="bank",
        )
    if not header_key(mapping.date) or not header_key(mapping.amount):
        raise ValidationError(
            "bank_mapping.required",
            "必须指定日期列和金额列",
            "Choose the date column and the amount column.",
            field="columns",
        )
    keys = [header_key(h) for h in mapping.headers()]
    if len(set(keys)) != len(keys):
        raise ValidationError(
            "bank_mapping.duplicate",
            "同一列不能同时用作两项",
            "One column cannot be used for two things.",
            field="columns",
        )
    incoming = tuple(w for w in (clean_text(x) for x in mapping.incoming) if w)
    if mapping.direction and not incoming:
        raise ValidationError(
            "bank_mapping.incoming",
            "请填写收支方向列中表示“收入”的文字（如“贷”）",
            "Enter the word the direction column uses for money in (e.g. 贷).",
            field="incoming",
        )
    return BankMapping(
        bank=bank,
        date=mapping.date.strip(),
        amount=mapping.amount.strip(),
        time=(mapping.time or "").strip() or None,
        direction=(mapping.direction or "").strip() or None,
        incoming=incoming or DEFAULT_INCOMING,
        counterparty=(mapping.counterparty or "").strip() or None,
        reference=(mapping.reference or "").strip() or None,
    )


def find_header(rows: list[SourceRow], mapping: BankMapping) -> int | None:
    """The index of the first row that has every mapped column, among the first rows."""
    wanted = {header_key(h) for h in mapping.headers()}
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if wanted <= {header_key(c) for c in row.cells}:
            return i
    return None


class _Reader:
    def __init__(self, mapping: BankMapping, header: SourceRow) -> None:
        self.fmt: FormatName = bank_name(mapping.bank)
        self.mapping = mapping
        keys = [header_key(c) for c in header.cells]
        self.at = {h: keys.index(header_key(h)) for h in mapping.headers()}
        self.incoming = {header_key(w).upper() for w in mapping.incoming}

    def cell(self, row: SourceRow, column: str | None) -> str:
        if column is None:
            return ""
        i = self.at[column]
        return clean_cell(row.cells[i]) if i < len(row.cells) else ""

    def reference(self, row: SourceRow) -> str | None:
        ref = normalize_reference(self.cell(row, self.mapping.reference))
        if ref and looks_scientific(ref):
            raise line_error(
                self.fmt,
                row.number,
                "scientific_id",
                f"流水号被 Excel 改成了科学计数法（{ref}），数字已经丢失；请使用网银下载的原始文件",
                f"the reference was turned into scientific notation by Excel ({ref}) and its "
                "digits are lost; use the file as downloaded from online banking.",
            )
        return ref[:64] or None

    def is_footer(self, row: SourceRow) -> bool:
        """A totals or notes row below the lines (合计…): no date, a footer word."""
        if parse_local(f"{self.cell(row, self.mapping.date)} {self.cell(row, self.mapping.time)}"):
            return False
        return any(clean_cell(c).startswith(FOOTER_WORDS) for c in row.cells if clean_cell(c))

    def line(self, row: SourceRow) -> StatementLine | None:
        """A line; None for a row that is neither money in nor money out."""
        m = self.mapping
        date_text = self.cell(row, m.date)
        amount_text = self.cell(row, m.amount)
        when_text = f"{date_text} {self.cell(row, m.time)}".strip()
        when = parse_local(when_text)
        if when is None:
            if not date_text and not amount_text:
                return None
            raise line_error(
                self.fmt,
                row.number,
                "bad_date",
                f"日期“{when_text[:30]}”无法识别（应如 2026-11-03）；请检查日期列的对应是否正确",
                f"the date “{when_text[:30]}” is not understood (it should look like "
                "2026-11-03); check that the date column is mapped correctly.",
            )
        if not amount_text:
            return None  # e.g. the 收入金额 column of a row that is money out
        signed = signed_fen(amount_text, self.fmt, row.number, m.amount)
        if signed == 0:
            return None
        if m.direction is not None:
            mark = header_key(self.cell(row, m.direction)).upper()
            incoming = mark in self.incoming
        else:
            incoming = signed > 0
        return StatementLine(
            line_no=row.number,
            direction=LineDirection.PAYMENT if incoming else LineDirection.OUTGOING,
            day=when[0],
            local_time=when[1],
            amount_fen=abs(signed),
            reference=self.reference(row),
            payer_masked=mask_payer(name=self.cell(row, m.counterparty)),
        )


def parse_bank(rows: Iterable[SourceRow], mapping: BankMapping) -> ParsedStatement:
    """Every line of a bank statement under ``mapping``; or a line error."""
    all_rows = list(rows)
    fmt = bank_name(mapping.bank)
    start = find_header(all_rows, mapping)
    if start is None:
        raise line_error(
            fmt,
            None,
            "no_header",
            "找不到含有这些列的表头：" + "、".join(mapping.headers()),
            "no header row has the columns " + ", ".join(mapping.headers()) + ".",
        )
    reader = _Reader(mapping, all_rows[start])
    lines: list[StatementLine] = []
    for row in all_rows[start + 1 :]:
        if reader.is_footer(row):
            break
        line = reader.line(row)
        if line is not None:
            lines.append(line)
    return ParsedStatement.of(StatementSource.BANK, lines, bank_name=mapping.bank)


def _words(value: object) -> tuple[str, ...]:
    """The incoming-direction words of a stored mapping (a list; one word as a string)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(str(w) for w in value)
    return tuple(DEFAULT_INCOMING)
