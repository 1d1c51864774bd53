"""The day-close dialog and the reports view, driven through their widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from station_app.domain.donations import DonationDraft
from station_app.services.day_close import day_state
from station_app.services.donation_recording import DonationRecorder
from station_app.ui.day_close_dialog import DayCloseDialog
from station_app.ui.desk_context import DeskContext
from station_app.ui.reports_view import ReportsView
from tests.conftest import Station
from tests.helpers.pdf_tools import pdf_text, squeezed
from tests.ui.conftest import press, type_text, wait_idle

DAY = date(2026, 3, 9)


def seed(station: Station) -> None:
    rec = DonationRecorder(
        station.db, station.signer, clock=lambda: datetime(2026, 3, 9, 2, tzinfo=UTC)
    )
    rec.record(station.staff, DonationDraft(kind="cash", amount="150", donor_name="张三"))
    rec.record(station.staff, DonationDraft(kind="mobile", amount="20", anonymous=True))


def test_close_with_a_difference_needs_reason_and_witness(
    qtbot: QtBot, station: Station, make_ctx: Callable[..., DeskContext], translators
) -> None:  # type: ignore[no-untyped-def]
    translators.install("en")
    seed(station)
    ctx = make_ctx("en")
    dialog = DayCloseDialog(ctx, station.coordinator, DAY)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ctx.workers)
    assert "¥150.00" in dialog.expected_label.text()
    dialog.pieces[10000].setValue(1)
    dialog.pieces[2000].setValue(2)  # ¥140: ten yuan short
    assert "-¥10.00" in dialog.difference.text()
    dialog.witness.setCurrentIndex(dialog.witness.findData("李社工"))
    type_text(qtbot, dialog.witness_password, "demo1234")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.workers)
    assert "1 unmatched item(s) have no explanation" in dialog.error.text()
    assert not day_state(station.db, DAY).closed
    # No statement was imported: the ¥20 mobile donation is listed, and explained.
    assert dialog.unmatched_model.rowCount() == 1
    assert "1 unmatched line(s) without an explanation" in dialog.difference.text()
    type_text(qtbot, dialog.explain_text, "WeChat bill comes tomorrow")
    press(qtbot, dialog.explain_text, Qt.Key.Key_Return)
    assert dialog.unmatched_model.unexplained() == 0
    dialog.witness_password.clear()
    type_text(qtbot, dialog.witness_password, "demo1234")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.workers)
    assert "explain" in dialog.error.text()  # the cash difference still needs its reason
    assert not day_state(station.db, DAY).closed
    type_text(qtbot, dialog.reason, "找零多找十元")
    dialog.witness_password.clear()
    type_text(qtbot, dialog.witness_password, "wrong-pass")
    with qtbot.waitSignal(dialog.finished, timeout=100, raising=False):
        dialog.close_button.click()
    wait_idle(qtbot, ctx.workers)
    assert "password" in dialog.error.text()
    dialog.witness_password.clear()
    type_text(qtbot, dialog.witness_password, "demo1234")
    with qtbot.waitSignal(dialog.closed, timeout=10_000) as blocker:
        press(qtbot, dialog.witness_password, Qt.Key.Key_Return)
    assert blocker.args[0].differences.cash_fen == -1000
    state = day_state(station.db, DAY)
    assert state.closed and state.witness == "李社工"


def test_reports_view_tables_chart_and_exports(
    qtbot: QtBot,
    qtmodeltester,
    station: Station,  # type: ignore[no-untyped-def]
    make_ctx: Callable[..., DeskContext],
    translators,
    tmp_path: Path,
) -> None:
    translators.install("zh_CN")
    seed(station)
    ctx = make_ctx("zh_CN")
    view = ReportsView(ctx, session=lambda: station.social_worker)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.date_from.setDate(view.date_from.date().fromString("2026-03-01", "yyyy-MM-dd"))
    view.date_to.setDate(view.date_to.date().fromString("2026-03-31", "yyyy-MM-dd"))
    view.load()
    wait_idle(qtbot, ctx.workers)
    for model in (view.by_period, view.by_kind, view.by_designation, view.by_operator):
        qtmodeltester.check(model)
    assert view.by_kind.rowCount() == 2
    assert "¥170.00" in view.summary.text()
    png = view.chart_png(tmp_path / "chart.png")
    assert png.stat().st_size > 1000
    view.export_list("xlsx", tmp_path / "list.xlsx")
    view.save_disclosure(tmp_path / "d.pdf")
    wait_idle(qtbot, ctx.workers)
    rows = list(load_workbook(tmp_path / "list.xlsx").active.iter_rows(values_only=True))
    assert rows[0][0] == "收据编号" and len(rows) == 3
    text = squeezed(pdf_text(tmp_path / "d.pdf"))
    assert "张*" in text and "张三" not in text
