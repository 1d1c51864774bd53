"""Issue 17, keyboard: no two visible Alt keys of the main window collide (in English
and Chinese, for every kind of donation), Alt+R records, and a date field is one Tab."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.ui.conftest import type_text, wait_idle

OpenWindow = Callable[..., MainWindow]


def _mnemonics(window: MainWindow) -> Counter[str]:
    keys: Counter[str] = Counter()

    def note(text: str) -> None:
        key = QKeySequence.mnemonic(text)
        if not key.isEmpty():
            keys[key.toString()] += 1

    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.buddy() is not None:
            note(label.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and type(button).__name__ != "QToolButton":
            note(button.text())
    for action in window.menuBar().actions():
        if action.isVisible():
            note(action.text())
    return keys


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_alt_key_collides(
    qtbot: QtBot, open_window: OpenWindow, station: Station, language: str
) -> None:
    window = open_window(station.coordinator, language)
    for index in range(window.form.kind.count()):  # cash, mobile, bank, in-kind
        window.form.kind.setCurrentIndex(index)
        keys = _mnemonics(window)
        assert keys, "no mnemonics found"
        assert [k for k, n in keys.items() if n > 1] == [], window.form.kind.currentText()
    assert window.menu_actions.print.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)


def test_alt_r_records_and_a_date_field_is_one_tab(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.staff, "en")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    type_text(qtbot, window.form.amount, "12")
    window.form.anonymous.setChecked(True)
    qtbot.keyClick(window.form.amount, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.last_recorded is not None, timeout=10_000)
    wait_idle(qtbot, window._ctx.workers)
    panel = window.panel
    panel.day_from.setFocus()
    qtbot.keyClick(panel.day_from, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.day_to
    qtbot.keyClick(panel.day_to, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not panel.day_to
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is panel.day_to
