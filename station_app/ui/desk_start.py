"""The slow half of starting the desk, run once its window is on screen.

``run_gui`` (in ``app.py``) shows the :class:`~station_app.ui.desk_frame.DeskFrame` using
only Qt, then calls :func:`open_desk` from the event loop.  Everything heavy is imported
from here: SQLAlchemy and the services, the keyring, the start-up check of the database.
In that order, in a worker thread: a damaged database is set aside (never recreated),
or the station is opened and its key read; then, on the GUI thread, the restore offer,
the first-run dialog or the login appears over the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from station_app.domain.errors import DomainError
from station_app.keystore import KeyStore
from station_app.paths import DataPaths
from station_app.services.backup_checks import FileCheck
from station_app.services.backups import BackupInfo, backup_at_start
from station_app.services.donation_recording import DonationRecorder
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.records import StationInfo
from station_app.services.station_setup import StationSetup, create_station
from station_app.startup_check import HealthReport
from station_app.station_context import StationContext, open_station
from station_app.ui.desk_context import DeskContext
from station_app.ui.desk_frame import DeskFrame
from station_app.ui.recovery_dialog import RecoveryDialog
from station_app.ui.settings_store import SettingsStore
from station_app.ui.shell import DeskShell
from station_app.ui.workers import Workers

log = logging.getLogger(__name__)


@dataclass
class Opened:
    """What the worker found when it opened the station (all of it done off the GUI thread):
    the start-up check, the open database, and the signer read from the keyring."""

    report: HealthReport
    station_ctx: StationContext | None = None
    recorder: DonationRecorder | None = None
    recorder_error: DomainError | None = None
    quarantined: Path | None = None
    newest_backup: BackupInfo | None = None


def open_in_background(paths: DataPaths) -> Opened:
    """The slow part of starting, for a worker thread: it never touches a widget.

    Checks the database once (incremental from the verified point), sets a damaged one
    aside and finds the newest good backup, or opens the station and reads its signing
    key from the keyring.
    """
    from station_app.services.restore import remove_unfinished_restores
    from station_app.startup_check import Health, check_database, newest_good_backup, quarantine
    from station_app.station_context import keyring_signing_key

    paths.ensure()
    remove_unfinished_restores(paths)
    report = check_database(paths, keyring_signing_key)
    if report.state is Health.DAMAGED:
        log.error("station database damaged: %s", report.detail)
        aside = report.quarantined or quarantine(paths)
        return Opened(report, quarantined=aside, newest_backup=newest_good_backup(
            paths, report.station_code))  # fmt: skip
    station_ctx = open_station(paths, check=False)  # checked just now
    opened = Opened(report, station_ctx)
    if station_ctx.station is not None:
        try:
            signer = ReceiptSigner.from_keystore(KeyStore(station_ctx.station.code))
            opened.recorder = DonationRecorder(station_ctx.db, signer)
        except DomainError as err:
            log.warning("cannot sign receipts: %s", err.code)
            opened.recorder_error = err
    return opened


def desk_context(
    opened: Opened, station: StationInfo, workers: Workers, store: SettingsStore
) -> DeskContext:
    """Everything the windows need (the signer was read once, in the background)."""
    assert opened.station_ctx is not None
    return DeskContext(
        paths=opened.station_ctx.paths,
        db=opened.station_ctx.db,
        station=station,
        workers=workers,
        settings_store=store,
        settings=store.load(),
        recorder=opened.recorder,
        recorder_error=opened.recorder_error,
    )


def offer_recovery(
    opened: Opened, paths: DataPaths, language: str, workers: Workers, parent: QWidget | None
) -> RecoveryDialog:
    """The restore offer for a damaged database (the restore itself runs in a worker)."""
    from station_app.services.restore import restore
    from station_app.ui.recovery_dialog import RecoveryDialog

    report = opened.report
    return RecoveryDialog(
        report=report,
        damaged_file=opened.quarantined,
        newest=opened.newest_backup,
        backups_dir=paths.backups,
        restore=lambda backup, name, password: restore(
            paths,
            backup,
            operator=name,
            password=password,
            expected_station=report.station_code,
            previous=opened.quarantined,
        ),
        language=language,
        run=workers.write,
        parent=parent,
    )


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


def daily_full_check(paths: DataPaths, station_code: str) -> FileCheck | None:
    """Once a day, in the background: everything checked, not only what is new."""
    from station_app.services.database_check import full_check_if_due
    from station_app.station_context import keyring_signing_key

    return full_check_if_due(paths.database, keyring_signing_key(station_code))


def _warn_if_check_failed(store: SettingsStore, parent: QWidget) -> Callable[[object], None]:
    def done(check: object) -> None:
        if isinstance(check, FileCheck) and not check.ok:
            language = store.load().domain_language
            reason = check.problem_en if language == "en" else check.problem_zh
            QMessageBox.critical(
                parent,
                QCoreApplication.translate("App", "The station database needs attention"),
                QCoreApplication.translate(
                    "App",
                    "The daily check of the station database found a problem: {0}\n"
                    "Call the IT helper now. At the next start the program sets the database "
                    "aside and offers to restore a backup; nothing is lost.",
                ).format(reason),
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

    Called from the event loop once the frame has painted.  The window stays responsive
    while a worker checks and opens the station (:func:`open_in_background`); the login,
    the first-run dialog or the restore offer then appears over it.  On a refusal (a
    damaged database not restored, a station that cannot be opened) the application is
    told to exit with status 2 after saying why.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    started = DeskStart()
    language = store.load().domain_language
    frame.show_status(QCoreApplication.translate("App", "Opening the station…"))

    def start(opened: Opened, station: StationInfo) -> None:
        ctx = desk_context(opened, station, workers, store)
        shell = DeskShell(ctx, set_language=set_language, report_error=report_error, frame=frame)
        shell.finished.connect(app.quit)
        if on_window_shown is not None:
            shell.window_shown.connect(on_window_shown)
        started.shells.append(shell)
        shell.start(auto_login)

    def opened_ok(opened: Opened) -> None:
        if opened.station_ctx is None:  # damaged: offer the restore, then open again
            dialog = offer_recovery(opened, paths, language, workers, frame)
            started.dialogs.append(dialog)
            dialog.accepted.connect(lambda: open_again())
            dialog.rejected.connect(lambda: app.exit(2))
            dialog.open()
            return
        started.station_ctx = opened.station_ctx
        station = opened.station_ctx.station
        if station is None:
            first_run(opened)
            return
        start(opened, station)
        workers.run_slow(lambda: backup_at_start(paths), _warn_if_backup_failed(store))
        workers.run_slow(
            lambda: daily_full_check(paths, station.code), _warn_if_check_failed(store, frame)
        )

    def first_run(opened: Opened) -> None:
        from station_app.ui.first_run_dialog import FirstRunDialog

        station_ctx = opened.station_ctx
        assert station_ctx is not None
        keys_for: Callable[[str], KeyStore] = KeyStore
        dialog = FirstRunDialog(
            create=lambda setup: _create_station(station_ctx, setup, keys_for),
            workers=workers,
            language=language,
            parent=frame,
        )
        dialog.station_created.connect(
            lambda station: start(_with_signer(opened, station), station)
        )
        dialog.rejected.connect(app.quit)
        frame.show_status(QCoreApplication.translate("App", "Set up this station to start."))
        started.dialogs.append(dialog)
        dialog.open()

    def cannot_open(exc: BaseException) -> None:
        if not isinstance(exc, DomainError):
            report_error(exc)
            frame.show_status(
                QCoreApplication.translate(
                    "App", "The station could not be opened. Close this window and start again."
                )
            )
            return
        QMessageBox.critical(
            frame,
            QCoreApplication.translate("App", "Cannot open the station"),
            exc.message(language),
        )
        app.exit(2)

    def open_again() -> None:
        workers.run_slow(lambda: open_in_background(paths), opened_ok, cannot_open)

    open_again()
    return started


def _with_signer(opened: Opened, station: StationInfo) -> Opened:
    """After the first-run set-up: the new station's key is in the keyring now."""
    assert opened.station_ctx is not None
    try:
        signer = ReceiptSigner.from_keystore(KeyStore(station.code))
        opened.recorder = DonationRecorder(opened.station_ctx.db, signer)
    except DomainError as err:
        opened.recorder_error = err
    return opened


def _create_station(
    station_ctx: StationContext, setup: StationSetup, keys_for: Callable[[str], KeyStore]
) -> StationInfo:
    return create_station(station_ctx.db, setup, keys_for(setup.code.strip().upper()))
