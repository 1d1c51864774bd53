"""The goods register at scale: 100,000 lots and 500,000 movements.

Goals (issue 18), all in the same run: the stock list (first page, first-expiring
first) and "expiring soon" under 50 ms; a distribution (validated, checked against the
stock, ledgered, durably committed) within 3x of a bare durable INSERT + COMMIT.
Lots, movements and lines are inserted with executemany (the database's own trigger
books each line), so the set-up stays out of the figures.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from _station import coordinator, demo_station, summary

from station_app.domain.goods.movements import MovementDraft
from station_app.services.day_goods import day_goods
from station_app.services.goods_movements import move_goods
from station_app.services.goods_queries import expiring_soon, stock_list
from station_app.services.goods_reports import flows

LOTS = 100_000
MOVEMENTS = 500_000
TODAY = date(2026, 12, 2)
ITEMS = ["大米", "食用油", "面粉", "牛奶", "棉被", "书包", "文具套装", "饼干", "口罩", "感冒药"]
N = 200
GOAL_MS = 50.0


def fill(db, rng: random.Random) -> list[str]:  # type: ignore[no-untyped-def]
    lots = []
    for i in range(LOTS):
        expiry = None if i % 4 == 0 else (TODAY + timedelta(days=rng.randint(-30, 900))).isoformat()
        lots.append((str(uuid.uuid4()), ITEMS[i % len(ITEMS)], "other", "袋", 100_000,
                     0, "not_valued", expiry, "A架", "2026-01-01", "2026-01-01T01:00:00Z",
                     1, 1, 100_000))  # fmt: skip
    with db.write() as conn:
        raw = conn.connection.driver_connection
        raw.executemany(
            "INSERT INTO goods_lot (uuid, item, category, unit, quantity_milli, value_fen, "
            "valuation, expiry, location, business_day, received_at, operator_id, ledger_seq, "
            "on_hand_milli) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            lots,
        )
        raw.executemany(
            "INSERT INTO goods_movement (id, uuid, kind, destination, operator_id, at, "
            "business_day, ledger_seq) VALUES (?, ?, 'transfer', '慈善会仓库', 1, "
            "'2026-06-01T01:00:00Z', '2026-06-01', 1)",
            ((m + 1, str(uuid.uuid4())) for m in range(MOVEMENTS)),
        )
        raw.executemany(
            "INSERT INTO goods_movement_line (movement_id, lot_id, delta_milli) "
            "VALUES (?, ?, -100)",
            ((m + 1, m % LOTS + 1) for m in range(MOVEMENTS)),
        )
    with sqlite3.connect(db.path) as con:  # the set-up's WAL out of the way of the timings
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return [lot[0] for lot in lots]


class _Bare:
    """A bare durable INSERT + COMMIT with the station's PRAGMAs (as bench_record's)."""

    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            self.con.execute(f"PRAGMA {pragma}")
        self.con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, lot TEXT, qty INTEGER)")

    def commit(self) -> float:
        t0 = time.perf_counter()
        self.con.execute("BEGIN IMMEDIATE")
        self.con.execute("INSERT INTO t (lot, qty) VALUES (?, ?)", ("x", 100))
        self.con.execute("COMMIT")
        return time.perf_counter() - t0


def timed(fn, n: int = 30) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return summary(samples)


def main() -> None:
    rng = random.Random(18)
    with tempfile.TemporaryDirectory() as tmp:
        db, _keys = demo_station(Path(tmp) / "station")
        t0 = time.perf_counter()
        lots = fill(db, rng)
        print(f"set-up: {LOTS:,} lots, {MOVEMENTS:,} movements in {time.perf_counter() - t0:.1f} s")
        listing = timed(lambda: stock_list(db, TODAY, limit=200))
        soon = timed(lambda: expiring_soon(db, TODAY, limit=200))
        search = timed(lambda: stock_list(db, TODAY, search="牛奶", limit=200))
        # A day's and a month's goods select lots by business_day (index ix_goods_lot_day).
        day = timed(lambda: day_goods(db, TODAY))
        month = timed(lambda: flows(db, date(2026, 11, 1), date(2026, 11, 30)))
        who = coordinator(db)
        bare = _Bare(Path(tmp) / "bare.sqlite3")
        commits, bares = [], []
        for _ in range(N + 20):  # interleaved, so a busy machine weighs on both alike
            draft = MovementDraft("transfer", ((lots[rng.randrange(LOTS)], 100),))
            t0 = time.perf_counter()
            move_goods(db, who, draft)
            commits.append(time.perf_counter() - t0)
            bares.append(bare.commit())
        dist, base = summary(commits[20:]), summary(bares[20:])
        db.close()
    print(f"stock list (first 200)        median {listing[0]:7.2f} ms  p95 {listing[1]:7.2f} ms"
          f"  goal < {GOAL_MS:.0f} ms")  # fmt: skip
    print(f"expiring within 30 days       median {soon[0]:7.2f} ms  p95 {soon[1]:7.2f} ms"
          f"  goal < {GOAL_MS:.0f} ms")  # fmt: skip
    print(f"search '牛奶' (first 200)      median {search[0]:7.2f} ms  p95 {search[1]:7.2f} ms")
    print(f"day close's goods in/out      median {day[0]:7.2f} ms  p95 {day[1]:7.2f} ms")
    print(f"received/handed out, a month  median {month[0]:7.2f} ms  p95 {month[1]:7.2f} ms")
    print(f"bare INSERT+COMMIT            median {base[0]:7.3f} ms  p95 {base[1]:7.3f} ms")
    print(f"one movement (move_goods)     median {dist[0]:7.3f} ms  p95 {dist[1]:7.3f} ms")
    print(f"ratio (median)                {dist[0] / base[0]:.2f}x   goal <= 3x")
    print(f"ratio (p95)                   {dist[1] / base[1]:.2f}x")


if __name__ == "__main__":
    main()
