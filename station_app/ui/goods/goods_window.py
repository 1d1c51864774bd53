"""The goods area (物资): the stock list with search and expiry warnings, and every way
goods move, from the keyboard.

Ctrl+F search · Ctrl+R receive · Ctrl+D distribute to a household · Ctrl+J give to a
project · Ctrl+T transfer · Ctrl+Shift+W write off · Ctrl+K stock-take · Ctrl+P preview
and print the chosen pickup sheet (领取单) · Ctrl+Shift+S save it as PDF · Ctrl+M mark
it signed and returned.  Reads and the sheet's PDF run in the slow pool and writes in the
one writer; the list is read again after every change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.goods.movements import MovementKind
from station_app.domain.station_time import local_date, utc_now
from station_app.services.donation_queries import list_designations
from station_app.services.goods_documents import movement_sheet_pdf
from station_app.services.goods_movements import mark_sheet_returned
from station_app.services.goods_queries import (
    PendingSheet,
    StockRow,
    expiring_soon,
    pending_sheets,
    stock_list,
)
from station_app.services.sessions import OperatorSession
from station_app.ui import texts
from station_app.ui.desk_context import DeskContext
from station_app.ui.error_label import ERROR_STYLE
from station_app.ui.goods.goods_dialog import GoodsDialog
from station_app.ui.goods.movement_dialog import MovementDialog
from station_app.ui.goods.receive_dialog import ReceiveDialog
from station_app.ui.goods.stock_model import StockModel
from station_app.ui.goods.stocktake_dialog import StockTakeDialog
from station_app.ui.printing.paper_dialogs import PaperDialogs


class GoodsWindow(QWidget):
    changed = Signal()

    def __init__(
        self,
        ctx: DeskContext,
        operator: Callable[[], OperatorSession],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._ctx, self._operator = ctx, operator
        self.dialog: QDialog | None = None
        self.setWindowTitle(self.tr("Goods — {0}").format(ctx.station.name))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search item or location (Ctrl+F)"))
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.expiring_only = QCheckBox(self.tr("E&xpiring within 30 days only"))
        self.expiring_only.toggled.connect(lambda _c: self.refresh())
        self.warning = QLabel()
        self.warning.setStyleSheet(ERROR_STYLE)
        self.warning.hide()
        self.model = StockModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)
        self.sheets = QListWidget()
        self.sheets.setMaximumHeight(110)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, shortcut, slot in (
            ("receive", self.tr("Receive…"), "Ctrl+R", self.receive),
            ("distribution", self.tr("Distribute…"), "Ctrl+D",
             lambda: self.open_movement(MovementKind.DISTRIBUTION)),
            ("designation", self.tr("To a project…"), "Ctrl+J",
             lambda: self.open_movement(MovementKind.DESIGNATION)),
            ("transfer", self.tr("Transfer…"), "Ctrl+T",
             lambda: self.open_movement(MovementKind.TRANSFER)),
            ("write_off", self.tr("Write off…"), "Ctrl+Shift+W",
             lambda: self.open_movement(MovementKind.WRITE_OFF)),
            ("count", self.tr("Stock-take…"), "Ctrl+K", self.stock_take),
        ):  # fmt: skip
            button = QPushButton(f"{label} ({shortcut})")
            button.clicked.connect(slot)
            QShortcut(QKeySequence(shortcut), self).activated.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        sheet_row = QHBoxLayout()
        self.paper = PaperDialogs(self, lambda: self._ctx.settings.printer_name)
        self.paper.failed.connect(self._failed)
        self.print_sheet_button = QPushButton(self.tr("Print sheet… (Ctrl+P)"))
        self.print_sheet_button.clicked.connect(self.print_sheet)
        self.save_sheet_button = QPushButton(self.tr("Save as PDF (Ctrl+Shift+S)"))
        self.save_sheet_button.clicked.connect(self.save_sheet)
        self.returned_button = QPushButton(self.tr("Signed sheet returned (Ctrl+M)"))
        self.returned_button.clicked.connect(self.mark_returned)
        sheet_row.addWidget(QLabel(self.tr("Sheets not yet returned:")))
        sheet_row.addStretch(1)
        sheet_row.addWidget(self.print_sheet_button)
        sheet_row.addWidget(self.save_sheet_button)
        sheet_row.addWidget(self.returned_button)
        QShortcut(QKeySequence("Ctrl+F"), self).activated.connect(self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self.print_sheet)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self).activated.connect(self.save_sheet)
        QShortcut(QKeySequence("Ctrl+M"), self).activated.connect(self.mark_returned)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.expiring_only)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(sheet_row)
        layout.addWidget(self.sheets)
        layout.addWidget(self.message)
        self.resize(960, 640)
        self.set_operator(operator())
        self.refresh()
        self.search.setFocus()

    def set_operator(self, operator: OperatorSession) -> None:
        """Writing goods off is the coordinator's (the service refuses anyone else too)."""
        self.buttons["write_off"].setVisible(operator.role.value == "coordinator")

    # -- reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        db, text, soon = self._ctx.db, self.search.text(), self.expiring_only.isChecked()
        today = local_date(utc_now())

        def read() -> tuple[list[StockRow], int, list[PendingSheet]]:
            rows = expiring_soon(db, today) if soon else stock_list(db, today, search=text)
            if soon and text.strip():
                rows = [r for r in rows if text.strip() in r.item or text.strip() in r.location]
            return rows, len(expiring_soon(db, today)), pending_sheets(db)

        self._ctx.workers.run_slow(read, lambda got: self._show(got, today), self._failed,
                                   owner=self)  # fmt: skip

    def _show(self, got: tuple[list[StockRow], int, list[PendingSheet]], today: date) -> None:
        rows, soon, sheets = got
        self.model.set_rows(rows, today)
        if rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.warning.setText(
            self.tr("{0} lot(s) expire within 30 days or have expired.").format(soon)
        )
        self.warning.setVisible(soon > 0)
        self.sheets.clear()
        for sheet in sheets:
            item = QListWidgetItem(f"{sheet.number} · {sheet.who} · {sheet.at[:10]}")
            item.setData(Qt.ItemDataRole.UserRole, sheet.movement)
            item.setData(Qt.ItemDataRole.UserRole + 1, sheet.number)
            self.sheets.addItem(item)
        if sheets:
            self.sheets.setCurrentRow(0)

    def current_lot(self) -> StockRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    # -- writing -------------------------------------------------------------------------

    def _open(self, dialog: GoodsDialog) -> None:
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.saved.connect(self._after_save)
        dialog.show()

    def receive(self) -> None:
        self._open(ReceiveDialog(self._ctx, self._operator, self))

    def open_movement(self, kind: MovementKind) -> None:
        lot = self.current_lot()
        if lot is None:
            self.message.setText(self.tr("Choose a lot in the list first."))
            return
        designations = list_designations(self._ctx.db)
        self._open(MovementDialog(self._ctx, self._operator, kind, lot, designations, self))

    def stock_take(self) -> None:
        lots = self.model.rows()  # the lots the person sees
        if not lots:
            self.message.setText(self.tr("No lots to count."))
            return
        self._open(StockTakeDialog(self._ctx, self._operator, lots, self))

    def _after_save(self, result: object) -> None:
        number = getattr(result, "sheet_number", None)
        if number:
            self.message.setText(
                self.tr("Saved. Print sheet {0} for signing (Ctrl+P).").format(number)
            )
        else:
            self.message.setText(self.tr("Saved."))
        self.changed.emit()
        self.refresh()
        self.activateWindow()  # back from the dialog: the keys are this window's again
        self.table.setFocus()

    def _chosen_sheet(self) -> str | None:
        item = self.sheets.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def print_sheet(self) -> None:
        """The sheet in the print preview, at its own paper size (A5 or 80 mm roll, as the
        receipts); its Print button prints it for the household to sign."""
        item = self.sheets.currentItem()
        if item is None:
            self.message.setText(self.tr("No sheet chosen."))
            return
        movement = item.data(Qt.ItemDataRole.UserRole)
        number = item.data(Qt.ItemDataRole.UserRole + 1)
        db, layout = self._ctx.db, self._ctx.settings.receipt_layout

        def printed() -> None:
            self.message.setText(
                self.tr("Sheet {0} printed. When it comes back signed, mark it (Ctrl+M).").format(
                    number
                )
            )

        def show(data: bytes) -> None:
            self.paper.preview(data, self.tr("Pickup sheet {0}").format(number), printed)

        self._ctx.workers.run_slow(
            lambda: movement_sheet_pdf(db, movement, layout), show, self._failed, owner=self
        )

    def save_sheet(self) -> None:
        movement = self._chosen_sheet()
        if movement is None:
            self.message.setText(self.tr("No sheet chosen."))
            return
        db, folder = self._ctx.db, Path(self._ctx.paths.root) / "goods-sheets"
        layout = self._ctx.settings.receipt_layout

        def write() -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{movement}.pdf"
            path.write_bytes(movement_sheet_pdf(db, movement, layout))
            return path

        self._ctx.workers.run_slow(
            write, lambda p: self.message.setText(self.tr("Sheet saved: {0}").format(p)),
            self._failed, owner=self,
        )  # fmt: skip

    def mark_returned(self) -> None:
        movement = self._chosen_sheet()
        if movement is None:
            self.message.setText(self.tr("No sheet chosen."))
            return
        db, session = self._ctx.db, self._operator()
        self._ctx.workers.write(
            lambda: mark_sheet_returned(db, session, movement),
            lambda _r: self._after_save(None),
            self._failed,
            owner=self,
        )

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(texts.error_text(exc, self._ctx.language))
