"""Dates between Python and Qt, written once (the date fields of filters and dialogs)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit, QWidget


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class _OneTabStop(QObject):
    """Tab leaves a date field at once (Qt's own Tab walks year, month, day first):
    a volunteer tabbing through a form stops once per field; arrows still move inside."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and isinstance(watched, QWidget)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            QWidget.focusNextPrevChild(watched, event.key() == Qt.Key.Key_Tab)
            return True
        return super().eventFilter(watched, event)


def one_tab_stop(*edits: QDateTimeEdit) -> None:
    for edit in edits:
        edit.installEventFilter(_OneTabStop(edit))
