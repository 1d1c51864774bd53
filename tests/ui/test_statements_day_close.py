"""Issue 19 end to end through the desk: a day whose WeChat bill has a payment nobody
recorded, and whose records have a donation the bill does not show.  The close is refused
until both are resolved (one recorded from the statement, one explained); the close then
ledgers the reconciliation and the sync delivers it to the real receiver on loopback."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from association_server import admin
from station_app.domain.donations import DonationKind
from station_app.domain.roles import Role
from station_app.domain.station_time import local_date, utc_now
from station_app.services.day_close import day_state
from station_app.services.operators import create_operator
from station_app.sync.sync_messages import Outcome
from tests.statements.helpers import WECHAT_ALL
from tests.statements.station_day import record_wechat_day
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import (  # noqa: F401  (fixtures: the real receiver)
    Deployment,
    _shared,
    pg_cluster,
    sqlite_deployment,
)
from tests.sync.harness import SyncStation, enrol, new_station
from tests.ui.conftest import press, type_text, wait_idle
from tests.ui.test_sync_ui import OpenDesk, open_desk, stations  # noqa: F401  (fixtures)

DAY = date(2026, 11, 3)


def _try_to_close(qtbot: QtBot, dialog, workers) -> None:  # type: ignore[no-untyped-def]
    dialog.witness_password.clear()
    type_text(qtbot, dialog.witness_password, "demo1234")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.close_button.isEnabled() or not dialog.isVisible(), timeout=15_000
    )
    wait_idle(qtbot, workers)


def test_close_is_refused_until_every_line_is_resolved_then_the_reconciliation_is_synced(
    qtbot: QtBot,
    open_desk: OpenDesk,  # noqa: F811
    sqlite_deployment: Deployment,  # noqa: F811
    stations: list[SyncStation],  # noqa: F811
    tmp_path: Path,
) -> None:
    assert local_date(utc_now()) > DAY  # the fixture's day is in the past
    st = new_station(tmp_path / "stations")
    stations.append(st)
    enrol(st, sqlite_deployment.engine, sqlite_deployment.url)
    create_operator(st.db, st.coordinator, "李社工", Role.SOCIAL_WORKER, "demo1234", demo=True)
    record_wechat_day(st.db, st.signer, st.coordinator)
    window, ctx = open_desk(st)

    # The forgotten 3 November is the day to close; nothing imported yet.
    window.menu_actions.close_day_and_sync.trigger()
    qtbot.waitUntil(lambda: window.day_end.close_dialog is not None, timeout=5_000)
    dialog = window.day_end.close_dialog
    assert dialog is not None
    wait_idle(qtbot, ctx.workers)
    assert "2026-11-03" in dialog.windowTitle()
    assert "这一天还没有导入对账单" in dialog.statements_label.text()
    assert dialog.unmatched_model.rowCount() == 7  # every donation, unconfirmed

    # Import the day's WeChat bill from the close dialog's own button.
    qtbot.mouseClick(dialog.statements_button, Qt.MouseButton.LeftButton)
    statements = window.side.statements_window
    assert statements is not None and statements.chosen_day() == DAY
    statements.import_file(WECHAT_ALL)
    qtbot.waitUntil(lambda: "已导入" in statements.message.text(), timeout=20_000)
    wait_idle(qtbot, ctx.workers)
    assert dialog.unmatched_model.rowCount() == 2
    assert (
        "对账单 ¥444.88，记录 ¥374.88；已对上 6 笔，未对上 2 笔" in dialog.statements_label.text()
    )
    dialog.witness.setCurrentIndex(dialog.witness.findData("李社工"))
    dialog.grab().save(str(tmp_path / "day-close-statements.png"))

    _try_to_close(qtbot, dialog, ctx.workers)
    assert "还有 2 笔未对上的款项没有说明" in dialog.error.text()
    assert not day_state(st.db, DAY).closed

    # Resolve the first: record the ¥100 nobody recorded, from its statement line.
    pane = statements.panes[DonationKind.MOBILE]
    pane.not_recorded.setFocus()
    press(qtbot, pane.not_recorded, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: statements.record_dialog is not None, timeout=5_000)
    record = statements.record_dialog
    assert record is not None
    type_text(qtbot, record.password, "demo1234")
    press(qtbot, record.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: statements.record_dialog is None, timeout=10_000)
    wait_idle(qtbot, ctx.workers)
    assert dialog.unmatched_model.rowCount() == 1

    _try_to_close(qtbot, dialog, ctx.workers)
    assert "还有 1 笔未对上的款项没有说明" in dialog.error.text()
    assert not day_state(st.db, DAY).closed

    # Resolve the second: the ¥30 the bill does not show gets its explanation.
    type_text(qtbot, dialog.explain_text, "捐赠人扫码未成功，改付现金已退回")
    press(qtbot, dialog.explain_text, Qt.Key.Key_Return)
    dialog.witness_password.clear()
    type_text(qtbot, dialog.witness_password, "demo1234")
    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as synced:
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.workers)
    assert day_state(st.db, DAY).closed
    assert synced.args[0].outcome is Outcome.OK

    # The association holds the reconciliation, just before the close it belongs to.
    stored = admin.stored_entries(sqlite_deployment.engine, st.code)
    types = [e.type for e in stored]
    at = types.index("statement.reconciled")
    assert types[at + 1] == "day.closed" and types.count("statement.reconciled") == 1
    data = json.loads(stored[at].payload)["data"]
    assert data["day"] == "2026-11-03" and data["kind"] == "mobile"
    assert data["counts"] == {
        "lines": 7,
        "matched": 7,
        "matched_by_reference": 2,
        "not_recorded": 0,
        "not_on_statement": 1,
        "refunds": 1,
    }
    assert data["totals"] == {
        "statement_fen": 44488,
        "recorded_fen": 47488,
        "refunds_fen": 1000,
        "fees_millifen": 260928,
    }
    fingerprint = hashlib.sha256(WECHAT_ALL.read_bytes()).hexdigest()
    assert data["statements"] == [{"source": "wechat", "account": None, "fingerprint": fingerprint}]
    assert data["unmatched"] == [
        {
            "side": "records",
            "amount_fen": 3000,
            "receipt": data["unmatched"][0]["receipt"],
            "explanation": "捐赠人扫码未成功，改付现金已退回",
        }
    ]
    payload = stored[at].payload
    assert "oUpF8u" not in payload and "oUp****" not in payload  # no payer identifier at all
    assert_equal_ledgers(st, sqlite_deployment.engine)
