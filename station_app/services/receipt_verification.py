"""Checking a receipt offline against this station's records and public key.

A donor, an auditor or the coordinator may scan a receipt's QR code (or type its number)
at the station.  "Genuine" is said only when everything the QR claims is exactly what
this station issued and still holds: the number is ours, our key signed it, and the
amount and time in the QR are the receipt's.  Any difference is "altered" (a QR edited
after printing, or a record changed since), a receipt we never issued or a signature we
never made is "forged", and a voided receipt is its own verdict, "void", whatever else
holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from station_app.domain.errors import ValidationError
from station_app.domain.receipt_numbers import parse_receipt_number
from station_app.domain.receipt_qr import parse_receipt_reference
from station_app.domain.signing import decode_key, verify_receipt
from station_app.services.donation_queries import donation_detail
from station_app.services.records import DonationDetail, StationInfo
from station_app.storage.database import StationDatabase


class Verdict(StrEnum):
    GENUINE = "genuine"
    FORGED = "forged"  # not made by this station's key, or no such receipt issued
    ALTERED = "altered"  # the QR or the station's record differs from what was issued
    VOID = "void"  # issued by this station, and voided since

    @property
    def exit_status(self) -> int:
        """For ``station-app verify``: 0 genuine, 2 void, 1 anything else."""
        return {Verdict.GENUINE: 0, Verdict.VOID: 2}.get(self, 1)


@dataclass(frozen=True, slots=True)
class VerificationResult:
    verdict: Verdict
    number: str
    detail: DonationDetail | None
    reason_zh: str
    reason_en: str


def _result(
    verdict: Verdict, number: str, detail: DonationDetail | None, zh: str, en: str
) -> VerificationResult:
    return VerificationResult(verdict, number, detail, zh, en)


def verify_reference(
    db: StationDatabase, station: StationInfo, reference: str
) -> VerificationResult:
    ref = parse_receipt_reference(reference)
    number = ref.number
    if parse_receipt_number(number).station_code != station.code:
        return _result(
            Verdict.ALTERED,
            number,
            None,
            f"这张收据的编号属于另一个站点,不是本站 {station.code}",
            f"This receipt number belongs to another station, not to {station.code}.",
        )
    try:
        detail = donation_detail(db, number)
    except ValidationError:
        return _result(
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
        return _result(
            Verdict.ALTERED,
            number,
            detail,
            "本站记录与开具时的签名不符,记录可能被改动",
            "The station's record no longer matches the signature made at issue; the record "
            "may have been changed.",
        )
    if ref.amount_fen is not None and ref.amount_fen != row.amount_fen:
        return _result(
            Verdict.ALTERED,
            number,
            detail,
            "二维码中的金额与本站开具的收据不符",
            "The amount in the QR code differs from the receipt this station issued.",
        )
    if ref.issued_at is not None and ref.issued_at != detail.issued_at:
        return _result(
            Verdict.ALTERED,
            number,
            detail,
            "二维码中的开具时间与本站开具的收据不符",
            "The time in the QR code differs from the receipt this station issued.",
        )
    if ref.signature is not None and not verify_receipt(
        public, ref.signature, row.receipt_number, row.amount_fen, detail.issued_at, station.code
    ):
        return _result(
            Verdict.FORGED,
            number,
            detail,
            "二维码中的签名不属于这张收据",
            "The QR code's signature does not belong to this receipt.",
        )
    if row.voided:
        return _result(
            Verdict.VOID,
            number,
            detail,
            f"收据为本站开具,但已作废(原因:{detail.void_reason})",
            f"This station issued the receipt, but it is void (reason: {detail.void_reason}).",
        )
    return _result(
        Verdict.GENUINE,
        number,
        detail,
        "签名有效,收据为本站开具,内容与记录完全一致",
        "The signature is valid; this station issued the receipt and it matches the record "
        "exactly.",
    )
