"""The end-of-day menu: who sees it, closing today from it, reopening, and reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot

from station_app.domain.donations import DonationDraft
from station_app.domain.station_time import local_date, utc_now
from station_app.services.day_close import day_state
from station_app.services.day_close_followup import day_close_pdf_path
from station_app.services.sessions import OperatorSession
from station_app.ui.main_window import MainWindow
from station_app.ui.reopen_day_dialog import ReopenDayDialog
from station_app.ui.sync_panel import SyncPanel
from tests.conftest import Station
from tests.ui.conftest import type_text, wait_idle
from tests.ui.test_translations import CJK, LATIN_OK, LATIN_WORD, _strip_data, ui_texts

OpenWindow = Callable[..., MainWindow]


def _menu_texts(window: MainWindow, title: str) -> list[str]:
    for a in window.menuBar().actions():
        if a.text() == title:
            menu = a.menu()
            assert isinstance(menu, QMenu)
            return [x.text() for x in menu.actions() if x.isVisible() and x.text()]
    raise AssertionError(f"no menu {title!r}")


@pytest.mark.parametrize("who", ["staff", "social_worker", "coordinator"])
def test_close_and_reopen_entries_are_for_coordinators_only(
    open_window: OpenWindow, station: Station, who: str
) -> None:
    operator: OperatorSession = getattr(station, who)
    window = open_window(operator, "en")
    entries = _menu_texts(window, "End of da&y")
    assert "S&ync with the association…" in entries
    assert "Re&ports…" in entries
    coordinator_only = {"&Close the day…", "Close the day and &sync…", "&Reopen a closed day…"}
    if who == "coordinator":
        assert coordinator_only <= set(entries)
    else:
        assert not coordinator_only & set(entries)
        assert not window.menu_actions.close_day.isEnabled()


def test_a_new_operator_after_unlock_gets_their_own_menu(
    open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.coordinator, "en")
    assert window.menu_actions.close_day.isVisible()
    window.set_operator(station.staff)
    assert not window.menu_actions.close_day.isVisible()
    assert not window.menu_actions.reopen_day.isVisible()


def _close_today_through_the_menu(qtbot: QtBot, window: MainWindow, station: Station) -> None:
    window.menu_actions.close_day.trigger()
    qtbot.waitUntil(lambda: window.day_end.close_dialog is not None, timeout=5_000)
    dialog = window.day_end.close_dialog
    assert dialog is not None
    wait_idle(qtbot, window._ctx.workers)  # expected totals read
    dialog.pieces[10000].setValue(1)  # the ¥100 recorded below, counted in the box
    assert dialog.difference.text() == "无：全部相符"
    dialog.witness.setCurrentIndex(dialog.witness.findData(station.social_worker.name))
    type_text(qtbot, dialog.witness_password, "demo1234")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.day_end.closed_dialog is not None, timeout=20_000)
    wait_idle(qtbot, window._ctx.workers)


def test_closing_today_from_the_menu_locks_it_and_the_status_bar_says_so(
    qtbot: QtBot, open_window: OpenWindow, station: Station, tmp_path: Path
) -> None:
    station.recorder.record(station.staff, DonationDraft(kind="cash", amount="100", anonymous=True))
    window = open_window(station.coordinator, "zh_CN")
    today = local_date(utc_now())
    assert "未日结" in window.status.day.text()

    _close_today_through_the_menu(qtbot, window, station)

    assert day_state(station.db, today).closed
    assert window.status.day.text().startswith(f"{today.isoformat()} 已日结")
    done = window.day_end.closed_dialog
    assert done is not None
    pdf = day_close_pdf_path(station.paths, today)
    assert done.pdf_path == pdf and pdf.read_bytes().startswith(b"%PDF")
    assert done.path_label.text() == str(pdf)
    assert done.backup_label.text()  # a backup was made, or a warning says why not
    assert done.goods_label.text() == "当日无物资进出。"
    done.save_copy(tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == pdf.read_bytes()
    done.reject()

    # Closing again is refused kindly, without opening the dialog.
    window.menu_actions.close_day.trigger()
    wait_idle(qtbot, window._ctx.workers)
    assert window.day_end.close_dialog is None

    # The next donation moves to the next open day, and the desk says so in words.
    type_text(qtbot, window.form.amount, "20")
    type_text(qtbot, window.form.donor, "周九")
    qtbot.keyClick(window.form.donor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_recorded is not None, timeout=10_000)
    rec = window.last_recorded
    assert rec is not None and rec.moved_from_closed_day == today.isoformat()
    assert "已经日结，所以这笔捐赠记入了下一个营业日" in window.last_box.label.text()
    wait_idle(qtbot, window._ctx.workers)
    # The list follows the day new records go to, shows it, and a banner says why.
    tomorrow = rec.business_day
    assert window.day_banner.isVisible() and tomorrow in window.day_banner.text()
    assert window.panel.day_from.date().toString("yyyy-MM-dd") == tomorrow
    assert window.panel.select_receipt(rec.receipt_number)
    from station_app.ui.donations_model import COL_DAY

    row = window.panel.table.currentIndex().row()
    assert window.panel.model.index(row, COL_DAY).data() == tomorrow


def test_reopening_a_day_needs_a_reason_and_opens_it(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    station.recorder.record(station.staff, DonationDraft(kind="cash", amount="100", anonymous=True))
    window = open_window(station.coordinator, "zh_CN")
    today = local_date(utc_now())
    _close_today_through_the_menu(qtbot, window, station)
    assert window.day_end.closed_dialog is not None
    window.day_end.closed_dialog.reject()

    window.menu_actions.reopen_day.trigger()
    dialog = window.day_end.reopen_dialog
    assert isinstance(dialog, ReopenDayDialog)
    wait_idle(qtbot, window._ctx.workers)
    assert "陈主任" in dialog.state_label.text()
    assert not dialog.reopen_button.isEnabled()  # no reason yet
    type_text(qtbot, dialog.reason, "漏记一笔现金")
    assert dialog.reopen_button.isEnabled()
    with qtbot.waitSignal(dialog.reopened, timeout=10_000):
        qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window._ctx.workers)
    assert not day_state(station.db, today).closed
    assert "未日结" in window.status.day.text()


def test_reports_open_in_their_own_window_once(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    station.recorder.record(station.staff, DonationDraft(kind="cash", amount="88", anonymous=True))
    window = open_window(station.staff, "zh_CN")
    window.menu_actions.reports.trigger()
    view = window.side.open_reports()
    qtbot.waitExposed(view)
    wait_idle(qtbot, window._ctx.workers)
    assert view.isWindow() and view.windowTitle().startswith("报表")
    assert "¥88.00" in view.summary.text()
    assert window.side.open_reports() is view  # raised again, not a second window
    assert view.width() <= 1366 and view.height() <= 768
    view.close()
    qtbot.waitUntil(lambda: window.side.reports_view is None)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_end_of_day_windows_are_translated(
    qtbot: QtBot, open_window: OpenWindow, station: Station, language: str
) -> None:
    window = open_window(station.coordinator, language)
    windows: list[QWidget] = [window.side.open_sync_panel()]
    window.menu_actions.reopen_day.trigger()
    assert window.day_end.reopen_dialog is not None
    windows.append(window.day_end.reopen_dialog)
    window.menu_actions.close_day.trigger()
    qtbot.waitUntil(lambda: window.day_end.close_dialog is not None)
    windows.append(window.day_end.close_dialog)
    wait_idle(qtbot, window._ctx.workers)
    assert isinstance(windows[0], SyncPanel)
    data = [station.info.name, station.info.association_name]
    data += [op.name for op in (station.coordinator, station.social_worker, station.staff)]
    texts = [(w, t) for root in windows for w, t in ui_texts(root)]
    texts += [("title", root.windowTitle()) for root in windows]
    assert len(texts) > 20
    if language == "en":
        bad = [(w, t) for w, t in texts if CJK.search(_strip_data(t, data))]
    else:
        bad = [(w, t) for w, t in texts if set(LATIN_WORD.findall(_strip_data(t, data))) - LATIN_OK]
    assert not bad
