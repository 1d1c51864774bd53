"""The void reasons a coordinator picks most often, offered before free text.

The chosen text is what the ledger keeps, in the desk's language; the service still
requires a reason of at least ``MIN_REASON`` characters, whatever the desk offered.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def presets() -> list[str]:
    """Translated in the VoidDialog context (literal strings, so lupdate finds them)."""
    tr = QCoreApplication.translate
    return [
        tr("VoidDialog", "Wrong amount entered"),
        tr("VoidDialog", "Recorded twice by mistake"),
        tr("VoidDialog", "Wrong donor or designation entered"),
        tr("VoidDialog", "The payment did not arrive"),
        tr("VoidDialog", "The donor withdrew the gift"),
    ]
