"""The stock-take (盘点): the lots listed with their book quantity, a box for what was
counted and one for the reason of a difference; the second counter picks their name
and types their password.  Type a count and press Enter to move to the next lot.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.goods.lots import format_quantity, parse_quantity
from station_app.services.goods_queries import StockRow
from station_app.services.goods_stocktake import take_stock
from station_app.services.operators import list_operators
from station_app.services.sessions import OperatorSession
from station_app.ui.desk_context import DeskContext
from station_app.ui.error_label import error_label
from station_app.ui.goods.goods_dialog import GoodsDialog


class StockTakeDialog(GoodsDialog):
    # saved(object): the StockTakeResult
    ITEM, BOOK, COUNTED, REASON = range(4)

    def __init__(
        self,
        ctx: DeskContext,
        operator: Callable[[], OperatorSession],
        lots: list[StockRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx, self._operator, self.lots = ctx, operator, lots
        self.setWindowTitle(self.tr("Stock-take"))
        self.table = QTableWidget(len(lots), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Book"), self.tr("Counted"), self.tr("Reason")]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, lot in enumerate(lots):
            for col, text in (
                (self.ITEM, lot.item),
                (self.BOOK, format_quantity(lot.on_hand_milli)),
            ):
                cell = QTableWidgetItem(f"{text} {lot.unit}" if col == self.BOOK else text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, cell)
            self.table.setItem(
                row, self.COUNTED, QTableWidgetItem(format_quantity(lot.on_hand_milli))
            )
            self.table.setItem(row, self.REASON, QTableWidgetItem(""))
        self.witness = QComboBox()
        me = operator().name
        for person in list_operators(ctx.db):
            if person.name != me:
                self.witness.addItem(person.name)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Second &counter"), self.witness)
        form.addRow(self.tr("Their &password"), self.password)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        if lots:
            self.table.setCurrentCell(0, self.COUNTED)
        self.table.setFocus()

    def set_count(self, row: int, counted: str, reason: str = "") -> None:
        self._cell(row, self.COUNTED).setText(counted)
        self._cell(row, self.REASON).setText(reason)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        """The item of a cell (every cell of the count table is made with one)."""
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, column, item)
        return item

    def save(self) -> None:
        counted: dict[str, int] = {}
        reasons: dict[str, str] = {}
        for row, lot in enumerate(self.lots):
            text = self._cell(row, self.COUNTED).text().strip()
            milli = 0 if text and set(text) <= set("0.") else parse_quantity(text)
            if milli is None:
                self._show(self.tr("Row {0}: the count must be a number.").format(row + 1))
                self.table.setCurrentCell(row, self.COUNTED)
                return
            counted[lot.lot] = milli
            reasons[lot.lot] = self._cell(row, self.REASON).text()
        self.buttons.setEnabled(False)
        db, session = self._ctx.db, self._operator()
        witness, password = self.witness.currentText(), self.password.text()
        self._ctx.workers.write(
            lambda: take_stock(db, session, witness, password, counted, reasons),
            self._done,
            self._failed,
            owner=self,
        )
