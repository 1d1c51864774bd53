"""First start on a new PC: the first-run dialog sets up the station through the service."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from station_app.keystore import KeyStore
from station_app.services.operators import list_operators
from station_app.services.station_setup import create_station, load_station
from station_app.storage.database import StationDatabase
from station_app.ui.app import Translators
from station_app.ui.first_run_dialog import FirstRunDialog
from station_app.ui.workers import Workers
from tests.ui.conftest import type_text, wait_idle


def test_first_run_sets_up_the_station(
    qtbot: QtBot, tmp_path: Path, workers: Workers, translators: Translators
) -> None:
    translators.install("zh_CN")
    db = StationDatabase.open(tmp_path / "station.sqlite3")
    try:
        dialog = FirstRunDialog(
            create=lambda setup: create_station(db, setup, KeyStore(setup.code)),
            workers=workers,
            language="zh",
        )
        qtbot.addWidget(dialog)
        dialog.show()
        type_text(qtbot, dialog.code, "GZ-TH-0003")
        type_text(qtbot, dialog.name, "天河区石牌街慈善捐赠站")
        type_text(qtbot, dialog.district, "天河区")
        type_text(qtbot, dialog.association_url, "http://cishan.example.org")
        type_text(qtbot, dialog.coordinator, "刘主任")
        type_text(qtbot, dialog.password, "secret123")
        type_text(qtbot, dialog.password_again, "secret124")
        dialog.submit()
        assert dialog.error.text() == "两次输入的密码不一致。"
        dialog.password_again.clear()
        type_text(qtbot, dialog.password_again, "secret123")
        dialog.submit()  # the service refuses the address, in Chinese
        wait_idle(qtbot, workers)
        assert "https://" in dialog.error.text() and "明文" in dialog.error.text()
        assert load_station(db) is None
        dialog.association_url.clear()
        type_text(qtbot, dialog.association_url, "https://cishan.example.org")
        with qtbot.waitSignal(dialog.station_created, timeout=10_000) as created:
            dialog.submit()
        assert created.args[0].code == "GZ-TH-0003"
        assert load_station(db) is not None
        assert [op.name for op in list_operators(db)] == ["刘主任"]
    finally:
        db.close()
