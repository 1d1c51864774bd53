"""The void reasons a coordinator picks most often, offered before free text.

The chosen text is what the ledger keeps, in the desk's language; the service still
requires a reason of at least ``MIN_REASON`` characters, whatever the desk offered.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def presets() -> list[str]:
    """Translated in the VoidDialog context (literal strings, so lupdate finds them)."""
    return [
        QCoreApplication.translate("VoidDialog", "Wrong amount entered"),
        QCoreApplication.translate("VoidDialog", "Recorded twice by mistake"),
        QCoreApplication.translate("VoidDialog", "Wrong donor or designation entered"),
        QCoreApplication.translate("VoidDialog", "The payment did not arrive"),
        QCoreApplication.translate("VoidDialog", "The donor withdrew the gift"),
    ]
