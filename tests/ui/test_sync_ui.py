"""The Sync window, "close the day and sync" and enrolment, against the REAL receiver.

The receiver is ``association_server`` under uvicorn on 127.0.0.1 (tests/sync's
fixtures); the station is a real one with its key in the test keyring.  Nothing is
mocked between the button and the receiver's database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from association_server import admin, designation_list
from station_app.association_defaults import association_defaults
from station_app.domain.roles import Role
from station_app.domain.station_time import local_date, utc_now
from station_app.services.day_close import day_state
from station_app.services.donation_recording import DonationRecorder
from station_app.services.operators import create_operator
from station_app.services.sessions import OperatorSession
from station_app.services.station_setup import load_station
from station_app.services.sync_result import SyncProgress, SyncResult
from station_app.sync.sync_messages import Outcome
from station_app.ui.app import Translators
from station_app.ui.desk_context import DeskContext
from station_app.ui.main_window import MainWindow
from station_app.ui.settings_dialog import SettingsDialog
from station_app.ui.settings_store import Settings, SettingsStore
from station_app.ui.workers import Workers
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import (  # noqa: F401  (fixtures: the real receiver)
    Deployment,
    _shared,
    make_deployment,
    pg_cluster,
    sqlite_deployment,
)
from tests.sync.harness import SyncStation, enrol, new_station
from tests.sync.tls_files import make_tls_files
from tests.ui.conftest import type_text, wait_idle

OpenDesk = Callable[..., tuple[MainWindow, DeskContext]]


@pytest.fixture
def stations(tmp_path: Path) -> Iterator[list[SyncStation]]:
    made: list[SyncStation] = []
    yield made
    for st in made:
        st.db.close()


def _settings(
    qtbot: QtBot, ctx: DeskContext, st: SyncStation, operator: OperatorSession
) -> SettingsDialog:
    """The Settings dialog as ``operator`` opens it on ``st`` (no printers here)."""
    dialog = SettingsDialog(
        settings=ctx.settings,
        station=ctx.station,
        operator=operator,
        db=st.db,
        workers=ctx.workers,
        printers=lambda: [],
    )
    qtbot.addWidget(dialog)
    return dialog


def _ctx(st: SyncStation, workers: Workers, language: str) -> DeskContext:
    info = load_station(st.db)
    assert info is not None
    store = SettingsStore(st.paths.settings)
    settings = Settings(language=language)
    store.save(settings)
    return DeskContext(
        paths=st.paths,
        db=st.db,
        station=info,
        workers=workers,
        settings_store=store,
        settings=settings,
        recorder=DonationRecorder(st.db, st.signer),
    )


@pytest.fixture
def open_desk(qtbot: QtBot, translators: Translators, workers: Workers) -> OpenDesk:
    def open_(st: SyncStation, language: str = "zh_CN") -> tuple[MainWindow, DeskContext]:
        translators.install(language)
        ctx = _ctx(st, workers, language)
        window = MainWindow(ctx, st.coordinator)
        window.unexpected_error.connect(workers.unexpected.append)  # type: ignore[attr-defined]
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        wait_idle(qtbot, workers)
        return window, ctx

    return open_


def test_sync_panel_sends_the_ledger_to_the_receiver(
    qtbot: QtBot,
    open_desk: OpenDesk,
    sqlite_deployment: Deployment,  # noqa: F811
    stations: list[SyncStation],
    tmp_path: Path,
) -> None:
    st = new_station(tmp_path / "stations")
    stations.append(st)
    enrol(st, sqlite_deployment.engine, sqlite_deployment.url)
    st.record(1_200)  # three batches of at most 500: the bar moves more than once
    window, ctx = open_desk(st)
    assert window.status.connection.text() == "尚未同步"
    panel = window.side.open_sync_panel()
    qtbot.waitExposed(panel)
    wait_idle(qtbot, ctx.workers)
    assert panel.enrolled is True and not panel.not_enrolled.isVisible()
    head = len(st.entries())
    assert panel.progress.maximum() == head and panel.progress.value() == 0
    assert panel.history_model.rowCount() == 0

    seen: list[SyncProgress] = []
    window.sync.progressed.connect(seen.append)
    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as blocker:
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
        assert not panel.sync_button.isEnabled()  # one sync at a time
        assert panel.cancel_button.isEnabled()
        assert not window.sync.start()
    result: SyncResult = blocker.args[0]
    wait_idle(qtbot, ctx.workers)

    assert result.ok, result.message_en
    assert [p.acked_seq for p in seen] == sorted(p.acked_seq for p in seen)
    assert len(seen) >= 3 and seen[-1].acked_seq == head
    assert panel.progress.maximum() == head and panel.progress.value() == head
    assert len(admin.stored_entries(sqlite_deployment.engine, st.code)) == head
    assert_equal_ledgers(st, sqlite_deployment.engine)
    assert "同步完成" in panel.outcome.text()
    assert panel.sync_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert panel.history_model.rowCount() == 1
    assert panel.history_model.index(0, 2).data() == "已完成"
    assert window.status.connection.text() == "在线"
    assert window.status.pending.text() == "待同步：0 条"


def test_close_the_day_and_sync_in_one_step(
    qtbot: QtBot,
    open_desk: OpenDesk,
    sqlite_deployment: Deployment,  # noqa: F811
    stations: list[SyncStation],
    tmp_path: Path,
) -> None:
    st = new_station(tmp_path / "stations")
    stations.append(st)
    enrol(st, sqlite_deployment.engine, sqlite_deployment.url)
    create_operator(st.db, st.coordinator, "李社工", Role.SOCIAL_WORKER, "demo1234", demo=True)
    window, ctx = open_desk(st)
    type_text(qtbot, window.form.amount, "50")
    type_text(qtbot, window.form.donor, "周九")
    qtbot.keyClick(window.form.donor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_recorded is not None, timeout=10_000)
    wait_idle(qtbot, ctx.workers)

    window.menu_actions.close_day_and_sync.trigger()
    qtbot.waitUntil(lambda: window.day_end.close_dialog is not None, timeout=5_000)
    dialog = window.day_end.close_dialog
    assert dialog is not None
    wait_idle(qtbot, ctx.workers)
    dialog.pieces[5000].setValue(1)
    dialog.witness.setCurrentIndex(dialog.witness.findData("李社工"))
    type_text(qtbot, dialog.witness_password, "demo1234")
    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.workers)

    assert blocker.args[0].outcome is Outcome.OK
    assert day_state(st.db, local_date(utc_now())).closed
    assert window.day_end.closed_dialog is not None  # where the summary PDF is
    assert window.side.sync_panel is not None and window.side.sync_panel.isVisible()
    stored = admin.stored_entries(sqlite_deployment.engine, st.code)
    assert stored[-1].type == "day.closed"  # the close itself reached the association
    assert_equal_ledgers(st, sqlite_deployment.engine)
    assert "已日结" in window.status.day.text()


def test_sync_without_enrolment_says_what_to_do(
    qtbot: QtBot, open_desk: OpenDesk, stations: list[SyncStation], tmp_path: Path
) -> None:
    st = new_station(tmp_path / "stations")
    stations.append(st)
    window, ctx = open_desk(st)
    panel = window.side.open_sync_panel()
    wait_idle(qtbot, ctx.workers)
    # Said up front, with no Sync button that could only fail.
    assert panel.enrolled is False and panel.not_enrolled.isVisible()
    assert "登记码" in panel.not_enrolled.text() and not panel.sync_button.isEnabled()
    with qtbot.waitSignal(window.sync.finished, timeout=20_000):
        window.sync_now()  # "close the day and sync" or the menu: the same answer
    wait_idle(qtbot, ctx.workers)
    assert "登记码" in panel.outcome.text()
    assert not panel.sync_button.isEnabled()


def test_enrolment_through_the_settings_dialog(
    qtbot: QtBot,
    translators: Translators,
    workers: Workers,
    sqlite_deployment: Deployment,  # noqa: F811
    stations: list[SyncStation],
    tmp_path: Path,
) -> None:
    translators.install("zh_CN")
    st = new_station(tmp_path / "stations", association_url=sqlite_deployment.url)
    stations.append(st)
    code = admin.create_station(sqlite_deployment.engine, st.code, "测试捐赠站")
    ctx = _ctx(st, workers, "zh_CN")
    coordinator = st.coordinator
    dialog = _settings(qtbot, ctx, st, coordinator)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    wait_idle(qtbot, workers)
    assert "尚未在慈善会登记" in dialog.enrolment_state.text()
    assert dialog.enrol_code is not None and dialog.enrol_button is not None

    type_text(qtbot, dialog.enrol_code, "WRONG-CODE-123")
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, workers)
    assert "拒绝" in dialog.enrol_result.text()
    assert st.keys.get_sync_token() is None

    dialog.enrol_code.clear()
    type_text(qtbot, dialog.enrol_code, code)
    qtbot.keyClick(dialog.enrol_code, Qt.Key.Key_Return)
    wait_idle(qtbot, workers)
    assert dialog.enrol_result.text().startswith("登记成功")
    assert "已在慈善会登记" in dialog.enrolment_state.text()
    token = st.keys.get_sync_token()
    assert token
    assert dialog.enrol_code.text() == ""  # the one-time code is gone
    shown = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QLineEdit)]
    assert not any(token in t for t in shown)  # the token is never shown


def test_coordinator_changes_the_association_address_by_enrolling_there(
    qtbot: QtBot,
    translators: Translators,
    workers: Workers,
    sqlite_deployment: Deployment,  # noqa: F811
    stations: list[SyncStation],
    tmp_path: Path,
) -> None:
    translators.install("en")
    st = new_station(tmp_path / "stations", association_url="https://old.example.org")
    stations.append(st)
    code = admin.create_station(sqlite_deployment.engine, st.code, "测试捐赠站")
    ctx = _ctx(st, workers, "en")
    dialog = _settings(qtbot, ctx, st, st.coordinator)
    dialog.show()
    wait_idle(qtbot, workers)
    assert not dialog.association_url.isReadOnly()
    # Plain http to another computer would carry the one-time code in clear text: refused,
    # though http://0.0.0.0 would reach the receiver listening on 127.0.0.1 here.
    dialog.association_url.clear()
    type_text(qtbot, dialog.association_url, sqlite_deployment.url.replace("127.0.0.1", "0.0.0.0"))
    assert dialog.enrol_code is not None
    type_text(qtbot, dialog.enrol_code, code)
    qtbot.keyClick(dialog.enrol_code, Qt.Key.Key_Return)
    wait_idle(qtbot, workers)
    assert "must start with https://" in dialog.enrol_result.text()
    assert st.keys.get_sync_token() is None
    assert load_station(st.db).association_url == "https://old.example.org"  # type: ignore[union-attr]
    dialog.association_url.clear()
    type_text(qtbot, dialog.association_url, sqlite_deployment.url)
    qtbot.keyClick(dialog.enrol_code, Qt.Key.Key_Return)
    wait_idle(qtbot, workers)
    assert dialog.enrol_result.text().startswith("Enrolled")
    assert load_station(st.db).association_url == sqlite_deployment.url  # type: ignore[union-attr]
    staff = create_operator(st.db, st.coordinator, "王小明", "staff", "demo1234", demo=True)
    staff_view = _settings(qtbot, ctx, st, staff)
    assert staff_view.association_url.isReadOnly()


def test_a_station_set_up_offline_enrols_later_at_the_address_it_is_offered(
    qtbot: QtBot,
    translators: Translators,
    workers: Workers,
    sqlite_deployment: Deployment,  # noqa: F811
    stations: list[SyncStation],
    tmp_path: Path,
) -> None:
    """Issue 17: first run without an address; Settings offers the city association's
    (this build's ``resources/association.toml``), and the enrolment fixes the one used."""
    translators.install("zh_CN")
    st = new_station(tmp_path / "stations", association_url="")
    stations.append(st)
    code = admin.create_station(sqlite_deployment.engine, st.code, "测试捐赠站")
    ctx = _ctx(st, workers, "zh_CN")
    dialog = _settings(qtbot, ctx, st, st.coordinator)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    wait_idle(qtbot, workers)
    assert dialog.association_url.text() == association_defaults().public_url
    labels = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "尚未登记" in labels and "登记时确定" not in labels
    assert "尚未在慈善会登记" in dialog.enrolment_state.text()
    # The reference build's address is a placeholder; this association is on loopback.
    dialog.association_url.clear()
    type_text(qtbot, dialog.association_url, sqlite_deployment.url)
    assert dialog.enrol_code is not None
    type_text(qtbot, dialog.enrol_code, code)
    qtbot.keyClick(dialog.enrol_code, Qt.Key.Key_Return)
    wait_idle(qtbot, workers)
    assert dialog.enrol_result.text().startswith("登记成功")
    assert load_station(st.db).association_url == sqlite_deployment.url  # type: ignore[union-attr]


def test_a_sync_brings_new_designations_into_the_form(
    qtbot: QtBot,
    open_desk: OpenDesk,
    make_deployment: Callable[..., Deployment],  # noqa: F811
    stations: list[SyncStation],
    tmp_path: Path,
) -> None:
    d = make_deployment()  # its own receiver: the designation list is the association's
    designation_list.put_designation(d.engine, "XCZX", "暖心助学", "project")
    st = new_station(tmp_path / "stations", association_url=d.url)
    stations.append(st)
    enrol(st, d.engine, d.url)
    window, ctx = open_desk(st)
    assert window.form.designation.findData("XCZX") < 0
    with qtbot.waitSignal(window.sync.finished, timeout=60_000):
        window.sync_now()
    wait_idle(qtbot, ctx.workers)
    assert window.form.designation.findData("XCZX") >= 0
    assert window.panel.designation.findData("XCZX") >= 0
    assert window.form.designation.currentData() == "undesignated"


def test_a_server_that_cannot_prove_it_is_the_association_is_shown_as_such(
    qtbot: QtBot,
    open_desk: OpenDesk,
    make_deployment: Callable[..., Deployment],  # noqa: F811
    stations: list[SyncStation],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Enrolled over https; later the certificate no longer verifies (here: the CA is not
    trusted any more).  The desk says so at once, with the clock as the first thing to check."""
    tls = make_tls_files(tmp_path / "tls")
    d = make_deployment(tls=tls)
    st = new_station(tmp_path / "stations", association_url=d.url)
    stations.append(st)
    with monkeypatch.context() as trusting:
        trusting.setenv("SSL_CERT_FILE", str(tls.ca))
        enrol(st, d.engine, d.url)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    st.record(3)
    window, ctx = open_desk(st)
    panel = window.side.open_sync_panel()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(window.sync.finished, timeout=30_000) as blocker:
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.workers)
    result: SyncResult = blocker.args[0]
    assert result.outcome is Outcome.UNTRUSTED and result.entries_sent == 0
    assert "安全证书无法验证" in panel.outcome.text() and "日期和时间" in panel.outcome.text()
    assert panel.history_model.index(0, 2).data() == "服务器证书无法验证"
    assert window.status.connection.text() == "服务器未通过验证"
    assert "日期和时间" in window.status.connection.toolTip()
    assert admin.stored_entries(d.engine, st.code) == []


def test_an_unreachable_association_fails_fast_then_retries_with_a_countdown(
    qtbot: QtBot,
    open_desk: OpenDesk,
    sqlite_deployment: Deployment,  # noqa: F811
    stations: list[SyncStation],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from station_app.ui import sync_controller
    from tests.sync.harness import closed_port_url, point_at

    monkeypatch.setattr(sync_controller, "RETRY_AFTER_S", (3,))
    st = new_station(tmp_path / "stations")
    stations.append(st)
    enrol(st, sqlite_deployment.engine, sqlite_deployment.url)
    point_at(st, closed_port_url())
    window, ctx = open_desk(st)
    starts: list[int] = []
    window.sync.started.connect(lambda: starts.append(1))
    with qtbot.waitSignal(window.sync.finished, timeout=12_000) as first:
        window.sync_now()
    assert first.args[0].outcome is Outcome.NETWORK
    panel = window.side.sync_panel
    assert panel is not None
    assert "网线或 Wi-Fi" in panel.outcome.text()
    qtbot.waitUntil(lambda: panel.retry.isVisible(), timeout=2_000)
    assert "秒" in panel.retry.text() and "重试" in window.status.connection.text()
    # The countdown ends in a new try by itself...
    with qtbot.waitSignal(window.sync.finished, timeout=15_000):
        pass
    assert len(starts) == 2
    # ... and the coordinator can stop the next one.
    qtbot.waitUntil(lambda: window.sync.retry_in > 0, timeout=2_000)
    qtbot.mouseClick(panel.cancel_retry_button, Qt.MouseButton.LeftButton)
    assert window.sync.retry_in == -1 and not panel.retry.isVisible()
    qtbot.wait(3_500)
    assert len(starts) == 2
    wait_idle(qtbot, ctx.workers)


def test_one_association_address_after_enrolling_elsewhere(
    qtbot: QtBot,
    open_desk: OpenDesk,
    sqlite_deployment: Deployment,  # noqa: F811
    stations: list[SyncStation],
    tmp_path: Path,
) -> None:
    """Settings, the Sync window and the next receipt's QR all show the new address."""
    from station_app.domain.donations import DonationDraft
    from station_app.services.receipt_documents import receipt_view

    st = new_station(tmp_path / "stations", association_url="https://old.example.org")
    stations.append(st)
    code = admin.create_station(sqlite_deployment.engine, st.code, "测试捐赠站")
    window, ctx = open_desk(st, "en")
    kept = ctx.station  # what a window was built with
    panel = window.side.open_sync_panel()
    assert "old.example.org" in panel.address.text()
    dialog = window.side.open_settings()
    wait_idle(qtbot, ctx.workers)
    dialog.association_url.clear()
    type_text(qtbot, dialog.association_url, sqlite_deployment.url)
    assert dialog.enrol_code is not None
    type_text(qtbot, dialog.enrol_code, code)
    qtbot.keyClick(dialog.enrol_code, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx.workers)
    assert dialog.enrol_result.text().startswith("Enrolled")
    assert ctx.station.association_url == sqlite_deployment.url
    assert sqlite_deployment.url in panel.address.text()
    assert dialog.association_url.text() == sqlite_deployment.url
    number = ctx.recorder.record(  # type: ignore[union-attr]
        st.coordinator, DonationDraft(kind="cash", amount="10", anonymous=True)
    ).receipt_number
    assert receipt_view(st.db, kept, number).qr_url.startswith(sqlite_deployment.url + "/r/")
    dialog.close()
