"""The one CJK font used in every PDF, registered once with reportlab.

Receipts must print the same on any PC and be archived as exactly what the donor got, so
the font is embedded (as a subset) in each PDF rather than taken from the system.
reportlab only embeds TrueType-outline fonts: WenQuanYi Micro Hei qualifies, the Noto CJK
(CFF) files do not, and the built-in ``STSong-Light`` is never embedded (poppler without
``poppler-data`` then prints a blank page).  The file ships in ``resources/fonts``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from station_app.printing.template_subset import TemplateSubsetFont
from station_app.resources_path import resources_dir

__all__ = ["CJK_FONT", "FontMissing", "cjk_font", "cjk_font_path", "register_cjk_font"]

#: reportlab font name of the bundled face; use it in ``canvas.setFont``.
CJK_FONT = "WQYMicroHei"
_FONT_FILE = ("fonts", "wqy-microhei.ttc")

_lock = threading.Lock()
_registered = False


class FontMissing(RuntimeError):
    """The bundled font file is not where the installation should have put it."""


def cjk_font_path() -> Path:
    """Absolute path of the bundled ``wqy-microhei.ttc``."""
    return resources_dir().joinpath(*_FONT_FILE)


def register_cjk_font() -> str:
    """Register the font with reportlab (idempotent, thread-safe); return its name.

    Parsing the 5 MB collection costs about 100 ms, so it is done once per process, not per
    receipt.  ``subfontIndex=0`` picks the proportional face of the collection.
    """
    global _registered
    if _registered:
        return CJK_FONT
    with _lock:
        if not _registered:
            path = cjk_font_path()
            if not path.is_file():
                raise FontMissing(f"bundled font not found: {path}")
            pdfmetrics.registerFont(TemplateSubsetFont(CJK_FONT, str(path), subfontIndex=0))
            _registered = True
    return CJK_FONT


def cjk_font() -> TemplateSubsetFont:
    """The registered font object, for priming a receipt's template subset."""
    register_cjk_font()
    font = pdfmetrics.getFont(CJK_FONT)
    assert isinstance(font, TemplateSubsetFont)
    return font
