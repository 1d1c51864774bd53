"""Checking receipt signatures in bulk, with libsodium (PyNaCl).

Every ``donation.recorded`` entry of every batch carries a receipt signature, and
checking them is most of the CPU a batch costs the receiver; at day end the city's
stations send tens of thousands at once.  libsodium verifies an Ed25519 signature in
about half the time OpenSSL (through ``cryptography``, which the station signs with)
takes here — ``bench/bench_sync.py`` prints both — and, like ``cryptography``, PyNaCl
releases the GIL while it works, so a batch verifies on all cores.

Both follow RFC 8032.  libsodium is the stricter of the two (it refuses non-canonical
signatures and small-order keys): every signature the station's ``cryptography`` makes
verifies here, and nothing that OpenSSL would refuse is accepted
(``tests/sync/test_receipt_signatures.py`` checks both directions).
"""

from __future__ import annotations

from collections.abc import Callable

from nacl.exceptions import BadSignatureError, CryptoError
from nacl.signing import VerifyKey

from station_app.domain.signing import receipt_message, signature_bytes

__all__ = ["ReceiptVerifier", "receipt_verifier"]

#: ``verify(signature, number, amount_fen, issued_at, station_code) -> genuine``
ReceiptVerifier = Callable[[str, str, int, str, str], bool]


def receipt_verifier(public_key: bytes) -> ReceiptVerifier:
    """A checker for receipts signed with ``public_key`` (raw 32 bytes).

    Like :func:`station_app.domain.signing.verify_receipt` it never raises: a malformed
    key, signature or field means "not genuine".
    """
    try:
        key: VerifyKey | None = VerifyKey(public_key)
    except (CryptoError, TypeError, ValueError):
        key = None

    def verify(signature: str, number: str, amount_fen: int, issued_at: str, code: str) -> bool:
        if key is None:
            return False
        sig = signature_bytes(signature)
        if sig is None:
            return False
        try:
            key.verify(receipt_message(number, amount_fen, issued_at, code), sig)
        except (BadSignatureError, CryptoError, TypeError, ValueError, UnicodeError):
            return False
        return True

    return verify
