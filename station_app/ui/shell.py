"""The life of the desk's windows: log in, work, lock, unlock, change language, quit.

Everything happens in one top-level :class:`~station_app.ui.desk_frame.DeskFrame`: the
login opens over it, and the working desk (the main window) is placed inside it.  The
shell replaces the desk when the language changes (a new one built under the new
translator, given the old form's contents) — Frescobaldi and TagStudio leaked and
crashed retranslating live.  Locking hides the window's contents
and asks for a login; whoever logs in becomes the operator, and the form stays.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from station_app.services.operators import list_operators
from station_app.services.sessions import OperatorSession, authenticate
from station_app.ui.desk_context import DeskContext
from station_app.ui.desk_frame import DeskFrame
from station_app.ui.idle_lock import IdleWatcher
from station_app.ui.login_dialog import LoginDialog
from station_app.ui.main_window import MainWindow
from station_app.ui.questions import ask
from station_app.ui.settings_store import Settings

log = logging.getLogger(__name__)


class DeskShell(QObject):
    window_shown = Signal(object)  # MainWindow (a new one after a language change)
    finished = Signal()

    def __init__(
        self,
        ctx: DeskContext,
        *,
        set_language: Callable[[str], object],
        report_error: Callable[[BaseException], None],
        frame: DeskFrame | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.frame = frame if frame is not None else DeskFrame()
        self.frame.quit_requested.connect(self._quit)
        self._set_language = set_language
        self._report_error = report_error
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self.idle = IdleWatcher(ctx.settings.idle_lock_minutes, self)
        self.idle.idle.connect(lambda: self.lock(asked=False))
        self.idle.pause()

    # -- logging in ------------------------------------------------------------------

    def start(self, auto_login: tuple[str, str] | None = None) -> None:
        if auto_login is not None:
            operator = authenticate(self.ctx.db, *auto_login)
            self._open_window(operator)
            return
        self.frame.show_status(self.tr("Log in to start."))
        self.frame.show()
        self.login = self._login_dialog(locked=False)
        self.login.logged_in.connect(self._open_window)
        self.login.rejected.connect(self._quit)
        self.login.open()

    def _login_dialog(self, *, locked: bool, switching_from: str = "") -> LoginDialog:
        ctx = self.ctx
        names = [op.name for op in list_operators(ctx.db)]
        dialog = LoginDialog(
            station=ctx.station,
            operator_names=names,
            authenticate=lambda n, p: authenticate(ctx.db, n, p),
            workers=ctx.workers,
            language=ctx.language,
            preselect="" if switching_from else ctx.settings.last_operator,
            locked=locked,
            switching_from=switching_from,
            parent=self.window if locked else self.frame,
        )
        return dialog

    def _open_window(self, operator: OperatorSession, form_state: dict | None = None) -> None:
        self.login = None
        self._remember_operator(operator)
        window = MainWindow(self.ctx, operator, form_state=form_state)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.lock_requested.connect(self.lock)
        window.switch_user_requested.connect(self.switch_user)
        window.settings_changed.connect(self.apply_settings)
        window.unexpected_error.connect(self._report_error)
        window.closed.connect(self._window_gone)
        self.window = window
        self.frame.attach(window)
        self.frame.show()
        self.idle.resume()
        self.window_shown.emit(window)

    def _remember_operator(self, operator: OperatorSession) -> None:
        if self.ctx.settings.last_operator != operator.name:
            self._save(replace(self.ctx.settings, last_operator=operator.name))

    # -- locking ---------------------------------------------------------------------

    def lock(self, *, asked: bool = True) -> None:
        """Hide the desk behind a login.  A person locking with a half-filled form is
        asked whether to keep it (for themself: another person logging in never sees it)
        or discard it; the idle lock asks nobody and keeps it for the same person."""
        window = self.window
        if window is None or self.login is not None:
            return
        if asked and window.form.has_input():
            ask(
                window,
                self.tr("Unsaved donation"),
                self.tr(
                    "The form holds a donation that is not saved. Keep it for when you log "
                    "in again? (Anyone else who logs in starts with an empty form.)"
                ),
                self.tr("&Discard it"),
                self.tr("&Keep it"),
                on_go=lambda: self._discard_and_lock(window),
                on_stay=self._lock_now,
            )
            return
        self._lock_now()

    def _discard_and_lock(self, window: MainWindow) -> None:
        window.form.clear()
        self._lock_now()

    def switch_user(self) -> None:
        """Log out: nothing of this person's work stays for the next (form, last
        receipt), and the login asks for a name, not this person's password."""
        window = self.window
        if window is None or self.login is not None:
            return

        def go() -> None:
            window.forget_for_next_person()
            self._lock_now(switching=True)

        if window.form.has_input():
            ask(
                window,
                self.tr("Unsaved donation"),
                self.tr("The form holds a donation that is not saved. Log out and discard it?"),
                self.tr("&Discard and log out"),
                self.tr("&Keep working"),
                on_go=go,
            )
            return
        go()

    def _lock_now(self, *, switching: bool = False) -> None:
        window = self.window
        if window is None or self.login is not None:
            return
        self.idle.pause()
        central = window.centralWidget()
        if central is not None:
            central.hide()
        window.menuBar().setEnabled(False)
        dialog = self._login_dialog(
            locked=True, switching_from=window.operator.name if switching else ""
        )
        dialog.logged_in.connect(self._unlocked)
        dialog.rejected.connect(self._locked_quit)
        self.login = dialog
        dialog.open()

    def _unlocked(self, operator: OperatorSession) -> None:
        self.login = None
        window = self.window
        if window is None:
            return
        central = window.centralWidget()
        if central is not None:
            central.show()
        window.menuBar().setEnabled(True)
        if operator.id != window.operator.id:
            window.set_operator(operator)
            self._remember_operator(operator)
        window.focus_form()
        self.idle.resume()

    def _locked_quit(self) -> None:
        self.login = None
        if self.window is not None:
            self.window.close()

    # -- settings --------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        old = self.ctx.settings
        self._save(settings)
        self.idle.set_minutes(settings.idle_lock_minutes)
        if settings.language != old.language and self.window is not None:
            # Rebuild after the settings dialog has finished closing.
            QTimer.singleShot(0, self.rebuild)

    def rebuild(self) -> None:
        """A new main window under the new translator, with the same operator and form."""
        old = self.window
        if old is None:
            return
        self._set_language(self.ctx.settings.language)
        state = old.form.state()
        operator = old.operator
        self.window = None
        old.closed.disconnect(self._window_gone)
        self.frame.detach()
        old.leave_without_asking()  # its form goes on in the new window
        old.close()
        old.deleteLater()
        self._open_window(operator, state)

    def _save(self, settings: Settings) -> None:
        self.ctx.settings = settings
        try:
            self.ctx.settings_store.save(settings)
        except OSError as exc:
            self._report_error(exc)

    # -- quitting --------------------------------------------------------------------

    def _window_gone(self) -> None:
        self.window = None
        self._quit()

    def _quit(self) -> None:
        """Tell ``run_gui`` the desk is done (it quits the application).

        A running sync is asked to stop after its batch in flight, so quitting does not
        wait for network retries; what the association acknowledged is already marked.
        """
        self.idle.stop()
        if self.ctx.sync is not None:
            self.ctx.sync.stop()
        self.finished.emit()
