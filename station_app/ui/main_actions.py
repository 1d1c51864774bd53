"""The main window's commands: one QAction each, in the menus and the toolbar.

A command is one action everywhere (menu, toolbar, shortcut), so it is enabled, hidden
and translated in one place.  The window hands over what each command does
(:class:`DeskCommands`); this module decides only how they are offered: their names and
mnemonics (each letter used once per menu, issue 17), their shortcuts, the menus, the
toolbar, and which commands a role sees (the services refuse the others anyway; hiding
them keeps the menu honest).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSize, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QStyle, QToolBar, QWidget

from station_app.domain.roles import Role, can_close_day, can_void
from station_app.ui.zoom import Zoom, scaled

Command = Callable[[], object]
Shortcut = str | QKeySequence.StandardKey | None
Icon = QStyle.StandardPixmap


@dataclass(frozen=True)
class DeskCommands:
    """What the window does for each command (plain callables, no Qt)."""

    new_donation: Command
    refresh: Command
    lock: Command
    switch_user: Command
    settings: Command
    quit: Command
    preview: Command
    print: Command
    details: Command
    void: Command
    about: Command
    sync: Command
    reports: Command
    close_day: Command
    close_day_and_sync: Command
    reopen_day: Command
    statements: Command
    goods: Command
    find: Command


class MainActions(QObject):
    """The actions of one main window; built once, then shown per logged-in role."""

    def __init__(self, window: QMainWindow, commands: DeskCommands, search_box: QWidget) -> None:
        super().__init__(window)
        self._window = window
        c = commands
        self.new = self._action(
            self.tr("&New donation"), "Ctrl+N", c.new_donation, Icon.SP_FileIcon
        )
        self.refresh = self._action(
            self.tr("&Refresh list"),
            QKeySequence.StandardKey.Refresh,
            c.refresh,
            Icon.SP_BrowserReload,
        )
        self.lock = self._action(self.tr("&Lock desk"), "Ctrl+L", c.lock, Icon.SP_DialogNoButton)
        self.switch_user = self._action(
            self.tr("Log out / s&witch user…"),
            "Ctrl+Shift+L",
            c.switch_user,
            Icon.SP_DialogResetButton,
        )
        self.settings = self._action(
            self.tr("&Settings…"), "Ctrl+,", c.settings, Icon.SP_FileDialogDetailedView
        )
        self.quit = self._action(self.tr("&Quit"), "Ctrl+Q", c.quit)
        self.preview = self._action(
            self.tr("Pre&view receipt"),
            "Ctrl+Shift+P",
            c.preview,
            Icon.SP_FileDialogContentsView,
        )
        self.print = self._action(
            self.tr("Print receipt…"),
            QKeySequence.StandardKey.Print,
            c.print,
            Icon.SP_DialogApplyButton,
        )
        self.details = self._action(self.tr("&Details…"), "Ctrl+D", c.details)
        self.void = self._action(
            self.tr("&Void receipt…"), None, c.void, Icon.SP_DialogCancelButton
        )
        self.about = self._action(self.tr("&About"), None, c.about)
        self.sync = self._action(
            self.tr("S&ync with the association…"), "Ctrl+Shift+S", c.sync, Icon.SP_ArrowUp
        )
        self.sync.setIconText(self.tr("Sync"))
        self.reports = self._action(
            self.tr("Re&ports…"), "Ctrl+Shift+R", c.reports, Icon.SP_FileDialogListView
        )
        self.reports.setIconText(self.tr("Reports"))
        self.close_day = self._action(
            self.tr("&Close the day…"), None, c.close_day, Icon.SP_DialogSaveButton
        )
        self.close_day_and_sync = self._action(
            self.tr("Close the day and &sync…"), None, c.close_day_and_sync
        )
        self.reopen_day = self._action(self.tr("&Reopen a closed day…"), None, c.reopen_day)
        self.statements = self._action(
            self.tr("Payment s&tatements…"), "Ctrl+Shift+T", c.statements
        )
        self.goods = self._action(self.tr("&Goods register…"), "Ctrl+G", c.goods)
        self.find = self._action(self.tr("Find a donor or receipt"), "Ctrl+Shift+F", c.find)
        window.addAction(self.find)  # no menu entry: the search box is on the toolbar
        self.zoom = Zoom(window)
        self._build_menus()
        self._build_toolbar(search_box)

    def _action(
        self, text: str, shortcut: Shortcut, slot: Command, icon: Icon | None = None
    ) -> QAction:
        action = QAction(text, self._window)
        if icon is not None:
            action.setIcon(self._window.style().standardIcon(icon))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu = self._window.menuBar()
        desk = menu.addMenu(self.tr("&Station"))
        desk.addActions([self.new, self.refresh])
        desk.addSeparator()
        desk.addActions([self.zoom.bigger, self.zoom.smaller, self.zoom.reset])
        desk.addSeparator()
        desk.addActions([self.settings, self.lock, self.switch_user])
        desk.addSeparator()
        desk.addAction(self.quit)
        receipts = menu.addMenu(self.tr("Re&ceipts"))
        receipts.addActions([self.preview, self.print, self.details, self.void])
        day_menu = menu.addMenu(self.tr("End of da&y"))
        day_menu.addActions([self.sync, self.reports])
        self.coordinator_separator = day_menu.addSeparator()
        day_menu.addActions(list(self._coordinator_actions()))
        menu.addMenu(self.tr("Stock &book")).addAction(self.goods)
        menu.addMenu(self.tr("&Help")).addAction(self.about)

    def _build_toolbar(self, search_box: QWidget) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.new, self.refresh, self.preview])
        toolbar.addSeparator()
        toolbar.addActions([self.sync, self.reports])
        toolbar.addSeparator()
        toolbar.addActions([self.settings, self.lock])
        toolbar.addSeparator()
        search_box.setMaximumWidth(260)
        toolbar.addWidget(search_box)
        self._window.addToolBar(toolbar)
        self.toolbar, self._icon_size = toolbar, toolbar.iconSize()
        self.follow_zoom()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.fontChanged.connect(self.follow_zoom)  # Ctrl+= here or a choice in Settings

    @Slot()
    def follow_zoom(self) -> None:
        """Icons do not grow with the font: scale the toolbar's with the zoom."""
        base = self._icon_size
        self.toolbar.setIconSize(QSize(scaled(base.width()), scaled(base.height())))

    def _coordinator_actions(self) -> tuple[QAction, ...]:
        return (self.statements, self.close_day, self.close_day_and_sync, self.reopen_day)

    def show_for(self, role: Role) -> None:
        """Voiding for those who may void; closing and reopening a day (they answer for
        the money) for the coordinator only."""
        self.void.setVisible(can_void(role))
        self.void.setEnabled(can_void(role))
        closer = can_close_day(role)
        self.coordinator_separator.setVisible(closer)
        for action in self._coordinator_actions():
            action.setVisible(closer)
            action.setEnabled(closer)
