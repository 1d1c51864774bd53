"""The donations list: filters, table, detail, reprint and void.

Layout and wiring only; the rows come from :class:`DonationsModel`, which pages through
``list_donations``.  Void is built only for a coordinator (``can_void``) — staff do not
see a disabled button they could wonder about — and the service checks the role again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.roles import Role, can_void
from station_app.domain.station_time import local_date, utc_now
from station_app.services.desk_lookups import scanned_receipt
from station_app.services.donation_queries import DonationFilter, list_donations
from station_app.services.records import DesignationInfo, DonationRow
from station_app.storage.database import StationDatabase
from station_app.ui import texts, zoom
from station_app.ui.donations_model import (
    COL_AMOUNT,
    COL_DAY,
    COL_DESIGNATION,
    COL_DONOR,
    COL_KIND,
    COL_OPERATOR,
    COL_RECEIPT,
    COL_STATUS,
    COL_TIME,
    DonationsModel,
    RowRole,
)
from station_app.ui.qt_dates import one_tab_stop, to_date, to_qdate

#: Widths that fit a 1366×768 screen with the form beside the table.
COLUMN_WIDTHS = {
    COL_RECEIPT: 178,
    COL_DAY: 92,
    COL_TIME: 118,
    COL_KIND: 84,
    COL_AMOUNT: 92,
    COL_DONOR: 128,
    COL_OPERATOR: 66,
    COL_STATUS: 112,
}


class DonationsPanel(QWidget):
    """Filters above a lazily loaded table; actions act on the selected row."""

    detail_requested = Signal(str)  # receipt number
    reprint_requested = Signal(str)
    void_requested = Signal(str)

    def __init__(
        self,
        *,
        db: StationDatabase,
        designations: list[DesignationInfo],
        role: Role,
        today: Callable[[], date] = lambda: local_date(utc_now()),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = DonationFilter()
        self._following = True  # the dates follow the working business day
        self._working_day: date | None = None
        self.model = DonationsModel(self._fetcher(self._filter), parent=self)
        self._build(designations, today())
        self.set_role(role)
        self.apply_filter()

    def set_designations(self, designations: list[DesignationInfo]) -> None:
        """Replace the filter's choices, keeping the current filter when it still exists."""
        current = self.designation.currentData()
        self.designation.blockSignals(True)
        self.designation.clear()
        self.designation.addItem(self.tr("All designations"), None)
        for d in designations:
            self.designation.addItem(texts.designation_name(d.code, d.name), d.code)
        self.designation.setCurrentIndex(max(0, self.designation.findData(current)))
        self.designation.blockSignals(False)

    def _build(self, designations: list[DesignationInfo], today: date) -> None:
        style = self.style()
        filters = QHBoxLayout()
        self.day_from = QDateEdit(to_qdate(today))
        self.day_from.setCalendarPopup(True)
        self.day_from.setDisplayFormat("yyyy-MM-dd")
        self.day_to = QDateEdit(to_qdate(today))
        self.day_to.setCalendarPopup(True)
        self.day_to.setDisplayFormat("yyyy-MM-dd")
        one_tab_stop(self.day_from, self.day_to)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in texts.KINDS:
            self.kind.addItem(texts.kind_name(kind), kind)
        self.designation = QComboBox()
        self.designation.addItem(self.tr("All designations"), None)
        for d in designations:
            self.designation.addItem(texts.designation_name(d.code, d.name), d.code)
        self.designation.setMaximumWidth(260)
        self.receipt = QLineEdit()
        self.receipt.setPlaceholderText(self.tr("Receipt no."))
        self.receipt.setClearButtonEnabled(True)
        self.receipt.setMaximumWidth(260)
        self.donor = QLineEdit()
        self.donor.setPlaceholderText(self.tr("Donor"))
        self.donor.setClearButtonEnabled(True)
        self.donor.setMaximumWidth(200)
        self.search = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView), self.tr("Search")
        )
        self.search.clicked.connect(self.apply_filter)
        for edit in (self.receipt, self.donor):
            edit.returnPressed.connect(self.apply_filter)
        for combo in (self.kind, self.designation):
            combo.currentIndexChanged.connect(self.apply_filter)
        for day_edit in (self.day_from, self.day_to):
            day_edit.dateChanged.connect(self._dates_chosen)

        from_label = QLabel(self.tr("&From:"))
        from_label.setBuddy(self.day_from)
        to_label = QLabel(self.tr("To:"))
        to_label.setBuddy(self.day_to)
        filters.addWidget(from_label)
        filters.addWidget(self.day_from)
        filters.addWidget(to_label)
        filters.addWidget(self.day_to)
        filters.addWidget(self.kind)
        filters.addStretch(1)
        # A second row, so the list fits a 1024-wide screen without squeezing the
        # search boxes to "…" (issue 17).
        search_row = QHBoxLayout()
        search_row.addWidget(self.designation, 1)
        search_row.addWidget(self.receipt, 1)
        search_row.addWidget(self.donor, 1)
        search_row.addWidget(self.search)
        for edit, chars in ((self.receipt, 24), (self.donor, 10)):
            edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * chars)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        zoom.rows_follow_font(self.table, padding=9)  # 24 px at 100 % (the CJK font)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        for col, width in COLUMN_WIDTHS.items():
            header.resizeSection(col, width)
        header.setSectionResizeMode(COL_DESIGNATION, QHeaderView.ResizeMode.Stretch)
        # Kind and status as wide as their text in either language ("In-kind",
        # "Issued · reprinted 2×"): never cut to "…" (issue 17).
        for col in (COL_KIND, COL_STATUS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self._emit_selected(self.detail_requested))
        self.table.activated.connect(lambda _i: self._emit_selected(self.detail_requested))

        self.detail_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogInfoView), self.tr("Details…")
        )
        self.detail_button.clicked.connect(lambda: self._emit_selected(self.detail_requested))
        self.reprint_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_FileIcon), self.tr("Reprint…")
        )
        self.reprint_button.clicked.connect(lambda: self._emit_selected(self.reprint_requested))
        self.void_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogCancelButton), self.tr("Void…")
        )
        self.void_button.clicked.connect(lambda: self._emit_selected(self.void_requested))
        self.count_label = QLabel()

        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        buttons.addWidget(self.detail_button)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.void_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)

        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence("Ctrl+F"))
        self.open_action.triggered.connect(self._search_receipt)
        self.addAction(self.open_action)

    # -- role ------------------------------------------------------------------------

    def set_role(self, role: Role) -> None:
        """Void exists only for the coordinator (and the service checks again)."""
        self._can_void = can_void(role)
        self.void_button.setVisible(self._can_void)
        self._update_buttons()

    # -- filtering -------------------------------------------------------------------

    def current_filter(self) -> DonationFilter:
        return DonationFilter(
            day_from=to_date(self.day_from.date()),
            day_to=to_date(self.day_to.date()),
            kind=self.kind.currentData(),
            designation_code=self.designation.currentData(),
            # A scanned QR URL in the receipt box finds its receipt, as a typed number does.
            receipt_number=(
                scanned_receipt(self.receipt.text()) or self.receipt.text().strip() or None
            ),
            donor=self.donor.text().strip() or None,
        )

    def show_working_day(self, day: date) -> None:
        """Follow the business day new records go to (after a close: the next one), as
        long as the person has not chosen other dates."""
        self._working_day = day
        if not self._following or (
            to_date(self.day_from.date()) == day and to_date(self.day_to.date()) == day
        ):
            return
        for edit in (self.day_from, self.day_to):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)
        self.apply_filter()

    def _dates_chosen(self) -> None:
        working = self._working_day
        self._following = (
            working is not None
            and to_date(self.day_from.date()) == working
            and to_date(self.day_to.date()) == working
        )
        self.apply_filter()

    def apply_filter(self) -> None:
        self._filter = self.current_filter()
        self.model.set_fetcher(self._fetcher(self._filter))

    def refresh(self) -> None:
        """Show new rows (after a record, print or void); keeps the filter."""
        selected = self.selected_row()
        self.model.reload()
        if selected is not None:
            self.select_receipt(selected.receipt_number)

    def _fetcher(self, f: DonationFilter) -> Callable[[int | None, int], list[DonationRow]]:
        db = self._db
        # With a receipt number the person wants that receipt, whatever day it was.
        if f.receipt_number:
            f = replace(f, day_from=None, day_to=None)
        return lambda before, limit: list_donations(db, f, before_id=before, limit=limit)

    # -- selection -------------------------------------------------------------------

    def selected_row(self) -> DonationRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return index.siblingAtColumn(0).data(RowRole)

    def _search_receipt(self) -> None:
        self.receipt.setFocus()
        self.receipt.selectAll()

    def select_receipt(self, number: str) -> bool:
        for row in range(self.model.rowCount()):
            item = self.model.row_at(row)
            if item is not None and item.receipt_number == number:
                self.table.selectRow(row)
                return True
        return False

    def _emit_selected(self, signal: SignalInstance) -> None:
        row = self.selected_row()
        if row is not None:
            signal.emit(row.receipt_number)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.detail_button.setEnabled(row is not None)
        self.reprint_button.setEnabled(row is not None)
        # A receipt never printed prints its original: the button says so (issue 17).
        never = row is not None and row.print_count == 0
        self.reprint_button.setText(self.tr("Print…") if never else self.tr("Reprint…"))
        self.void_button.setEnabled(self._can_void and row is not None and not row.voided)

    def _update_count(self) -> None:
        more = "+" if self.model.canFetchMore() else ""
        self.count_label.setText(self.tr("%n donation(s) shown", "", self.model.rowCount()) + more)
