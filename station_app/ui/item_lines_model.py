"""The editable item lines of an in-kind donation (description, quantity, unit, value).

Cells hold text exactly as typed; the domain rules (``validate_draft``) judge them when
the donation is recorded, so the form and the CSV importer refuse the same things.
"""

from __future__ import annotations

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


class ItemLinesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[list[str]] = []
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
        self.endInsertRows()
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self._lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._lines[row]
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._lines = []
        self.endResetModel()

    def lines(self) -> list[list[str]]:
        return [list(line) for line in self._lines]

    def set_lines(self, lines: list[list[str]]) -> None:
        self.beginResetModel()
        self._lines = [[*(str(c) for c in line[:COLUMN_COUNT])] for line in lines]
        self.endResetModel()

    def is_empty(self, row: int) -> bool:
        """Nothing typed on the line (the quantity's default 1 does not count)."""
        d, _q, u, v = self._lines[row]
        return not any(c.strip() for c in (d, u, v))

    def drafts(self) -> tuple[ItemDraft, ...]:
        """Every line that is not completely empty, as typed."""
        return tuple(
            ItemDraft(d, q, u, v) for d, q, u, v in self._lines if any(c.strip() for c in (d, u, v))
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
