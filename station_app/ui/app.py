"""Starting the desk: the QApplication, font, translator, error hook, then the windows.

``run_gui`` is what ``station-app`` (``cli.py``) calls.  The order matters: logging
first (so anything after can be reported), then Qt, the bundled CJK font (so Chinese
never shows as boxes on a PC without Chinese fonts), the translator for the saved
language (Simplified Chinese by default), the error hook, and the desk's window —
shown before anything slow is imported.  Opening the station, the first-run dialog and
the login follow once the window has painted (``desk_start.py``).

Only Qt and light modules may be imported at the top of this file: it is on the path to
the first paint, which ``bench/bench_startup.py`` measures.
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
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from station_app.logging_setup import setup_logging
from station_app.paths import DataPaths
from station_app.resources_path import resources_dir
from station_app.ui.desk_frame import DeskFrame
from station_app.ui.gui_gc import GuiThreadCollector
from station_app.ui.qt_gaps import QtGapsTranslator
from station_app.ui.settings_store import SettingsStore
from station_app.ui.system_locale import dates_in_desk_language
from station_app.ui.window_geometry import remember_geometry
from station_app.ui.workers import Workers
from station_app.ui.zoom import apply_zoom, saved_zoom

if TYPE_CHECKING:
    from station_app.ui.desk_start import DeskStart

log = logging.getLogger(__name__)

APP_NAME = "Donation Station Desk"
FONT_FILE = ("fonts", "wqy-microhei.ttc")
DEFAULT_POINT_SIZE = 10
#: Open the station this long after showing the window even if it was never painted.
OPEN_FALLBACK_MS = 1500


def translations_dir() -> Path:
    return resources_dir() / "translations"


# -- logging and the error hook ---------------------------------------------------------


class ErrorReporter(QObject):
    """Unexpected exceptions: a traceback in the log, a short dialog, and carry on.

    The program does not exit: every write is one transaction, so a failed action wrote
    nothing, and what is in the database is safe.  At most one dialog is open at a time
    so a failure in a timer cannot bury the screen in boxes.
    """

    #: From another thread to the GUI thread (a queued connection).
    _show_later = Signal(object)

    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self._box: QMessageBox | None = None
        self.reported: list[BaseException] = []
        self._show_later.connect(self._show, Qt.ConnectionType.QueuedConnection)

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
            if QApplication.instance() is not None and shiboken6.isValid(self):
                self._show_later.emit(args.exc_value)

    def report(self, exc: BaseException) -> None:
        """Log ``exc`` with its traceback and tell the person where the log is.

        Called from any thread (``sys.excepthook`` runs in the thread that failed, e.g. a
        pool thread): the dialog is only ever built on the GUI thread, and not at all once
        the application is gone (a straggling task at shutdown).
        """
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.error("unexpected error:\n%s", text)
        app = QApplication.instance()
        if app is None or not shiboken6.isValid(self):
            return
        if threading.current_thread() is not threading.main_thread():
            self._show_later.emit(exc)
            return
        self._show(exc)

    def _show(self, exc: BaseException) -> None:
        if QApplication.instance() is None:
            return
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
        else:
            log.warning("Qt's translation qtbase_%s.qm not found in %s", language, qt_dir)
        if language == "zh_CN":  # what qtbase_zh_CN.qm lacks (installed last: asked first)
            gaps = QtGapsTranslator(self._app)
            self._app.installTranslator(gaps)
            self._installed.append(gaps)
        return ok


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("DonationStationDesk")
    app.setQuitOnLastWindowClosed(False)  # the shell decides when the desk is done
    return app


def run_gui(
    paths: DataPaths,
    *,
    auto_login: tuple[str, str] | None = None,
    on_frame_painted: Callable[[QWidget], None] | None = None,
    on_window_shown: Callable[[QWidget], None] | None = None,
) -> int:
    """Run the desk until it is closed; returns the process exit status.

    The window is shown first, with nothing but Qt loaded; the station is opened once it
    has painted (see ``desk_start.py``).  ``auto_login``, ``on_frame_painted`` and
    ``on_window_shown`` exist for the start-up benchmark and the screenshot script,
    which need to reach the working desk without a person.
    """
    log_file = setup_logging(paths)
    store = SettingsStore(paths.settings)
    language = store.load().language
    dates_in_desk_language(language)
    app = create_application()
    collector = GuiThreadCollector(app)
    load_fonts(app)
    apply_zoom(saved_zoom())  # this PC's text size, before any window is built
    translators = Translators(app)
    translators.install(language)
    reporter = ErrorReporter(log_file, app)
    reporter.install()
    workers = Workers(app, on_unexpected=reporter.report)
    frame = DeskFrame()
    remember_geometry(frame, "desk")  # where it was left on this PC, and on the screen
    started: list[DeskStart] = []
    opening = False

    def painted() -> None:
        if on_frame_painted is not None:
            on_frame_painted(frame)
        QTimer.singleShot(0, open_station_behind_frame)

    def open_station_behind_frame() -> None:
        nonlocal opening
        if opening:
            return  # already under way (from the paint, or from the fallback timer)
        opening = True
        try:
            from station_app.ui.desk_start import open_desk

            started.append(
                open_desk(
                    frame=frame,
                    paths=paths,
                    store=store,
                    set_language=translators.install,
                    report_error=reporter.report,
                    workers=workers,
                    auto_login=auto_login,
                    on_window_shown=on_window_shown,
                )
            )
        except Exception as exc:  # a bug: logged, shown, and the window says so
            frame.show_status(
                QCoreApplication.translate(
                    "App", "The station could not be opened. Close this window and start again."
                )
            )
            reporter.report(exc)

    frame.quit_requested.connect(app.quit)  # closed before there is a desk to close
    frame.first_painted.connect(painted, Qt.ConnectionType.SingleShotConnection)
    frame.show()
    # A window started minimized is not painted until restored; open the station anyway.
    QTimer.singleShot(OPEN_FALLBACK_MS, open_station_behind_frame)
    try:
        return app.exec()
    finally:
        workers.wait()
        for start in started:
            start.close()
        collector.stop()
