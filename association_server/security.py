"""Secrets the receiver hands out: bearer tokens and one-time enrolment codes.

Only SHA-256 digests are stored, so a copy of the database (a backup, a leaked dump)
lets nobody sync as a station or enrol one.  Both secrets are long random values, so an
unsalted fast hash is enough (there is nothing to brute-force from a dictionary), and it
lets a token be found by an indexed lookup on its digest.
"""

from __future__ import annotations

import hashlib
import secrets

# Crockford-like alphabet without look-alikes (0/O, 1/I/L), for codes read over a phone.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ENROLLMENT_CODE_LENGTH = 16  # about 79 bits


def digest(secret: str) -> str:
    """The stored form of a token or enrolment code."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A bearer token for one station: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def new_enrollment_code() -> str:
    """A one-time code a coordinator types into the station's settings, grouped by four."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(ENROLLMENT_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_enrollment_code(text: str) -> str:
    """Forgive what people do when typing a code: case, spaces, missing dashes."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))
