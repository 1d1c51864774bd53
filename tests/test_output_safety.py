"""Outputs are inert: spreadsheets never hold a live formula, report PDFs never read markup.

The text under test is what a donor or operator may be called at a station: the desk
cleans names of control characters but keeps ``=``, ``@`` and ``<`` (real names and
company names contain them), so the writers must make them harmless.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from station_app.domain.spreadsheet_cells import inert_cell
from station_app.printing.report_blocks import SignatureBlock, TableBlock, TextBlock
from station_app.printing.report_pdf import render_report_pdf
from station_app.spreadsheets import write_csv, write_xlsx
from tests.helpers.pdf_tools import pdf_text, squeezed

HOSTILE = (
    '=HYPERLINK("http://e.vil","x")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_starts_are_quoted(text: str) -> None:
    assert inert_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["张三", "-5.00", "100.00", "a=b", 42, -3, None, ""])
def test_everything_else_is_left_as_it_is(value: object) -> None:
    assert inert_cell(value) == value


def test_csv_and_xlsx_exports_hold_no_formula(tmp_path: Path) -> None:
    headers = ["收据编号", "金额(元)", "金额(分)", "捐赠人"]
    rows = [[f"GZ-YX-0012-2026-{i:06d}", "100.00", 10_000, name] for i, name in enumerate(HOSTILE)]
    write_csv(tmp_path / "x.csv", headers, rows)
    with open(tmp_path / "x.csv", encoding="utf-8-sig", newline="") as f:
        back = list(csv.reader(f))
    assert [r[3] for r in back[1:]] == ["'" + n for n in HOSTILE]
    assert [r[1:3] for r in back[1:]] == [["100.00", "10000"]] * len(HOSTILE)

    write_xlsx(tmp_path / "x.xlsx", headers, rows)
    sheet = load_workbook(tmp_path / "x.xlsx").active
    for row, name in enumerate(HOSTILE, start=2):
        donor = sheet.cell(row, 4)
        # (XML keeps a carriage return as a line feed.)
        assert donor.data_type == "s" and donor.value == "'" + name.replace("\r", "\n")
        assert sheet.cell(row, 2).data_type == "n" and sheet.cell(row, 3).value == 10_000
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_report_pdf_shows_markup_as_text(tmp_path: Path) -> None:
    """An operator named like an image tag made reportlab try to open that file."""
    tag = '<img src="/etc/hostname"/>'
    amp = "Tom & Jerry <b>"
    pdf = render_report_pdf(
        f"月度报告 {tag}",
        amp,
        [
            TableBlock(f"经办人 {tag}", ["经办人", "金额"], [[tag, "¥1.00"], [amp, "¥2.00"]]),
            TextBlock(f"说明 {tag}"),
            SignatureBlock([f"负责人{tag}"]),
        ],
        footer="GZ-YX-0012",
    )
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = squeezed(pdf_text(path))
    assert squeezed(tag) in text and squeezed(amp) in text
    assert text.count(squeezed(tag)) == 5
