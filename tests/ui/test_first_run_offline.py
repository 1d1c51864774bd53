"""Issue 17: a first run without the association's address sets up an offline station;
its receipts' QR carries the signed path (checked the same way), enrolment comes later."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from station_app.domain.receipt_qr import parse_receipt_reference, receipt_url
from station_app.keystore import KeyStore
from station_app.services.desk_lookups import scanned_receipt
from station_app.services.station_setup import create_station, load_station
from station_app.storage.database import StationDatabase
from station_app.ui.app import Translators
from station_app.ui.first_run_dialog import FirstRunDialog
from station_app.ui.workers import Workers
from tests.ui.conftest import type_text


def test_first_run_without_an_association_address(
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
        assert "稍后" in dialog.association_url.placeholderText()
        type_text(qtbot, dialog.code, "GZ-TH-0003")
        type_text(qtbot, dialog.name, "天河区石牌街慈善捐赠站")
        type_text(qtbot, dialog.district, "天河区")
        type_text(qtbot, dialog.coordinator, "刘主任")
        type_text(qtbot, dialog.password, "secret123")
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
    finally:
        db.close()
    qr = receipt_url("", "GZ-TH-0003-2026-000001", "A" * 86)
    assert qr.startswith("/r/GZ-TH-0003-2026-000001?")
    ref = parse_receipt_reference(qr)
    assert ref.number == "GZ-TH-0003-2026-000001" and ref.signature == "A" * 86
    assert scanned_receipt(qr) == "GZ-TH-0003-2026-000001"
