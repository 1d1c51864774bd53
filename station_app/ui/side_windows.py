"""The windows the desk opens beside the donation form: sync, statements, goods, reports
and settings.

Each exists at most once per main window (asking again raises it), is deleted when closed
(``WA_DeleteOnClose``, on the GUI thread) and opens where it was last, on the screen.  The
main window listens to what they report (``changed``, ``message``, errors) and owns none
of their logic.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from station_app.domain.station_time import local_date, utc_now
from station_app.services.records import StationInfo
from station_app.services.sessions import OperatorSession
from station_app.ui.desk_context import DeskContext
from station_app.ui.goods.goods_window import GoodsWindow
from station_app.ui.qt_dates import to_qdate
from station_app.ui.reports_view import ReportsView
from station_app.ui.settings_dialog import SettingsDialog
from station_app.ui.statements_window import StatementsWindow
from station_app.ui.sync_controller import SyncController
from station_app.ui.sync_panel import SyncPanel
from station_app.ui.window_geometry import remember_geometry


def _raised(window: QWidget) -> None:
    window.raise_()
    window.activateWindow()


class SideWindows(QObject):
    changed = Signal()  # records changed (a statement line recorded, goods moved)
    statements_changed = Signal()  # the day-close dialog re-reads the reconciliation
    message = Signal(str)  # for the status bar
    refused = Signal(str, object)  # title, exception: a refusal or a bug (the window sorts)
    unexpected_error = Signal(object)
    settings_accepted = Signal(object)  # Settings
    session_changed = Signal(object)  # OperatorSession (a password changed in Settings)

    def __init__(
        self,
        ctx: DeskContext,
        owner: QMainWindow,
        sync: SyncController,
        operator: Callable[[], OperatorSession],
    ) -> None:
        super().__init__(owner)
        self._ctx = ctx
        self._owner = owner
        self._sync = sync
        self._operator = operator
        self.sync_panel: SyncPanel | None = None
        self.statements_window: StatementsWindow | None = None
        self.goods_window: GoodsWindow | None = None
        self.reports_view: ReportsView | None = None

    def _forget(self, attribute: str) -> Callable[[], None]:
        return lambda: setattr(self, attribute, None)

    def open_sync_panel(self) -> SyncPanel:
        if self.sync_panel is None:
            panel = SyncPanel(self._ctx, self._sync, self._owner)
            panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            panel.unexpected_error.connect(self.unexpected_error)
            panel.destroyed.connect(self._forget("sync_panel"))
            self.sync_panel = panel
            remember_geometry(panel, "sync")
            panel.show()
        _raised(self.sync_panel)
        return self.sync_panel

    def open_statements(self, day: date | None = None) -> StatementsWindow:
        """Import statements and see a day's reconciliation (today unless told)."""
        if self.statements_window is None:
            shown = day or local_date(utc_now())
            window = StatementsWindow(self._ctx, self._operator(), shown, self._owner)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.changed.connect(self.changed)
            window.changed.connect(self.statements_changed)
            window.unexpected_error.connect(self.unexpected_error)
            window.destroyed.connect(self._forget("statements_window"))
            self.statements_window = window
            remember_geometry(window, "statements")
            window.show()
        elif day is not None:
            self.statements_window.day.setDate(to_qdate(day))
        _raised(self.statements_window)
        return self.statements_window

    def open_goods(self) -> GoodsWindow:
        """The goods area (物资, issue 18), for whoever is logged in."""
        if self.goods_window is None:
            window = GoodsWindow(self._ctx, self._operator, self._owner)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.changed.connect(self.changed)
            window.destroyed.connect(self._forget("goods_window"))
            self.goods_window = window
            window.show()
        _raised(self.goods_window)
        return self.goods_window

    def open_reports(self) -> ReportsView:
        """Reports in a window of their own, so the donation desk stays as it is."""
        if self.reports_view is None:
            view = ReportsView(self._ctx, self._owner, session=self._operator)
            view.setWindowFlag(Qt.WindowType.Window)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.setWindowTitle(self.tr("Reports — {0}").format(self._ctx.station.name))
            view.saved.connect(lambda path: self.message.emit(self.tr("Saved: {0}").format(path)))
            view.failed.connect(lambda exc: self.refused.emit(self.tr("Not saved"), exc))
            view.destroyed.connect(self._forget("reports_view"))
            available = self._owner.screen().availableGeometry()
            view.resize(min(1200, available.width() - 40), min(720, available.height() - 60))
            remember_geometry(view, "reports")  # then kept on the screen when shown
            self.reports_view = view
            view.show()
            view.load()
            view.show_button.setFocus()
        _raised(self.reports_view)
        return self.reports_view

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(
            settings=self._ctx.settings,
            station=self._ctx.station,
            operator=self._operator(),
            db=self._ctx.db,
            workers=self._ctx.workers,
            parent=self._owner,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted_settings.connect(self.settings_accepted)
        dialog.session_changed.connect(self.session_changed)
        dialog.station_changed.connect(self._station_changed)
        dialog.open()
        return dialog

    def _station_changed(self, station: StationInfo) -> None:
        """One association address: what every window shows is what receipts carry."""
        self._ctx.station = station
        if self.sync_panel is not None:
            self.sync_panel.show_address(station)
            self.sync_panel.refresh()  # enrolled now

    def set_operator(self, operator: OperatorSession) -> None:
        if self.goods_window is not None:
            self.goods_window.set_operator(operator)
