"""Issue 17, the English desk: the undesignated fund in English, the kind and status
cells never cut to "…", plural counts that read right ("1 record(s)", not "1 entries")."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.services.receipt_actions import record_print
from station_app.ui.donations_model import COL_DESIGNATION, COL_KIND, COL_STATUS
from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.ui.conftest import wait_idle


def test_english_cells_are_whole_and_translated(
    qtbot: QtBot, open_window: Callable[..., MainWindow], station: Station
) -> None:
    number = station.recorder.record(
        station.staff,
        DonationDraft(kind="in_kind", anonymous=True, items=(ItemDraft("rice", "1", "bag", "9"),)),
    ).receipt_number
    for _ in range(3):
        record_print(station.db, station.staff, number)
    window = open_window(station.coordinator, "en")
    wait_idle(qtbot, window._ctx.workers)
    table, model = window.panel.table, window.panel.model
    assert model.index(0, COL_DESIGNATION).data() == "Undesignated"
    assert window.form.designation.currentText() == "Undesignated"
    metrics = table.fontMetrics()
    for col in (COL_KIND, COL_STATUS):
        text = str(model.index(0, col).data())
        assert "reprint" in text or col == COL_KIND
        size = table.horizontalHeader().sectionSize(col)
        assert size >= table.sizeHintForColumn(col) and size > metrics.horizontalAdvance(text)
    assert "entries" not in window.status.pending.text()
