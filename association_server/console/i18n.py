"""The console's two languages: Chinese by default, English by choice.

The source strings are English (as in the desk); :data:`ZH` holds their Chinese.  The
choice is ``?lang=en|zh`` (remembered in a cookie for a year), else that cookie, else the
browser's Accept-Language, else Chinese.  A string missing from :data:`ZH` shows in
English (the tests check that every string the templates use is translated).
"""

from __future__ import annotations

from collections.abc import Callable

from association_server.console.i18n_zh import ZH
from association_server.receipt_page_html import prefers_english

LANG_COOKIE = "console_lang"


def choose_language(
    query: str | None, cookie: str | None, accept_language: str | None
) -> tuple[bool, str | None]:
    """(english?, language to remember in the cookie or None)."""
    if query and query.lower()[:2] in ("en", "zh"):
        lang = query.lower()[:2]
        return lang == "en", lang
    if cookie in ("en", "zh"):
        return cookie == "en", None
    return prefers_english(accept_language), None


def translator(english: bool) -> Callable[..., str]:
    """``t("Stations")`` in the page's language; ``{name}`` fields filled from keywords."""

    def t(text: str, **values: object) -> str:
        out = text if english else ZH.get(text, text)
        return out.format(**values) if values else out

    return t
