"""Issue 17, accounts: the accounts table names the account, staff get no enrolment
instruction they cannot follow, and anyone logs out so the next person logs in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from station_app.ui.main_window import MainWindow
from station_app.ui.operators_model import COL_ACTIVE, COL_NAME
from station_app.ui.settings_dialog import SettingsDialog
from station_app.ui.shell import DeskShell
from tests.conftest import Station
from tests.ui.conftest import type_text, wait_idle


def _settings(qtbot: QtBot, station: Station, window: MainWindow, who) -> SettingsDialog:  # type: ignore[no-untyped-def]
    ctx = window._ctx
    dialog = SettingsDialog(
        settings=ctx.settings,
        station=ctx.station,
        operator=who,
        db=station.db,
        workers=ctx.workers,
        printers=lambda: [],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ctx.workers)
    return dialog


def test_the_account_column_shows_the_account(qtbot: QtBot, station: Station, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(station.coordinator)
    dialog = _settings(qtbot, station, window, station.coordinator)
    assert dialog.operators_tab is not None
    model = dialog.operators_tab.operators_model
    assert model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "账号"
    assert model.headerData(COL_ACTIVE, Qt.Orientation.Horizontal) == "状态"
    names = {model.index(r, COL_NAME).data() for r in range(model.rowCount())}
    assert {"陈主任", "李社工", "王小明"} <= names
    assert model.index(0, COL_ACTIVE).data() == "启用"


def test_staff_are_not_told_to_type_a_code_they_have_no_box_for(
    qtbot: QtBot, station: Station, open_window
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(station.staff, "en")
    dialog = _settings(qtbot, station, window, station.staff)
    assert dialog.enrol_code is None
    text = dialog.enrolment_state.text()
    assert "press Enrol" not in text and "coordinator" in text


def test_log_out_and_the_next_person_logs_in(
    qtbot: QtBot, translators, make_ctx, station: Station
) -> None:  # type: ignore[no-untyped-def]
    translators.install("en")
    ctx = make_ctx("en")
    shell = DeskShell(ctx, set_language=translators.install, report_error=lambda e: None)
    shell.start(auto_login=(station.staff.name, "demo1234"))
    qtbot.addWidget(shell.frame)
    window = shell.window
    assert window is not None
    shell.frame.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shell.frame, timeout=5_000)
    type_text(qtbot, window.form.amount, "45")
    window.form.amount.setFocus()
    qtbot.keyClick(
        window.form.amount,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    # A half-typed donation: asked first; discarding logs out.
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    assert "Log out" in box.text()
    discard = next(b for b in box.buttons() if "log out" in b.text())
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.login is not None, timeout=5_000)
    login = shell.login
    assert login.windowTitle() == "Switch user"
    assert "王小明 logged out" in " ".join(w.text() for w in login.findChildren(type(login.error)))
    assert login.operator.currentText() != station.staff.name
    assert not window.centralWidget().isVisible()
    assert window.form.amount.text() == "" and window.last_recorded is None
    login.operator.setCurrentText(station.social_worker.name)
    type_text(qtbot, login.password, "demo1234")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.login is None, timeout=10_000)
    assert window.operator.id == station.social_worker.id
    assert window.centralWidget().isVisible()
    shell.idle.stop()
    wait_idle(qtbot, ctx.workers)
