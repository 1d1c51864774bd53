"""Smaller parts: settings file, workers, status bar, idle lock, error hook."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QStringListModel, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from station_app.domain.donations import DonationDraft
from station_app.ui.app import ErrorReporter
from station_app.ui.main_window import MainWindow
from station_app.ui.settings_store import Settings, SettingsStore
from station_app.ui.shell import DeskShell
from station_app.ui.workers import Workers
from tests.conftest import Station
from tests.ui.conftest import type_text, wait_idle

OpenWindow = Callable[..., MainWindow]


def test_settings_round_trip_and_bad_files(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    assert store.load() == Settings()  # missing: defaults, Chinese
    assert store.load().language == "zh_CN"
    store.save(Settings(language="en", receipt_layout="roll80", idle_lock_minutes=3))
    assert store.load() == Settings(language="en", receipt_layout="roll80", idle_lock_minutes=3)
    assert list(tmp_path.iterdir()) == [tmp_path / "settings.json"]  # no temp file left
    (tmp_path / "settings.json").write_text("{not json")
    assert store.load() == Settings()
    (tmp_path / "settings.json").write_text(json.dumps({"language": "fr", "x": 1}))
    assert store.load().language == "zh_CN"


def test_worker_results_arrive_on_the_gui_thread(qtbot: QtBot, workers: Workers) -> None:
    seen: list[tuple[str, bool]] = []
    main = threading.current_thread()

    def job() -> str:
        seen.append(("job", threading.current_thread() is main))
        return "ok"

    workers.write(job, lambda r: seen.append((r, threading.current_thread() is main)))
    wait_idle(qtbot, workers)
    assert seen == [("job", False), ("ok", True)]
    assert workers.writer.maxThreadCount() == 1


def test_errors_are_routed_in_one_place(qtbot: QtBot, workers: Workers, tmp_path: Path) -> None:
    """Refusals reach the caller as sentences; a bug reaches the error reporter (and the
    caller only so it can put its widgets right); a missing file is a sentence too."""
    from station_app.domain.errors import ValidationError
    from station_app.ui.workers import FileProblem

    told: list[BaseException] = []
    refusal = ValidationError("x.no", "不行", "No.")

    def refuse() -> None:
        raise refusal

    workers.write(refuse, None, told.append)
    wait_idle(qtbot, workers)  # one at a time: the two pools would race each other
    workers.run_slow(
        lambda: (tmp_path / "no" / "such" / "f.pdf").write_bytes(b""), None, told.append
    )
    wait_idle(qtbot, workers)
    assert told[0] is refusal and workers.unexpected == []  # type: ignore[attr-defined]
    assert isinstance(told[1], FileProblem) and "f.pdf" in told[1].message_en
    workers.run_slow(lambda: 1 / 0, None, told.append)
    wait_idle(qtbot, workers)
    assert isinstance(told[2], ZeroDivisionError)
    bugs = workers.unexpected  # type: ignore[attr-defined]
    assert len(bugs) == 1 and isinstance(bugs[0], ZeroDivisionError)
    bugs.clear()  # seen here on purpose; the fixture fails a test on any other


def test_a_task_of_a_deleted_owner_delivers_nothing(qtbot: QtBot, workers: Workers) -> None:
    from station_app.domain.errors import ValidationError

    release = threading.Event()
    owner = QStringListModel()
    got: list[object] = []

    def refuse() -> None:
        release.wait(5)
        raise ValidationError("x.no", "不行", "No.")

    workers.run_slow(lambda: (release.wait(5), "a")[1], got.append, got.append, owner=owner)
    workers.run_slow(refuse, got.append, lambda e: got.append(e), owner=owner)
    owner.deleteLater()
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release.set()
    qtbot.waitUntil(lambda: not workers.busy(), timeout=5_000)
    assert got == []


def test_status_bar_counts_pending_entries_from_the_database(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.staff)
    with sqlite3.connect(station.paths.database) as conn:
        pending = conn.execute(
            "SELECT count(*) FROM ledger_entry WHERE synced_batch IS NULL"
        ).fetchone()[0]
    assert window.status.status is not None
    assert window.status.status.pending_entries == pending
    assert f"待同步：{pending} 条" == window.status.pending.text()
    assert "王小明" in window.status.operator.text()
    # A record made elsewhere (another process, the CLI) shows at the next refresh.
    station.recorder.record(station.staff, DonationDraft(kind="cash", amount="1", anonymous=True))
    window.status.refresh()
    wait_idle(qtbot, window._ctx.workers)
    assert window.status.status.pending_entries == pending + 1
    # The demo station is set up offline, as a real one on its first day.
    assert window.status.connection.text() == "未登记 · 离线工作"
    assert "登记码" in window.status.connection.toolTip()


def test_idle_lock_keeps_the_form_for_the_same_person_only(
    qtbot: QtBot,
    translators,
    make_ctx,
    station: Station,  # type: ignore[no-untyped-def]
) -> None:
    translators.install("zh_CN")
    ctx = make_ctx("zh_CN")
    shell = DeskShell(ctx, set_language=translators.install, report_error=lambda e: None)
    shell.start(auto_login=(station.staff.name, "demo1234"))
    qtbot.addWidget(shell.frame)  # the one top-level window; the desk lives inside it
    window = shell.window
    assert window is not None
    assert window.window() is shell.frame
    type_text(qtbot, window.form.amount, "45")
    shell.idle.set_interval_ms(50)

    def unlock_as(name: str) -> None:
        qtbot.waitUntil(lambda: shell.login is not None, timeout=5_000)
        assert not window.centralWidget().isVisible()  # nothing readable while locked
        login = shell.login
        assert login is not None
        login.operator.setCurrentText(name)
        type_text(qtbot, login.password, "demo1234")
        login.try_login()
        qtbot.waitUntil(lambda: shell.login is None, timeout=10_000)

    unlock_as(station.staff.name)  # the same person comes back: the form is there
    assert window.form.amount.text() == "45"
    unlock_as(station.coordinator.name)  # another person: nothing carries over
    assert window.centralWidget().isVisible()
    assert window.operator.id == station.coordinator.id
    assert window.panel.void_button.isVisible()  # the coordinator's rights now
    assert window.form.amount.text() == ""
    shell.idle.stop()
    wait_idle(qtbot, ctx.workers)


def test_wrong_password_is_refused_with_the_service_sentence(
    qtbot: QtBot,
    translators,
    make_ctx,
    station: Station,  # type: ignore[no-untyped-def]
) -> None:
    translators.install("zh_CN")
    ctx = make_ctx("zh_CN")
    shell = DeskShell(ctx, set_language=translators.install, report_error=lambda e: None)
    qtbot.addWidget(shell.frame)
    shell.start()
    assert shell.frame.isVisible()  # the login opens over the desk's window
    login = shell.login
    assert login is not None
    assert login.parent() is shell.frame
    type_text(qtbot, login.password, "wrong")
    login.try_login()
    qtbot.waitUntil(login.error.isVisible, timeout=10_000)
    assert login.error.text() == "姓名或密码不正确"
    assert shell.window is None
    shell.idle.stop()


def test_error_hook_logs_traceback_and_names_the_log_file(qtbot: QtBot, tmp_path: Path) -> None:
    import logging

    log_file = tmp_path / "desk.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    try:
        reporter = ErrorReporter(log_file)
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as exc:
            reporter.report(exc)
        handler.flush()
        text = log_file.read_text(encoding="utf-8")
        assert "Traceback" in text and "boom in a slot" in text
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        assert boxes and str(log_file) in boxes[-1].text()
        for box in boxes:
            box.close()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_a_result_for_a_deleted_widget_is_dropped(qtbot: QtBot, workers: Workers) -> None:
    """A dialog closed (deleted) before its background read finished gets nothing."""
    release = threading.Event()
    model = QStringListModel()
    workers.run_slow(lambda: (release.wait(5), ["a"])[1], model.setStringList)
    model.deleteLater()
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release.set()
    qtbot.waitUntil(lambda: not workers.busy(), timeout=5_000)


def test_about_dialog_names_the_version(qtbot: QtBot, open_window, station) -> None:  # type: ignore[no-untyped-def]
    from station_app import __version__

    window = open_window(station.staff, "en")
    seen: list[str] = []

    def read_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, read_box)

    QTimer.singleShot(0, read_box)
    window.menu_actions.about.trigger()
    assert seen and f"version {__version__}" in seen[0]
