"""Translated names for the values the services use (kinds, roles, statuses, layouts).

They are functions, not module constants, because a translation can only be looked up
after the QTranslator is installed; ``QCoreApplication.translate`` with a fixed context
lets ``pyside6-lupdate`` find every string.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from station_app.domain.donations import DonationKind
from station_app.domain.station_time import local_text

KINDS = tuple(k.value for k in DonationKind)
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def kind_name(kind: str) -> str:
    names = {
        "cash": QCoreApplication.translate("Texts", "Cash"),
        "mobile": QCoreApplication.translate("Texts", "Mobile payment"),
        "bank": QCoreApplication.translate("Texts", "Bank transfer"),
        "in_kind": QCoreApplication.translate("Texts", "In-kind goods"),
    }
    return names.get(kind, kind)


def role_name(role: str) -> str:
    names = {
        "staff": QCoreApplication.translate("Texts", "Staff"),
        "social_worker": QCoreApplication.translate("Texts", "Social worker"),
        "coordinator": QCoreApplication.translate("Texts", "Coordinator"),
    }
    return names.get(str(role), str(role))


def status_name(status: str) -> str:
    if status == "voided":
        return QCoreApplication.translate("Texts", "Void")
    return QCoreApplication.translate("Texts", "Issued")


def layout_name(layout: str) -> str:
    names = {
        "a5": QCoreApplication.translate("Texts", "A5 sheet"),
        "roll80": QCoreApplication.translate("Texts", "80 mm receipt roll"),
    }
    return names.get(layout, layout)


def designation_name(code: str, name: str) -> str:
    """The undesignated fund is the station's own row, named in Chinese when it was set
    up; the English desk says it in English (the association's funds keep their names)."""
    if code == "undesignated":
        return QCoreApplication.translate("Texts", "Undesignated")
    return name


def anonymous() -> str:
    return QCoreApplication.translate("Texts", "Anonymous")


def local_time(iso_utc: str | None) -> str:
    """A stored UTC instant as the station's wall clock shows it ("" for none)."""
    return local_text(iso_utc) if iso_utc else ""


def error_text(exc: BaseException, language: str) -> str:
    """A refusal's sentence in the UI language (a file the system would not write is a
    refusal too); anything else is a bug, said plainly: the reporter has its details."""
    from station_app.ui.workers import as_refusal

    refusal = as_refusal(exc)
    if refusal is not None:
        return refusal.message(language)
    return QCoreApplication.translate(
        "Texts", "Something went wrong; the details were written to the log file."
    )


def sync_outcome_name(outcome: str | None) -> str:
    """A ``sync_run.outcome`` in a few plain words (None: the run has not finished)."""
    names = {
        "ok": QCoreApplication.translate("Texts", "Completed"),
        "network": QCoreApplication.translate("Texts", "Could not connect"),
        "refused": QCoreApplication.translate("Texts", "Refused by the association"),
        "diverged": QCoreApplication.translate("Texts", "Stopped: ledgers differ"),
        "cancelled": QCoreApplication.translate("Texts", "Cancelled"),
        "busy": QCoreApplication.translate("Texts", "Another sync was running"),
        "interrupted": QCoreApplication.translate("Texts", "Interrupted"),
        "not_enrolled": QCoreApplication.translate("Texts", "Not enrolled"),
        "untrusted": QCoreApplication.translate("Texts", "Server certificate not trusted"),
    }
    if outcome is None:
        return QCoreApplication.translate("Texts", "Running")
    return names.get(outcome, outcome)
