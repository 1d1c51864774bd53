"""The recovery dialog: explains, offers the newest good backup, survives a refusal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from station_app.domain.errors import DomainError
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.services import backups
from station_app.services.restore import RestoreResult, restore
from station_app.startup_check import Health, check_database, newest_good_backup, quarantine
from station_app.ui.recovery_dialog import RecoveryDialog
from tests.conftest import Station
from tests.ops.helpers import PAGE, fill, other_station, overwrite


def damaged_station(station: Station) -> tuple[backups.BackupInfo, Path]:
    fill(station, 12)
    good = backups.make_backup(station.paths, "start")
    station.db.close()
    overwrite(station.paths.database, 2 * PAGE, 4 * PAGE)
    return good, station.paths.database


def test_restore_newest_from_the_dialog(qtbot: QtBot, station: Station) -> None:
    good, _db = damaged_station(station)
    report = check_database(station.paths)
    assert report.state is Health.DAMAGED
    aside = quarantine(station.paths)
    offer = newest_good_backup(station.paths, report.station_code)
    dialog = RecoveryDialog(
        report=report,
        damaged_file=aside,
        newest=offer,
        backups_dir=station.paths.backups,
        restore=lambda b, n, pw: restore(
            station.paths,
            b,
            operator=n,
            password=pw,
            expected_station=report.station_code,
            previous=aside,
        ),
        language="en",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert str(aside) in dialog.damaged.text()
    assert report.reason_en == dialog.reason.text()
    assert dialog.restore_newest_button.isEnabled()
    qtbot.mouseClick(dialog.restore_newest_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "coordinator" in dialog.error.text()  # who restores?
    dialog.coordinator.setText("陈主任")
    dialog.password.setText("wrong-password")
    qtbot.mouseClick(dialog.restore_newest_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.restored is None and dialog.password.text() == ""
    dialog.password.setText(DEMO_PASSWORD)
    qtbot.mouseClick(dialog.restore_newest_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.restored is not None and dialog.restored.restored_from == good.path
    assert check_database(station.paths).state is Health.OK


def test_refusal_is_shown_and_another_backup_can_be_chosen(
    qtbot: QtBot, station: Station, tmp_path: Path
) -> None:
    good, _db = damaged_station(station)
    report = check_database(station.paths)
    aside = quarantine(station.paths)
    theirs = backups.make_backup(other_station(tmp_path / "th"), "manual").path
    picks = [theirs, good.path]
    dialog = RecoveryDialog(
        report=report,
        damaged_file=aside,
        newest=None,
        backups_dir=station.paths.backups,
        restore=lambda b, n, pw: restore(
            station.paths,
            b,
            operator=n,
            password=pw,
            expected_station="GZ-YX-0012",
            previous=aside,
        ),
        language="zh",
        choose_file=lambda _parent, _start: picks.pop(0),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.coordinator.setText("陈主任")
    dialog.password.setText(DEMO_PASSWORD)
    assert not dialog.restore_newest_button.isEnabled()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.restored is None
    assert "GZ-TH-0003" in dialog.error.text() and dialog.error.isVisible()
    dialog.password.setText(DEMO_PASSWORD)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.restored is not None and dialog.restored.station_code == "GZ-YX-0012"


def test_quit_and_cancelled_choice(qtbot: QtBot, tmp_path: Path) -> None:
    from station_app.startup_check import HealthReport

    calls: list[Path] = []

    def refuse(path: Path, _name: str, _password: str) -> RestoreResult:
        calls.append(path)
        raise DomainError("x", "不行", "No.")

    report = HealthReport(Health.DAMAGED, tmp_path / "station.sqlite3", "坏了", "Broken.")
    dialog = RecoveryDialog(
        report=report,
        damaged_file=None,
        newest=None,
        backups_dir=tmp_path,
        restore=refuse,
        language="en",
        choose_file=lambda _parent, _start: None,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.damaged.isVisible()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert calls == [] and dialog.isVisible()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.restored is None


def _open_desk(qtbot: QtBot, station: Station) -> tuple[object, list[int]]:
    """``run_gui``'s second half on ``station``; the exit statuses asked for are collected."""
    from PySide6.QtWidgets import QApplication

    from station_app.ui.desk_frame import DeskFrame
    from station_app.ui.desk_start import open_desk
    from station_app.ui.settings_store import SettingsStore
    from station_app.ui.workers import Workers

    exits: list[int] = []
    app = QApplication.instance()
    workers = Workers()
    frame = DeskFrame()
    qtbot.addWidget(frame)
    frame.show()
    original_exit = app.exit  # type: ignore[union-attr]
    app.exit = exits.append  # type: ignore[method-assign,union-attr]
    try:
        started = open_desk(
            frame=frame,
            paths=station.paths,
            store=SettingsStore(station.paths.settings),
            set_language=lambda _l: None,
            report_error=lambda exc: exits.append(-1),
            workers=workers,
        )
    finally:
        app.exit = original_exit  # type: ignore[method-assign,union-attr]
    return started, exits


def test_desk_start_offers_the_restore_and_opens_the_restored_station(
    qtbot: QtBot, station: Station
) -> None:
    """What ``run_gui`` does first: a damaged file leads to the offer, not a new station."""
    good, db_file = damaged_station(station)
    started, exits = _open_desk(qtbot, station)
    qtbot.waitUntil(lambda: bool(started.dialogs), timeout=10_000)  # type: ignore[attr-defined]
    dialog = started.dialogs[0]  # type: ignore[attr-defined]
    assert isinstance(dialog, RecoveryDialog) and "damaged" in dialog.windowTitle()
    assert list(station.paths.set_aside.glob("damaged-*.sqlite3"))  # kept aside, not deleted
    dialog.coordinator.setText("陈主任")
    dialog.password.setText(DEMO_PASSWORD)
    qtbot.mouseClick(dialog.restore_newest_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(started.shells), timeout=20_000)  # type: ignore[attr-defined]
    ctx = started.shells[0].ctx  # type: ignore[attr-defined]
    assert ctx.station.code == station.info.code and exits == []
    assert good.path.exists() and db_file.exists()
    started.shells[0].idle.stop()  # type: ignore[attr-defined]
    started.shells[0].login.reject()  # type: ignore[attr-defined]
    started.close()  # type: ignore[attr-defined]


def test_quitting_the_offer_opens_nothing(qtbot: QtBot, station: Station) -> None:
    damaged_station(station)
    started, exits = _open_desk(qtbot, station)
    qtbot.waitUntil(lambda: bool(started.dialogs), timeout=10_000)  # type: ignore[attr-defined]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    original_exit = app.exit  # type: ignore[union-attr]
    app.exit = exits.append  # type: ignore[method-assign,union-attr]
    try:
        started.dialogs[0].quit_button.click()  # type: ignore[attr-defined]
    finally:
        app.exit = original_exit  # type: ignore[method-assign,union-attr]
    assert exits == [2] and not started.shells  # type: ignore[attr-defined]
    assert check_database(station.paths).state is Health.DAMAGED  # still refused next start
