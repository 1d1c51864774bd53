"""The transaction reference of a mobile or bank donation, as typed and as compared.

The payer's phone shows a transaction number (WeChat Pay's 交易单号, Alipay's 交易号, the
bank's 流水号); the volunteer may type it, or scan it, when recording the donation.  The
statement carries the same number, so a donation with a reference is matched to its
statement line exactly.  A volunteer types it with a Chinese keyboard, a scanner sends
it with a prefix, Excel turns it into ``4.20000E+27``: this module accepts the first two
and refuses the third, which has lost its digits for good.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from station_app.domain.errors import ValidationError

MAX_REFERENCE: Final = 64
_ALLOWED: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-/.]*", re.ASCII)
_SCIENTIFIC: Final = re.compile(r"[0-9](?:\.[0-9]+)?[eE][+]?[0-9]+", re.ASCII)


def normalize_reference(text: str) -> str:
    """NFKC (full-width digits to ASCII), no spaces, tabs or WeChat's leading backtick."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(text.split()).lstrip("`'")


def looks_scientific(text: str) -> bool:
    """``4.20000E+27``: a long number that Excel has rounded, its digits lost."""
    return bool(_SCIENTIFIC.fullmatch(text))


def reference_key(reference: str) -> str:
    """What two references are compared by: case does not matter."""
    return reference.upper()


def parse_reference(text: str, *, field: str = "transaction_reference") -> str | None:
    """A clean reference (upper case), None for an empty box, or a refusal naming the
    problem.  Case never matters in a transaction number, so it is stored in one case."""
    ref = normalize_reference(text).upper()
    if not ref:
        return None
    if looks_scientific(ref):
        raise ValidationError(
            "reference.scientific",
            "交易单号被改成了科学计数法（如 4.2E+27），数字已经丢失，请照手机上的单号重新输入",
            "The transaction number has been turned into scientific notation (e.g. 4.2E+27) "
            "and its digits are lost; type it again from the phone.",
            field=field,
        )
    if len(ref) > MAX_REFERENCE:
        raise ValidationError(
            "reference.too_long",
            f"交易单号最多 {MAX_REFERENCE} 个字符",
            f"A transaction number has at most {MAX_REFERENCE} characters.",
            field=field,
        )
    if not _ALLOWED.fullmatch(ref):
        raise ValidationError(
            "reference.bad_chars",
            "交易单号只能包含字母、数字和 - _ / .",
            "A transaction number can only contain letters, digits and - _ / .",
            field=field,
        )
    return ref
