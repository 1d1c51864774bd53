"""The city's association defaults (resources/association.toml): read strictly, never fatal.

A receipt printed before enrolment carries the build's public address in its QR code. So a
wrong file must fall back to something safe (no address) and never to a plain-http one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from station_app.association_defaults import (
    AssociationDefaults,
    association_defaults,
    load_association_defaults,
    receipt_address,
)
from station_app.resources_path import resources_dir


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "association.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_file_has_a_name_and_an_https_address() -> None:
    shipped = load_association_defaults(resources_dir() / "association.toml")
    assert shipped.name == "广州市慈善会"
    assert shipped.public_url.startswith("https://") and not shipped.public_url.endswith("/")
    assert association_defaults() == shipped


def test_a_city_file_is_read_and_trimmed(tmp_path: Path) -> None:
    path = write(tmp_path, 'name = " 深圳市慈善会 "\npublic_url = " https://cs.sz.example/ "\n')
    assert load_association_defaults(path) == AssociationDefaults(
        "深圳市慈善会", "https://cs.sz.example"
    )


@pytest.mark.parametrize(
    ("text", "expected_url"),
    [
        ('name = "X"\npublic_url = "http://cishan.example.org"\n', ""),  # not https
        ('name = "X"\npublic_url = "https://a.example/?t=1"\n', ""),  # a query
        ('name = "X"\npublic_url = 42\n', ""),
        ('name = "X"\npublic_url = ""\n', ""),
        ('name = "X"\n', ""),
    ],
)
def test_an_unusable_address_is_left_out(tmp_path: Path, text: str, expected_url: str) -> None:
    assert load_association_defaults(write(tmp_path, text)).public_url == expected_url


@pytest.mark.parametrize(
    "text",
    ["name = [1, 2]\n", 'name = ""\n', f'name = "{"慈" * 61}"\n', "not toml at all ==", "\xff"],
)
def test_a_broken_file_falls_back_without_failing(tmp_path: Path, text: str) -> None:
    path = tmp_path / "association.toml"
    path.write_bytes(text.encode("utf-8") if text != "\xff" else b"\xff\xfe")
    assert load_association_defaults(path).name == "广州市慈善会"


def test_a_missing_file_means_no_address(tmp_path: Path) -> None:
    assert load_association_defaults(tmp_path / "none.toml") == AssociationDefaults(
        "广州市慈善会", ""
    )


def test_the_enrolled_address_wins_over_the_build_default() -> None:
    city = AssociationDefaults("广州市慈善会", "https://cishan.example.org")
    assert receipt_address("https://sync.example.net", city) == "https://sync.example.net"
    assert receipt_address("", city) == "https://cishan.example.org"
    assert receipt_address("", AssociationDefaults("广州市慈善会", "")) == ""
