"""The goods area by keyboard (pytest-qt, real widgets, a real station database):
open it from the desk, find a lot, distribute, write off, count, receive, mark a sheet."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from station_app.domain.goods.movements import MovementKind
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.services.goods_queries import movement_sheet, pending_sheets, stock_list
from station_app.ui.goods.goods_window import GoodsWindow
from station_app.ui.goods.movement_dialog import MovementDialog
from station_app.ui.goods.receive_dialog import ReceiveDialog
from station_app.ui.goods.stock_model import StockModel
from station_app.ui.goods.stocktake_dialog import StockTakeDialog
from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.goods.helpers import milk, receive, rice
from tests.ui.conftest import type_text, wait_idle

OpenWindow = Callable[..., MainWindow]
TODAY = date.today()


def _goods(qtbot: QtBot, window: MainWindow) -> GoodsWindow:
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    goods = window.side.goods_window
    assert goods is not None and goods.isVisible()
    wait_idle(qtbot, window._ctx.workers)
    return goods


def _stock(station: Station) -> dict[str, int]:
    return {r.item: r.on_hand_milli for r in stock_list(station.db, TODAY)}


def test_the_stock_model_passes_qts_model_tester(qtbot: QtBot, station: Station) -> None:
    from PySide6.QtTest import QAbstractItemModelTester

    receive(station, rice(), milk(date(2099, 1, 1)))
    model = StockModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows(stock_list(station.db, TODAY), TODAY)
    assert model.rowCount() == 2 and model.columnCount() == 6


def test_search_and_expiry_warning(qtbot: QtBot, open_window: OpenWindow, station: Station) -> None:
    soon = date.fromordinal(TODAY.toordinal() + 10)
    receive(station, rice())
    from station_app.domain.goods.acceptance import GoodsRules

    receive(station, milk(soon), rules=GoodsRules(min_months_to_expiry=0))
    goods = _goods(qtbot, open_window(station.staff))
    assert goods.model.rowCount() == 2 and goods.warning.isVisible()
    assert goods.model.index(0, StockModel.ITEM).data() == "牛奶"  # first-expiring first
    assert "30" in goods.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    qtbot.keyClick(goods, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, goods.search, "大米")
    wait_idle(qtbot, goods._ctx.workers)
    assert goods.model.rowCount() == 1 and goods.model.index(0, 0).data() == "大米"


def test_distribute_by_keyboard_then_mark_the_sheet_returned(
    qtbot: QtBot, open_window: OpenWindow, station: Station, tmp_path: Path
) -> None:
    receive(station, rice("10"))
    goods = _goods(qtbot, open_window(station.staff))
    goods.table.setFocus()
    qtbot.keyClick(goods, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = goods.dialog
    assert isinstance(dialog, MovementDialog) and dialog.kind is MovementKind.DISTRIBUTION
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.quantity, timeout=3000)
    type_text(qtbot, dialog.quantity, "99")
    type_text(qtbot, dialog.household_name, "王大妈")
    type_text(qtbot, dialog.household_reference, "H-017")
    qtbot.keyClick(dialog.household_reference, Qt.Key.Key_Return)
    wait_idle(qtbot, goods._ctx.workers)
    assert dialog.isVisible() and "10" in dialog.error.text()  # not enough stock: refused
    assert _stock(station) == {"大米": 10_000}
    dialog.quantity.clear()
    type_text(qtbot, dialog.quantity, "2.5")
    qtbot.keyClick(dialog.quantity, Qt.Key.Key_Return)
    wait_idle(qtbot, goods._ctx.workers)
    assert not dialog.isVisible()
    assert _stock(station) == {"大米": 7_500}
    assert "LQ-000001" in goods.message.text()
    assert goods.sheets.count() == 1
    qtbot.waitUntil(goods.isActiveWindow, timeout=3000)
    goods.sheets.setFocus()
    # Ctrl+P: the sheet in the print preview, on A5 paper; printing it paints the PDF.
    with qtbot.waitSignal(goods.paper.dialog_opened, timeout=15_000) as opened:
        qtbot.keyClick(goods.sheets, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = opened.args[0]
    assert isinstance(preview, QPrintPreviewDialog) and "LQ-000001" in preview.windowTitle()
    printer = preview.printer()
    assert abs(printer.pageLayout().fullRect(QPageLayout.Unit.Millimeter).width() - 148) < 1
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.paintRequested.emit(printer)  # what its Print button does, without a printer
    preview.accept()
    assert "LQ-000001" in goods.message.text() and "Ctrl+M" in goods.message.text()
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    # Ctrl+Shift+S: the same sheet as a file in the station's folder.
    qtbot.waitUntil(goods.isActiveWindow, timeout=3000)
    qtbot.keyClick(
        goods.sheets,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_idle(qtbot, goods._ctx.workers)
    assert "goods-sheets" in goods.message.text(), goods.message.text()
    saved = list((station.paths.root / "goods-sheets").glob("*.pdf"))
    assert saved
    text = subprocess.run(
        ["pdftotext", "-layout", str(saved[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "领取单" in text and "LQ-000001" in text and "大米" in text
    qtbot.keyClick(goods.sheets, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, goods._ctx.workers)
    assert goods.sheets.count() == 0 and pending_sheets(station.db) == []


def test_write_off_is_the_coordinators(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    receive(station, rice("3"))
    staff_goods = _goods(qtbot, open_window(station.staff))
    assert not staff_goods.buttons["write_off"].isVisible()
    staff_goods.close()
    goods = _goods(qtbot, open_window(station.coordinator))
    assert goods.buttons["write_off"].isVisible()
    qtbot.keyClick(
        goods, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = goods.dialog
    assert isinstance(dialog, MovementDialog) and dialog.kind is MovementKind.WRITE_OFF
    type_text(qtbot, dialog.quantity, "1")
    qtbot.keyClick(dialog.quantity, Qt.Key.Key_Return)
    wait_idle(qtbot, goods._ctx.workers)
    assert dialog.isVisible() and dialog.error.isVisible()  # a write-off needs its reason
    type_text(qtbot, dialog.reason, "受潮")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    wait_idle(qtbot, goods._ctx.workers)
    assert _stock(station) == {"大米": 2_000}


def test_stock_take_by_keyboard(qtbot: QtBot, open_window: OpenWindow, station: Station) -> None:
    receive(station, rice("10"))
    goods = _goods(qtbot, open_window(station.staff))
    qtbot.keyClick(goods, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = goods.dialog
    assert isinstance(dialog, StockTakeDialog)
    dialog.set_count(0, "9")
    type_text(qtbot, dialog.password, DEMO_PASSWORD)
    dialog.witness.setCurrentText("李社工")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    wait_idle(qtbot, goods._ctx.workers)
    assert dialog.isVisible() and "原因" in dialog.error.text()  # a difference needs a reason
    dialog.set_count(0, "9", "一袋破损")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    wait_idle(qtbot, goods._ctx.workers)
    assert not dialog.isVisible() and _stock(station) == {"大米": 9_000}


def test_receive_goods_near_expiry_needs_the_coordinator(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    goods = _goods(qtbot, open_window(station.staff))
    qtbot.keyClick(goods, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = goods.dialog
    assert isinstance(dialog, ReceiveDialog)
    type_text(qtbot, dialog.item, "牛奶")
    type_text(qtbot, dialog.quantity, "12")
    type_text(qtbot, dialog.unit, "盒")
    dialog.category.setCurrentIndex(dialog.category.findData("food"))
    dialog.has_expiry.setChecked(True)
    dialog.expiry.setDate(dialog.expiry.date().currentDate().addDays(20))
    type_text(qtbot, dialog.donor, "张三")
    qtbot.keyClick(dialog.donor, Qt.Key.Key_Return)
    wait_idle(qtbot, goods._ctx.workers)
    assert dialog.override_box.isVisible() and "保质期" in dialog.error.text()
    assert _stock(station) == {}
    type_text(qtbot, dialog.override_name, "陈主任")
    type_text(qtbot, dialog.override_password, DEMO_PASSWORD)
    type_text(qtbot, dialog.override_reason, "本周发放")
    qtbot.keyClick(dialog.override_reason, Qt.Key.Key_Return)
    wait_idle(qtbot, goods._ctx.workers)
    assert not dialog.isVisible() and _stock(station) == {"牛奶": 12_000}


def test_a_distribution_takes_first_expiring_lots_across_the_item(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    """Twelve boxes of milk from two lots: the earlier-expiring lot is emptied first, even
    when the person chose the later one; "only this lot" keeps to the chosen one."""
    early, late = date(2099, 1, 1), date(2099, 6, 1)
    receive(station, milk(late, "10"))
    receive(station, milk(early, "5"))
    goods = _goods(qtbot, open_window(station.staff))
    later_row = next(
        r for r in range(goods.model.rowCount()) if goods.model.rows()[r].expiry == late
    )
    goods.table.selectRow(later_row)
    goods.table.setFocus()
    qtbot.keyClick(goods, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = goods.dialog
    assert isinstance(dialog, MovementDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.first_expiring.isChecked, timeout=5000)  # the item's lots read
    assert "2" in dialog.first_expiring.text() and "15" in dialog.first_expiring.text()
    type_text(qtbot, dialog.quantity, "12")
    assert "2099-01-01" in dialog.plan.text() and "2099-06-01" in dialog.plan.text()
    # Keeping to the chosen lot: 12 is more than its 10, refused before anything is sent.
    qtbot.keyClick(dialog.only_this, Qt.Key.Key_Space)
    assert dialog.only_this.isChecked() and dialog.plan.text() == ""
    qtbot.keyClick(dialog.quantity, Qt.Key.Key_Return)
    assert dialog.isVisible() and "10" in dialog.error.text()
    qtbot.keyClick(dialog.first_expiring, Qt.Key.Key_Space)
    assert dialog.first_expiring.isChecked()
    type_text(qtbot, dialog.household_name, "李伯")
    type_text(qtbot, dialog.household_reference, "H-021")
    qtbot.keyClick(dialog.quantity, Qt.Key.Key_Return)
    wait_idle(qtbot, goods._ctx.workers)
    assert not dialog.isVisible(), dialog.error.text()
    left = {r.expiry: r.on_hand_milli for r in stock_list(station.db, TODAY)}
    assert left == {late: 3_000}  # 5 from the early lot, 7 from the late one
    sheet = movement_sheet(station.db, pending_sheets(station.db)[0].movement)
    assert sheet is not None and len(sheet.lines) == 2  # the pickup sheet lists both lots
