"""A station's 2026-11-03 as the statement fixtures describe it: donations recorded at
given Beijing times, and the day's statements imported."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from station_app.domain.donations import DonationDraft
from station_app.services.donation_recording import DonationRecorder
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.records import RecordedDonation
from station_app.services.sessions import OperatorSession
from station_app.storage.database import StationDatabase
from tests.conftest import Station
from tests.statements.helpers import ALIPAY_DETAILS, ALIPAY_SUMMARY

BEIJING = timedelta(hours=8)


def beijing(hour: int, minute: int, second: int = 0, day: int = 3) -> datetime:
    """A moment of 2026-11-<day> on the station's wall clock, as the UTC instant."""
    return datetime(2026, 11, day, hour, minute, second, tzinfo=UTC) - BEIJING


def record_at(
    station: Station,
    when: datetime,
    amount: str,
    *,
    kind: str = "mobile",
    reference: str = "",
    donor: str = "",
) -> RecordedDonation:
    return record_with(
        station.db, station.signer, station.staff, when, amount, kind, reference, donor
    )


def record_with(
    db: StationDatabase,
    signer: ReceiptSigner,
    session: OperatorSession,
    when: datetime,
    amount: str,
    kind: str = "mobile",
    reference: str = "",
    donor: str = "",
) -> RecordedDonation:
    recorder = DonationRecorder(db, signer, clock=lambda: when)
    return recorder.record(
        session,
        DonationDraft(
            kind=kind,
            amount=amount,
            donor_name=donor,
            anonymous=not donor,
            transaction_reference=reference,
        ),
    )


#: Donations for the WeChat fixture: six of its seven payments, and one ¥30 that is not
#: on it.  The ¥100 paid at 16:05:09 was never recorded (掉单).
WECHAT_DAY = (
    ("50", beijing(9, 14), "", ""),
    ("10a", beijing(9, 42), "", ""),
    ("10b", beijing(9, 43), "", ""),
    ("200", beijing(10, 20), "4200002213202611031234567804", ""),
    ("8.88", beijing(11, 5), "", ""),
    ("30", beijing(15, 0), "", ""),
    ("66", beijing(17, 50), "", "李四"),
)


def record_wechat_day(
    db: StationDatabase, signer: ReceiptSigner, session: OperatorSession
) -> dict[str, RecordedDonation]:
    return {
        name: record_with(db, signer, session, when, name.rstrip("ab"), "mobile", ref, donor)
        for name, when, ref, donor in WECHAT_DAY
    }


def record_the_wechat_day(station: Station) -> dict[str, RecordedDonation]:
    return record_wechat_day(station.db, station.signer, station.staff)


class _GbkNamed(zipfile.ZipInfo):
    """A member whose name is stored as GBK bytes without the UTF-8 flag, as Alipay's
    (and Windows') zip tools write it."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("gbk"), self.flag_bits


def alipay_zip(folder: Path, *, utf8_names: bool = False) -> Path:
    """The bill zip as Alipay gives it: both CSVs, their names in GBK without the flag."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for source in (ALIPAY_DETAILS, ALIPAY_SUMMARY):
            name = source.name.removeprefix("alipay_")
            info = zipfile.ZipInfo(name) if utf8_names else _GbkNamed(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, source.read_bytes())
    target = folder / "20881234567890120156_20261103.csv.zip"
    target.write_bytes(buffer.getvalue())
    return target
