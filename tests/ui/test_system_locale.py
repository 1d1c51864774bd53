"""Issue 17: Qt's file dialog dates follow the desk's language on a C/POSIX PC, and a
real system locale is left alone."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from station_app.ui.system_locale import dates_in_desk_language
from tests.conftest import REPO

_SHOW_DATE = """
from station_app.ui.system_locale import dates_in_desk_language
dates_in_desk_language({language!r})
from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QApplication
app = QApplication([])
when = QDateTime(QDate(2026, 12, 2), QTime(7, 50))
print(QLocale.system().toString(when, QLocale.FormatType.ShortFormat))
"""


def _system_date(language: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    out = subprocess.run(
        [sys.executable, "-c", _SHOW_DATE.format(language=language)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**clean, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO), **env},
        check=True,
    )
    return out.stdout.strip()


@pytest.mark.skipif(sys.platform != "linux", reason="the C/POSIX locale is a Linux case")
def test_a_c_locale_pc_gets_the_desks_dates_in_qts_own_dialogs() -> None:
    assert _system_date("zh_CN", LANG="C.UTF-8") == "2026/12/2 07:50"
    assert _system_date("en", LANG="C.UTF-8").startswith("12/2/26 7:50")
    # A PC that chose a locale keeps it, whatever the desk's language.
    assert _system_date("zh_CN", LANG="en_GB.UTF-8") == "02/12/2026 07:50"


def test_only_an_unsaid_locale_is_filled_in() -> None:
    env = {"LANG": "C.UTF-8"}
    dates_in_desk_language("zh_CN", env, "linux")
    assert env["LC_TIME"] == "zh_CN.UTF-8"
    for said in ({"LANG": "de_DE.UTF-8"}, {"LC_ALL": "C"}, {"LC_TIME": "en_GB.UTF-8"}):
        before = dict(said)
        dates_in_desk_language("zh_CN", said, "linux")
        assert said == before
    on_windows: dict[str, str] = {}
    dates_in_desk_language("zh_CN", on_windows, "win32")
    assert on_windows == {}
