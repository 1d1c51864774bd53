"""Receipt number shape and sequence rules."""

from __future__ import annotations

import pytest

from station_app.domain.errors import ValidationError
from station_app.domain.receipt_numbers import (
    MAX_SERIAL,
    ReceiptNumber,
    find_gaps,
    next_receipt_number,
    parse_receipt_number,
    validate_station_code,
)


def test_format_and_parse_round_trip() -> None:
    n = next_receipt_number("GZ-YX-0012", 2026, 41)
    assert str(n) == "GZ-YX-0012-2026-000042"
    assert parse_receipt_number(" gz-yx-0012-2026-000042 ") == n
    assert parse_receipt_number("GZ-YX-0012-A-2026-000001") == ReceiptNumber(
        "GZ-YX-0012-A", 2026, 1
    )


@pytest.mark.parametrize("bad", ["", "GZ-YX-0012-2026-42", "GZ-YX-0012-26-000001", "x"])
def test_bad_numbers_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        parse_receipt_number(bad)


def test_station_codes() -> None:
    assert validate_station_code(" gz-yx-0012 ") == "GZ-YX-0012"
    with pytest.raises(ValidationError):
        validate_station_code("广州-1")


def test_year_exhausted() -> None:
    with pytest.raises(ValidationError):
        next_receipt_number("GZ-YX-0012", 2026, MAX_SERIAL)


def test_find_gaps() -> None:
    assert find_gaps([1, 2, 3]) == []
    assert find_gaps([1, 3, 5]) == [2, 4]
    assert find_gaps([]) == []
