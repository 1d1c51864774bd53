"""The receipt QR payload: a URL to the association's public check page.

The printed QR code holds ``{association_url}/r/{number}?a={amount_fen}&t={time}&s={signature}``
(``time`` is the signed ``issued_at`` without its dashes and colons, e.g. ``20261122T071900Z``).
Scanning it with any phone opens the association's page that says whether the receipt is
genuine.  The amount and time are what the signature covers besides the number and the
station, so the page can check the signature even before the station has synced: without
them a forger's invented number with a made-up signature could only be called "not yet
synced".  Receipts printed with only ``?s=`` still work the old way.
The station's own "look up a receipt" box accepts either that URL (from a barcode
scanner) or a bare receipt number typed by hand, so parsing both lives here, pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit

from station_app.domain.errors import ValidationError

__all__ = [
    "RECEIPT_NUMBER_RE",
    "ReceiptReference",
    "issued_at_from_url",
    "parse_receipt_reference",
    "parse_receipt_url",
    "receipt_url",
]

#: ``STATIONCODE-YYYY-NNNNNN``; a station code is a two-letter city then up to three parts,
#: such as ``GZ-YX-0012`` or, for a station's second terminal, ``GZ-YX-0012-A``.
RECEIPT_NUMBER_RE = re.compile(
    r"(?P<station>[A-Z]{2}(?:-[A-Z0-9]{1,8}){1,3})-(?P<year>\d{4})-(?P<serial>\d{6})"
)
_SIGNATURE_RE = re.compile(r"[A-Za-z0-9_-]{16,200}")
_MAX_REFERENCE_LEN = 600


# re.ASCII: \d must not accept full-width or other scripts' digits.
_SIGNED_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)
_URL_TIME_RE = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z", re.ASCII)


def receipt_url(
    association_url: str,
    number: str,
    signature: str,
    *,
    amount_fen: int | None = None,
    issued_at: str | None = None,
) -> str:
    """The URL printed as the receipt's QR code.

    The signature is base64url, so it needs no escaping; ``quote`` only guards against a
    caller passing something else by mistake.  ``amount_fen`` and ``issued_at`` (the signed
    ``YYYY-MM-DDTHH:MM:SSZ``) go in together or not at all.
    """
    base = association_url.strip().rstrip("/")
    signed = ""
    if amount_fen is not None and issued_at is not None:
        if not _SIGNED_TIME_RE.fullmatch(issued_at):
            raise ValueError(f"not a signed issued_at: {issued_at!r}")
        compact = issued_at.replace("-", "").replace(":", "")
        signed = f"a={amount_fen}&t={compact}&"
    return f"{base}/r/{quote(number, safe='-')}?{signed}s={quote(signature, safe='-_')}"


def issued_at_from_url(text: str | None) -> str | None:
    """The signed ``issued_at`` back from a URL's ``t``; None for anything else."""
    found = _URL_TIME_RE.fullmatch(text or "")
    if found is None:
        return None
    y, mo, d, h, mi, sec = found.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{sec}Z"


def _bad_reference() -> ValidationError:
    return ValidationError(
        "receipt.bad_reference",
        "无法识别的凭证编号或二维码内容。"
        "请输入形如 GZ-YX-0012-2026-000123 的凭证编号，或扫描凭证上的二维码。",
        "Not a receipt number or receipt QR code. Type a number such as "
        "GZ-YX-0012-2026-000123, or scan the QR code printed on the receipt.",
        field="reference",
    )


def _clean_number(text: str) -> str:
    number = text.strip().upper()
    if not RECEIPT_NUMBER_RE.fullmatch(number):
        raise _bad_reference()
    return number


@dataclass(frozen=True, slots=True)
class ReceiptReference:
    """What a scanned QR (or a typed number) claims: every value it carries."""

    number: str
    signature: str | None = None
    amount_fen: int | None = None  # ``a=``: the signed amount, in the signed form only
    issued_at: str | None = None  # ``t=``, back in the signed ``YYYY-MM-DDTHH:MM:SSZ``

    @property
    def signed_form(self) -> bool:
        return self.amount_fen is not None and self.issued_at is not None


def parse_receipt_reference(url_or_number: str) -> ReceiptReference:
    """Like :func:`parse_receipt_url`, with the signed amount and time when the URL has them.

    A URL whose ``a=`` or ``t=`` is there but malformed is refused: it was edited.
    """
    number, signature = parse_receipt_url(url_or_number)
    text = url_or_number.strip()
    if "://" not in text and not text.startswith("/r/"):
        return ReceiptReference(number)
    query = parse_qs(urlsplit(text).query, keep_blank_values=True)
    amounts, times = query.get("a", []), query.get("t", [])
    if len(amounts) > 1 or len(times) > 1:
        raise _bad_reference()
    amount = issued = None
    if amounts:
        if not re.fullmatch(r"[1-9]\d{0,15}", amounts[0], re.ASCII):
            raise _bad_reference()
        amount = int(amounts[0])
    if times:
        issued = issued_at_from_url(times[0])
        if issued is None:
            raise _bad_reference()
    return ReceiptReference(number, signature, amount, issued)


def parse_receipt_url(url_or_number: str) -> tuple[str, str | None]:
    """Return ``(receipt_number, signature or None)`` from a scanned URL or a typed number.

    Raises :class:`ValidationError` (code ``receipt.bad_reference``) for anything else, so
    the lookup box can show a sentence instead of failing a database query.
    """
    if not isinstance(url_or_number, str):
        raise _bad_reference()
    text = url_or_number.strip()
    if not text or len(text) > _MAX_REFERENCE_LEN:
        raise _bad_reference()

    # "/r/NUMBER?…": the QR of a station not yet enrolled, which has no address to put
    # in front (it works offline; the signature is checked all the same).
    offline = text.startswith("/r/")
    if "://" not in text and not offline:
        return _clean_number(text), None

    parts = urlsplit(text)
    if offline:
        if parts.scheme or parts.netloc:
            raise _bad_reference()
    elif parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise _bad_reference()
    segments = parts.path.rstrip("/").split("/")
    if len(segments) < 2 or segments[-2] != "r":
        raise _bad_reference()
    number = _clean_number(unquote(segments[-1]))

    values = parse_qs(parts.query, keep_blank_values=True).get("s", [])
    if len(values) > 1:
        raise _bad_reference()
    if not values or values[0] == "":
        return number, None
    signature = values[0]
    if not _SIGNATURE_RE.fullmatch(signature):
        raise _bad_reference()
    return number, signature
