"""Windows open where they were left, and always on the screen.

A window's size and place are saved for this PC when it closes (QSettings, see
``desk_prefs``) and put back when it opens; then, whatever was saved or asked for, the
window is shrunk and moved into the screen's available area, so nothing opens below
the taskbar or beyond the right edge of a 1024×768 screen.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from station_app.ui.desk_prefs import desk_settings


def keep_on_screen(window: QWidget) -> None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area: QRect = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    width = max(window.minimumWidth(), min(window.width(), area.width() - extra_w))
    height = max(window.minimumHeight(), min(window.height(), area.height() - extra_h))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), max(area.left(), area.right() + 1 - frame.width()))
    y = min(max(frame.y(), area.top()), max(area.top(), area.bottom() + 1 - frame.height()))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


class _Keeper(QObject):
    def __init__(self, window: QWidget, key: str) -> None:
        super().__init__(window)
        self._key = key
        self._shown = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget):
            if event.type() == QEvent.Type.Show and not self._shown:
                self._shown = True
                keep_on_screen(watched)
            elif event.type() == QEvent.Type.Close:
                save_geometry(watched, self._key)
        return super().eventFilter(watched, event)


def save_geometry(window: QWidget, key: str) -> None:
    settings = desk_settings()
    settings.setValue(f"geometry/{key}", window.saveGeometry())
    settings.sync()


def remember_geometry(window: QWidget, key: str) -> None:
    """Restore ``window``'s saved place (if any) now; keep it on screen when shown; save
    it when it closes."""
    saved = desk_settings().value(f"geometry/{key}")
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        window.restoreGeometry(saved)
    _Keeper(window, key)
