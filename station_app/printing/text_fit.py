"""Measuring and wrapping mixed Chinese/Latin text in the receipt font.

Chinese breaks between any two characters, Latin words stay whole, and the usual
Chinese rule (禁则) keeps closing punctuation from starting a line.
"""

from __future__ import annotations

import re
from typing import Final

from reportlab.pdfbase.pdfmetrics import stringWidth

from station_app.printing.fonts import CJK_FONT

__all__ = ["fit_size", "text_width", "wrap_text"]


def text_width(text: str, size: float) -> float:
    return stringWidth(text, CJK_FONT, size)


# Latin words (kept whole), runs of spaces, or any single other character (CJK breaks
# anywhere).
_TOKEN_RE: Final = re.compile(r"[^\s\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]+|\s+|.", re.S)
# Chinese line-breaking rule (禁则): these never start a line.
_NO_LINE_START: Final = set("，。、；：！？）》」』】〉”’,.;:!?)%")


def _split_long(token: str, size: float, width: float) -> list[str]:
    """Break a token wider than the line (a long URL, a code) at character boundaries."""
    pieces: list[str] = []
    current = ""
    for char in token:
        if current and text_width(current + char, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap_text(text: str, size: float, width: float) -> list[str]:
    """Greedy line wrapping for mixed Chinese/Latin text; always returns at least one line."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        line_w = 0.0
        for token in _TOKEN_RE.findall(paragraph):
            token_w = text_width(token, size)
            if line_w + token_w <= width or (token in _NO_LINE_START and line):
                line += token
                line_w += token_w
                continue
            if token.isspace():
                continue  # a break swallows the spaces at it
            if line:
                lines.append(line.rstrip())
            if token_w > width:
                *full, line = _split_long(token, size, width)
                lines.extend(full)
                line_w = text_width(line, size)
            else:
                line, line_w = token, token_w
        lines.append(line.rstrip())
    return lines


def fit_size(text: str, size: float, width: float, *, minimum: float) -> float:
    """The largest size <= ``size`` (not below ``minimum``) at which ``text`` fits ``width``."""
    natural = text_width(text, size)
    if natural <= width:
        return size
    return max(minimum, size * width / natural)
