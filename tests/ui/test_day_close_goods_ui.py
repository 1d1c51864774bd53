"""The day close's goods count in the dialog (issue 18): the stock moving while the two
people count is caught and the list read again, typed counts kept; and a day without
goods says so, in English too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from station_app.domain.goods.lots import LotDraft
from station_app.services.day_close import day_state
from station_app.services.day_close_followup import FollowUp
from station_app.services.goods_movements import move_goods
from station_app.ui.day_close_dialog import DayCloseDialog
from station_app.ui.day_closed_dialog import DayClosedDialog
from station_app.ui.desk_context import DeskContext
from tests.conftest import Station
from tests.goods.helpers import NOW, at_now, give, receive
from tests.ui.conftest import type_text, wait_idle

DAY = NOW.date()


def test_stock_moving_while_counting_is_caught_and_the_list_read_again(
    qtbot: QtBot,
    station: Station,
    make_ctx: Callable[..., DeskContext],
    translators,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    translators.install("zh_CN")
    not_valued = LotDraft("大米", "10", "袋", "", "not_valued", None, "other", "A架")
    [lot] = receive(station, not_valued).lots  # no money to count: only the goods
    ctx = make_ctx("zh_CN")
    dialog = DayCloseDialog(ctx, station.coordinator, DAY)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ctx.workers)
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # 物资(&G)
    count = dialog.goods.count_edits[0]
    assert dialog.focusWidget() is count
    qtbot.keyClicks(count, "10")
    qtbot.keyClick(count, Qt.Key.Key_Return)  # agrees with the book: on to the password
    assert dialog.focusWidget() is dialog.witness_password
    assert dialog.difference.text() == "无：全部相符"
    move_goods(station.db, station.staff, give(lot, 1_000), clock=at_now)  # meanwhile
    dialog.witness.setCurrentIndex(dialog.witness.findData("李社工"))
    type_text(qtbot, dialog.witness_password, "demo1234")
    qtbot.keyClick(dialog.witness_password, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx.workers)
    assert "清点期间物资有进出" in dialog.error.text()
    assert not day_state(station.db, DAY).closed
    assert dialog.goods.table.item(0, dialog.goods.BOOK).text() == "9"  # read again
    assert dialog.goods.count_edits[0].text() == "10"  # what was typed is kept
    assert "大米 +1 袋" in dialog.difference.text()
    recount = dialog.goods.count_edits[0]
    recount.selectAll()
    qtbot.keyClicks(recount, "9")
    with qtbot.waitSignal(dialog.closed, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    [line] = blocker.args[0].goods
    assert (line.book_milli, line.counted_milli) == (9_000, 9_000)
    done = DayClosedDialog(blocker.args[0], FollowUp(tmp_path / "c.pdf", None, None), "zh_CN")
    qtbot.addWidget(done)
    assert done.goods_label.text() == "物资：清点 1 项；与账面全部相符。"


def test_a_day_without_goods_says_so_in_english(
    qtbot: QtBot, station: Station, make_ctx: Callable[..., DeskContext], translators
) -> None:  # type: ignore[no-untyped-def]
    translators.install("en")
    ctx = make_ctx("en")
    dialog = DayCloseDialog(ctx, station.coordinator, DAY)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ctx.workers)
    assert dialog.goods.scope.text() == "No goods came in or went out on this day."
    assert dialog.goods.table.isHidden() and not dialog.goods.focus_first()
    assert dialog.difference.text() == "None: all agree"
