"""The statements window driven through its widgets: import, the three lists, recording a
payment nobody recorded (with a password), a bank set up once; and the reference field."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from station_app.domain.donations import DonationKind
from station_app.services.donation_queries import donation_detail
from station_app.services.reconciliation import reconcile_day
from station_app.services.statement_import import import_statement
from station_app.ui.donation_detail_dialog import DonationDetailDialog
from station_app.ui.main_window import MainWindow
from station_app.ui.statement_models import (
    MatchedModel,
    MoneyBackModel,
    NotOnStatementModel,
    NotRecordedModel,
    UnmatchedModel,
)
from station_app.ui.statements_window import StatementsWindow
from tests.conftest import Station
from tests.helpers.db_snapshot import row_counts
from tests.statements.helpers import BANK_CSV, WECHAT_ALL
from tests.statements.station_day import record_the_wechat_day
from tests.ui.conftest import press, type_text, wait_idle

OpenWindow = Callable[..., MainWindow]
DAY = date(2026, 11, 3)


def _open(qtbot: QtBot, window: MainWindow) -> StatementsWindow:
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.side.statements_window is not None, timeout=5_000)
    statements = window.side.statements_window
    assert statements is not None
    qtbot.waitExposed(statements)
    statements.day.setDate(statements.day.date().fromString(DAY.isoformat(), "yyyy-MM-dd"))
    wait_idle(qtbot, window._ctx.workers)
    return statements


def _import(qtbot: QtBot, window: MainWindow, statements: StatementsWindow, path: Path) -> None:
    statements.import_file(path)
    qtbot.waitUntil(lambda: statements.import_button.isEnabled(), timeout=20_000)
    wait_idle(qtbot, window._ctx.workers)


def test_import_shows_the_three_lists_and_a_payment_is_recorded_by_keyboard(
    qtbot: QtBot, open_window: OpenWindow, station: Station, tmp_path: Path
) -> None:
    record_the_wechat_day(station)
    window = open_window(station.coordinator)
    statements = _open(qtbot, window)
    _import(qtbot, window, statements, WECHAT_ALL)
    assert "已导入微信支付" in statements.message.text()
    mobile = statements.panes[DonationKind.MOBILE]
    assert mobile.not_recorded_model.rowCount() == 1
    assert mobile.not_on_statement_model.rowCount() == 1
    assert mobile.matched_model.rowCount() == 6
    assert mobile.money_back_model.rowCount() == 1
    assert mobile.not_recorded_box.title() == "对账单上有、未登记（1）"
    assert "¥444.88" in mobile.summary.text() and "未登记 1 笔" in mobile.summary.text()
    statements.grab().save(str(tmp_path / "statements.png"))

    # Enter on the payment nobody recorded: the record dialog, for whoever logs in.
    mobile.not_recorded.setFocus()
    press(qtbot, mobile.not_recorded, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: statements.record_dialog is not None, timeout=5_000)
    dialog = statements.record_dialog
    assert dialog is not None
    assert "¥100.00" in dialog.findChildren(type(statements.message))[0].text()
    type_text(qtbot, dialog.donor, "周大福")
    dialog.operator.setCurrentIndex(dialog.operator.findData(station.staff.name))
    before = row_counts(station.paths.database)
    type_text(qtbot, dialog.password, "wrong-pass")
    press(qtbot, dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert dialog.error.text() == "姓名或密码不正确"
    after = row_counts(station.paths.database)
    assert after.pop("login_throttle") == 1  # the wrong password counts against the name
    before.pop("login_throttle")
    assert after == before  # and nothing else was written
    dialog.password.clear()
    type_text(qtbot, dialog.password, "demo1234")
    press(qtbot, dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: statements.record_dialog is None, timeout=10_000)
    wait_idle(qtbot, window._ctx.workers)
    assert mobile.not_recorded_model.rowCount() == 0 and mobile.matched_model.rowCount() == 7
    with sqlite3.connect(station.paths.database) as con:
        donor, operator, ref, number = con.execute(
            "SELECT d.donor_name, o.name, d.transaction_reference, r.number FROM donation d "
            "JOIN operator o ON o.id = d.operator_id JOIN receipt r ON r.donation_id = d.id "
            "WHERE d.statement_line_id IS NOT NULL"
        ).fetchone()
    assert (donor, operator, ref) == ("周大福", "王小明", "4200002213202611031234567806")
    assert number in statements.message.text()  # the message names the new receipt


def test_a_bank_file_is_set_up_once_then_imported(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.coordinator)
    statements = _open(qtbot, window)
    _import(qtbot, window, statements, BANK_CSV)
    assert "设置列对应" in statements.message.text()
    assert statements.bank_button.isEnabled()
    qtbot.mouseClick(statements.bank_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: statements.bank_dialog is not None, timeout=5_000)
    dialog = statements.bank_dialog
    assert dialog is not None
    # The usual names are preselected from the file's own header.
    assert (dialog.date.currentText(), dialog.amount.currentText()) == ("交易日期", "收入金额")
    assert dialog.reference.currentText() == "交易流水号"
    type_text(qtbot, dialog.bank, "工商银行")
    press(qtbot, dialog.bank, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: statements.bank_dialog is None, timeout=10_000)
    qtbot.waitUntil(lambda: "已导入工商银行" in statements.message.text(), timeout=20_000)
    wait_idle(qtbot, window._ctx.workers)
    assert statements.tabs.currentWidget() is statements.panes[DonationKind.BANK]
    bank = statements.panes[DonationKind.BANK]
    assert bank.not_recorded_model.rowCount() == 2  # 2026-11-03's two transfers
    assert bank.not_recorded_model.data(bank.not_recorded_model.index(0, 3)) == "广*************"


def test_staff_have_no_statements_entry(open_window: OpenWindow, station: Station) -> None:
    window = open_window(station.staff)
    statements = window.menu_actions.statements
    assert not statements.isVisible() and not statements.isEnabled()


def test_the_reference_box_is_there_for_mobile_and_bank_only(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.staff)
    form = window.form
    assert form.kind.currentData() == "cash" and not form.reference.isVisible()
    form.kind.setCurrentIndex(form.kind.findData("mobile"))
    assert form.reference.isVisible()
    form.amount.setFocus()
    type_text(qtbot, form.amount, "20")
    qtbot.keyClick(form.amount, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.reference
    type_text(qtbot, form.reference, "４２００ 0022")  # full-width and a space, as typed
    type_text(qtbot, form.donor, "李四")
    press(qtbot, form.donor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_recorded is not None, timeout=10_000)
    wait_idle(qtbot, window._ctx.workers)
    number = window.last_recorded.receipt_number  # type: ignore[union-attr]
    assert donation_detail(station.db, number).row.transaction_reference == "42000022"
    assert form.reference.text() == ""  # cleared for the next donor
    window.receipts.show_detail(number)
    qtbot.waitUntil(lambda: bool(window.findChildren(DonationDetailDialog)), timeout=5_000)
    [detail] = window.findChildren(DonationDetailDialog)
    shown = [w.text() for w in detail.findChildren(QLabel)]
    assert "交易单号：" in shown and "42000022" in shown


def test_the_reconciliation_models_pass_modeltester(
    qtmodeltester: ModelTester, station: Station
) -> None:
    record_the_wechat_day(station)
    import_statement(station.db, station.coordinator, WECHAT_ALL)
    recon = reconcile_day(station.db, DAY)
    mobile = recon[DonationKind.MOBILE]
    for model, items in (
        (NotRecordedModel(), mobile.not_recorded),
        (NotOnStatementModel(), mobile.not_on_statement),
        (MatchedModel(), mobile.matched),
        (MoneyBackModel(), mobile.money_back),
    ):
        model.set_items(items)
        qtmodeltester.check(model)
    unmatched = UnmatchedModel()
    unmatched.set_reconciliations(list(recon.values()))
    qtmodeltester.check(unmatched)
    assert unmatched.rowCount() == 2 and unmatched.unexplained() == 2
    assert unmatched.setData(unmatched.index(0, UnmatchedModel.EXPLANATION), "扫码后离开")
    unmatched.explain([1], "捐赠人误操作，已退回")
    assert unmatched.unexplained() == 0 and len(unmatched.explanations()) == 2
