"""Issue 18 on the donation form and in Settings, by keyboard with the real widgets and
a real station database: an in-kind line carries its whole lot, the goods rules hold a
gift back until the coordinator or a second person types their password, a scanner's
code fills a line, and the coordinator sets the rules in Settings."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.services.goods_barcodes import look_up
from station_app.services.goods_rules import goods_rules
from station_app.services.records import RecordedDonation
from station_app.storage.goods_tables import GoodsLot
from station_app.ui.donation_form import DonationForm
from station_app.ui.goods.receive_dialog import ReceiveDialog
from station_app.ui.main_window import MainWindow
from station_app.ui.settings_dialog import SettingsDialog
from tests.conftest import Station
from tests.ui.conftest import press, type_text, wait_idle

OpenWindow = Callable[..., MainWindow]
_LOT = GoodsLot.__table__
CODE = "6901234567892"


def _cells(qtbot: QtBot, form: DonationForm, row: int, *texts: str) -> None:
    table = form.items
    table.setFocus()
    table.setCurrentIndex(form.items_model.index(row, 0))
    for value in texts:
        qtbot.keyClick(table, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        assert editor is not None and editor is not table
        editor.selectAll()  # type: ignore[attr-defined]
        type_text(qtbot, editor, value)
        qtbot.keyClick(editor, Qt.Key.Key_Tab)


def _in_kind(qtbot: QtBot, form: DonationForm) -> None:
    form.kind.setFocus()
    press(qtbot, form.kind, Qt.Key.Key_Down, 3)
    assert form.kind.currentData() == "in_kind"


def _lots(station: Station) -> list[tuple[object, ...]]:
    with station.db.read() as conn:
        cols = (_LOT.c.item, _LOT.c.category, _LOT.c.valuation, _LOT.c.value_fen)
        cols += (_LOT.c.expiry, _LOT.c.location)
        return [tuple(r) for r in conn.execute(select(*cols).order_by(_LOT.c.id))]


def _received_entries(station: Station) -> list[dict[str, object]]:
    with station.db.read() as conn:
        rows = conn.execute(
            text("SELECT payload FROM ledger_entry WHERE type = 'goods.received' ORDER BY seq")
        )
        return [json.loads(r[0])["data"] for r in rows]


def _food_line(qtbot: QtBot, form: DonationForm, expiry: date) -> None:
    _cells(qtbot, form, 0, "牛奶", "24", "盒", "120")
    lines = form.items_box
    lines.category.setFocus()
    lines.category.setCurrentIndex(lines.category.findData("food"))  # ticks "expires"
    assert lines.has_expiry.isChecked() and lines.expiry.isEnabled()
    lines.expiry.setDate(lines.expiry.date().fromString(expiry.isoformat(), "yyyy-MM-dd"))
    lines.valuation.setCurrentIndex(lines.valuation.findData("invoice"))
    type_text(qtbot, lines.location, "冷柜")


def test_an_in_kind_gift_from_the_form_is_a_complete_lot_and_near_expiry_needs_the_coordinator(
    qtbot: QtBot, open_window: OpenWindow, station: Station, tmp_path: Path
) -> None:
    window = open_window(station.staff)
    form = window.form
    _in_kind(qtbot, form)
    soon = date.today() + timedelta(days=40)
    _food_line(qtbot, form, soon)
    type_text(qtbot, form.donor, "张三")
    qtbot.keyClick(form.donor, Qt.Key.Key_Return)
    wait_idle(qtbot, window._ctx.workers)
    assert "保质期" in form.error_message() and "负责人" in form.error_message()
    assert form.confirm.override_box.isVisibleTo(window) and _lots(station) == []
    assert QApplication.focusWidget() is form.confirm.override_name
    window.resize(1024, 708)
    QApplication.processEvents()
    assert window.grab().save(str(tmp_path / "form-override.png"))
    window.grab().save("/tmp/gd/form-override.png")
    type_text(qtbot, form.confirm.override_name, "陈主任")
    type_text(qtbot, form.confirm.override_password, DEMO_PASSWORD)
    type_text(qtbot, form.confirm.override_reason, "本周社区活动发放")
    before = window.last_recorded
    qtbot.keyClick(form.confirm.override_reason, Qt.Key.Key_Return)  # Enter records
    qtbot.waitUntil(lambda: window.last_recorded is not before, timeout=10_000)
    wait_idle(qtbot, window._ctx.workers)
    assert _lots(station) == [("牛奶", "food", "invoice", 12_000, soon.isoformat(), "冷柜")]
    [entry] = _received_entries(station)
    assert entry["override"] == {"by": "陈主任", "reason": "本周社区活动发放"}
    # The form is empty for the next donor, and the boxes closed with their password.
    assert form.confirm.override_box.isHidden() and form.confirm.override_password.text() == ""
    assert form.items_model.drafts() == ()


def test_valuable_goods_from_the_form_need_a_second_person(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.staff, "en")
    form = window.form
    _in_kind(qtbot, form)
    _cells(qtbot, form, 0, "laptop", "2", "pcs", "6000")
    form.anonymous.setFocus()
    qtbot.keyClick(form.anonymous, Qt.Key.Key_Space)
    qtbot.keyClick(form.anonymous, Qt.Key.Key_Return)
    wait_idle(qtbot, window._ctx.workers)
    assert "second person" in form.error_message()
    assert form.confirm.second_box.isVisibleTo(window)
    type_text(qtbot, form.confirm.second_name, "王小明")  # the recorder themself
    type_text(qtbot, form.confirm.second_password, DEMO_PASSWORD)
    qtbot.keyClick(form.confirm.second_password, Qt.Key.Key_Return)
    wait_idle(qtbot, window._ctx.workers)
    assert "own password" in form.error_message() and _lots(station) == []
    form.confirm.second_name.clear()
    type_text(qtbot, form.confirm.second_name, "李社工")
    before = window.last_recorded
    qtbot.keyClick(form.confirm.second_password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_recorded is not before, timeout=10_000)
    assert _lots(station) == [("laptop", "other", "declared", 600_000, None, "")]
    assert _received_entries(station)[0]["confirmed_by"] == "李社工"


def test_a_scanned_code_fills_the_line_and_a_new_code_is_remembered(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.staff)  # the desk's own form, with the look-up it is given
    form, workers = window.form, window._ctx.workers
    _in_kind(qtbot, form)
    scan = form.items_box.scan
    scan.setFocus()
    qtbot.keyClicks(scan, CODE)  # the scanner types the code, then Enter
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    wait_idle(qtbot, workers)
    assert "新条码" in form.items_box.code_note.text()
    assert QApplication.focusWidget() in (form.items, form.items.viewport())
    _cells(qtbot, form, 0, "纯牛奶", "12", "箱", "300")
    lines = form.items_box
    lines.category.setCurrentIndex(lines.category.findData("food"))
    lines.expiry.setDate(lines.expiry.date().addYears(1))
    form.anonymous.setChecked(True)
    recorded: list[RecordedDonation] = []
    form.recorded.connect(recorded.append)
    qtbot.keyClick(form.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(recorded), timeout=10_000)
    wait_idle(qtbot, workers)
    known = look_up(station.db, CODE)
    assert known is not None and (known.item, known.unit, known.category) == (
        "纯牛奶",
        "箱",
        "food",
    )

    # Next gift: the same code fills item, unit and category; the cursor is on the quantity.
    _in_kind(qtbot, form)
    scan.setFocus()
    qtbot.keyClicks(scan, CODE)
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    wait_idle(qtbot, workers)
    assert form.items_model.lines()[0][:4] == ["纯牛奶", "1", "箱", ""]
    assert lines.category.currentData() == "food" and scan.text() == ""
    assert form.items.currentIndex().column() == 1
    # A second scan while the line is filled starts a new line.
    qtbot.keyClicks(scan, CODE)
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    wait_idle(qtbot, workers)
    assert form.items_model.rowCount() == 2 and form.items_model.lines()[1][0] == "纯牛奶"


def test_the_receive_dialog_fills_from_a_known_code(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    station.recorder.record(
        station.staff,
        DonationDraft(
            kind="in_kind",
            anonymous=True,
            items=(ItemDraft("大米", "1", "袋", "50", barcode=CODE),),
        ),
    )
    window = open_window(station.staff)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    goods = window.side.goods_window
    assert goods is not None
    wait_idle(qtbot, window._ctx.workers)
    qtbot.keyClick(goods, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = goods.dialog
    assert isinstance(dialog, ReceiveDialog)
    assert dialog.focusWidget() is dialog.barcode  # a scanner types into it first
    qtbot.keyClicks(dialog.barcode, CODE)
    qtbot.keyClick(dialog.barcode, Qt.Key.Key_Return)  # a lookup, not Save
    wait_idle(qtbot, window._ctx.workers)
    assert dialog.isVisible()
    assert (dialog.item.text(), dialog.unit.text()) == ("大米", "袋")
    assert dialog.focusWidget() is dialog.quantity
    type_text(qtbot, dialog.quantity, "5")
    dialog.anonymous.setChecked(True)
    qtbot.keyClick(dialog.quantity, Qt.Key.Key_Return)
    wait_idle(qtbot, window._ctx.workers)
    assert not dialog.isVisible()
    assert [r[0] for r in _lots(station)] == ["大米", "大米"]


def _settings(qtbot: QtBot, window: MainWindow, who: object) -> SettingsDialog:
    ctx = window._ctx
    dialog = SettingsDialog(
        settings=ctx.settings,
        station=ctx.station,
        operator=who,  # type: ignore[arg-type]
        db=ctx.db,
        workers=ctx.workers,
        printers=lambda: [],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ctx.workers)
    return dialog


def _select_all_and_type(qtbot: QtBot, widget: QWidget, value: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, value)


def test_the_coordinator_sets_the_goods_rules_in_settings(
    qtbot: QtBot, open_window: OpenWindow, station: Station, tmp_path: Path
) -> None:
    window = open_window(station.coordinator)
    dialog = _settings(qtbot, window, station.coordinator)
    tab = dialog.goods_rules
    dialog.tabs.setCurrentWidget(tab)
    assert tab.months.value() == 6 and tab.above.value() == 5_000
    assert "默认" in tab.in_force.text()
    _select_all_and_type(qtbot, tab.months, "3")
    _select_all_and_type(qtbot, tab.above, "2000")
    qtbot.keyClick(tab.save_button, Qt.Key.Key_Space)
    wait_idle(qtbot, window._ctx.workers)
    assert "已保存" in tab.result.text()
    assert "陈主任" in tab.in_force.text()
    dialog.resize(560, 420)
    QApplication.processEvents()
    assert dialog.grab().save(str(tmp_path / "settings-goods-rules.png"))
    dialog.grab().save("/tmp/gd/settings-goods-rules.png")
    rules = goods_rules(station.db)
    assert (rules.rules.min_months_to_expiry, rules.rules.second_person_above_fen) == (3, 200_000)
    assert rules.set_by == "陈主任"
    dialog.reject()

    staff = _settings(qtbot, window, station.staff)
    assert staff.goods_rules.months.value() == 3 and not staff.goods_rules.months.isEnabled()
    assert not staff.goods_rules.may_change and staff.goods_rules.save_button.isHidden()
    staff.goods_rules.save()  # even called, it writes nothing: the service would refuse
    wait_idle(qtbot, window._ctx.workers)
    assert goods_rules(station.db).rules.min_months_to_expiry == 3


def test_the_receive_dialog_remembers_a_new_code(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    window = open_window(station.staff)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    goods = window.side.goods_window
    assert goods is not None
    wait_idle(qtbot, window._ctx.workers)
    qtbot.keyClick(goods, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = goods.dialog
    assert isinstance(dialog, ReceiveDialog)
    qtbot.keyClicks(dialog.barcode, "BLANKET-2M")
    qtbot.keyClick(dialog.barcode, Qt.Key.Key_Return)
    wait_idle(qtbot, window._ctx.workers)
    assert dialog.isVisible() and "新条码" in dialog.code_note.text()
    assert dialog.error.isHidden() and dialog.focusWidget() is dialog.item
    type_text(qtbot, dialog.item, "毛毯")
    type_text(qtbot, dialog.quantity, "3")
    type_text(qtbot, dialog.unit, "条")
    dialog.anonymous.setChecked(True)
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)
    wait_idle(qtbot, window._ctx.workers)
    assert not dialog.isVisible()
    known = look_up(station.db, "BLANKET-2M")
    assert known is not None and (known.item, known.unit, known.category) == ("毛毯", "条", "other")
