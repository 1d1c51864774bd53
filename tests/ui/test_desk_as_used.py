"""Issue 17: the desk as volunteers use it with a queue of donors (form state, errors
that go when fixed, organisation donors, the in-kind table), driven by keyboard."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from station_app.domain.station_time import local_date, utc_now
from station_app.services.report_documents import disclosure_pdf
from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.helpers.pdf_tools import pdf_text
from tests.ui.conftest import press, type_text, wait_idle

OpenWindow = Callable[..., MainWindow]


def _rows(station: Station, sql: str) -> list[tuple]:
    with sqlite3.connect(station.paths.database) as conn:
        return conn.execute(sql).fetchall()


def _record(qtbot: QtBot, window: MainWindow) -> str:
    before = window.last_recorded
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_recorded is not before, timeout=10_000)
    wait_idle(qtbot, window._ctx.workers)
    assert window.last_recorded is not None
    return window.last_recorded.receipt_number


def _tab_to(qtbot: QtBot, window: MainWindow, target: object, limit: int = 14) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is target


def test_an_organisation_is_named_and_a_person_masked_on_the_disclosure(
    qtbot: QtBot, open_window: OpenWindow, station: Station, tmp_path: Path
) -> None:
    window = open_window(station.staff)
    form = window.form
    form.kind.setFocus()
    press(qtbot, form.kind, Qt.Key.Key_Down, 2)  # cash → mobile → bank
    assert form.kind.currentData() == "bank"
    _tab_to(qtbot, window, form.amount)
    type_text(qtbot, form.amount, "5000")
    _tab_to(qtbot, window, form.reference)
    type_text(qtbot, form.reference, "bk20261202x1")
    _tab_to(qtbot, window, form.donor)
    type_text(qtbot, form.donor, "广州某某科技有限公司")
    _tab_to(qtbot, window, form.organisation)
    qtbot.keyClick(form.organisation, Qt.Key.Key_Space)
    assert form.organisation.isChecked()
    _tab_to(qtbot, window, form.designation)
    type_text(qtbot, form.designation, "微心愿")
    company = _record(qtbot, window)
    # The next donor starts afresh: cash, undesignated, not an organisation.
    assert form.kind.currentData() == "cash"
    assert form.designation.currentData() == "undesignated"
    assert not form.organisation.isChecked()

    type_text(qtbot, form.amount, "20")
    _tab_to(qtbot, window, form.donor)
    type_text(qtbot, form.donor, "张三丰")
    person = _record(qtbot, window)

    rows = _rows(
        station,
        "SELECT r.number, d.donor_is_organisation, d.transaction_reference, d.designation_code "
        "FROM donation d JOIN receipt r ON r.donation_id = d.id ORDER BY d.id",
    )
    assert rows == [(company, 1, "BK20261202X1", "WXY"), (person, 0, None, "undesignated")]
    recorded = "SELECT payload FROM ledger_entry WHERE type = 'donation.recorded'"
    payloads = [p for (p,) in _rows(station, recorded)]
    assert '"donor_organisation":true' in payloads[0] and "donor_organisation" not in payloads[1]
    assert '"designation_name":"微心愿"' in payloads[0]

    today = local_date(utc_now())
    sheet = tmp_path / "disclosure.pdf"
    sheet.write_bytes(disclosure_pdf(station.db, station.info, today, today))
    text = pdf_text(sheet)
    assert "广州某某科技有限公司" in text
    assert "张**" in text and "张三丰" not in text


def test_errors_go_when_the_cause_is_fixed(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.staff, "en")
    form = window.form
    type_text(qtbot, form.amount, "10")
    qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(form.error_message()), timeout=10_000)
    assert "donor's name" in form.error_message()
    assert QApplication.focusWidget() is form.donor
    _tab_to(qtbot, window, form.anonymous)
    qtbot.keyClick(form.anonymous, Qt.Key.Key_Space)  # the fix: the line goes at once
    assert form.error_message() == "" and form.error.isHidden()
    assert not form.organisation.isEnabled()  # an anonymous gift is nobody's, not a company's
    # An amount error sits where the capitals are, not under an empty line.
    form.amount.clear()
    type_text(qtbot, form.amount, "abc")
    assert form.amount_error.isVisibleTo(window) and form.capitals.isHidden()
    assert "printed" not in form.phone.placeholderText().replace("never printed", "")
    assert date.today()  # the suite's clock is the machine's


def test_in_kind_table_shows_every_column_and_refuses_an_empty_line(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.staff, "en")
    form = window.form
    form.kind.setFocus()
    press(qtbot, form.kind, Qt.Key.Key_Down, 3)
    assert form.kind.currentData() == "in_kind" and form.items_model.rowCount() == 1
    header = form.items.horizontalHeader()
    viewport = form.items.viewport().width()
    for col in range(form.items_model.columnCount()):  # no column behind a scroll bar
        assert header.sectionViewportPosition(col) + header.sectionSize(col) <= viewport + 1
    table = form.items
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert form.items_model.rowCount() == 1  # the empty line is the one to fill
    table.setCurrentIndex(form.items_model.index(0, 0))
    for text in ("rice", "2", "bag", "80"):
        qtbot.keyClick(table, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        editor.selectAll()  # type: ignore[union-attr]
        type_text(qtbot, editor, text)  # type: ignore[arg-type]
        qtbot.keyClick(editor, Qt.Key.Key_Tab)  # type: ignore[arg-type]
    qtbot.keyClick(table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert form.items_model.rowCount() == 2
    form.anonymous.setFocus()  # Tab moves between the table's cells
    qtbot.keyClick(form.anonymous, Qt.Key.Key_Space)
    qtbot.keyClick(form.anonymous, Qt.Key.Key_Return)
    assert "Item line 2 is empty" in form.error_message()
    assert _rows(station, "SELECT count(*) FROM donation") == [(0,)]
    assert window.last_recorded is None
