"""The form's column: it scrolls down on a short screen (or at a large zoom) instead of
pushing the window past the screen's bottom, and is always as wide as its content
needs, so nothing on it is ever cut off on the right (the list beside it gives way).
A dialog that uses it (the day close) can also keep the cursor in sight and take the
height its content needs up to the screen's."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QStyle, QWidget


class FormScroll(QScrollArea):
    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("form_scroll")
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content.installEventFilter(self)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() in (
            QEvent.Type.LayoutRequest,
            QEvent.Type.FontChange,
            QEvent.Type.Show,
        ):
            self._fit()
        return super().eventFilter(watched, event)

    def _fit(self) -> None:
        content = self.widget()
        if content is None:
            return
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.setMinimumWidth(content.minimumSizeHint().width() + bar + 2)

    def keep_focus_in_sight(self) -> None:
        """Scroll to whatever gets the cursor inside, also when code moves it (Enter from
        one box to the next), not only on Tab as a scroll area does by itself."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.ensureWidgetVisible(new)

    def fit_window(self, window: QWidget) -> None:
        """Make ``window`` as tall as this column's content needs, never past its screen
        (then the column scrolls)."""
        content, screen = self.widget(), window.screen()
        if content is None or screen is None:
            return
        chrome = window.sizeHint().height() - self.sizeHint().height()
        wanted = content.sizeHint().height() + chrome + 4
        height = min(wanted, screen.availableGeometry().height() - 60)
        window.resize(max(window.width(), window.minimumWidth()), height)
