"""The paper a receipt is printed on: an A5 sheet or an 80 mm till roll.

One table for the settings, the PDF and the archive names.  Kept free of imports, so
that the desk's settings can name a layout without loading the printing code at start.
"""

from __future__ import annotations

from typing import Literal, TypeGuard

ReceiptLayout = Literal["a5", "roll80"]
LAYOUTS: tuple[ReceiptLayout, ...] = ("a5", "roll80")


def is_layout(name: object) -> TypeGuard[ReceiptLayout]:
    """Whether a stored or typed name is one of :data:`LAYOUTS`."""
    return name in LAYOUTS
