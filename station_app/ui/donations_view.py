"""The donations list: filters, table, detail, reprint and void.

Layout and wiring only; the rows come from :class:`DonationsModel`, which pages through
``list_donations``.  Void is built only for a coordinator (``can_void``) — staff do not
see a disabled button they could wonder about — and the service checks the role again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.donations import mask_phone
from station_app.domain.money import format_fen
from station_app.domain.roles import Role, can_void
from station_app.domain.station_time import local_date, utc_now
from station_app.services.desk_lookups import scanned_receipt
from station_app.services.donation_queries import DonationFilter, list_donations
from station_app.services.print_history import PrintEvent
from station_app.services.receipt_actions import MIN_REASON
from station_app.services.views import DesignationInfo, DonationDetail, DonationRow
from station_app.storage.database import StationDatabase
from station_app.ui import texts, void_reasons
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
from station_app.ui.error_label import error_label
from station_app.ui.qt_dates import one_tab_stop, to_date, to_qdate

DATA_VALUE = "dataValue"
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
        self.table.verticalHeader().setDefaultSectionSize(24)
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


class DonationDetailDialog(QDialog):
    """Everything about one donation, read-only."""

    def __init__(
        self,
        detail: DonationDetail,
        parent: QWidget | None = None,
        *,
        prints: Sequence[PrintEvent] = (),
    ) -> None:
        super().__init__(parent)
        row = detail.row
        self.setWindowTitle(self.tr("Donation {0}").format(row.receipt_number))
        form = QFormLayout()

        def add(label: str, value: str) -> None:
            v = QLabel(value)
            v.setProperty(DATA_VALUE, True)
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            v.setWordWrap(True)
            form.addRow(label, v)

        add(self.tr("Receipt no.:"), row.receipt_number)
        add(self.tr("Status:"), texts.status_name(row.status))
        add(self.tr("Recorded at:"), texts.local_time(row.recorded_at))
        add(self.tr("Business day:"), row.business_day)
        add(self.tr("Kind:"), texts.kind_name(row.kind))
        add(self.tr("Amount:"), format_fen(row.amount_fen))
        if row.transaction_reference:
            add(self.tr("Transaction no.:"), row.transaction_reference)
        if detail.paid_at:  # recorded from a statement line: when the money arrived
            add(self.tr("Paid at (statement):"), texts.local_time(detail.paid_at))
        add(self.tr("Donor:"), row.donor_name or texts.anonymous())
        add(self.tr("Phone:"), mask_phone(detail.donor_phone))
        add(self.tr("Designation:"), row.designation_name)
        add(self.tr("Note:"), detail.note or "")
        add(self.tr("Operator:"), row.operator_name)
        add(self.tr("Printed:"), self.tr("%n time(s)", "", row.print_count))
        for event in prints:  # who made each paper, and when (from the ledger)
            add(
                self.tr("Original:")
                if event.print_number == 1
                else self.tr("Copy {0}:").format(event.print_number),
                f"{texts.local_time(event.at)} · {event.operator}",
            )
        if row.imported:
            add(self.tr("Paper receipt:"), row.paper_receipt_number or "")
        if detail.voided_at:
            add(self.tr("Voided at:"), texts.local_time(detail.voided_at))
            add(self.tr("Voided by:"), detail.voided_by or "")
            add(self.tr("Reason:"), detail.void_reason or "")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if detail.items:
            table = QTableWidget(len(detail.items), 4)
            table.setHorizontalHeaderLabels(
                [self.tr("Item"), self.tr("Quantity"), self.tr("Unit"), self.tr("Value")]
            )
            for r, item in enumerate(detail.items):
                for c, text in enumerate(
                    (item.description, item.quantity, item.unit, format_fen(item.value_fen))
                ):
                    table.setItem(r, c, QTableWidgetItem(text))
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setStretchLastSection(True)
            table.verticalHeader().hide()
            layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        layout.addWidget(buttons)
        self.resize(460, 420)


class VoidDialog(QDialog):
    """Asks for the reason; OK stays disabled until one is typed.

    OK does not close the dialog: it emits ``reason_given`` and the window closes it
    with :meth:`finish` once the void is written, or shows the refusal here.
    """

    reason_given = Signal(str)

    def __init__(self, row: DonationRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Void receipt {0}").format(row.receipt_number))
        intro = QLabel(
            self.tr(
                "The receipt keeps its number and is marked void for good. This cannot be undone."
            )
        )
        intro.setWordWrap(True)
        summary = QLabel(
            f"{row.receipt_number}  {format_fen(row.amount_fen)}  "
            f"{row.donor_name or texts.anonymous()}"
        )
        summary.setProperty(DATA_VALUE, True)
        self.presets = QComboBox()
        self.presets.addItem(self.tr("Choose a common reason, or type one below"), "")
        for text in void_reasons.presets():
            self.presets.addItem(text, text)
        self.presets.activated.connect(self._preset_chosen)
        presets_label = QLabel(self.tr("&Common reasons:"))
        presets_label.setBuddy(self.presets)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            self.tr("Why is this receipt void? (required, at least {0} characters)").format(
                MIN_REASON
            )
        )
        self.reason.setTabChangesFocus(True)
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reason)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Void receipt"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(
            lambda: self.ok.setEnabled(len(self.reason_text()) >= MIN_REASON)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(summary)
        layout.addWidget(presets_label)
        layout.addWidget(self.presets)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(440, 260)

    def _submit(self) -> None:
        if self.reason_text():
            self.ok.setEnabled(False)  # until the writer answers
            self.error.hide()
            self.reason_given.emit(self.reason_text())

    def _preset_chosen(self, index: int) -> None:
        """A preset fills the reason; the person may add to it (the ledger keeps the text)."""
        text = str(self.presets.itemData(index) or "")
        if text:
            self.reason.setPlainText(text)
            self.reason.setFocus()
            self.reason.moveCursor(QTextCursor.MoveOperation.End)

    def finish(self) -> None:
        self.accept()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def show_error(self, message: str) -> None:
        self.ok.setEnabled(bool(self.reason_text()))
        self.error.setText(message)
        self.error.show()
