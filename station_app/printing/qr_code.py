"""The receipt's QR code: encoded with a fixed mask, drawn as one vector path.

Both choices are for speed (see ENVIRONMENT.md): qrcode's automatic mask search costs
~14 ms per receipt and reportlab's QrCodeWidget ~110 ms, while a fixed mask and merged
rectangles keep a receipt around 10 ms and scan just as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import qrcode
import qrcode.constants
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

__all__ = ["QR_MASK_PATTERN", "draw_qr", "qr_matrix"]

#: Fixed QR mask: skipping qrcode's penalty search saves ~14 ms per receipt; any of the
#: eight masks scans reliably for a short URL at error correction M.
QR_MASK_PATTERN: Final = 2
DARK: Final[Color] = HexColor("#111111")


def qr_matrix(data: str) -> list[list[bool]]:
    """QR modules (``True`` = dark), without quiet zone, error correction M, fixed mask."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=1,
        border=0,
        mask_pattern=QR_MASK_PATTERN,
    )
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def draw_qr(
    canvas: Canvas, matrix: Sequence[Sequence[bool]], x: float, y: float, size: float
) -> None:
    """Draw ``matrix`` as one filled path; (x, y) is the bottom-left corner in PDF space.

    Horizontal runs of dark modules are merged into one rectangle each, so a version-8
    code is ~400 rectangles in one path instead of ~1,200 separate fills.
    """
    count = len(matrix)
    module = size / count
    path = canvas.beginPath()
    top = y + size
    for r, row in enumerate(matrix):
        row_y = top - (r + 1) * module
        start = -1
        for col, dark in enumerate(row):
            if dark and start < 0:
                start = col
            elif not dark and start >= 0:
                path.rect(x + start * module, row_y, (col - start) * module, module)
                start = -1
        if start >= 0:
            path.rect(x + start * module, row_y, (count - start) * module, module)
    canvas.setFillColor(DARK)
    canvas.drawPath(path, stroke=0, fill=1)
