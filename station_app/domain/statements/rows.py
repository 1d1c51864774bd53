"""Statement text into rows and cells, with the quirks of the files people download.

Providers write CSV with their own habits: WeChat Pay puts a backtick before every
field (so Excel shows long numbers as text), Alipay ends its long numbers with a tab,
Excel adds a byte-order mark or quotes, headers use full-width brackets (``（元）``).
These helpers undo exactly those habits and nothing else, so what a parser compares is
what the provider meant.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Final

from station_app.domain.statements.model import SourceRow

#: A month of a busy station is ~20,000 lines; anything far beyond is not a statement.
MAX_ROWS: Final = 500_000


def csv_rows(text: str, delimiter: str = ",") -> Iterator[SourceRow]:
    """The rows of CSV ``text``, each with the line number it starts on (1-based)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for count, cells in enumerate(reader):
        if count >= MAX_ROWS:
            return
        yield SourceRow(start, tuple(cells))
        start = reader.line_num + 1


def clean_cell(cell: str) -> str:
    """A value without WeChat's leading backtick and without Alipay's trailing tab."""
    cell = cell.strip()
    if cell[:1] == "`":
        cell = cell[1:].strip()
    if "\u00a0" in cell:  # a no-break space from a web page or Excel
        cell = cell.replace("\u00a0", " ").strip()
    return cell


@lru_cache(maxsize=4096)
def header_key(name: str) -> str:
    """A header as compared: full-width forms made ASCII, no spaces, no backtick.

    ``订单金额（元）`` and ``订单金额(元)`` are the same column.
    """
    return "".join(unicodedata.normalize("NFKC", clean_cell(name)).split())


def non_blank(rows: Iterable[SourceRow]) -> Iterator[SourceRow]:
    """Rows with at least one non-empty cell (blank lines and ``,,,,`` rows dropped)."""
    for row in rows:
        if any(clean_cell(c) for c in row.cells):
            yield row
