"""The one look of a refusal shown inside a form or dialog: red, wrapped, hidden until used."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from station_app.ui.colours import ERROR_STYLE

__all__ = ["ERROR_STYLE", "error_label"]


def error_label(*, hidden: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName("errorLabel")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(not hidden)
    return label
