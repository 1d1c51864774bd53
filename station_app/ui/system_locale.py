"""Dates in Qt's own dialogs, on a PC whose system locale is C or POSIX.

The desk sets ``QLocale.setDefault`` to its language, but Qt's file dialog writes the
files' dates with the *system* locale, read once from the environment.  A Linux kiosk or a
minimal install runs as ``C.UTF-8``, and the Chinese file dialog then says "2 12 2026".
Such a PC has said nothing about dates, so before Qt reads it the desk gives it its own
language for dates (``LC_TIME``).  A real locale (a Chinese Windows, ``LANG=zh_CN.UTF-8``)
and an explicit ``LC_ALL`` are left alone.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

_UNSAID = {"", "C", "POSIX"}
_DATES = {"zh_CN": "zh_CN.UTF-8", "en": "en_US.UTF-8"}


def dates_in_desk_language(
    language: str, environ: MutableMapping[str, str] = os.environ, platform: str = sys.platform
) -> None:
    """Call before the QApplication exists (Qt reads the system locale once)."""
    if platform in ("win32", "darwin") or environ.get("LC_ALL"):
        return
    said = environ.get("LC_TIME") or environ.get("LANG") or ""
    if said.split(".")[0] in _UNSAID and language in _DATES:
        environ["LC_TIME"] = _DATES[language]
