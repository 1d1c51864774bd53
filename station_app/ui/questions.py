"""Questions and warnings the desk puts to the person, without a nested event loop.

Every box is opened window-modal with ``open()``, never ``exec()``: a nested event loop lets
timers, workers' results and the lock run inside it, and a window torn down meanwhile
would be waited on.  Each box deletes itself when answered (on the GUI thread).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget,
    title: str,
    text: str,
    go: str,
    stay: str,
    on_go: Callable[[], None],
    on_stay: Callable[[], None] | None = None,
) -> QMessageBox:
    """A question whose buttons say what they do; ``on_go`` runs if the person agrees.

    Escape and Enter mean ``stay``: the safe answer is the default.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    go_button = box.addButton(go, QMessageBox.ButtonRole.DestructiveRole)
    stay_button = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay_button)
    box.setEscapeButton(stay_button)

    def answered(_result: int) -> None:
        if box.clickedButton() is go_button:
            on_go()
        elif on_stay is not None:
            on_stay()

    box.finished.connect(answered)
    box.open()
    return box


def warn(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
