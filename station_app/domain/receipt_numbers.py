"""Receipt numbers: ``STATIONCODE-YYYY-NNNNNN``, gap-free per station and year.

A paper receipt book has no missing pages; the association checks ours the same way, so
a number is only ever taken inside the transaction that records its donation (see
``services``) and this module only knows the shape of a number and what comes next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from station_app.domain.errors import ValidationError

STATION_CODE_RE = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,8}){1,3}$")
RECEIPT_NUMBER_RE = re.compile(
    r"^(?P<station>[A-Z]{2}(?:-[A-Z0-9]{1,8}){1,3})-(?P<year>\d{4})-(?P<serial>\d{6})$"
)
MAX_SERIAL = 999_999


@dataclass(frozen=True, slots=True, order=True)
class ReceiptNumber:
    station_code: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.station_code}-{self.year:04d}-{self.serial:06d}"


def validate_station_code(code: str) -> str:
    """A station code such as ``GZ-YX-0012`` or, for a second PC, ``GZ-YX-0012-A``."""
    code = code.strip().upper()
    if not STATION_CODE_RE.match(code):
        raise ValidationError(
            "station.bad_code",
            "站点编号格式不正确,应类似 GZ-YX-0012",
            "The station code should look like GZ-YX-0012.",
            field="station_code",
        )
    return code


def next_receipt_number(station_code: str, year: int, last_serial: int) -> ReceiptNumber:
    """The number after ``last_serial`` (0 when the year has none yet)."""
    serial = last_serial + 1
    if serial > MAX_SERIAL:
        raise ValidationError(
            "receipt.serial_exhausted",
            f"{year} 年的收据编号已用完,请联系市慈善会",
            f"All receipt numbers for {year} are used; contact the association.",
        )
    return ReceiptNumber(station_code, year, serial)


def parse_receipt_number(text: str) -> ReceiptNumber:
    m = RECEIPT_NUMBER_RE.match(text.strip().upper())
    if not m:
        raise ValidationError(
            "receipt.bad_number",
            "收据编号格式不正确,应类似 GZ-YX-0012-2026-000001",
            "A receipt number looks like GZ-YX-0012-2026-000001.",
            field="receipt_number",
        )
    return ReceiptNumber(m["station"], int(m["year"]), int(m["serial"]))


def find_gaps(serials: list[int]) -> list[int]:
    """Serials missing from a year's sorted numbers starting at 1 (empty when gap-free)."""
    present = set(serials)
    top = max(present, default=0)
    return [n for n in range(1, top + 1) if n not in present]
