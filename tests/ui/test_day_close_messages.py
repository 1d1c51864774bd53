"""Issue 17, day close: a refusal goes once its cause is fixed (the goods counted, by
keyboard, issue 18), and an empty second-person password is asked for, not called a
wrong name or password."""

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


def test_goods_count_by_keyboard_clears_the_refusal_and_an_empty_password_is_asked_for(
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
    assert dialog.goods.keys == [("大米", "袋")]  # the day's goods, to count
    assert "1 项物资未清点" in dialog.difference.text()
    dialog.witness.setCurrentIndex(dialog.witness.findData("李社工"))
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "请输入第二人的密码。"
    assert "姓名或密码不正确" not in dialog.error.text()
    type_text(qtbot, dialog.witness_password, "demo1234")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.workers)
    assert dialog.error.text() == "请清点大米（账面 2 袋）并填写实盘数量"  # full-width
    count = dialog.goods.count_edits[0]
    assert dialog.focusWidget() is count  # the refusal put the cursor on the item
    qtbot.keyClicks(count, "1")
    assert dialog.error.text() == ""  # the cause is being fixed: the line goes
    assert "大米 -1 袋" in dialog.difference.text()
    qtbot.keyClick(count, Qt.Key.Key_Return)  # a difference: on to its reason
    reason = dialog.goods.reason_edits[0]
    assert dialog.focusWidget() is reason and not day_state(station.db, DAY).closed
    type_text(qtbot, reason, "一袋破损已报废")
    qtbot.keyClick(reason, Qt.Key.Key_Return)  # the last item: on to the password
    assert dialog.focusWidget() is dialog.witness_password
    with qtbot.waitSignal(dialog.closed, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.witness_password, Qt.Key.Key_Return)
    assert day_state(station.db, DAY).closed
    [line] = blocker.args[0].goods
    assert (line.book_milli, line.counted_milli, line.reason) == (2_000, 1_000, "一袋破损已报废")
