"""Starting the desk: the QApplication, font, translator, error hook, then the windows.

``run_gui`` is what ``station-app`` (``cli.py``) calls.  The order matters: logging
first (so anything after can be reported), then Qt, the bundled CJK font (so Chinese
never shows as boxes on a PC without Chinese fonts), the translator for the saved
language (Simplified Chinese by default), the error hook, and finally either the
first-run dialog or the login.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from station_app.domain.errors import DomainError
from station_app.keystore import KeyStore
from station_app.logging_setup import setup_logging
from station_app.paths import DataPaths
from station_app.resources_path import resources_dir
from station_app.services.backups import backup_at_start
from station_app.services.donation_recording import DonationRecorder
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.station_setup import StationSetup, create_station
from station_app.services.views import StationInfo
from station_app.station_context import StationContext, open_station
from station_app.ui.desk_context import DeskContext
from station_app.ui.settings_store import SettingsStore
from station_app.ui.workers import Workers

log = logging.getLogger(__name__)

APP_NAME = "Donation Station Desk"
FONT_FILE = ("fonts", "wqy-microhei.ttc")
DEFAULT_POINT_SIZE = 10


def translations_dir() -> Path:
    return resources_dir() / "translations"


# -- logging and the error hook ---------------------------------------------------------


class ErrorReporter(QObject):
    """Unexpected exceptions: a traceback in the log, a short dialog, and carry on.

    The program does not exit: every write is one transaction, so a failed action wrote
    nothing, and what is in the database is safe.  At most one dialog is open at a time
    so a failure in a timer cannot bury the screen in boxes.
    """

    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self._box: QMessageBox | None = None
        self.reported: list[BaseException] = []

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_hook

    def _excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self.report(exc)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            # Not on the GUI thread: log now, show the dialog from the event loop.
            log.error(
                "unexpected error in thread %s",
                args.thread.name if args.thread else "?",
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )
            exc = args.exc_value
            QTimer.singleShot(0, self, lambda: self._show(exc))

    def report(self, exc: BaseException) -> None:
        """Log ``exc`` with its traceback and tell the person where the log is."""
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.error("unexpected error:\n%s", text)
        self._show(exc)

    def _show(self, exc: BaseException) -> None:
        self.reported.append(exc)
        if self._box is not None and self._box.isVisible():
            return
        parent = QApplication.activeWindow()
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("ErrorReporter", "Unexpected error"),
            QCoreApplication.translate(
                "ErrorReporter",
                "Something went wrong and this action was not completed. Records already "
                "saved are safe. The details were written to:\n{0}",
            ).format(self.log_file),
            parent=parent if isinstance(parent, QWidget) else None,
        )
        box.setDetailedText(f"{type(exc).__name__}: {exc}")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "_box", None))
        self._box = box
        box.open()


# -- Qt set-up ---------------------------------------------------------------------------


def load_fonts(app: QApplication) -> str | None:
    """Register the bundled CJK font; on Linux also make it the default UI font.

    Windows and macOS have good Chinese UI fonts of their own; a Linux PC (or Xvfb, or
    Qt offscreen) may have none, and Chinese then shows as boxes.
    """
    path = resources_dir().joinpath(*FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("bundled font %s could not be loaded", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    family = families[0] if families else None
    if family and sys.platform.startswith("linux"):
        font = QFont(family, DEFAULT_POINT_SIZE)
        app.setFont(font)
    return family


class Translators:
    """Holds the installed QTranslators (Qt drops a translator whose object is gone)."""

    def __init__(self, app: QCoreApplication, directory: Path | None = None) -> None:
        self._app = app
        self._dir = directory or translations_dir()
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, language: str) -> bool:
        """Switch to ``language`` ("zh_CN" or "en"); True if its translation was found."""
        for tr in self._installed:
            self._app.removeTranslator(tr)
        self._installed.clear()
        self.language = language
        if language == "en":
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            return True
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        ok = True
        ours = QTranslator(self._app)
        if ours.load(f"station_{language}", str(self._dir)):
            self._app.installTranslator(ours)
            self._installed.append(ours)
        else:
            log.warning("translation station_%s.qm not found in %s", language, self._dir)
            ok = False
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(self._app)
        if qt.load(f"qtbase_{language}", qt_dir):  # Qt's own dialogs (print, file)
            self._app.installTranslator(qt)
            self._installed.append(qt)
        return ok


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("DonationStationDesk")
    app.setQuitOnLastWindowClosed(False)  # the shell decides when the desk is done
    return app


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


def recover_if_damaged(paths: DataPaths, language: str) -> bool:
    """A damaged database is set aside and a restore offered; never recreated empty.

    Returns True when the desk may open the station (healthy, or restored just now).
    """
    import functools

    from station_app.services import backups
    from station_app.startup_check import Health, check_database, newest_good_backup, quarantine
    from station_app.ui.recovery_dialog import RecoveryDialog

    report = check_database(paths)
    if report.state is not Health.DAMAGED:
        return True
    logging.getLogger(__name__).error("station database damaged: %s", report.detail)
    aside = report.quarantined or quarantine(paths)
    dialog = RecoveryDialog(
        report=report,
        damaged_file=aside,
        newest=newest_good_backup(paths, report.station_code),
        backups_dir=paths.backups,
        restore=functools.partial(backups.restore, paths, expected_station=report.station_code),
        language=language,
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


def run_gui(
    paths: DataPaths,
    *,
    auto_login: tuple[str, str] | None = None,
    on_window_shown: Callable[[QWidget], None] | None = None,
) -> int:
    """Run the desk until it is closed; returns the process exit status.

    ``auto_login`` and ``on_window_shown`` exist for the start-up benchmark and the
    screenshot script, which need to reach the main window without a person.
    """
    from station_app.ui.first_run_dialog import FirstRunDialog
    from station_app.ui.shell import DeskShell

    log_file = setup_logging(paths)
    app = create_application()
    load_fonts(app)
    store = SettingsStore(paths.settings)
    translators = Translators(app)
    translators.install(store.load().language)
    reporter = ErrorReporter(log_file, app)
    reporter.install()
    workers = Workers(app, on_unexpected=reporter.report)

    if not recover_if_damaged(paths, store.load().domain_language):
        return 2
    try:
        station_ctx = open_station(paths)
    except DomainError as err:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "Cannot open the station"),
            err.message(store.load().domain_language),
        )
        return 2
    shells: list[DeskShell] = []

    def start(station: StationInfo) -> None:
        ctx = desk_context(station_ctx, station, workers, store)
        shell = DeskShell(ctx, set_language=translators.install, report_error=reporter.report)
        shell.finished.connect(app.quit)
        if on_window_shown is not None:
            shell.window_shown.connect(on_window_shown)
        shells.append(shell)
        shell.start(auto_login)

    if station_ctx.station is None:
        keys_for: Callable[[str], KeyStore] = KeyStore
        first_run = FirstRunDialog(
            create=lambda setup: _create_station(station_ctx, setup, keys_for),
            workers=workers,
            language=store.load().domain_language,
        )
        first_run.station_created.connect(start)
        first_run.rejected.connect(app.quit)
        first_run.show()
    else:
        QTimer.singleShot(0, lambda: start(station_ctx.station))  # type: ignore[arg-type]
        workers.run_slow(lambda: backup_at_start(paths), _warn_if_backup_failed(store))
    try:
        return app.exec()
    finally:
        workers.wait()
        station_ctx.close()


def _create_station(
    station_ctx: StationContext, setup: StationSetup, keys_for: Callable[[str], KeyStore]
) -> StationInfo:
    return create_station(station_ctx.db, setup, keys_for(setup.code.strip().upper()))
