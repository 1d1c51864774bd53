"""Issue 17, day close: a refusal goes once its cause is fixed (the goods ticked), and an
empty second-person password is asked for, not called a wrong name or password."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.services.day_close import day_state
from station_app.services.donation_recording import DonationRecorder
from station_app.ui.day_close_dialog import DayCloseDialog
from station_app.ui.desk_context import DeskContext
from tests.conftest import Station
from tests.ui.conftest import type_text, wait_idle

DAY = date(2026, 3, 9)


def test_goods_tick_clears_the_refusal_and_an_empty_password_is_asked_for(
    qtbot: QtBot, station: Station, make_ctx: Callable[..., DeskContext], translators
) -> None:  # type: ignore[no-untyped-def]
    translators.install("zh_CN")
    rec = DonationRecorder(
        station.db, station.signer, clock=lambda: datetime(2026, 3, 9, 2, tzinfo=UTC)
    )
    rec.record(station.staff, DonationDraft(kind="cash", amount="100", donor_name="张三"))
    rec.record(
        station.staff,
        DonationDraft(kind="in_kind", anonymous=True, items=(ItemDraft("大米", "2", "袋", "80"),)),
    )
    ctx = make_ctx("zh_CN")
    dialog = DayCloseDialog(ctx, station.coordinator, DAY)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ctx.workers)
    dialog.pieces[10000].setValue(1)  # the cash agrees
    assert not dialog.in_kind.isChecked()
    dialog.witness.setCurrentIndex(dialog.witness.findData("李社工"))
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "请输入第二人的密码。"
    assert "姓名或密码不正确" not in dialog.error.text()
    type_text(qtbot, dialog.witness_password, "demo1234")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.workers)
    assert "物资未清点确认" in dialog.error.text()
    assert "有差异，必须填写说明：" in dialog.error.text()  # full-width punctuation
    dialog.in_kind.setFocus()
    qtbot.keyClick(dialog.in_kind, Qt.Key.Key_Space)
    assert dialog.in_kind.isChecked()
    assert dialog.error.text() == ""  # the cause is fixed: the line goes
    with qtbot.waitSignal(dialog.closed, timeout=10_000):
        qtbot.keyClick(dialog.witness_password, Qt.Key.Key_Return)
    assert day_state(station.db, DAY).closed
