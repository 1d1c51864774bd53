"""The association's address: https to anywhere, plain http only to this computer."""

from __future__ import annotations

import pytest

from station_app.domain.association_address import association_address, is_safe_for_secrets
from station_app.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://cishan.example.org", "https://cishan.example.org"),
        ("  https://cishan.example.org/  ", "https://cishan.example.org"),
        ("https://cishan.example.org:8443/sync", "https://cishan.example.org:8443/sync"),
        ("https://10.20.0.5", "https://10.20.0.5"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://127.8.9.10", "http://127.8.9.10"),
        ("http://localhost:8765/", "http://localhost:8765"),
        ("http://[::1]:8765", "http://[::1]:8765"),
    ],
)
def test_accepted_addresses(typed: str, stored: str) -> None:
    assert association_address(typed) == stored
    assert is_safe_for_secrets(typed)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("cishan.example.org", "address.scheme"),
        ("ftp://cishan.example.org", "address.scheme"),
        ("", "address.scheme"),
        ("http://cishan.example.org", "address.insecure"),
        ("http://10.20.0.5:8765", "address.insecure"),
        ("http://0.0.0.0:8765", "address.insecure"),  # reaches this PC, but over every NIC
        ("http://localhost.example.org", "address.insecure"),
        ("http://127.0.0.1.example.org", "address.insecure"),
        ("https://cishan example.org", "address.space"),
        ("https://cishan.example.org/\tx", "address.space"),
        ("https://", "address.host"),
        ("https://:8443", "address.host"),
        ("https://cishan.example.org:99999", "address.host"),
        ("https://cishan.example.org:port", "address.host"),
        ("https://user:secret@cishan.example.org", "address.credentials"),
        ("https://cishan.example.org/?token=abc", "address.query"),
        ("https://cishan.example.org/#top", "address.query"),
        ("https://cishan.example.org?", "address.query"),
    ],
)
def test_refused_addresses_say_what_to_fix(typed: str, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        association_address(typed)
    assert refused.value.code == code
    assert refused.value.field == "association_url"
    assert refused.value.message_zh and refused.value.message_en
    assert not is_safe_for_secrets(typed)


def test_the_insecure_refusal_explains_itself_in_both_languages() -> None:
    with pytest.raises(ValidationError) as refused:
        association_address("http://cishan.example.org")
    assert "https://" in refused.value.message("zh") and "明文" in refused.value.message("zh")
    assert "unencrypted" in refused.value.message("en")
