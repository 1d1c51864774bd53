"""Recording donations through the widgets alone: key presses and input-method commits."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from station_app.services.donation_queries import donation_detail
from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.helpers.db_snapshot import row_counts
from tests.ui.conftest import press, type_text, wait_idle

OpenWindow = Callable[..., MainWindow]


def _db_rows(station: Station, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(station.paths.database) as conn:
        return conn.execute(sql, args).fetchall()


def _tab_to(qtbot: QtBot, window: MainWindow, target: object, limit: int = 12) -> None:
    """Press Tab until ``target`` has the focus (fails if it never does)."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is target


def _record_and_wait(qtbot: QtBot, window: MainWindow) -> str:
    before = window.last_recorded
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_recorded is not before, timeout=10_000)
    wait_idle(qtbot, window._ctx.workers)
    assert window.last_recorded is not None
    return window.last_recorded.receipt_number


def test_cash_donation_by_keyboard(qtbot: QtBot, open_window: OpenWindow, station: Station) -> None:
    window = open_window(station.staff)
    form = window.form
    assert QApplication.focusWidget() is form.amount  # ready to type at once
    type_text(qtbot, form.amount, "1,250.5")
    assert "壹仟贰佰伍拾元零伍角" in form.capitals.text()  # the live capitals preview
    _tab_to(qtbot, window, form.donor)
    type_text(qtbot, form.donor, "张三丰")
    _tab_to(qtbot, window, form.phone)
    type_text(qtbot, form.phone, "13812345678")
    _tab_to(qtbot, window, form.designation)
    type_text(qtbot, form.designation, "微心")  # searchable: part of the name
    popup = form.designation.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    press(qtbot, popup, Qt.Key.Key_Down)
    press(qtbot, popup, Qt.Key.Key_Return)  # picks the completion, does not record
    assert form.designation.currentText() == "微心愿"
    assert window.last_recorded is None
    _tab_to(qtbot, window, form.note)
    type_text(qtbot, form.note, "春节")

    number = _record_and_wait(qtbot, window)

    assert number.startswith("GZ-YX-0012-") and number.endswith("-000001")
    rows = _db_rows(
        station,
        "SELECT d.kind, d.amount_fen, d.donor_name, d.donor_phone, d.designation_code, d.note,"
        " o.name, r.number, r.print_count FROM donation d JOIN receipt r ON r.donation_id = d.id"
        " JOIN operator o ON o.id = d.operator_id",
    )
    assert rows == [("cash", 125050, "张三丰", "13812345678", "WXY", "春节", "王小明", number, 0)]
    assert (
        _db_rows(station, "SELECT count(*) FROM ledger_entry WHERE type='donation.recorded'")[0][0]
        == 1
    )
    # The form is empty for the next donor, the table shows the new row selected.
    assert form.amount.text() == "" and form.donor.text() == ""
    assert window.panel.selected_row().receipt_number == number
    assert number in window.last_box.label.text()


def test_in_kind_donation_by_keyboard(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.social_worker)
    form = window.form
    form.kind.setFocus()
    press(qtbot, form.kind, Qt.Key.Key_Down, 3)  # cash → mobile → bank → in-kind
    assert form.kind.currentData() == "in_kind"
    assert not form.amount.isEnabled() and form.items.isVisibleTo(window)

    table = form.items
    table.setFocus()
    table.setCurrentIndex(form.items_model.index(0, 0))

    def cell(text: str) -> None:
        qtbot.keyClick(table, Qt.Key.Key_F2)  # edit the current cell
        editor = QApplication.focusWidget()
        assert editor is not table
        editor.selectAll()  # type: ignore[attr-defined]
        type_text(qtbot, editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Tab)  # commit, next cell

    for text in ("大米", "10", "袋", "500"):
        cell(text)
    qtbot.keyClick(table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # a second line
    assert form.items_model.rowCount() == 2
    table.setCurrentIndex(form.items_model.index(1, 0))
    for text in ("食用油", "2.5", "升", "37.50"):
        cell(text)
    assert "¥537.50" in form.items_total.text()
    assert "伍佰叁拾柒元伍角" in form.capitals.text()

    form.anonymous.setFocus()
    qtbot.keyClick(form.anonymous, Qt.Key.Key_Space)
    assert form.anonymous.isChecked() and not form.donor.isEnabled()

    number = _record_and_wait(qtbot, window)

    detail = donation_detail(station.db, number)
    assert detail.row.kind == "in_kind"
    assert detail.row.amount_fen == 53750
    assert detail.row.donor_name is None
    assert detail.row.operator_name == "李社工"
    assert [(i.description, i.quantity, i.unit, i.value_fen) for i in detail.items] == [
        ("大米", "10", "袋", 50000),
        ("食用油", "2.5", "升", 3750),
    ]


@pytest.mark.parametrize(
    ("typed", "language", "message"),
    [
        ("12.345", "zh_CN", "金额最多两位小数"),
        ("abc", "zh_CN", "金额格式不正确"),
        ("-5", "en", "An amount cannot be negative."),
    ],
)
def test_bad_amount_shows_message_and_writes_nothing(
    qtbot: QtBot,
    open_window: OpenWindow,
    station: Station,
    typed: str,
    language: str,
    message: str,
) -> None:
    window = open_window(station.staff, language)
    before = row_counts(station.paths.database)
    type_text(qtbot, window.form.amount, typed)
    type_text(qtbot, window.form.donor, "Li")
    qtbot.keyClick(window.form.donor, Qt.Key.Key_Return)
    wait_idle(qtbot, window._ctx.workers)
    assert message in window.form.error_message()
    assert window.form.amount_error.isVisible()
    assert QApplication.focusWidget() is window.form.amount  # back where the fix goes
    assert window.last_recorded is None
    assert row_counts(station.paths.database) == before


def test_refusal_from_the_service_names_the_field(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    """No donor and not anonymous: the rule lives in the service; nothing is written."""
    window = open_window(station.staff)
    before = row_counts(station.paths.database)
    type_text(qtbot, window.form.amount, "10")
    qtbot.keyClick(window.form.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.form.error_message()))
    wait_idle(qtbot, window._ctx.workers)
    assert "请填写捐赠人姓名" in window.form.error_message()
    assert QApplication.focusWidget() is window.form.donor
    assert row_counts(station.paths.database) == before
    assert window.form.amount.text() == "10"  # what was typed is kept
