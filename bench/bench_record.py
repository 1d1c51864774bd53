"""Recording one donation (validated, numbered, signed, ledgered, durably committed)
against a bare sqlite3 INSERT + COMMIT with the same PRAGMAs, in the same run.

Goal (issue 2): the service within 3x of the bare durable commit.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from _station import coordinator, demo_station, summary

from station_app.domain.donations import DonationDraft
from station_app.services.donation_recording import DonationRecorder
from station_app.services.receipt_signing import ReceiptSigner

N = 400


def bare_commits(path: Path) -> list[float]:
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        con.execute(f"PRAGMA {pragma}")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, amount INTEGER, donor TEXT)")
    times = []
    for i in range(N + 20):
        t0 = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO t (amount, donor) VALUES (?, ?)", (i, "张三"))
        con.execute("COMMIT")
        times.append(time.perf_counter() - t0)
    con.close()
    return times[20:]


def service_records(root: Path) -> list[float]:
    db, keys = demo_station(root)
    recorder = DonationRecorder(db, ReceiptSigner.from_keystore(keys))
    who = coordinator(db)
    draft = DonationDraft(kind="cash", amount="100", donor_name="张三", designation_code="BJJ-FUND")
    times = []
    for _ in range(N + 20):
        t0 = time.perf_counter()
        recorder.record(who, draft)
        times.append(time.perf_counter() - t0)
    db.close()
    return times[20:]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = summary(bare_commits(Path(tmp) / "bare.sqlite3"))
        svc = summary(service_records(Path(tmp) / "station"))
    print(f"bare INSERT+COMMIT     median {base[0]:.3f} ms  p95 {base[1]:.3f} ms")
    print(f"record_donation        median {svc[0]:.3f} ms  p95 {svc[1]:.3f} ms")
    print(f"ratio (median)         {svc[0] / base[0]:.2f}x   goal <= 3x")
    print(f"ratio (p95)            {svc[1] / base[1]:.2f}x")


if __name__ == "__main__":
    main()
