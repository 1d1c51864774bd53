"""The stock list as a Qt table model: one row per lot with stock, first-expiring first.

Rows are replaced whole (``beginResetModel``), as the donations list does; a lot that
expires within 30 days (or has expired) is shown in red with a tooltip saying so.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from station_app.domain.goods.lots import format_quantity
from station_app.domain.money import format_fen
from station_app.services.goods_queries import StockRow

LotRole = Qt.ItemDataRole.UserRole + 1
_WARN = QBrush(QColor("#b00020"))
Index = QModelIndex | QPersistentModelIndex


class StockModel(QAbstractTableModel):
    ITEM, ON_HAND, EXPIRY, CATEGORY, LOCATION, VALUE = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StockRow] = []
        self._today = date.today()

    def set_rows(self, rows: list[StockRow], today: date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today
        self.endResetModel()

    def rows(self) -> list[StockRow]:
        return list(self._rows)

    def row_at(self, row: int) -> StockRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            self.tr("Item"),
            self.tr("On hand"),
            self.tr("Expires"),
            self.tr("Category"),
            self.tr("Location"),
            self.tr("Value on hand"),
        )
        return names[section] if 0 <= section < len(names) else None

    def _category(self, value: str) -> str:
        return {"food": self.tr("Food"), "medicine": self.tr("Medicine")}.get(
            value, self.tr("Other")
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.ITEM:
                return r.item
            if col == self.ON_HAND:
                return f"{format_quantity(r.on_hand_milli)} {r.unit}"
            if col == self.EXPIRY:
                return r.expiry.isoformat() if r.expiry else "—"
            if col == self.CATEGORY:
                return self._category(r.category)
            if col == self.LOCATION:
                return r.location
            if col == self.VALUE:
                return format_fen(r.value_on_hand_fen) if r.value_fen else self.tr("Not valued")
        if role == Qt.ItemDataRole.ForegroundRole and r.expiring_soon and col == self.EXPIRY:
            return _WARN
        if role == Qt.ItemDataRole.ToolTipRole and r.expiring_soon:
            if r.expiry is not None and r.expiry < self._today:
                return self.tr("Expired: write it off")
            return self.tr("Expires within 30 days: hand it out first")
        if role == LotRole:
            return r.lot
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.ON_HAND, self.VALUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
