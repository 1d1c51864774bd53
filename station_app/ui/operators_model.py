"""The station's accounts as a read-only table (settings, coordinator only)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from station_app.services.records import OperatorInfo
from station_app.ui import texts

Index = QModelIndex | QPersistentModelIndex

COL_NAME = 0
COL_ROLE = 1
COL_ACTIVE = 2
COLUMN_COUNT = 3
OperatorRole = Qt.ItemDataRole.UserRole + 1


class OperatorsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OperatorInfo] = []
        # The first column is the account (its name); the last says whether it works.
        self._headers = (self.tr("Account"), self.tr("Role"), self.tr("Status"))

    def set_operators(self, operators: list[OperatorInfo]) -> None:
        self.beginResetModel()
        self._rows = list(operators)
        self.endResetModel()

    def operator_at(self, row: int) -> OperatorInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < COLUMN_COUNT
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        op = self.operator_at(index.row())
        if op is None or not 0 <= index.column() < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == COL_NAME:
                return op.name
            if index.column() == COL_ROLE:
                return texts.role_name(op.role)
            return self.tr("Active") if op.active else self.tr("Switched off")
        if role == OperatorRole:
            return op
        return None
