"""The item lines of an in-kind gift on the donation form: the table of what the receipt
prints (item, quantity, unit, value), and beside it what the current line's lot needs
(category, expiry, basis of the value, where it is kept, its scanned code), then the
boxes a goods rule may call for (the coordinator's override, a second person).

Keyboard-first: Ctrl+I adds a line, Tab walks the cells, Alt+N is the scanner's field;
a code seen before fills the line's item, unit and category and puts the cursor on the
quantity, a new code is kept on the line and remembered when the gift is recorded.
The table stays four columns wide so the form fits a 1024×768 screen.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
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

from station_app.domain.goods.lots import MAX_LOCATION, PERISHABLE, Category
from station_app.domain.money import format_fen
from station_app.services.goods_barcodes import KnownItem
from station_app.ui import zoom
from station_app.ui.goods.confirm_boxes import ConfirmBoxes
from station_app.ui.goods.scan_field import LookUp, ScanField
from station_app.ui.item_lines_model import COL_DESCRIPTION, COL_QUANTITY, ItemLinesModel
from station_app.ui.qt_dates import one_tab_stop, to_date, to_qdate
from station_app.ui.workers import Workers


class ItemLinesEditor(QWidget):
    total_changed = Signal()  # the lines' total (shown under the table) changed

    def __init__(
        self, workers: Workers, look_up: LookUp | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._loading = False
        self.model = ItemLinesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Every column in view: quantity, unit and value never hide behind a scroll bar.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        zoom.rows_follow_font(self.table, padding=11)  # 26 px at 100 % (the CJK font)
        self.table.setMinimumHeight(110)
        self.table.setTabKeyNavigation(True)
        style = self.style()
        self.add_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder), self.tr("Add &item")
        )
        self.add_button.setToolTip(self.tr("Add an item line (Ctrl+I)"))
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon), self.tr("Remo&ve item")
        )
        self.remove_button.clicked.connect(self.remove_current)
        self.total = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.total)

        self.scan = ScanField(workers, look_up, clear_after=True)
        self.scan.known.connect(self._known)
        self.scan.new_code.connect(self._new_code)
        self.code_note = QLabel()
        self.code_note.setWordWrap(True)
        self.code_note.hide()
        self.category = QComboBox()
        for category, name in (
            (Category.OTHER, self.tr("Other")),
            (Category.FOOD, self.tr("Food")),
            (Category.MEDICINE, self.tr("Medicine")),
        ):
            self.category.addItem(name, category.value)
        self.has_expiry = QCheckBox(self.tr("E&xpires"))
        self.expiry = QDateEdit(QDate.currentDate().addYears(1))
        self.expiry.setCalendarPopup(True)
        self.expiry.setDisplayFormat("yyyy-MM-dd")
        one_tab_stop(self.expiry)
        self.valuation = QComboBox()
        for basis, name in (
            ("declared", self.tr("Donor's declaration")),
            ("invoice", self.tr("Invoice")),
            ("market", self.tr("Market price")),
            ("not_valued", self.tr("Not valued (quantity only)")),
        ):
            self.valuation.addItem(name, basis)
        self.location = QLineEdit()
        self.location.setMaxLength(MAX_LOCATION)
        self.location.setPlaceholderText(self.tr("e.g. shelf A"))
        expiry_row = QHBoxLayout()
        expiry_row.addWidget(self.has_expiry)
        expiry_row.addWidget(self.expiry, 1)
        details = QFormLayout()
        details.setContentsMargins(0, 0, 0, 0)
        for text, field, buddy in (
            (self.tr("Sca&n code:"), self.scan, self.scan),
            (self.tr("Category (&U):"), self.category, self.category),
            (self.tr("Expiry:"), expiry_row, self.has_expiry),
            (self.tr("Valued by (&Q):"), self.valuation, self.valuation),
            (self.tr("Kept at (&J):"), self.location, self.location),
        ):
            row_label = QLabel(text)
            row_label.setBuddy(buddy)
            details.addRow(row_label, field)
        details.addRow("", self.code_note)
        self.confirm = ConfirmBoxes()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addLayout(details)
        layout.addWidget(self.confirm)
        QShortcut(QKeySequence("Ctrl+I"), self, self.add_line)

        self.category.currentIndexChanged.connect(self._category_changed)
        self.has_expiry.toggled.connect(self._store)
        self.expiry.dateChanged.connect(self._store)
        self.valuation.currentIndexChanged.connect(self._store)
        self.location.textEdited.connect(self._store)
        for signal in (self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._show_total)
        self.model.modelReset.connect(self._show_total)
        self.table.selectionModel().currentChanged.connect(self._load)
        self.model.modelReset.connect(self._load)
        self.model.rowsInserted.connect(self._load)
        self.model.rowsRemoved.connect(self._load)
        self._load()

    # -- lines -----------------------------------------------------------------------

    def current_row(self) -> int:
        row = self.table.currentIndex().row()
        if row < 0 and self.model.rowCount() == 1:
            return 0
        return row

    def add_line(self) -> int:
        last = self.model.rowCount() - 1
        # An empty last line is the one to fill: never a second blank line below it.
        row = last if last >= 0 and self.model.is_empty(last) else self.model.add_line()
        self.table.setCurrentIndex(self.model.index(row, COL_DESCRIPTION))
        self.table.setFocus()
        return row

    def remove_current(self) -> None:
        self.model.remove_line(self.table.currentIndex().row())

    def empty_line(self) -> int | None:
        """An empty line among filled ones is refused, never silently dropped (the one
        empty line of an empty table is the rules' "no items" refusal)."""
        if self.model.rowCount() < 2:
            return None
        return next((r for r in range(self.model.rowCount()) if self.model.is_empty(r)), None)

    def _show_total(self, *_args: object) -> None:
        total = self.model.total_fen()
        if total is None:
            self.total.setText(self.tr("Total: —"))
        else:
            self.total.setText(self.tr("Total: {0}").format(format_fen(total)))
        self.total_changed.emit()

    def go_to(self, row: int, column: int = COL_DESCRIPTION) -> None:
        self.table.setCurrentIndex(self.model.index(row, column))
        self.table.setFocus()

    def reset(self) -> None:
        self.model.clear()
        self.confirm.reset()
        self.code_note.hide()

    def chain_tab_order(self, before: QWidget, after: QWidget) -> None:
        """Tab walks the line's details and the rule boxes between ``before`` and ``after``."""
        chain: list[QWidget] = [before, self.scan, self.category, self.has_expiry, self.expiry]
        chain += [self.valuation, self.location, *self.confirm.edits(), after]
        for first, then in pairwise(chain):
            QWidget.setTabOrder(first, then)

    # -- the current line's details ----------------------------------------------------

    def _load(self, *_args: object) -> None:
        details = self.model.details(self.current_row())
        for w in (self.category, self.has_expiry, self.expiry, self.valuation, self.location):
            w.setEnabled(details is not None)
        if details is None:
            return
        self._loading = True
        try:
            self.category.setCurrentIndex(max(0, self.category.findData(details.category)))
            self.has_expiry.setChecked(details.expiry is not None)
            if details.expiry is not None:
                self.expiry.setDate(to_qdate(details.expiry))
            self.expiry.setEnabled(details.expiry is not None)
            self.valuation.setCurrentIndex(max(0, self.valuation.findData(details.valuation)))
            self.location.setText(details.location)
            self.code_note.setVisible(bool(details.barcode))
            self.code_note.setText(self.tr("Code {0}").format(details.barcode))
        finally:
            self._loading = False

    def _category_changed(self) -> None:
        # Food and medicine always carry an expiry date: the box ticks itself.
        if not self._loading and self.category.currentData() in PERISHABLE:
            self.has_expiry.setChecked(True)
        self._store()

    def _store(self, *_args: object) -> None:
        self.expiry.setEnabled(self.has_expiry.isChecked())
        row = self.current_row()
        if self._loading or self.model.details(row) is None:
            return
        self.model.set_details(
            row,
            category=str(self.category.currentData()),
            expiry=to_date(self.expiry.date()) if self.has_expiry.isChecked() else None,
            valuation=str(self.valuation.currentData()),
            location=self.location.text(),
        )

    # -- the scanner -------------------------------------------------------------------

    def _line_for_scan(self) -> int:
        row = self.current_row()
        return row if row >= 0 and self.model.is_empty(row) else self.add_line()

    def _known(self, found: KnownItem) -> None:
        row = self._line_for_scan()
        self.model.fill(row, found.item, found.unit, found.category, found.code)
        self.go_to(row, COL_QUANTITY)
        self._load()

    def _new_code(self, code: str) -> None:
        row = self._line_for_scan()
        self.model.set_details(row, barcode=code)
        self.go_to(row, COL_DESCRIPTION)
        self._load()
        self.code_note.setText(
            self.tr("New code {0}: type the item; it is remembered when recorded.").format(code)
        )
