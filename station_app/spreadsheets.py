"""The one writer of CSV and XLSX files, for the station's exports and the receiver's.

Every cell passes :func:`station_app.domain.spreadsheet_cells.inert_cell`, so text from
a donor, an operator or a station can never become a live formula; in XLSX, text is
also stored as a string cell (openpyxl would otherwise store ``=…`` as a formula).
Excel on Chinese Windows reads a CSV as GBK unless it starts with a UTF-8 BOM, so CSV is
written as ``utf-8-sig``.  Files are written to a temporary name and moved into place,
so a crash never leaves half an export that looks complete.
"""

from __future__ import annotations

import csv
import os
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from station_app.domain.spreadsheet_cells import inert_cell

__all__ = ["write_csv", "write_xlsx"]


def _replace_atomically(tmp: Path, target: Path) -> None:
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    tmp.replace(target)


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([inert_cell(h) for h in headers])
        writer.writerows([inert_cell(v) for v in row] for row in rows)
    _replace_atomically(tmp, path)
    return path


def _is_yuan(text: str) -> bool:
    head, dot, tail = text.partition(".")
    return bool(dot) and head.isdigit() and len(tail) == 2 and tail.isdigit()


def _display_width(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


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
    for row_no, row in enumerate([headers, *rows], start=1):
        for col_no, raw in enumerate(row, start=1):
            value = inert_cell(raw)
            if isinstance(value, str) and row_no > 1 and _is_yuan(value):
                cell = ws.cell(row_no, col_no, Decimal(value))
                cell.number_format = "#,##0.00"
                continue
            cell = ws.cell(row_no, col_no, value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            if row_no == 1:
                cell.font = Font(bold=True)
    for i, header in enumerate(headers, start=1):
        # As wide as the widest cell (CJK counts double), so a receipt number is never
        # cut: GZ-YX-0012-2026-000001 needs 23 characters, not 10.
        widest = max((_display_width(r[i - 1]) for r in rows if len(r) >= i), default=0)
        width = max(10, _display_width(header) + 2, widest + 2)
        ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, width)
    ws.freeze_panes = "A2"
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    _replace_atomically(tmp, path)
    return path
