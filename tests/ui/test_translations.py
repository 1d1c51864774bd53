"""Both languages complete: the .ts is up to date and finished, and the main window,
walked widget by widget, shows no text of the other language except data values."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from station_app.services.donation_queries import list_designations
from station_app.ui.build_translations import find_tool, ui_sources
from station_app.ui.main_window import MainWindow
from station_app.ui.settings_dialog import SettingsDialog
from station_app.ui.settings_store import Settings
from station_app.ui.shell import DeskShell
from tests.conftest import Station
from tests.ui.conftest import TRANSLATIONS, type_text, wait_idle

OpenWindow = Callable[..., MainWindow]
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
#: Latin that is right in Chinese text: file formats, paper sizes, key names, codes.
LATIN_OK = {"PDF", "Ctrl", "GZ", "YX", "pdf"}
ZH_TS = TRANSLATIONS / "station_zh_CN.ts"


def test_ts_is_complete_and_matches_the_code(tmp_path: Path) -> None:
    tree = ET.parse(ZH_TS)
    messages = list(tree.iter("message"))
    assert messages
    for m in messages:
        tr = m.find("translation")
        assert tr is not None
        source = m.findtext("source")
        assert tr.get("type") not in ("unfinished", "obsolete", "vanished"), source
        text = "".join(tr.itertext()).strip()
        assert text, f"no translation for {source!r}"
        assert CJK.search(text), f"translation of {source!r} is not Chinese: {text!r}"
    # Every string in the code is in the .ts: lupdate on the sources adds nothing new.
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [find_tool("pyside6-lupdate"), *map(str, ui_sources()), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    in_code = {
        (c.findtext("name"), m.findtext("source"))
        for c in ET.parse(fresh).iter("context")
        for m in c.iter("message")
    }
    in_ts = {
        (c.findtext("name"), m.findtext("source"))
        for c in tree.iter("context")
        for m in c.iter("message")
    }
    assert in_code <= in_ts, sorted(in_code - in_ts)


def _is_data(w: QWidget, root: QWidget) -> bool:
    while w is not None and w is not root.parentWidget():
        if w.property("dataValue"):
            return True
        w = w.parentWidget()
    return False


def ui_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every user-visible UI text under ``root``; data widgets skipped."""
    if isinstance(root, QMainWindow):
        yield "title", root.windowTitle()
        for menu_action in root.menuBar().actions():
            yield "menu", menu_action.text()
            menu = menu_action.menu()
            for a in menu.actions() if menu else ():
                if a.isVisible() and a.text():
                    yield "menu item", a.text()
    for w in [root, *root.findChildren(QWidget)]:
        if not (w is root or w.isVisibleTo(root)) or _is_data(w, root):
            continue
        name = type(w).__name__
        if w.toolTip():
            yield f"{name} tooltip", w.toolTip()
        if (isinstance(w, QLabel) and w.text()) or (isinstance(w, QAbstractButton) and w.text()):
            yield name, w.text()
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QLineEdit) and w.placeholderText():
            yield f"{name} placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield f"{name} item", w.itemText(i)
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"{name} tab", w.tabText(i)
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                yield f"{name} header", str(model.headerData(c, Qt.Orientation.Horizontal))


def _strip_data(text: str, data: list[str]) -> str:
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def _data_values(station: Station) -> list[str]:
    names = [station.info.name, station.info.code, station.info.association_name]
    names += [op.name for op in (station.coordinator, station.social_worker, station.staff)]
    names += [d.name for d in list_designations(station.db)]
    return names


def _record_one(qtbot: QtBot, window: MainWindow) -> None:
    """A row in the table and a filled 'last receipt' box, so their texts are walked too."""
    type_text(qtbot, window.form.amount, "20")
    type_text(qtbot, window.form.donor, "周九")
    qtbot.keyClick(window.form.donor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_recorded is not None, timeout=10_000)
    wait_idle(qtbot, window._ctx.workers)
    window.status.refresh()
    wait_idle(qtbot, window._ctx.workers)


def test_english_window_has_no_chinese_ui_text(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.coordinator, "en")
    _record_one(qtbot, window)
    data = [*_data_values(station), "周九"]
    texts = list(ui_texts(window))
    assert ("QPushButton", "&Record and issue receipt") in texts
    assert ("menu", "Re&ceipts") in texts
    leftovers = [(w, t) for w, t in texts if CJK.search(_strip_data(t, data))]
    assert not leftovers


def test_chinese_window_is_translated(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.coordinator, "zh_CN")
    _record_one(qtbot, window)
    data = [*_data_values(station), "周九"]
    texts = list(ui_texts(window))
    assert ("QPushButton", "登记并开具收据(&R)") in texts
    assert window.windowTitle().startswith("慈善捐赠站")
    leftovers = [
        (w, t) for w, t in texts if set(LATIN_WORD.findall(_strip_data(t, data))) - LATIN_OK
    ]
    assert not leftovers


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_settings_dialog_is_translated(
    qtbot: QtBot, open_window: OpenWindow, station: Station, language: str
) -> None:
    window = open_window(station.coordinator, language)
    dialog = SettingsDialog(
        settings=Settings(language=language),
        station=station.info,
        operator=station.coordinator,
        db=station.db,
        workers=window._ctx.workers,
        printers=lambda: [],
    )
    qtbot.addWidget(dialog)
    wait_idle(qtbot, window._ctx.workers)
    texts = [(w, t) for w, t in ui_texts(dialog)]
    data = _data_values(station)
    for i in range(dialog.tabs.count()):  # the hidden tabs too
        texts += list(ui_texts(dialog.tabs.widget(i)))
    if language == "en":
        bad = [(w, t) for w, t in texts if CJK.search(_strip_data(t, data))]
    else:
        bad = [(w, t) for w, t in texts if set(LATIN_WORD.findall(_strip_data(t, data))) - LATIN_OK]
    assert not bad


def test_choosing_english_rebuilds_the_window_in_english_and_keeps_the_form(
    qtbot: QtBot,
    translators,
    make_ctx,
    station: Station,  # type: ignore[no-untyped-def]
) -> None:
    translators.install("zh_CN")
    ctx = make_ctx("zh_CN")
    errors: list[BaseException] = []
    shell = DeskShell(ctx, set_language=translators.install, report_error=errors.append)
    shown: list[MainWindow] = []
    shell.window_shown.connect(shown.append)
    qtbot.addWidget(shell.frame)
    shell.start(auto_login=(station.coordinator.name, "demo1234"))
    first = shown[-1]
    qtbot.waitExposed(shell.frame)
    assert first.form.submit_button.text() == "登记并开具收据(&R)"
    type_text(qtbot, first.form.amount, "300")  # half-filled form

    first.side.open_settings()
    dialog = first.findChild(SettingsDialog)
    assert dialog is not None
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.findChild(QAbstractButton, "").__class__  # noqa: B018 (dialog is real)
    dialog._accept()
    qtbot.waitUntil(lambda: len(shown) == 2)
    second = shown[-1]
    assert second is not first
    assert second.window() is shell.frame
    assert shell.frame.windowTitle() == second.windowTitle()
    assert second.form.submit_button.text() == "&Record and issue receipt"
    assert second.windowTitle().startswith("Donation Station Desk")
    assert second.form.amount.text() == "300"
    assert ctx.settings_store.load().language == "en"  # remembered for the next start
    wait_idle(qtbot, ctx.workers)
    assert not errors
    shell.idle.stop()
