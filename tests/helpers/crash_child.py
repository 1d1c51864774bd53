"""A child process for the crash test: records donations forever, printing each number
(or, with ``goods``, receives and hands out goods, printing each lot and movement).

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


def goods_loop(db: StationDatabase, signer: ReceiptSigner) -> None:
    """Issue 18: receive a lot, then hand part of it out, forever; print after each commit."""
    from datetime import date

    from station_app.domain.goods.lots import LotDraft
    from station_app.domain.goods.movements import MovementDraft
    from station_app.services.goods_movements import move_goods
    from station_app.services.goods_receiving import GoodsIntake, receive_goods

    recorder = DonationRecorder(db, signer)

    session = authenticate(db, "王小明", DEMO_PASSWORD)
    rice = LotDraft("大米", "3", "袋", "90", "market", None, "other", "A架")
    milk = LotDraft("牛奶", "2", "箱", "", "not_valued", date(2099, 1, 1), "food", "冷柜")
    print("ready", flush=True)
    while True:
        got = receive_goods(recorder, session, GoodsIntake((rice, milk), anonymous=True))
        sys.stdout.write(f"lot {got.lots[0]}\nlot {got.lots[1]}\n")
        sys.stdout.flush()
        lines = ((got.lots[0], 2_000), (got.lots[1], 2_000))
        draft = MovementDraft("distribution", lines, household_name="王大妈",
                              household_reference="H-1", social_worker="李社工")  # fmt: skip
        done = move_goods(db, session, draft)
        sys.stdout.write(f"move {done.movement}\n")
        sys.stdout.flush()


def main() -> None:
    root = Path(sys.argv[1])
    db = StationDatabase.open(root / "station.sqlite3", backup_dir=root / "backups")
    if sys.argv[2:] == ["goods"]:
        goods_loop(db, ReceiptSigner.from_keystore(KeyStore("GZ-YX-0012")))
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
