"""A forged or altered receipt must fail verification; a genuine one must pass.

These pin the signed message format too: the association verifies receipts printed years
earlier, so ``number|amount_fen|issued_at|station_code`` may never drift.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest

from station_app.domain.errors import ValidationError
from station_app.domain.receipt_qr import issued_at_from_url, parse_receipt_url, receipt_url
from station_app.domain.signing import (
    decode_key,
    encode_key,
    format_issued_at,
    generate_private_key,
    public_key_of,
    receipt_message,
    sign_receipt,
    verify_receipt,
)

NUMBER = "GZ-YX-0012-2026-000123"
AMOUNT = 100050
ISSUED = "2026-11-22T08:30:05Z"
STATION = "GZ-YX-0012"


@pytest.fixture(scope="module")
def keypair() -> tuple[bytes, bytes]:
    private = generate_private_key()
    return private, public_key_of(private)


def test_keys_are_raw_32_bytes(keypair: tuple[bytes, bytes]) -> None:
    private, public = keypair
    assert len(private) == 32 and len(public) == 32
    assert public_key_of(private) == public
    assert generate_private_key() != private


def test_message_format_is_pinned() -> None:
    assert receipt_message(NUMBER, AMOUNT, ISSUED, STATION) == (
        b"GZ-YX-0012-2026-000123|100050|2026-11-22T08:30:05Z|GZ-YX-0012"
    )
    with pytest.raises(TypeError):
        receipt_message(NUMBER, 1000.5, ISSUED, STATION)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        receipt_message(NUMBER, True, ISSUED, STATION)


def test_format_issued_at_normalises_to_utc_seconds() -> None:
    beijing = timezone(timedelta(hours=8))
    dt = datetime(2026, 11, 22, 16, 30, 5, 987654, tzinfo=beijing)
    assert format_issued_at(dt) == ISSUED
    assert format_issued_at(datetime(2026, 11, 22, 8, 30, 5, tzinfo=UTC)) == ISSUED
    with pytest.raises(ValueError):
        format_issued_at(datetime(2026, 11, 22, 8, 30, 5))


def test_sign_and_verify(keypair: tuple[bytes, bytes]) -> None:
    private, public = keypair
    signature = sign_receipt(private, NUMBER, AMOUNT, ISSUED, STATION)
    assert "=" not in signature and "+" not in signature and "/" not in signature
    assert len(signature) == 86  # 64 bytes, base64url without padding
    assert verify_receipt(public, signature, NUMBER, AMOUNT, ISSUED, STATION)
    # Ed25519 is deterministic: the same receipt signs to the same text (reprints match).
    assert sign_receipt(private, NUMBER, AMOUNT, ISSUED, STATION) == signature


@pytest.mark.parametrize(
    "changed",
    [
        {"number": "GZ-YX-0012-2026-000124"},
        {"amount_fen": AMOUNT + 1},
        {"amount_fen": AMOUNT * 10},
        {"issued_at": "2026-11-22T08:30:06Z"},
        {"station_code": "GZ-YX-0013"},
        {"station_code": "GZ-YX-0012-A"},
    ],
)
def test_any_altered_field_fails(keypair: tuple[bytes, bytes], changed: dict[str, object]) -> None:
    private, public = keypair
    signature = sign_receipt(private, NUMBER, AMOUNT, ISSUED, STATION)
    fields: dict[str, object] = {
        "number": NUMBER,
        "amount_fen": AMOUNT,
        "issued_at": ISSUED,
        "station_code": STATION,
    }
    fields.update(changed)
    assert not verify_receipt(public, signature, **fields)  # type: ignore[arg-type]


def test_another_stations_key_fails(keypair: tuple[bytes, bytes]) -> None:
    private, _ = keypair
    other_public = public_key_of(generate_private_key())
    signature = sign_receipt(private, NUMBER, AMOUNT, ISSUED, STATION)
    assert not verify_receipt(other_public, signature, NUMBER, AMOUNT, ISSUED, STATION)
    forged = sign_receipt(generate_private_key(), NUMBER, AMOUNT, ISSUED, STATION)
    assert not verify_receipt(keypair[1], forged, NUMBER, AMOUNT, ISSUED, STATION)


@pytest.mark.parametrize(
    "garbage",
    ["", "not base64!", "A" * 85, "A" * 86, "A" * 87, "ÄÖÜ", "====", "a-b_c", "\x00" * 86],
)
def test_garbage_signature_is_false_not_an_exception(
    keypair: tuple[bytes, bytes], garbage: str
) -> None:
    assert not verify_receipt(keypair[1], garbage, NUMBER, AMOUNT, ISSUED, STATION)


def test_bad_public_key_is_false(keypair: tuple[bytes, bytes]) -> None:
    signature = sign_receipt(keypair[0], NUMBER, AMOUNT, ISSUED, STATION)
    for public in (b"", b"x" * 31, b"x" * 33):
        assert not verify_receipt(public, signature, NUMBER, AMOUNT, ISSUED, STATION)


def test_flipped_signature_bit_fails(keypair: tuple[bytes, bytes]) -> None:
    private, public = keypair
    signature = sign_receipt(private, NUMBER, AMOUNT, ISSUED, STATION)
    raw = bytearray(base64.urlsafe_b64decode(signature + "=="))
    raw[10] ^= 1
    tampered = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    assert not verify_receipt(public, tampered, NUMBER, AMOUNT, ISSUED, STATION)


def test_key_text_round_trip(keypair: tuple[bytes, bytes]) -> None:
    private, _ = keypair
    assert decode_key(encode_key(private)) == private
    with pytest.raises(ValueError):
        decode_key("not base64 ***")


# -- QR URL ----------------------------------------------------------------------------


def test_url_round_trip_and_verify(keypair: tuple[bytes, bytes]) -> None:
    private, public = keypair
    signature = sign_receipt(private, NUMBER, AMOUNT, ISSUED, STATION)
    url = receipt_url("https://gzcs.example.org.cn/", NUMBER, signature)
    assert url == f"https://gzcs.example.org.cn/r/{NUMBER}?s={signature}"
    number, parsed_sig = parse_receipt_url(url)
    assert (number, parsed_sig) == (NUMBER, signature)
    assert parsed_sig is not None
    assert verify_receipt(public, parsed_sig, number, AMOUNT, ISSUED, STATION)


def test_url_carries_the_signed_amount_and_time(keypair: tuple[bytes, bytes]) -> None:
    """What the association's page needs to check the signature before the record arrives."""
    private, public = keypair
    signature = sign_receipt(private, NUMBER, AMOUNT, ISSUED, STATION)
    url = receipt_url(
        "https://gzcs.example.org.cn", NUMBER, signature, amount_fen=AMOUNT, issued_at=ISSUED
    )
    query = parse_qs(urlsplit(url).query)
    assert query["a"] == [str(AMOUNT)] and query["s"] == [signature]
    assert issued_at_from_url(query["t"][0]) == ISSUED and ":" not in query["t"][0]
    assert parse_receipt_url(url) == (NUMBER, signature)  # the station's lookup box
    issued = issued_at_from_url(query["t"][0])
    assert issued is not None
    assert verify_receipt(public, signature, NUMBER, AMOUNT, issued, STATION)
    with pytest.raises(ValueError):
        receipt_url("https://x.org", NUMBER, signature, amount_fen=AMOUNT, issued_at="yesterday")
    for junk in (None, "", "2026-11-22T07:19:00Z", "20261122T0719Z", "２０２６1122T071900Z"):
        assert issued_at_from_url(junk) is None


def test_url_with_path_prefix_and_terminal_code() -> None:
    number = "GZ-YX-0012-A-2026-000001"
    url = receipt_url("https://example.org/charity", number, "abc_DEF-123456789012")
    assert parse_receipt_url(url) == (number, "abc_DEF-123456789012")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GZ-YX-0012-2026-000123", ("GZ-YX-0012-2026-000123", None)),
        ("  gz-yx-0012-2026-000123 \n", ("GZ-YX-0012-2026-000123", None)),
        ("GZ-YX-0012-A-2026-000007", ("GZ-YX-0012-A-2026-000007", None)),
        ("https://x.org/r/GZ-YX-0012-2026-000123", ("GZ-YX-0012-2026-000123", None)),
        ("https://x.org/r/GZ-YX-0012-2026-000123?s=", ("GZ-YX-0012-2026-000123", None)),
    ],
)
def test_parse_bare_numbers_and_unsigned_urls(text: str, expected: tuple[str, str | None]) -> None:
    assert parse_receipt_url(text) == expected


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "hello",
        "GZ-YX-0012-2026-00012",  # serial too short
        "GZ-YX-0012-26-000123",
        "GZ-YX-0012-2026-000123-X",
        "https://x.org/receipts/GZ-YX-0012-2026-000123",
        "ftp://x.org/r/GZ-YX-0012-2026-000123?s=abcdefghijklmnop",
        "https://x.org/r/GZ-YX-0012-2026-000123?s=bad+sig%21%21%21%21%21%21%21",
        "https://x.org/r/GZ-YX-0012-2026-000123?s=aaaaaaaaaaaaaaaaaa&s=bbbbbbbbbbbbbbbbbbbb",
        "https:///r/GZ-YX-0012-2026-000123",
        "https://x.org/r/",
        "x" * 5000,
    ],
)
def test_parse_garbage_is_a_validation_error(garbage: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_receipt_url(garbage)
    assert info.value.code == "receipt.bad_reference"
    assert info.value.message("zh") and info.value.message("en")
