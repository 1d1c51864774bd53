"""Nothing a person typed is dropped without asking, and nothing carries over to the next
person (issue 15, item 5)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from station_app.ui.main_window import MainWindow
from station_app.ui.shell import DeskShell
from tests.conftest import Station
from tests.ui.conftest import type_text, wait_idle


def answer(qtbot: QtBot, button_text: str, seen: list[str]) -> None:
    """Click ``button_text`` in the next question box, as the person would."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for b in box.buttons():
            if b.text().replace("&", "") == button_text:
                b.click()
                return
        raise AssertionError([b.text() for b in box.buttons()])

    QTimer.singleShot(0, click)


def test_closing_with_a_half_typed_donation_asks(
    qtbot: QtBot, open_window: Callable[..., MainWindow], station: Station
) -> None:
    window = open_window(station.staff, "en")
    type_text(qtbot, window.form.amount, "30")
    type_text(qtbot, window.form.donor, "Li Lei")
    seen: list[str] = []
    answer(qtbot, "Keep working", seen)
    assert window.close() is False  # a question is open instead
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5_000)
    qtbot.wait(50)
    assert "not saved" in seen[0] and window.isVisible()
    assert window.form.amount.text() == "30" and window.form.donor.text() == "Li Lei"
    answer(qtbot, "Discard and close", seen)
    assert window.close() is False
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)
    assert len(seen) == 2
    wait_idle(qtbot, window._ctx.workers)


def test_an_empty_form_closes_without_a_question(
    qtbot: QtBot, open_window: Callable[..., MainWindow], station: Station
) -> None:
    window = open_window(station.staff, "en")
    assert window.close() is True


def test_locking_asks_and_the_next_person_starts_empty(
    qtbot: QtBot,
    translators,
    make_ctx,
    station: Station,  # type: ignore[no-untyped-def]
) -> None:
    translators.install("en")
    ctx = make_ctx("en")
    shell = DeskShell(ctx, set_language=translators.install, report_error=lambda e: None)
    shell.start(auto_login=(station.staff.name, "demo1234"))
    qtbot.addWidget(shell.frame)
    window = shell.window
    assert window is not None
    type_text(qtbot, window.form.amount, "12")
    seen: list[str] = []
    answer(qtbot, "Discard it", seen)
    shell.lock()
    qtbot.waitUntil(lambda: shell.login is not None, timeout=5_000)
    assert "not saved" in seen[0]
    assert window.form.amount.text() == ""  # discarded as asked
    login = shell.login
    assert login is not None
    login.operator.setCurrentText(station.staff.name)
    type_text(qtbot, login.password, "demo1234")
    login.try_login()
    qtbot.waitUntil(lambda: shell.login is None, timeout=10_000)
    type_text(qtbot, window.form.amount, "13")
    answer(qtbot, "Keep it", seen)
    shell.lock()
    qtbot.waitUntil(lambda: shell.login is not None, timeout=5_000)
    assert window.form.amount.text() == "13"  # kept for the same person...
    login = shell.login
    assert login is not None
    login.operator.setCurrentText(station.social_worker.name)
    type_text(qtbot, login.password, "demo1234")
    login.try_login()
    qtbot.waitUntil(lambda: shell.login is None, timeout=10_000)
    assert window.form.amount.text() == ""  # ...never shown to another
    shell.idle.stop()
    wait_idle(qtbot, ctx.workers)
