"""Dates between Python and Qt, written once (the date fields of filters and dialogs)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
