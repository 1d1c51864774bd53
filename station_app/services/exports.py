"""Exporting any list to CSV or XLSX with Chinese headers that open correctly in Excel.

Excel on Chinese Windows reads a CSV as GBK unless it starts with a UTF-8 BOM, so CSV is
written as ``utf-8-sig``.  Amounts are exported twice: as yuan text for people and as an
integer fen column that sums exactly.  Files are written to a temporary name and moved
into place, so a crash never leaves half an export that looks complete.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from station_app.domain.donations import KIND_NAMES_EN, KIND_NAMES_ZH, DonationKind
from station_app.domain.money import format_fen_plain
from station_app.domain.station_time import local_text
from station_app.services.views import DonationRow


@dataclass(frozen=True, slots=True)
class Column:
    header_zh: str
    header_en: str
    value: Callable[[DonationRow], str | int]


def _kind(lang: str) -> Callable[[DonationRow], str]:
    names = KIND_NAMES_EN if lang == "en" else KIND_NAMES_ZH
    return lambda r: names[DonationKind(r.kind)]


def donation_columns(lang: str = "zh") -> tuple[Column, ...]:
    anonymous = "Anonymous" if lang == "en" else "匿名"
    status = {"recorded": ("有效", "valid"), "voided": ("已作废", "void")}
    return (
        Column("收据编号", "Receipt no.", lambda r: r.receipt_number),
        Column("业务日期", "Business day", lambda r: r.business_day),
        Column("登记时间", "Recorded at", lambda r: local_text(r.recorded_at)),
        Column("捐赠方式", "Kind", _kind(lang)),
        Column("金额(元)", "Amount (yuan)", lambda r: format_fen_plain(r.amount_fen)),
        Column("金额(分)", "Amount (fen)", lambda r: r.amount_fen),
        Column("捐赠人", "Donor", lambda r: r.donor_name or anonymous),
        Column("捐赠去向", "Designation", lambda r: r.designation_name),
        Column("经办人", "Operator", lambda r: r.operator_name),
        Column("状态", "Status", lambda r: status[r.status][1 if lang == "en" else 0]),
        Column("纸质收据号", "Paper receipt no.", lambda r: r.paper_receipt_number or ""),
        Column("交易单号", "Transaction no.", lambda r: r.transaction_reference or ""),
    )


def table(rows: Sequence[DonationRow], lang: str = "zh") -> tuple[list[str], list[list[str | int]]]:
    cols = donation_columns(lang)
    headers = [c.header_en if lang == "en" else c.header_zh for c in cols]
    return headers, [[c.value(r) for c in cols] for r in rows]


def _replace_atomically(tmp: Path, target: Path) -> None:
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    tmp.replace(target)


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(rows)
    _replace_atomically(tmp, path)
    return path


def write_xlsx(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    sheet_title: str = "捐赠记录",
) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([Decimal(v) if isinstance(v, str) and _is_yuan(v) else v for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, (Decimal, float)):
                cell.number_format = "#,##0.00"
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(10, len(header) * 2 + 2)
    ws.freeze_panes = "A2"
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    _replace_atomically(tmp, path)
    return path


def _is_yuan(text: str) -> bool:
    head, dot, tail = text.partition(".")
    return bool(dot) and head.isdigit() and len(tail) == 2 and tail.isdigit()
