"""Issue 17, exports: the columns are named as on the screen, the XLSX columns are wide
enough for a receipt number, and the reports window says the file was saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from station_app.domain.donations import DonationDraft
from station_app.ui.desk_context import DeskContext
from station_app.ui.donations_model import COL_DESIGNATION, COL_STATUS
from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.ui.conftest import wait_idle


def test_export_headers_match_the_list_and_the_window_says_saved(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    make_ctx: Callable[..., DeskContext],
    station: Station,
    tmp_path: Path,
) -> None:
    station.recorder.record(
        station.staff,
        DonationDraft(kind="cash", amount="100", donor_name="某某公司", organisation=True),
    )
    window = open_window(station.coordinator, "zh_CN")
    model = window.panel.model
    screen = {model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())}
    assert model.headerData(COL_DESIGNATION, Qt.Orientation.Horizontal) == "定向"
    status_on_screen = model.index(0, COL_STATUS).data()
    view = window.side.open_reports()
    wait_idle(qtbot, window._ctx.workers)
    target = tmp_path / "list.xlsx"
    view.export_list("xlsx", target)
    wait_idle(qtbot, window._ctx.workers)
    assert view.saved_note.isVisibleTo(view) and str(target) in view.saved_note.text()
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = set(rows[0])
    assert {"收据编号", "营业日", "方式", "捐赠人", "定向", "经办人", "状态"} <= headers
    assert "捐赠去向" not in headers and "有效" not in rows[1]
    assert screen - {"金额", "登记时间"} <= headers
    assert rows[1][list(rows[0]).index("状态")] in status_on_screen
    assert rows[1][list(rows[0]).index("捐赠人类型")] == "单位"
    assert sheet.column_dimensions["A"].width >= len(rows[1][0]) + 2  # the receipt number
    view.close()
