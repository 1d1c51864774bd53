"""The donations table as a lazily paged Qt model.

A station may hold a million donations; the model asks the service for one page at a
time (keyset pagination, ``before_id``) and only when the view scrolls near the end
(``canFetchMore``/``fetchMore``).  It knows nothing about the database: it is given a
``fetch_page`` function, so it can be tested without a widget or a file (as Vorta tests
its archive model).  A new filter or a new donation replaces the rows inside
``beginResetModel``/``endResetModel``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from station_app.domain.money import format_fen
from station_app.services.records import DonationRow
from station_app.ui import texts

FetchPage = Callable[[int | None, int], list[DonationRow]]  # (before_id, limit) -> rows
Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200

COL_RECEIPT = 0
COL_DAY = 1  # the business day a record belongs to (after a close: the next open day)
COL_TIME = 2
COL_KIND = 3
COL_AMOUNT = 4
COL_DONOR = 5
COL_DESIGNATION = 6
COL_OPERATOR = 7
COL_STATUS = 8
COLUMN_COUNT = 9

#: The whole :class:`DonationRow` of a line.
RowRole = Qt.ItemDataRole.UserRole + 1
#: The receipt number (what detail, reprint and void act on).
ReceiptNumberRole = Qt.ItemDataRole.UserRole + 2
#: Amount in fen as an int, for sorting proxies and tests.
AmountFenRole = Qt.ItemDataRole.UserRole + 3


def _headers() -> tuple[str, ...]:
    # Spelled out in full: pyside6-lupdate only finds literal translate() calls.
    return (
        QCoreApplication.translate("DonationsModel", "Receipt no."),
        QCoreApplication.translate("DonationsModel", "Business day"),
        QCoreApplication.translate("DonationsModel", "Recorded at"),
        QCoreApplication.translate("DonationsModel", "Kind"),
        QCoreApplication.translate("DonationsModel", "Amount"),
        QCoreApplication.translate("DonationsModel", "Donor"),
        QCoreApplication.translate("DonationsModel", "Designation"),
        QCoreApplication.translate("DonationsModel", "Operator"),
        QCoreApplication.translate("DonationsModel", "Status"),
    )


class DonationsModel(QAbstractTableModel):
    def __init__(
        self, fetch_page: FetchPage, *, page_size: int = PAGE_SIZE, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._fetch_page = fetch_page
        self._page_size = page_size
        self._rows: list[DonationRow] = []
        self._exhausted = True  # nothing to fetch until reload() is asked for
        self._headers = _headers()

    # -- loading ---------------------------------------------------------------------

    def set_fetcher(self, fetch_page: FetchPage) -> None:
        """Use another query (a new filter) and show its first page."""
        self._fetch_page = fetch_page
        self.reload()

    def reload(self) -> None:
        """Forget every row and load the first page again (after a write or a filter)."""
        first = self._fetch_page(None, self._page_size)
        self.beginResetModel()
        self._rows = list(first)
        self._exhausted = len(first) < self._page_size
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        before = self._rows[-1].id if self._rows else None
        page = self._fetch_page(before, self._page_size)
        self._exhausted = len(page) < self._page_size
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    # -- the Qt model interface -----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def row_at(self, row: int) -> DonationRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_AMOUNT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < COLUMN_COUNT:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_RECEIPT and row.imported:
            return QCoreApplication.translate(
                "DonationsModel", "Imported from paper receipt {0}"
            ).format(row.paper_receipt_number or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.voided:
            return QBrush(QColor("#9a9a9a"))
        if role == Qt.ItemDataRole.FontRole and row.voided:
            font = QFont()
            font.setStrikeOut(col in (COL_AMOUNT, COL_RECEIPT))
            return font
        if role == RowRole:
            return row
        if role == ReceiptNumberRole:
            return row.receipt_number
        if role == AmountFenRole:
            return row.amount_fen
        return None

    def _display(self, row: DonationRow, col: int) -> str:
        if col == COL_RECEIPT:
            return row.receipt_number
        if col == COL_DAY:
            return row.business_day
        if col == COL_TIME:
            return texts.local_time(row.recorded_at)
        if col == COL_KIND:
            return texts.kind_name(row.kind)
        if col == COL_AMOUNT:
            return format_fen(row.amount_fen)
        if col == COL_DONOR:
            return row.donor_name or texts.anonymous()
        if col == COL_DESIGNATION:
            return texts.designation_name(row.designation_code, row.designation_name)
        if col == COL_OPERATOR:
            return row.operator_name
        status = texts.status_name(row.status)
        if row.print_count > 1:
            # The first paper is the original; every later one is a copy (补打).
            return QCoreApplication.translate("DonationsModel", "{0} · reprinted {1}×").format(
                status, row.print_count - 1
            )
        return status
