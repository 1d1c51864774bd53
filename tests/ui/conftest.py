"""Fixtures for the desk's widgets: a built translation, a desk context, a main window.

Typing helpers live here too, because pytest-qt's ``keyClicks`` aborts the whole test
process on non-ASCII text (see ENVIRONMENT.md): Chinese is committed through an input
method event, as a real IME does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from station_app.resources_path import resources_dir
from station_app.services.sessions import OperatorSession
from station_app.ui.app import Translators, load_fonts
from station_app.ui.build_translations import build
from station_app.ui.desk_context import DeskContext
from station_app.ui.main_window import MainWindow
from station_app.ui.settings_store import Settings, SettingsStore
from station_app.ui.workers import Workers
from tests.conftest import Station

TRANSLATIONS = resources_dir() / "translations"
HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def translations_built() -> Path:
    """The .qm files are build output: make them if missing or older than the .ts."""
    stale = [
        ts
        for ts in TRANSLATIONS.glob("*.ts")
        if not ts.with_suffix(".qm").exists()
        or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime
    ]
    if stale:
        build(TRANSLATIONS)
    return TRANSLATIONS


@pytest.fixture
def translators(qapp: QApplication, translations_built: Path) -> Iterator[Translators]:
    load_fonts(qapp)
    tr = Translators(qapp, translations_built)
    yield tr
    tr.install("en")  # leave no translator behind for the next test


@pytest.fixture
def workers(qapp: QApplication) -> Iterator[Workers]:
    w = Workers()
    errors: list[BaseException] = []
    w.set_unexpected_handler(errors.append)
    w.unexpected = errors  # type: ignore[attr-defined]
    yield w
    w.wait()
    QApplication.processEvents()  # deliver the last results before the pools go
    assert not errors, errors


@pytest.fixture
def make_ctx(station: Station, workers: Workers) -> Callable[..., DeskContext]:
    def make(language: str = "zh_CN", **settings: object) -> DeskContext:
        store = SettingsStore(station.paths.settings)
        chosen = Settings(language=language, **settings)  # type: ignore[arg-type]
        store.save(chosen)
        return DeskContext(
            paths=station.paths,
            db=station.db,
            station=station.info,
            workers=workers,
            settings_store=store,
            settings=chosen,
            recorder=station.recorder,
        )

    return make


@pytest.fixture
def open_window(
    qtbot: QtBot, translators: Translators, make_ctx: Callable[..., DeskContext]
) -> Callable[..., MainWindow]:
    """Build and show a main window for an operator in a language."""

    def open_(operator: OperatorSession, language: str = "zh_CN") -> MainWindow:
        translators.install(language)
        ctx = make_ctx(language)
        window = MainWindow(ctx, operator)
        window.unexpected_error.connect(ctx.workers.unexpected.append)  # type: ignore[attr-defined]
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        wait_idle(qtbot, ctx.workers)
        return window

    return open_


def wait_idle(qtbot: QtBot, workers: Workers, timeout: int = 10_000) -> None:
    """Until every background task has run and its callback has been delivered."""
    qtbot.waitUntil(lambda: not workers.busy(), timeout=timeout)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type into ``widget``: key clicks for ASCII, an input-method commit otherwise."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, key)
