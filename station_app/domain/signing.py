"""Ed25519 signatures that make a printed receipt checkable by anyone.

A receipt's QR code carries a signature made with the station's own private key over
``number|amount_fen|issued_at|station_code``.  The association knows each station's public
key from enrolment, so its public ``/r/{number}`` page can tell a genuine receipt from a
forged or altered one even before the station has synced.  Everything here is pure (no
I/O, no keyring): the key bytes come from :mod:`station_app.keystore`.

The message format is a wire contract shared with ``association_server``: changing it
breaks verification of every receipt already printed, so it must never change silently.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

__all__ = [
    "decode_key",
    "encode_key",
    "format_issued_at",
    "generate_private_key",
    "public_key_of",
    "receipt_message",
    "sign_receipt",
    "verify_receipt",
]

_RAW = serialization.Encoding.Raw


def generate_private_key() -> bytes:
    """A new random Ed25519 private key as its raw 32 bytes (what the keystore stores)."""
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def public_key_of(private: bytes) -> bytes:
    """The raw 32-byte public key for ``private``; sent to the association at enrolment."""
    key = Ed25519PrivateKey.from_private_bytes(private)
    return key.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)


def format_issued_at(dt: datetime) -> str:
    """Normalise an aware datetime to the signed form ``YYYY-MM-DDTHH:MM:SSZ`` (UTC).

    The signer and every verifier must produce byte-identical text, so time zones,
    microseconds and ``+00:00`` vs ``Z`` are all flattened here, in one place.
    """
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("issued_at must be timezone-aware")
    return dt.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def receipt_message(number: str, amount_fen: int, issued_at: str, station_code: str) -> bytes:
    """The exact bytes that are signed: UTF-8 of ``number|amount_fen|issued_at|station_code``."""
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        # ``True`` or ``12.0`` would format differently on the verifying side.
        raise TypeError("amount_fen must be an int")
    return f"{number}|{amount_fen}|{issued_at}|{station_code}".encode()


def _b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    """Strict base64url decode that accepts missing padding (as in QR URLs)."""
    raw = text.encode("ascii")
    raw += b"=" * (-len(raw) % 4)
    return base64.b64decode(raw, altchars=b"-_", validate=True)


def sign_receipt(
    private: bytes, number: str, amount_fen: int, issued_at: str, station_code: str
) -> str:
    """Sign a receipt; returns base64url without padding (86 chars), safe in a URL query."""
    key = Ed25519PrivateKey.from_private_bytes(private)
    return sign_receipt_with(key, number, amount_fen, issued_at, station_code)


def load_private_key(private: bytes) -> Ed25519PrivateKey:
    """A key object to sign many receipts with (loading it costs more than signing)."""
    return Ed25519PrivateKey.from_private_bytes(private)


def sign_receipt_with(
    key: Ed25519PrivateKey, number: str, amount_fen: int, issued_at: str, station_code: str
) -> str:
    signature = key.sign(receipt_message(number, amount_fen, issued_at, station_code))
    return _b64url_encode(signature)


def signature_bytes(signature: str) -> bytes | None:
    """The 64 raw bytes of a base64url receipt signature, or None if it cannot be one."""
    try:
        sig = _b64url_decode(signature)
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        return None
    return sig if len(sig) == 64 else None


def verify_receipt(
    public: bytes,
    signature: str,
    number: str,
    amount_fen: int,
    issued_at: str,
    station_code: str,
) -> bool:
    """True only if ``signature`` is valid for these exact fields under ``public``.

    Never raises: whatever a scanned or typed reference contains (bad base64, wrong
    length, non-ASCII, a wrong key) simply means "not genuine".
    """
    sig = signature_bytes(signature)
    if sig is None:
        return False
    try:
        key = Ed25519PublicKey.from_public_bytes(public)
        key.verify(sig, receipt_message(number, amount_fen, issued_at, station_code))
    except (InvalidSignature, ValueError, TypeError, UnicodeError, binascii.Error):
        return False
    return True


def encode_key(key: bytes) -> str:
    """Raw key bytes as standard base64 text, for storing in a keyring or config."""
    return base64.b64encode(key).decode("ascii")


def decode_key(text: str) -> bytes:
    """Inverse of :func:`encode_key`; raises ``ValueError`` on malformed text."""
    try:
        return base64.b64decode(text.strip().encode("ascii"), validate=True)
    except (binascii.Error, UnicodeError) as exc:
        raise ValueError("not a base64-encoded key") from exc
