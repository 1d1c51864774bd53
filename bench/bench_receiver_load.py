"""Day-end load on the receiver with PostgreSQL: 500 stations each syncing 200 entries.

At closing time every station in the city syncs within the same few minutes.  This
simulates it on one machine: a throwaway PostgreSQL cluster on 127.0.0.1 (the helper the
sync tests use), several receiver processes on that one database (the receiver is
stateless; a city runs it like this behind a load balancer, and here each simulated
station talks to one process, round robin), and 500 stations whose ledgers are real —
a hash chain starting with ``station.created`` and 199 receipts signed with the
station's own Ed25519 key — posted as the sync protocol's batches with bounded
concurrency (50 in flight).

Reports entries per second, batch latency (median and p95), and that every ledger
arrived whole: per station, the stored (seq, hash) list equals the one sent.
Stations are enrolled through the receiver's admin functions directly on its database
(as the association's staff would, in bulk).  Everything listens on 127.0.0.1 only.
Run: ``python bench/bench_receiver_load.py [STATIONS] [ENTRIES] [CONCURRENCY] [PROCESSES]``.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from _signed_entries import signed_donation_entry  # noqa: E402

from association_server import admin  # noqa: E402
from association_server.db import make_engine  # noqa: E402
from association_server.migrate import upgrade_to_head  # noqa: E402
from association_server.models import LedgerRow  # noqa: E402
from station_app.domain.ledger import GENESIS_HASH, make_entry  # noqa: E402
from station_app.domain.signing import (  # noqa: E402
    encode_key,
    generate_private_key,
    load_private_key,
    public_key_of,
)
from station_app.sync.protocol import entry_to_wire  # noqa: E402
from tests.sync.harness import PostgresCluster, Receiver  # noqa: E402

STATIONS, ENTRIES, CONCURRENCY, PROCESSES = 500, 200, 50, 3
AT = "2026-06-30T10:30:00Z"


@dataclass
class SimStation:
    code: str
    token: str
    body: bytes  # the batch, encoded once: the load is on the receiver, not on us
    hashes: list[tuple[int, str]]
    url: str = ""


def _ledger(code: str, n: int) -> tuple[str, list[dict[str, object]], list[tuple[int, str]]]:
    """A station's first day: station.created, then ``n - 1`` genuine signed receipts."""
    private = generate_private_key()
    public = encode_key(public_key_of(private))
    key = load_private_key(private)
    entries = [
        make_entry(
            seq=1,
            uuid=str(uuid.uuid4()),
            type="station.created",
            at=AT,
            station=code,
            data={"code": code, "name": code, "public_key": public},
            prev_hash=GENESIS_HASH,
        )
    ]
    for i in range(1, n):
        number = f"{code}-2026-{i:06d}"
        amount = 1000 + i
        entries.append(
            signed_donation_entry(
                key,
                seq=i + 1,
                prev_hash=entries[-1].hash,
                station=code,
                number=number,
                amount_fen=amount,
                at=AT,
                donor="李四",
            )
        )
    return public, [entry_to_wire(e) for e in entries], [(e.seq, e.hash) for e in entries]


def _post(client: httpx.Client, st: SimStation) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    r = client.post(
        f"{st.url}/api/v1/stations/{st.code}/batches",
        content=st.body,
        headers={"Authorization": f"Bearer {st.token}", "Content-Type": "application/json"},
    )
    return time.perf_counter() - t0, r.status_code, r.text[:200]


def main(stations: int, entries: int, concurrency: int, processes: int) -> None:
    if not PostgresCluster.available():
        raise SystemExit("needs PostgreSQL (apt: postgresql) and psycopg")
    root = Path(tempfile.mkdtemp(prefix="bench-load-"))
    cluster = PostgresCluster(root / "cluster").start()
    receivers: list[Receiver] = []
    try:
        db_url = cluster.new_database()
        engine = make_engine(db_url)
        upgrade_to_head(engine)

        t0 = time.perf_counter()
        sims: list[SimStation] = []
        for i in range(1, stations + 1):
            code = f"GZ-LD-{i:04d}"
            enrollment = admin.create_station(engine, code, f"负载站{i}")
            public, wire, hashes = _ledger(code, entries)
            token = admin.enroll(engine, code, enrollment, public)
            body = json.dumps(
                {"batch_id": str(uuid.uuid4()), "entries": wire},
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode()
            sims.append(SimStation(code, token, body, hashes))
        setup_s = time.perf_counter() - t0
        size = sum(len(s.body) for s in sims)
        print(
            f"set-up: {stations} stations enrolled, {stations * entries:,} signed entries "
            f"({size / 1e6:.0f} MB of batches) in {setup_s:.1f} s"
        )

        logs = root / "logs"
        logs.mkdir()
        receivers = [Receiver(db_url, logs).start() for _ in range(processes)]
        for n, st in enumerate(sims):
            st.url = receivers[n % processes].url

        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        with (
            httpx.Client(timeout=120, limits=limits) as client,
            ThreadPoolExecutor(concurrency) as pool,
        ):
            t0 = time.perf_counter()
            results = list(pool.map(lambda st: _post(client, st), sims))
            wall = time.perf_counter() - t0

        failed = [(st.code, r) for st, r in zip(sims, results, strict=True) if r[1] != 200]
        latencies = sorted(r[0] for r in results)
        p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
        total = stations * entries
        print(
            f"load: {stations} stations x {entries} entries, {concurrency} at a time, "
            f"{processes} receiver processes on one PostgreSQL"
        )
        print(f"  wall time      : {wall:6.1f} s")
        print(f"  throughput     : {total / wall:6.0f} entries/s ({stations / wall:.1f} batches/s)")
        print(
            f"  batch latency  : median {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
        )
        if failed:
            print(f"  FAILED batches : {len(failed)}, e.g. {failed[:3]}")

        t = LedgerRow.__table__
        with engine.connect() as conn:
            rows = conn.execute(
                t.select()
                .with_only_columns(t.c.station_code, t.c.seq, t.c.hash)
                .order_by(t.c.station_code, t.c.seq)
            ).all()
        stored: dict[str, list[tuple[int, str]]] = {}
        for code, seq, digest in rows:
            stored.setdefault(code, []).append((seq, digest))
        whole = sum(1 for st in sims if stored.get(st.code) == st.hashes)
        print(
            f"  ledgers whole  : {whole}/{stations} stations (every seq and hash as sent), "
            f"{len(rows):,} rows stored for {total:,} sent"
        )
        engine.dispose()
        if failed or whole != stations or len(rows) != total:
            raise SystemExit("the load lost, refused or altered something")
    finally:
        for r in receivers:
            r.stop()
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:5]]
    defaults = [STATIONS, ENTRIES, CONCURRENCY, PROCESSES]
    main(*(args + defaults[len(args) :]))
