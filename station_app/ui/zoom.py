"""Bigger text for the volunteers who need it: Ctrl+= and Ctrl+- (Ctrl+0 resets), and a
choice in Settings; remembered for this PC.

The whole desk scales with the application font: every widget that does not set its own
font follows, and the layouts grow with it (the form scrolls rather than push the
window off a small screen); the toolbar's icons follow through :func:`scaled`, and the
tables' row heights through :func:`rows_follow_font` (a row height set in pixels would
cut the text off at 175 %).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from station_app.ui.desk_prefs import desk_settings

STEPS = (90, 100, 110, 125, 150, 175, 200)
DEFAULT = 100
_BASE = "_deskBasePointSize"


def saved_zoom() -> int:
    value = desk_settings().value("zoom", DEFAULT)
    try:
        zoom = int(str(value))  # QSettings gives back a str, an int, or junk someone wrote
    except ValueError:
        return DEFAULT
    return zoom if zoom in STEPS else DEFAULT


def apply_zoom(percent: int) -> None:
    """Scale the application font from the size it had before any zoom."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    font = app.font()
    base = app.property(_BASE)
    if base is None:
        base = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
        app.setProperty(_BASE, base)
    font.setPointSizeF(float(base) * percent / 100)
    app.setFont(font)


def scaled(pixels: int) -> int:
    """``pixels`` at the current zoom, for what does not follow the font (toolbar icons)."""
    app = QApplication.instance()
    base = app.property(_BASE) if isinstance(app, QApplication) else None
    if not isinstance(app, QApplication) or not base:
        return pixels
    return round(pixels * app.font().pointSizeF() / float(base))


class _RowHeights(QObject):
    """Keeps a table's rows ``padding`` pixels taller than its font's line, at any zoom.

    An event filter owned by the table (so it goes when the table goes): the application
    font's change reaches every widget as a ``FontChange`` event on the GUI thread.
    """

    def __init__(self, view: QTableView, padding: int) -> None:
        super().__init__(view)
        self._view, self._padding = view, padding
        view.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        height = self._view.fontMetrics().height() + self._padding
        self._view.verticalHeader().setDefaultSectionSize(height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self.fit()
        return False


def rows_follow_font(view: QTableView, padding: int = 10) -> None:
    """Row height = the font's line height + ``padding``, now and after every zoom."""
    _RowHeights(view, padding)


def set_zoom(percent: int) -> int:
    percent = min(STEPS, key=lambda s: abs(s - percent))
    apply_zoom(percent)
    settings = desk_settings()
    settings.setValue("zoom", percent)
    settings.sync()
    return percent


class Zoom(QObject):
    """The zoom actions of one window (added to it, so the shortcuts work there)."""

    changed = Signal(int)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.current = saved_zoom()
        self.bigger = QAction(self.tr("Zoom &in"), window)
        self.bigger.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.bigger.triggered.connect(lambda: self.step(1))
        self.smaller = QAction(self.tr("Zoom &out"), window)
        self.smaller.setShortcut(QKeySequence("Ctrl+-"))
        self.smaller.triggered.connect(lambda: self.step(-1))
        self.reset = QAction(self.tr("&Actual size"), window)
        self.reset.setShortcut(QKeySequence("Ctrl+0"))
        self.reset.triggered.connect(lambda: self.choose(DEFAULT))
        for action in (self.bigger, self.smaller, self.reset):
            window.addAction(action)

    def step(self, direction: int) -> None:
        index = STEPS.index(self.current) if self.current in STEPS else STEPS.index(DEFAULT)
        self.choose(STEPS[max(0, min(len(STEPS) - 1, index + direction))])

    def choose(self, percent: int) -> None:
        self.current = set_zoom(percent)
        self.changed.emit(self.current)
