"""Finding a file's columns by name, and reading one row's cells through them.

Providers add and drop columns between bill types and years (a SUCCESS bill has no
refund columns, Alipay's brackets may be full-width), so parsers never count columns:
they ask for a column by name, and a missing one is named in the refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from station_app.domain.statements.model import FormatName, SourceRow, line_error
from station_app.domain.statements.rows import clean_cell, header_key


@dataclass(frozen=True, slots=True)
class Columns:
    """A header row: where each named column is."""

    positions: dict[str, int]
    width: int
    line: int
    #: Positions by the name a parser asks for, remembered (a bill has 20,000 rows).
    asked: dict[str, int | None] = field(default_factory=dict)

    def at(self, name: str) -> int | None:
        try:
            return self.asked[name]
        except KeyError:
            found = self.asked[name] = self.positions.get(header_key(name))
            return found

    @classmethod
    def of(cls, row: SourceRow) -> Columns:
        keys = [header_key(c) for c in row.cells]
        while keys and not keys[-1]:  # a trailing comma after the last header
            keys.pop()
        positions: dict[str, int] = {}
        for i, key in enumerate(keys):
            positions.setdefault(key, i)
        return cls(positions, len(keys), row.number)

    def has(self, name: str) -> bool:
        return header_key(name) in self.positions

    def require(self, fmt: FormatName, names: Sequence[str]) -> None:
        missing = [n for n in names if not self.has(n)]
        if missing:
            listed = "、".join(missing)
            raise line_error(
                fmt,
                self.line,
                "missing_columns",
                f"表头缺少列：{listed}（这不是完整的{fmt.zh}，或格式已改变）",
                f"the header lacks the column(s) {', '.join(missing)} (this is not a "
                f"complete {fmt.en}, or its format has changed).",
            )

    def cells(self, fmt: FormatName, row: SourceRow) -> RowCells:
        cells = list(row.cells)
        while len(cells) > self.width and not clean_cell(cells[-1]):
            cells.pop()  # trailing commas (Excel, or the provider's last empty field)
        if len(cells) != self.width:
            raise line_error(
                fmt,
                row.number,
                "column_count",
                f"有 {len(cells)} 列，表头有 {self.width} 列（文件可能不完整，或被其他程序改动过）",
                f"it has {len(cells)} columns where the header has {self.width} (the file "
                "may be cut short, or changed by another program).",
            )
        return RowCells(self, cells, row.number)


@dataclass(frozen=True, slots=True)
class RowCells:
    """One row's cells, cleaned when asked for (a bill has 27 columns; a few are read)."""

    columns: Columns
    values: list[str]
    line: int

    def get(self, name: str) -> str:
        """The cleaned cell of column ``name`` ("" when the file has no such column)."""
        at = self.columns.at(name)
        return "" if at is None else clean_cell(self.values[at])
