"""A child process for the crash test: records donations forever, printing each number.

A number is printed (and flushed) only after ``record`` returned, i.e. after the commit;
the parent kills this process with SIGKILL at random moments and then checks that every
printed number is in the database.
"""

from __future__ import annotations

import sys
from pathlib import Path

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.keystore import KeyStore
from station_app.services.donation_recording import DonationRecorder
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.sessions import authenticate
from station_app.storage.database import StationDatabase

DRAFTS = (
    DonationDraft(kind="cash", amount="100", donor_name="张三", designation_code="BJJ-FUND"),
    DonationDraft(
        kind="in_kind",
        anonymous=True,
        items=(ItemDraft("大米", "2", "袋", "80"), ItemDraft("毛毯", "1", "条", "60")),
    ),
    DonationDraft(kind="mobile", amount="0.01", anonymous=True),
)


def main() -> None:
    root = Path(sys.argv[1])
    db = StationDatabase.open(root / "station.sqlite3", backup_dir=root / "backups")
    recorder = DonationRecorder(db, ReceiptSigner.from_keystore(KeyStore("GZ-YX-0012")))
    session = authenticate(db, "王小明", DEMO_PASSWORD)
    print("ready", flush=True)
    n = 0
    while True:
        rec = recorder.record(session, DRAFTS[n % len(DRAFTS)])
        sys.stdout.write(rec.receipt_number + "\n")
        sys.stdout.flush()
        n += 1


if __name__ == "__main__":
    main()
