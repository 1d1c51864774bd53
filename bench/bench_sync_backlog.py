"""A 100,000-entry backlog synced to the local receiver, with the client's peak memory.

Issue 5's goal: a station that has not synced for a long time (or is restored from an
old backup) must still get through its whole backlog without running out of memory:
peak RSS of the syncing process under 300 MB.

The backlog is real — a valid hash chain of ``donation.recorded`` entries, each with a
genuine Ed25519 receipt signature by the station's key, built with the station's own
:func:`station_app.domain.ledger.make_entry` and inserted with one executemany — so the
receiver does every check it does in production (chain, signatures, receipts).  Only
the slow parts of recording a donation one by one (business day, receipt rows, printing)
are skipped: sync reads the ledger and nothing else.

The sync runs in a child process of its own, so its ``ru_maxrss`` is the client's
alone (not the generator's, nor the receiver's, which is another process too).
Run: ``python bench/bench_sync_backlog.py [N]``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _servers import free_port, start_receiver, wait_until_up

REPO = Path(__file__).resolve().parents[1]
CODE = "GZ-YX-0012"
N = 100_000
LIMIT_MB = 300


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# -- the client, in its own process ----------------------------------------------------------


def client_main(database: str, url: str) -> None:
    """Sync the station in ``database``; print one JSON line with time and peak RSS."""
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    os.environ.setdefault("STATION_APP_ALLOW_PLAINTEXT_KEYRING", "1")
    sys.path.insert(0, str(REPO))
    from station_app.keystore import KeyStore
    from station_app.services.station_sync import sync_station
    from station_app.storage.database import StationDatabase

    db = StationDatabase.open(Path(database))
    keys = KeyStore(CODE)
    before = _rss_mb()
    t0 = time.perf_counter()
    result = sync_station(db, keys, base_url=url, pull_designations=False)
    wall = time.perf_counter() - t0
    db.close()
    print(
        json.dumps(
            {
                "ok": result.ok,
                "message": result.message_en,
                "sent": result.entries_sent,
                "acked": result.acked_seq,
                "wall_s": wall,
                "rss_before_mb": before,
                "rss_peak_mb": _rss_mb(),
            }
        )
    )


# -- the backlog -------------------------------------------------------------------------------


def build_backlog(db: object, private: bytes, n: int) -> tuple[int, str]:
    """Append ``n`` genuine donation entries after the ledger's head; return the new head."""
    from _signed_entries import signed_donation_entry
    from sqlalchemy import insert

    from station_app.domain.signing import format_issued_at, load_private_key
    from station_app.services.ledger_writer import ledger_head
    from station_app.storage.models import LedgerEntryRow

    key = load_private_key(private)
    with db.read() as conn:  # type: ignore[attr-defined]
        seq, prev = ledger_head(conn)
    at = format_issued_at(datetime.now(UTC))
    year = datetime.now(UTC).year
    table = LedgerEntryRow.__table__
    chunk: list[dict[str, object]] = []
    for i in range(1, n + 1):
        number = f"{CODE}-{year}-{i:06d}"
        amount = 100 + i % 50_000
        entry = signed_donation_entry(
            key,
            seq=seq + 1,
            prev_hash=prev,
            station=CODE,
            number=number,
            amount_fen=amount,
            at=at,
            donor="张三",
        )
        seq, prev = entry.seq, entry.hash
        chunk.append(entry.as_dict())
        if len(chunk) == 10_000 or i == n:
            with db.write() as conn:  # type: ignore[attr-defined]
                conn.execute(insert(table), chunk)
            chunk = []
    return seq, prev


def main(n: int) -> None:
    from _station import coordinator, demo_station
    from sqlalchemy import func, select

    from association_server import admin
    from association_server.db import make_engine
    from association_server.migrate import upgrade_to_head
    from association_server.models import LedgerRow
    from station_app.services.enrolment import enrol_station

    root = Path(tempfile.mkdtemp(prefix="bench-backlog-"))
    db, keys = demo_station(root / "station")
    url_db = f"sqlite:///{root / 'association.sqlite3'}"
    engine = make_engine(url_db)
    upgrade_to_head(engine)
    enrollment = admin.create_station(engine, CODE, "bench")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    receiver = start_receiver(url_db, port, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(url + "/healthz", receiver)
        enrol_station(db, keys, coordinator(db), enrollment, association_url=url)
        t0 = time.perf_counter()
        head_seq, head_hash = build_backlog(db, keys.get_signing_key(), n)  # type: ignore[arg-type]
        built = time.perf_counter() - t0
        database = str(db.engine.url.database)
        db.close()
        print(
            f"backlog: {n:,} signed, chained entries built in {built:.1f} s (head seq {head_seq})"
        )

        child = subprocess.run(
            [sys.executable, __file__, "--client", database, url],
            cwd=REPO,
            env=env,  # same HOME as ours, so the same file keyring (token, key)
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            raise SystemExit(child.stderr[-3000:])
        report = json.loads(child.stdout.strip().splitlines()[-1])
        with engine.connect() as conn:
            t = LedgerRow.__table__
            stored, last = conn.execute(
                select(func.count(), func.max(t.c.seq)).where(t.c.station_code == CODE)
            ).one()
            last_hash = conn.execute(
                select(t.c.hash).where(t.c.station_code == CODE, t.c.seq == last)
            ).scalar()
    finally:
        receiver.terminate()
        receiver.wait(10)
        engine.dispose()

    assert report["ok"], report["message"]
    whole = stored == head_seq and last == head_seq and last_hash == head_hash
    rate = report["sent"] / report["wall_s"]
    print(
        f"sync: {report['sent']:,} entries in {report['wall_s']:.1f} s ({rate:,.0f} entries/s), "
        f"receiver holds {stored:,} (head hash {'matches' if whole else 'DIFFERS'})"
    )
    peak = report["rss_peak_mb"]
    print(
        f"client peak RSS: {peak:.0f} MB (after imports, before syncing: "
        f"{report['rss_before_mb']:.0f} MB); goal < {LIMIT_MB} MB -> "
        f"{'OK' if peak < LIMIT_MB else 'OVER GOAL'}"
    )
    if not whole:
        raise SystemExit("the receiver's ledger is not the station's")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--client":
        client_main(sys.argv[2], sys.argv[3])
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else N)
