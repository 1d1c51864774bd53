"""The receiver's libsodium verifier agrees with the station's OpenSSL signatures.

The station signs with ``cryptography`` (OpenSSL); the receiver checks in bulk with
PyNaCl (libsodium) because it is about twice as fast.  Two implementations of one
standard must agree on everything a station can produce, and the receiver's must never
accept what the station's own ``verify`` refuses.
"""

from __future__ import annotations

import base64

from hypothesis import given, settings
from hypothesis import strategies as st

from association_server.receipt_signatures import receipt_verifier
from station_app.domain.signing import (
    generate_private_key,
    public_key_of,
    sign_receipt,
    verify_receipt,
)

PRIVATE = generate_private_key()
PUBLIC = public_key_of(PRIVATE)
OTHER = generate_private_key()
CODE = "GZ-YX-0012"

numbers = st.from_regex(r"GZ-YX-0012-20[0-9]{2}-[0-9]{6}", fullmatch=True)
amounts = st.integers(min_value=1, max_value=10**12)
times = st.from_regex(
    r"20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z", fullmatch=True
)


@settings(max_examples=300, deadline=None)
@given(number=numbers, amount=amounts, at=times)
def test_both_libraries_accept_every_genuine_receipt(number: str, amount: int, at: str) -> None:
    signature = sign_receipt(PRIVATE, number, amount, at, CODE)
    assert verify_receipt(PUBLIC, signature, number, amount, at, CODE)
    assert receipt_verifier(PUBLIC)(signature, number, amount, at, CODE)


@settings(max_examples=300, deadline=None)
@given(
    number=numbers,
    amount=amounts,
    at=times,
    change=st.sampled_from(["amount", "number", "time", "station", "key", "bit"]),
    bit=st.integers(min_value=0, max_value=511),
)
def test_both_libraries_refuse_every_altered_or_forged_receipt(
    number: str, amount: int, at: str, change: str, bit: int
) -> None:
    signature = sign_receipt(OTHER if change == "key" else PRIVATE, number, amount, at, CODE)
    args = [number, amount, at, CODE]
    if change == "amount":
        args[1] = amount + 1
    elif change == "number":
        args[0] = number[:-1] + ("1" if number[-1] != "1" else "2")
    elif change == "time":
        args[2] = at.replace("Z", "+08:00")
    elif change == "station":
        args[3] = "GZ-YX-0013"
    elif change == "bit":
        raw = bytearray(base64.urlsafe_b64decode(signature + "=="))
        raw[bit // 8] ^= 1 << (bit % 8)
        signature = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    assert not verify_receipt(PUBLIC, signature, *args)  # type: ignore[arg-type]
    assert not receipt_verifier(PUBLIC)(signature, *args)  # type: ignore[arg-type]


def test_malformed_input_is_false_not_an_exception() -> None:
    good = sign_receipt(PRIVATE, "GZ-YX-0012-2026-000001", 100, "2026-11-22T08:00:00Z", CODE)
    verify = receipt_verifier(PUBLIC)
    for signature in ("", "!!!", good[:-2], good + "AA", "é" * 86):
        assert not verify(signature, "GZ-YX-0012-2026-000001", 100, "2026-11-22T08:00:00Z", CODE)
    assert not verify(good, "GZ-YX-0012-2026-000001", True, "2026-11-22T08:00:00Z", CODE)  # type: ignore[arg-type]
    for bad_key in (b"", b"\x00" * 31, b"\x01" * 33):
        assert not receipt_verifier(bad_key)(
            good, "GZ-YX-0012-2026-000001", 100, "2026-11-22T08:00:00Z", CODE
        )
