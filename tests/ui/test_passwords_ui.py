"""Passwords in the desk: everyone changes their own, the coordinator resets another's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from station_app.domain.passwords import DEMO_PASSWORD
from station_app.services.sessions import authenticate
from station_app.ui.main_window import MainWindow
from station_app.ui.settings_dialog import SettingsDialog
from tests.conftest import Station
from tests.ui.conftest import type_text, wait_idle


def _dialog(qtbot: QtBot, station: Station, window: MainWindow, who) -> SettingsDialog:  # type: ignore[no-untyped-def]
    ctx = window._ctx
    dialog = SettingsDialog(
        settings=ctx.settings,
        station=ctx.station,
        operator=who,
        db=station.db,
        workers=ctx.workers,
        printers=lambda: [],
    )
    dialog.session_changed.connect(window.set_operator)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_staff_change_their_own_password_and_keep_working(
    qtbot: QtBot, station: Station, open_window
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(station.staff, "en")
    dialog = _dialog(qtbot, station, window, station.staff)
    assert dialog.operators_tab is None  # no accounts tab for staff
    dialog.tabs.setCurrentIndex(2)
    type_text(qtbot, dialog.current_password, DEMO_PASSWORD)
    type_text(qtbot, dialog.changed_password, "my-own-pass-7")
    type_text(qtbot, dialog.changed_again, "my-own-pass-8")
    qtbot.mouseClick(dialog.change_password_button, Qt.MouseButton.LeftButton)
    assert "differ" in dialog.password_result.text()
    dialog.changed_again.clear()
    type_text(qtbot, dialog.changed_again, "my-own-pass-7")
    qtbot.keyClick(dialog.change_password_button, Qt.Key.Key_Space)
    wait_idle(qtbot, window._ctx.workers)
    assert dialog.password_result.text() == "Your password was changed."
    assert window.operator.credential != station.staff.credential  # the new session
    assert authenticate(station.db, "王小明", "my-own-pass-7").id == station.staff.id
    from station_app.domain.donations import DonationDraft

    station.recorder.record(window.operator, DonationDraft(kind="cash", amount="5", anonymous=True))


def test_the_coordinator_resets_a_forgotten_password(
    qtbot: QtBot, station: Station, open_window
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(station.coordinator, "en")
    dialog = _dialog(qtbot, station, window, station.coordinator)
    assert dialog.operators_tab is not None
    dialog.tabs.setCurrentWidget(dialog.operators_tab)
    accounts = dialog.operators_tab
    wait_idle(qtbot, window._ctx.workers)
    qtbot.mouseClick(accounts.reset_button, Qt.MouseButton.LeftButton)
    assert "Choose the account" in accounts.operators_error.text()
    row = next(
        r for r in range(accounts.operators_model.rowCount())
        if accounts.operators_model.operator_at(r).name == "王小明"  # type: ignore[union-attr]
    )  # fmt: skip
    accounts.operators.selectRow(row)
    type_text(qtbot, accounts.reset_password_edit, "12345678")
    qtbot.mouseClick(accounts.reset_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window._ctx.workers)
    assert "too common" in accounts.operators_error.text()
    accounts.reset_password_edit.clear()
    type_text(qtbot, accounts.reset_password_edit, "fresh-start-42")
    qtbot.mouseClick(accounts.reset_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window._ctx.workers)
    assert "was reset" in accounts.operators_error.text()
    assert authenticate(station.db, "王小明", "fresh-start-42").name == "王小明"
