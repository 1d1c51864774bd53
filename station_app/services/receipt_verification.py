"""Checking a receipt offline against this station's records and public key.

A donor, an auditor or the coordinator may scan a receipt's QR code (or type its number)
at the station: the signature tells whether the station's key made it, and the record
tells whether what the key signed is what the station still holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from station_app.domain.errors import ValidationError
from station_app.domain.receipt_qr import parse_receipt_url
from station_app.domain.signing import decode_key, verify_receipt
from station_app.services.donation_queries import donation_detail
from station_app.services.views import DonationDetail, StationInfo
from station_app.storage.database import StationDatabase


class Verdict(StrEnum):
    GENUINE = "genuine"
    FORGED = "forged"  # not made by this station's key, or no such receipt issued
    ALTERED = "altered"  # the station's own record no longer matches its signature


@dataclass(frozen=True, slots=True)
class VerificationResult:
    verdict: Verdict
    number: str
    detail: DonationDetail | None
    reason_zh: str
    reason_en: str


def verify_reference(
    db: StationDatabase, station: StationInfo, reference: str
) -> VerificationResult:
    number, signature = parse_receipt_url(reference)
    try:
        detail = donation_detail(db, number)
    except ValidationError:
        return VerificationResult(
            Verdict.FORGED,
            number,
            None,
            "本站没有开出过这张收据",
            "This station never issued a receipt with this number.",
        )
    public = decode_key(station.public_key)
    row = detail.row
    if not verify_receipt(
        public, detail.signature, row.receipt_number, row.amount_fen, detail.issued_at, station.code
    ):
        return VerificationResult(
            Verdict.ALTERED,
            number,
            detail,
            "本站记录与开具时的签名不符,记录可能被改动",
            "The station's record no longer matches the signature "
            "made at issue; the record may have been changed.",
        )
    if signature is not None and not verify_receipt(
        public, signature, row.receipt_number, row.amount_fen, detail.issued_at, station.code
    ):
        return VerificationResult(
            Verdict.FORGED,
            number,
            detail,
            "二维码中的签名不属于这张收据",
            "The QR code's signature does not belong to this receipt.",
        )
    return VerificationResult(
        Verdict.GENUINE,
        number,
        detail,
        "签名有效,收据为本站开具",
        "The signature is valid; this station issued the receipt.",
    )
