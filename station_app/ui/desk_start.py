"""The slow half of starting the desk, run once its window is on screen.

``run_gui`` (in ``app.py``) shows the :class:`~station_app.ui.desk_frame.DeskFrame` using
only Qt, then calls :func:`open_desk` from the event loop.  Everything heavy is imported
from here: SQLAlchemy and the services, the keyring, the start-up check of the database.
In that order: a damaged database is set aside and a restore offered (never recreated),
the station is opened, and then either the first-run dialog or the login appears over
the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from station_app.domain.errors import DomainError
from station_app.keystore import KeyStore
from station_app.paths import DataPaths
from station_app.services.backups import backup_at_start
from station_app.services.donation_recording import DonationRecorder
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.station_setup import StationSetup, create_station
from station_app.services.views import StationInfo
from station_app.station_context import StationContext, open_station
from station_app.ui.desk_context import DeskContext
from station_app.ui.desk_frame import DeskFrame
from station_app.ui.settings_store import SettingsStore
from station_app.ui.shell import DeskShell
from station_app.ui.workers import Workers

log = logging.getLogger(__name__)


def desk_context(
    station_ctx: StationContext, station: StationInfo, workers: Workers, store: SettingsStore
) -> DeskContext:
    """Everything the windows need, with the signer read once from the keyring."""
    recorder: DonationRecorder | None = None
    problem: DomainError | None = None
    try:
        signer = ReceiptSigner.from_keystore(KeyStore(station.code))
        recorder = DonationRecorder(station_ctx.db, signer)
    except DomainError as err:
        log.warning("cannot sign receipts: %s", err.code)
        problem = err
    return DeskContext(
        paths=station_ctx.paths,
        db=station_ctx.db,
        station=station,
        workers=workers,
        settings_store=store,
        settings=store.load(),
        recorder=recorder,
        recorder_error=problem,
    )


def recover_if_damaged(paths: DataPaths, language: str, parent: QWidget | None = None) -> bool:
    """A damaged database is set aside and a restore offered; never recreated empty.

    Returns True when the desk may open the station (healthy, or restored just now).
    """
    from station_app.services.restore import remove_unfinished_restores, restore
    from station_app.startup_check import Health, check_database, newest_good_backup, quarantine
    from station_app.station_context import keyring_signing_key
    from station_app.ui.recovery_dialog import RecoveryDialog

    paths.ensure()
    remove_unfinished_restores(paths)
    report = check_database(paths, keyring_signing_key)
    if report.state is not Health.DAMAGED:
        return True
    logging.getLogger(__name__).error("station database damaged: %s", report.detail)
    aside = report.quarantined or quarantine(paths)
    dialog = RecoveryDialog(
        report=report,
        damaged_file=aside,
        newest=newest_good_backup(paths, report.station_code),
        backups_dir=paths.backups,
        restore=lambda backup, name, password: restore(
            paths,
            backup,
            operator=name,
            password=password,
            expected_station=report.station_code,
            previous=aside,
        ),
        language=language,
        parent=parent,
    )
    return dialog.exec() == RecoveryDialog.DialogCode.Accepted


def _warn_if_backup_failed(store: SettingsStore) -> Callable[[object], None]:
    def done(result: object) -> None:
        error = getattr(result, "error", None)
        if error is not None:
            QMessageBox.warning(
                None,
                QCoreApplication.translate("App", "Backup failed"),
                error.message(store.load().domain_language),
            )

    return done


@dataclass
class DeskStart:
    """What :func:`open_desk` hands back to ``run_gui``: things to close at the end."""

    station_ctx: StationContext | None = None
    shells: list[DeskShell] = field(default_factory=list)
    dialogs: list[QWidget] = field(default_factory=list)  # kept alive while open

    def close(self) -> None:
        if self.station_ctx is not None:
            self.station_ctx.close()


def open_desk(
    *,
    frame: DeskFrame,
    paths: DataPaths,
    store: SettingsStore,
    set_language: Callable[[str], object],
    report_error: Callable[[BaseException], None],
    workers: Workers,
    auto_login: tuple[str, str] | None = None,
    on_window_shown: Callable[[QWidget], None] | None = None,
) -> DeskStart:
    """Open the station behind ``frame`` and ask for a login (or set a station up).

    Called from the event loop once the frame has painted.  On a refusal (a damaged
    database not restored, a station that cannot be opened) the application is told to
    exit with status 2 after saying why.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    started = DeskStart()
    language = store.load().domain_language
    if not recover_if_damaged(paths, language, parent=frame):
        app.exit(2)
        return started
    try:
        station_ctx = open_station(paths, check=False)  # checked (or restored) just now
    except DomainError as err:
        QMessageBox.critical(
            frame,
            QCoreApplication.translate("App", "Cannot open the station"),
            err.message(language),
        )
        app.exit(2)
        return started
    started.station_ctx = station_ctx

    def start(station: StationInfo) -> None:
        ctx = desk_context(station_ctx, station, workers, store)
        shell = DeskShell(ctx, set_language=set_language, report_error=report_error, frame=frame)
        shell.finished.connect(app.quit)
        if on_window_shown is not None:
            shell.window_shown.connect(on_window_shown)
        started.shells.append(shell)
        shell.start(auto_login)

    if station_ctx.station is None:
        from station_app.ui.first_run_dialog import FirstRunDialog

        keys_for: Callable[[str], KeyStore] = KeyStore
        first_run = FirstRunDialog(
            create=lambda setup: _create_station(station_ctx, setup, keys_for),
            workers=workers,
            language=language,
            parent=frame,
        )
        first_run.station_created.connect(start)
        first_run.rejected.connect(app.quit)
        frame.show_status(QCoreApplication.translate("App", "Set up this station to start."))
        started.dialogs.append(first_run)
        first_run.open()
    else:
        start(station_ctx.station)
        workers.run_slow(lambda: backup_at_start(paths), _warn_if_backup_failed(store))
    return started


def _create_station(
    station_ctx: StationContext, setup: StationSetup, keys_for: Callable[[str], KeyStore]
) -> StationInfo:
    return create_station(station_ctx.db, setup, keys_for(setup.code.strip().upper()))
