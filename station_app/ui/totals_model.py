"""A read-only table of report totals (period, kind, designation or operator rows)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from station_app.domain.money import format_fen
from station_app.services.reports import TotalRow

Index = QModelIndex | QPersistentModelIndex


class TotalsModel(QAbstractTableModel):
    """Rows are replaced whole (``set_rows``) inside a model reset, as Vorta does."""

    COL_LABEL, COL_COUNT, COL_AMOUNT = range(3)
    AmountFenRole = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self,
        label_header: str,
        label_of: Callable[[TotalRow], str] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[TotalRow] = []
        self._label_header = label_header
        self._label_of = label_of or (lambda r: r.label)

    def set_rows(self, rows: Sequence[TotalRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[TotalRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            (self._label_header, self.tr("Donations"), self.tr("Amount"))[section]
            if 0 <= section < 3
            else None
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_LABEL:
                return self._label_of(row)
            if col == self.COL_COUNT:
                return str(row.count)
            if col == self.COL_AMOUNT:
                return format_fen(row.amount_fen)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.COL_LABEL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.AmountFenRole:
            return row.amount_fen
        return None
