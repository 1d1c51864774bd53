"""Void: only a coordinator sees it, and a reason is required."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from station_app.domain.donations import DonationDraft
from station_app.services.donation_queries import donation_detail
from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.helpers.db_snapshot import row_counts
from tests.ui.conftest import type_text, wait_idle

OpenWindow = Callable[..., MainWindow]
CASH = DonationDraft(kind="cash", amount="88", donor_name="赵六")


def test_staff_cannot_see_or_trigger_void(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    number = station.recorder.record(station.staff, CASH).receipt_number
    window = open_window(station.staff)
    assert window.panel.select_receipt(number)
    assert not window.panel.void_button.isVisible()
    assert not window.panel.void_button.isEnabled()
    assert not window.menu_actions.void.isVisible() and not window.menu_actions.void.isEnabled()
    before = row_counts(station.paths.database)
    window.menu_actions.void.trigger()  # even if reached somehow: no dialog, nothing written
    window.receipts.ask_void(number)
    QApplication.processEvents()
    assert window.receipts.void_dialog is None
    assert row_counts(station.paths.database) == before
    assert donation_detail(station.db, number).row.status == "recorded"


def test_social_worker_cannot_void_either(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.social_worker)
    assert not window.panel.void_button.isVisible()


def test_coordinator_voids_with_a_reason(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    number = station.recorder.record(station.staff, CASH).receipt_number
    window = open_window(station.coordinator)
    panel = window.panel
    assert panel.void_button.isVisible()
    assert panel.select_receipt(number)
    assert panel.void_button.isEnabled()
    qtbot.mouseClick(panel.void_button, Qt.MouseButton.LeftButton)
    dialog = window.receipts.void_dialog
    assert dialog is not None and dialog.isVisible()
    # No reason, no void: OK is disabled and whitespace does not count.
    assert not dialog.ok.isEnabled()
    type_text(qtbot, dialog.reason, "   ")
    assert not dialog.ok.isEnabled()
    before = row_counts(station.paths.database)
    dialog.buttons.accepted.emit()  # even forced, an empty reason writes nothing
    wait_idle(qtbot, window._ctx.workers)
    assert row_counts(station.paths.database) == before

    dialog.reason.clear()
    type_text(qtbot, dialog.reason, "金额登记错误")
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.receipts.void_dialog is None, timeout=10_000)
    wait_idle(qtbot, window._ctx.workers)

    detail = donation_detail(station.db, number)
    assert detail.row.status == "voided"
    assert detail.void_reason == "金额登记错误"
    assert detail.voided_by == "陈主任"
    with sqlite3.connect(station.paths.database) as conn:
        assert conn.execute("SELECT count(*) FROM donation").fetchone()[0] == 1  # row stays
    row = panel.model.row_at(0)
    assert row is not None and row.voided
    assert panel.select_receipt(number)
    assert not panel.void_button.isEnabled()  # voiding twice is not offered
