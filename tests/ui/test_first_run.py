"""First start on a new PC: the first-run dialog sets up the station through the service,
with or without the association's address (issue 17: an offline station enrols later)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from station_app.association_defaults import association_defaults
from station_app.domain.receipt_qr import parse_receipt_reference, receipt_url
from station_app.keystore import KeyStore
from station_app.services.desk_lookups import scanned_receipt
from station_app.services.operators import list_operators
from station_app.services.station_setup import create_station, load_station
from station_app.storage.database import StationDatabase
from station_app.ui.app import Translators
from station_app.ui.first_run_dialog import FirstRunDialog
from station_app.ui.workers import Workers
from tests.ui.conftest import type_text, wait_idle


@pytest.fixture
def db(tmp_path: Path) -> Iterator[StationDatabase]:
    database = StationDatabase.open(tmp_path / "station.sqlite3")
    yield database
    database.close()


@pytest.fixture
def dialog(
    qtbot: QtBot, db: StationDatabase, workers: Workers, translators: Translators
) -> FirstRunDialog:
    """The dialog in Chinese with the station's own fields typed in."""
    translators.install("zh_CN")
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
    type_text(qtbot, dialog.coordinator, "刘主任")
    type_text(qtbot, dialog.password, "secret123")
    return dialog


def test_first_run_sets_up_the_station(
    qtbot: QtBot, db: StationDatabase, workers: Workers, dialog: FirstRunDialog
) -> None:
    type_text(qtbot, dialog.association_url, "http://cishan.example.org")
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


def test_first_run_without_an_association_address(
    qtbot: QtBot, db: StationDatabase, dialog: FirstRunDialog
) -> None:
    assert "稍后" in dialog.association_url.placeholderText()
    # The association's name comes from this build's defaults (it is printed on receipts).
    assert dialog.association_name.text() == association_defaults().name == "广州市慈善会"
    type_text(qtbot, dialog.password_again, "secret123")
    with qtbot.waitSignal(dialog.station_created, timeout=10_000):
        dialog.submit()
    station = load_station(db)
    assert station is not None and station.association_url == ""
    with db.read() as conn:
        payload = conn.exec_driver_sql(
            "SELECT payload FROM ledger_entry WHERE type = 'station.created'"
        ).scalar_one()
    assert '"association_url":""' in payload
    # Its receipts' QR carries the signed path, checked the same way.
    qr = receipt_url("", "GZ-TH-0003-2026-000001", "A" * 86)
    assert qr.startswith("/r/GZ-TH-0003-2026-000001?")
    ref = parse_receipt_reference(qr)
    assert ref.number == "GZ-TH-0003-2026-000001" and ref.signature == "A" * 86
    assert scanned_receipt(qr) == "GZ-TH-0003-2026-000001"
    assert scanned_receipt("张三丰" + qr) == "GZ-TH-0003-2026-000001"  # typed after a name
