"""What a barcode is to the desk: the text a keyboard-wedge scanner types before Enter.

A scanner types EAN/UPC digits or a Code 128 text followed by Enter.  The desk keeps
codes only to fill the item's name, unit and category the next time the same code is
scanned; the code is never part of a record, a receipt or the ledger.
"""

from __future__ import annotations

import re
import unicodedata

from station_app.domain.errors import ValidationError

MAX_CODE = 40
#: Printable ASCII without spaces: what EAN, UPC, Code 39 and Code 128 scanners type.
_CODE_RE = re.compile(r"^[!-~]{4,40}$")


def parse_code(text: str, field: str = "barcode") -> str | None:
    """The code as scanned (full-width digits made plain), None if empty; refused if it
    cannot be a scanned code."""
    code = unicodedata.normalize("NFKC", text or "").strip()
    if not code:
        return None
    if not _CODE_RE.match(code):
        raise ValidationError(
            "barcode.bad",
            "条码应为 4 至 40 位字母、数字或符号（扫码枪读出的内容）",
            "A barcode is 4 to 40 letters, digits or signs, as the scanner reads it.",
            field=field,
        )
    return code
