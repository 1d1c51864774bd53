"""The editable item lines of an in-kind donation (description, quantity, unit, value),
each with what its lot needs beside the columns (basis of the value, category, expiry,
where it is kept, the scanned code: :class:`LineDetails`).

Cells hold text exactly as typed; the domain rules (the lot's, ``domain/goods/lots.py``)
judge them when the donation is recorded.  The table shows the four columns a receipt
prints; the details of the current line are edited beside it (``item_lines_editor``),
so the table fits a narrow form.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from station_app.domain.donations import ItemDraft
from station_app.domain.errors import ValidationError
from station_app.domain.money import parse_amount

Index = QModelIndex | QPersistentModelIndex

COL_DESCRIPTION = 0
COL_QUANTITY = 1
COL_UNIT = 2
COL_VALUE = 3
COLUMN_COUNT = 4


@dataclass(frozen=True, slots=True)
class LineDetails:
    """What a lot needs beyond the four columns; the defaults are a paper receipt's line."""

    valuation: str = "declared"
    category: str = "other"
    expiry: date | None = None
    location: str = ""
    barcode: str = ""

    def as_texts(self) -> list[str]:
        expiry = self.expiry.isoformat() if self.expiry else ""
        return [self.valuation, self.category, expiry, self.location, self.barcode]

    @classmethod
    def from_texts(cls, texts: list[str]) -> LineDetails:
        v, c, e, loc, code = [*texts, "", "", "", "", ""][:5]
        try:
            expiry = date.fromisoformat(e) if e else None
        except ValueError:
            expiry = None
        return cls(v or "declared", c or "other", expiry, loc, code)


class ItemLinesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[list[str]] = []
        self._details: list[LineDetails] = []
        self._headers = (
            self.tr("Item"),
            self.tr("Quantity"),
            self.tr("Unit"),
            self.tr("Estimated value (¥)"),
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        if not (0 <= index.row() < len(self._lines) and 0 <= index.column() < COLUMN_COUNT):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._lines[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
            COL_QUANTITY,
            COL_VALUE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not (0 <= index.row() < len(self._lines) and 0 <= index.column() < COLUMN_COUNT):
            return False
        self._lines[index.row()][index.column()] = str(value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True

    # -- the form's interface --------------------------------------------------------

    def add_line(self) -> int:
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(["", "1", "", ""])
        self._details.append(LineDetails())
        self.endInsertRows()
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self._lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._lines[row]
            del self._details[row]
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._lines = []
        self._details = []
        self.endResetModel()

    def lines(self) -> list[list[str]]:
        """Every line as texts: the four columns, then the details (kept across a window
        rebuild)."""
        return [
            list(line) + d.as_texts() for line, d in zip(self._lines, self._details, strict=True)
        ]

    def set_lines(self, lines: list[list[str]]) -> None:
        self.beginResetModel()
        self._lines = [[str(c) for c in [*line, "", "", "", ""][:COLUMN_COUNT]] for line in lines]
        self._details = [
            LineDetails.from_texts([str(c) for c in line[COLUMN_COUNT:]]) for line in lines
        ]
        self.endResetModel()

    def details(self, row: int) -> LineDetails | None:
        return self._details[row] if 0 <= row < len(self._details) else None

    def set_details(self, row: int, **changes: Any) -> None:
        """Change the line's details (``valuation=…``, ``expiry=…``); the row repaints."""
        if 0 <= row < len(self._details):
            self._details[row] = replace(self._details[row], **changes)
            self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def fill(self, row: int, item: str, unit: str, category: str, barcode: str) -> None:
        """What a known barcode says about the line's goods (the person may still edit)."""
        if 0 <= row < len(self._lines):
            self._lines[row][COL_DESCRIPTION] = item
            self._lines[row][COL_UNIT] = unit
            self.set_details(row, category=category, barcode=barcode)

    def is_empty(self, row: int) -> bool:
        """Nothing typed or scanned on the line (the quantity's default 1 does not count)."""
        d, _q, u, v = self._lines[row]
        return not any(c.strip() for c in (d, u, v, self._details[row].barcode))

    def drafts(self) -> tuple[ItemDraft, ...]:
        """Every line that is not completely empty, as typed, with its details."""
        return tuple(
            ItemDraft(d, q, u, v, x.valuation, x.category, x.expiry, x.location, x.barcode)
            for row, ((d, q, u, v), x) in enumerate(zip(self._lines, self._details, strict=True))
            if not self.is_empty(row)
        )

    def total_fen(self) -> int | None:
        """Sum of the values that parse, or None if any line's value does not (preview only)."""
        total = 0
        for _d, _q, _u, value in self._lines:
            if not value.strip():
                continue
            try:
                total += parse_amount(value)
            except ValidationError:
                return None
        return total
