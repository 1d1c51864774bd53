"""The console's heavy pages on PostgreSQL: 500 stations and millions of donations.

Issue 20 asks that the stations page and a month's totals page each render in under
300 ms (median of several loads) with 500 stations and 5,000,000 donations.  This
starts a throwaway PostgreSQL cluster on 127.0.0.1 (the sync tests' helper), migrates
it, fills it with synthetic rows written directly by SQL (``generate_series``, with the
receipt tally trigger bypassed and the tally filled in one statement; not through sync:
what is measured is the pages' queries, and signing 5 million receipts would take an
hour), then starts the real receiver, logs in as an officer over HTTP and times each
page's full request (query + template + HTTP on loopback).

Run: ``python bench/bench_console.py [DONATIONS] [STATIONS] [LOADS]`` (default
5,000,000, 500, 7).  Loading 5 million rows takes about five minutes on a 2-core
machine; pass a smaller count to try it quickly (the output says what was used).
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import text

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from association_server.console import accounts  # noqa: E402
from association_server.db import make_engine  # noqa: E402
from association_server.migrate import upgrade_to_head  # noqa: E402
from tests.sync.harness import PostgresCluster, Receiver  # noqa: E402

DONATIONS, STATIONS, LOADS = 5_000_000, 500, 7
PASSWORD = "Bench-Console-1"


def fill(engine, stations: int, donations: int) -> None:  # type: ignore[no-untyped-def]
    """Stations GZ-Bnnn-0001 (every tenth with a second terminal) and their receipts."""
    with engine.begin() as conn:
        # A bulk load, not sync: the per-row tally trigger is bypassed and the tally is
        # filled in one statement below (what the migration does for existing rows).
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(
            text(
                "INSERT INTO station (code, name, created_at, acked_seq, acked_hash,"
                " token_hash, enrolled_at, last_received_at, public_key)"
                " SELECT 'GZ-B' || lpad(i::text, 3, '0') || '-0001'"
                "   || CASE WHEN i % 10 = 0 THEN '-A' ELSE '' END,"
                " '站点 ' || i, '2026-01-01T00:00:00Z', :per + 1, repeat('0', 64),"
                " md5(i::text) || md5((i + 1)::text), '2026-01-01T00:00:00Z',"
                " CASE WHEN i % 7 = 0 THEN '2026-10-01T00:00:00Z'"
                "   ELSE '2026-12-31T18:00:00Z' END, NULL"
                " FROM generate_series(1, :n) AS i"
            ),
            {"n": stations, "per": donations // stations},
        )
        conn.execute(
            text(
                "INSERT INTO receipt (number, station_code, seq, amount_fen, issued_at,"
                " signature, kind, donor_masked, designation, year, serial, business_day)"
                " SELECT s.code || '-2026-' || lpad(k::text, 6, '0'), s.code, k + 1,"
                " 100 + (k * 37) % 50000,"
                " to_char(d, 'YYYY-MM-DD') || 'T10:00:00Z', 'sig',"
                " (ARRAY['cash','mobile','bank','in_kind'])[1 + k % 4], '张*',"
                " (ARRAY['undesignated','BJJ-FUND','WARM-2026'])[1 + k % 3], 2026, k,"
                " to_char(d, 'YYYY-MM-DD')"
                " FROM (SELECT code, row_number() OVER (ORDER BY code) AS r FROM station) s,"
                " generate_series(1, :per) AS k,"
                " LATERAL (SELECT date '2026-01-01' + ((k - 1) * 365 / :per) AS d) AS day"
            ),
            {"per": donations // stations},
        )
        conn.execute(
            text(
                "INSERT INTO station_tally (station_code, donations)"
                " SELECT station_code, count(*) FROM receipt GROUP BY station_code"
            )
        )
        conn.execute(  # donors' scans: per station 4 receipts not received, 2 since received
            text(
                "INSERT INTO receipt_scan (number, station_code, amount_fen, issued_at,"
                " first_seen_at)"
                " SELECT s.code || '-2026-' || lpad((k + :shift)::text, 6, '0'), s.code, 100,"
                " '2026-12-0' || k || 'T10:00:00Z', '2026-12-0' || k || 'T12:00:00Z'"
                " FROM station s, generate_series(1, 6) AS k"
            ),
            {"shift": donations // stations - 2},
        )
        conn.execute(
            text(
                "INSERT INTO incident (station_code, detected_at, code, detail)"
                " SELECT code, '2026-12-01T00:00:00Z', 'receipt_gap', 'bench'"
                " FROM station WHERE code LIKE '%3-0001'"
            )
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))


def timed(client: httpx.Client, path: str, loads: int) -> tuple[float, int]:
    times = []
    size = 0
    for _ in range(loads + 1):
        start = time.perf_counter()
        reply = client.get(path)
        elapsed = time.perf_counter() - start
        assert reply.status_code == 200, (path, reply.status_code, reply.text[:500])
        size = len(reply.content)
        times.append(elapsed)
    return statistics.median(times[1:]) * 1000, size  # the first load warms caches


def main() -> None:
    donations = int(sys.argv[1]) if len(sys.argv) > 1 else DONATIONS
    stations = int(sys.argv[2]) if len(sys.argv) > 2 else STATIONS
    loads = int(sys.argv[3]) if len(sys.argv) > 3 else LOADS
    if not PostgresCluster.available():
        print("PostgreSQL (apt: postgresql) or psycopg is not installed; nothing measured")
        return
    root = Path(tempfile.mkdtemp(prefix="bench-console-"))
    cluster = PostgresCluster(root / "cluster").start()
    receiver = None
    engine = None
    try:
        url = cluster.new_database()
        engine = make_engine(url)
        upgrade_to_head(engine)
        start = time.perf_counter()
        fill(engine, stations, donations)
        loaded = time.perf_counter() - start
        accounts.add_user(engine, "bench-officer", PASSWORD, "officer")
        receiver = Receiver(url, root).start()
        with httpx.Client(base_url=receiver.url, timeout=120) as client:
            form = client.get("/console/login").text
            csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
            client.post(
                "/console/login",
                data={"name": "bench-officer", "password": PASSWORD, "csrf": csrf},
            )
            per = donations // stations * stations
            print(
                f"{stations} stations, {per:,} donations (synthetic rows, loaded in {loaded:.0f} s)"
            )
            for label, path in (
                ("stations page", "/console/stations"),
                ("month totals per station", "/console/totals?from=2026-06-01&to=2026-06-30"),
                ("month totals per day", "/console/totals?from=2026-06-01&to=2026-06-30&group=day"),
                (
                    "month totals per kind",
                    "/console/totals?from=2026-06-01&to=2026-06-30&group=kind",
                ),
                (
                    "year totals per month",
                    "/console/totals?from=2026-01-01&to=2026-12-31&group=month",
                ),
                ("incident queue", "/console/incidents"),
                ("waiting receipts (first 500)", "/console/receipts"),
            ):
                median, size = timed(client, path, loads)
                flag = "" if median < 300 else "  (over 300 ms)"
                print(f"  {label:<30} median {median:7.1f} ms  ({size // 1024} KiB){flag}")
    finally:
        if receiver is not None:
            receiver.stop()
        if engine is not None:
            engine.dispose()  # PostgreSQL's shutdown waits for open connections
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
