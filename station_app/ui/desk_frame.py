"""The desk's one top-level window, on screen before anything slow has happened.

Why it exists: opening the station takes most of a second on a good PC (SQLAlchemy and
our services are imported, the database is checked, the keyring read) and several on a
slow one with a virus scanner.  A program that shows nothing for that long gets
double-clicked again.  So ``run_gui`` shows this window first, using only Qt, and does
the slow part after the window has painted; the login then opens over it and the
working desk (:class:`~station_app.ui.main_window.MainWindow`) is placed inside it.

Only Qt may be imported here: this module is on the path to the first paint.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

DEFAULT_SIZE = (1280, 720)


class _StartPage(QWidget):
    """What the window shows until the desk is ready: the program's name and a status."""

    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        title = QLabel(self.tr("Donation Station Desk"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel(self.tr("Opening the station…"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        # High on the page, so that a login dialog centred on the window leaves it visible.
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.status)
        layout.addStretch(4)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()


class DeskFrame(QMainWindow):
    # The window has been painted once: the person sees it; slow work may begin.
    first_painted = Signal()
    # Closed before the desk was attached (at the login or first-run stage).
    quit_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Donation Station Desk"))
        self.setWindowIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DriveNetIcon))
        self._stack = QStackedWidget()
        self.start_page = _StartPage()
        self.start_page.painted.connect(self.first_painted)
        self._stack.addWidget(self.start_page)
        self.setCentralWidget(self._stack)
        self.resize(*DEFAULT_SIZE)
        self.desk: QMainWindow | None = None

    def show_status(self, text: str) -> None:
        """A line under the title while there is no desk yet ("opening…", "log in")."""
        self.start_page.status.setText(text)

    def attach(self, desk: QMainWindow) -> None:
        """Put the working desk inside this window (replacing any previous one).

        A QMainWindow is always created as a window of its own; made a plain widget it
        keeps its menus, toolbar and status bar and lays them out inside the frame.
        """
        self.detach()
        desk.setWindowFlags(Qt.WindowType.Widget)
        self._stack.addWidget(desk)
        self._stack.setCurrentWidget(desk)
        self.desk = desk
        self.setWindowTitle(desk.windowTitle())
        desk.windowTitleChanged.connect(self.setWindowTitle)
        desk.show()

    def detach(self) -> QMainWindow | None:
        """Take the desk out (for a rebuild in another language); the start page returns."""
        desk = self.desk
        if desk is None:
            return None
        self.desk = None
        if not shiboken6.isValid(desk):
            return None
        desk.windowTitleChanged.disconnect(self.setWindowTitle)
        self._stack.removeWidget(desk)
        self._stack.setCurrentWidget(self.start_page)
        return desk

    def closeEvent(self, event: QCloseEvent) -> None:
        """The title bar's ×: the desk's own closing rules apply once it is there."""
        if self.desk is not None and shiboken6.isValid(self.desk):
            # The desk deletes itself on close, and the shell then ends the program.
            if self.desk.close():
                event.accept()
            else:
                event.ignore()
            return
        self.quit_requested.emit()
        event.accept()
