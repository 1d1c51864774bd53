"""Render a donation receipt (捐赠凭证) as a PDF, for A5 paper or an 80 mm receipt roll.

Why it is built this way:

* The PDF is the single source of truth: the app previews and prints this very file
  through QtPdf and archives it, so what the donor holds is exactly what was recorded.
* Only the bundled WenQuanYi Micro Hei is used, subset-embedded (see :mod:`.fonts`), so the
  receipt prints the same on any PC and poppler never needs ``poppler-data``.  There is
  no bold face in the font; headings use fill+stroke text instead of a second font.
* The QR code is encoded with a *fixed* mask (qrcode's automatic mask search costs about
  14 ms) and drawn as one vector path of merged runs, which keeps a receipt near 10 ms and
  prints crisply on 203 dpi thermal heads.
* Each paper size is its own layout (``receipt_a5``, ``receipt_roll``), both drawn on
  one recording sheet (:class:`~.drawing_sheet.Sheet`, shared with the goods sheets) and
  printing the same words (``receipt_content``).
* The output is reproducible (``invariant=True``): the same view gives the same bytes,
  so an archived receipt can be compared byte-for-byte with a re-render.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from station_app.printing.fonts import register_cjk_font
from station_app.printing.layouts import ReceiptLayout
from station_app.printing.receipt_a5 import render_a5
from station_app.printing.receipt_roll import render_roll
from station_app.printing.receipt_view import ReceiptView

__all__ = ["ReceiptLayout", "render_receipt_pdf"]


_RENDERERS: Final[dict[str, Callable[[ReceiptView], bytes]]] = {
    "a5": render_a5,
    "roll80": render_roll,
}


def render_receipt_pdf(view: ReceiptView, layout: ReceiptLayout = "a5") -> bytes:
    """The receipt as PDF bytes: A5 portrait (may add continuation pages for long item
    lists) or one page 80 mm wide whose height follows the content."""
    try:
        renderer = _RENDERERS[layout]
    except KeyError:
        raise ValueError(f"unknown receipt layout: {layout!r}") from None
    register_cjk_font()
    return renderer(view)
