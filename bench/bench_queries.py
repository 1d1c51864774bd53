"""One day's list and a receipt-number search in a station with 1,000,000 donations.

Goal (issue 2): each under 50 ms.  Rows are generated with plain executemany (the
append-only triggers allow inserts) spread over about three years, ~900 a day; the
ledger is left out because these queries do not read it.  Baseline in the same run: a
bare sqlite3 primary-key lookup on the same file.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from _station import demo_station, summary

from station_app.services.donation_queries import (
    DonationFilter,
    count_donations,
    list_donations,
)

N = 1_000_000
PER_DAY = 900
KINDS = ("cash", "mobile", "bank", "in_kind")
DESIGNATIONS = ("undesignated", "BJJ-FUND", "WXY", "QLAJ")


def fill(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    start = date(2024, 1, 1)

    def rows():  # type: ignore[no-untyped-def]
        for i in range(1, N + 1):
            day = start + timedelta(days=i // PER_DAY)
            yield (
                i,
                f"00000000-0000-4000-8000-{i:012d}",
                KINDS[i % 4],
                100 + i % 50000,
                None if i % 7 == 0 else f"捐赠人{i % 5000}",
                DESIGNATIONS[i % 4],
                1 + i % 3,
                f"{day.isoformat()}T02:00:00Z",
                day.isoformat(),
            )

    con.executemany(
        "INSERT INTO donation (id, uuid, kind, amount_fen, donor_name, designation_code, "
        "operator_id, recorded_at, business_day, status, imported) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'recorded', 0)",
        rows(),
    )
    serial: dict[int, int] = {}

    def receipts():  # type: ignore[no-untyped-def]
        for i in range(1, N + 1):
            year = (start + timedelta(days=i // PER_DAY)).year
            serial[year] = serial.get(year, 0) + 1
            yield (
                i,
                f"GZ-YX-0012-{year}-{serial[year]:06d}",
                year,
                serial[year],
                i,
                "2024-01-01T02:00:00Z",
                "sig",
            )

    con.executemany(
        "INSERT INTO receipt (id, number, year, serial, donation_id, issued_at, signature, "
        "print_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
        receipts(),
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


def timed(fn, n: int = 30) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    fn()
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return summary(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db, _keys = demo_station(Path(tmp))
        t0 = time.perf_counter()
        fill(db.path)
        print(
            f"generated {N:,} donations in {time.perf_counter() - t0:.1f} s; "
            f"database {db.path.stat().st_size / 2**20:.0f} MiB"
        )
        day = date(2025, 6, 1)
        one_day = DonationFilter(day_from=day, day_to=day)
        con = sqlite3.connect(db.path)
        base = timed(
            lambda: con.execute("SELECT * FROM donation WHERE id = ?", (123456,)).fetchone()
        )
        cases = {
            "one day's list (first page of 200)": lambda: list_donations(db, one_day),
            "one day's count": lambda: count_donations(db, one_day),
            "receipt number search (full)": lambda: list_donations(
                db, DonationFilter(receipt_number="GZ-YX-0012-2025-123456")
            ),
            "newest page, no filter": lambda: list_donations(db),
            "next page by keyset": lambda: list_donations(db, before_id=500_000),
        }
        print(f"{'bare sqlite3 pk lookup':40s} median {base[0]:7.3f} ms  p95 {base[1]:7.3f} ms")
        for name, fn in cases.items():
            med, p95 = timed(fn)
            flag = "ok" if med < 50 else "OVER GOAL"
            print(
                f"{name:40s} median {med:7.3f} ms  p95 {p95:7.3f} ms  "
                f"({med / base[0]:.0f}x bare)  goal < 50 ms: {flag}"
            )
        con.close()
        db.close()


if __name__ == "__main__":
    main()
