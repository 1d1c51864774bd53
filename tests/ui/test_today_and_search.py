"""Issue 17: the today panel, a donor's history across all dates with name completion,
and a receipt scanned into the search box (a scanner types the URL, then Enter)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from station_app.association_defaults import receipt_address
from station_app.domain.donations import DonationDraft
from station_app.domain.receipt_qr import receipt_url
from station_app.services.donation_queries import donation_detail
from station_app.services.donation_recording import DonationRecorder
from station_app.ui.donation_detail_dialog import DonationDetailDialog
from station_app.ui.donor_search import DonorHistoryDialog
from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.ui.conftest import type_text, wait_idle

OpenWindow = Callable[..., MainWindow]


def test_today_panel_follows_the_records(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    station.recorder.record(
        station.staff, DonationDraft(kind="cash", amount="100", donor_name="张三丰")
    )
    station.recorder.record(
        station.staff, DonationDraft(kind="mobile", amount="20", anonymous=True)
    )
    window = open_window(station.staff, "en")
    today = window.today
    assert today.summary is not None and today.summary.count == 2
    assert today.count.text() == "2 donation(s), ¥120.00"
    assert today.cash.text() == "¥100.00"
    assert "Cash 1 · ¥100.00" in today.by_kind.text() and "Mobile" in today.by_kind.text()
    assert today.unsynced.text().startswith("2 donation(s)")
    type_text(qtbot, window.form.amount, "50")
    window.form.anonymous.setChecked(True)
    qtbot.keyClick(window.form.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_recorded is not None, timeout=10_000)
    wait_idle(qtbot, window._ctx.workers)
    assert today.summary.count == 3 and today.cash.text() == "¥150.00"
    assert today.unsynced.text().startswith("3 donation(s)")


def test_donor_history_on_all_dates_and_a_scanned_receipt(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    long_ago = DonationRecorder(
        station.db, station.signer, clock=lambda: datetime(2025, 6, 1, 2, tzinfo=UTC)
    )
    old = long_ago.record(
        station.staff, DonationDraft(kind="cash", amount="300", donor_name="张三丰")
    )
    station.recorder.record(
        station.staff, DonationDraft(kind="cash", amount="40", donor_name="张三丰")
    )
    window = open_window(station.staff, "en")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    search = window.donor_search
    qtbot.keyClick(
        window.form.amount,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QApplication.focusWidget() is search
    type_text(qtbot, search, "三")
    popup = search.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert search.completer().currentCompletion() == "张三丰"  # from earlier donors
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # choosing the name opens the history
    assert search.text() == "张三丰"
    qtbot.waitUntil(lambda: search.history is not None, timeout=10_000)
    history: DonorHistoryDialog = search.history  # type: ignore[assignment]
    assert [r.business_day for r in history.rows] == [
        history.rows[0].business_day,
        "2025-06-01",
    ]  # every date, the newest first
    assert history.table.rowCount() == 2
    assert "2 donation(s) on any date, ¥340.00 in all" in history.summary.text()
    history.close()

    # A scanner types the QR's URL and presses Enter: that receipt opens.
    detail = donation_detail(station.db, old.receipt_number)
    printed = receipt_address(station.info.association_url)  # as on the receipt's QR
    url = receipt_url(printed, old.receipt_number, detail.signature)
    search.setFocus()  # the name is still there: the scan is typed after it
    qtbot.keyClicks(search, url)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.findChildren(DonationDetailDialog)), timeout=10_000)
    opened = window.findChildren(DonationDetailDialog)[0]
    assert old.receipt_number in opened.windowTitle()
    assert search.text() == ""  # ready for the next scan
