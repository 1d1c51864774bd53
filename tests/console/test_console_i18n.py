"""Every string the console shows has its Chinese, written with full-width punctuation."""

from __future__ import annotations

import re
from pathlib import Path

from association_server.console import i18n_zh, money
from association_server.console.pages_accounts import DONE as ACCOUNTS_DONE
from association_server.console.pages_stations import DONE
from association_server.console.tables import ROLES

CONSOLE = Path(i18n_zh.__file__).resolve().parent
_CALL = re.compile(r"""\bt\(\s*(["'])((?:(?!\1).)+)\1""")
_NAV = re.compile(r'\("/console/[^"]+", "([^"]+)"\)')
CJK = re.compile(r"[\u4e00-\u9fff]")


def used_strings() -> set[str]:
    found: set[str] = set()
    for path in [*CONSOLE.glob("templates/*"), *CONSOLE.glob("*.py")]:
        source = path.read_text("utf-8")
        found |= {m.group(2) for m in _CALL.finditer(source)}
        found |= set(_NAV.findall(source))
    found |= set(money.GROUPS) | set(ROLES) | set(DONE.values()) | set(ACCOUNTS_DONE.values())
    found |= {"cash", "mobile", "bank", "in_kind", "unresolved", "open", "acknowledged"}
    found |= {"resolved", "all", "fund", "project", "undesignated"}
    return found


def test_every_console_string_has_its_chinese() -> None:
    missing = sorted(s for s in used_strings() if s not in i18n_zh.ZH)
    assert missing == []


def test_the_chinese_uses_full_width_punctuation() -> None:
    bad = {
        en: zh
        for en, zh in i18n_zh.ZH.items()
        if CJK.search(zh) and re.search(r"[,;:()](?![^{]*})", zh)
    }
    assert bad == {}
