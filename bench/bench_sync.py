"""Syncing 10,000 new ledger entries to the local receiver, against a baseline in the same run.

The baseline posts the very same request bodies (batches of 500) with plain httpx to a
minimal FastAPI endpoint that parses the JSON and stores the rows durably in SQLite in
one transaction per batch, with no checks.  The sync does everything for real: token
check, cursor lock, contiguity and hash-chain verification, an Ed25519 verification per
receipt, receipt rows, and marking the station's entries as acknowledged.

A second baseline endpoint adds the one check DESIGN.md cannot do without: the Ed25519
signature of every receipt, verified with libsodium on a thread pool of all CPUs, then
the same bare insert.  It shows how much of the sync's time that check alone sets.

Goal (issue 5): sync within 3x of the baseline.  Run: ``python bench/bench_sync.py``.
"""

# No "from __future__ import annotations": FastAPI resolves the baseline's local types.

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from _servers import free_port, start_receiver, wait_until_up
from _station import coordinator, demo_station

REPO = Path(__file__).resolve().parents[1]
N = 10_000
BATCH = 500


# -- the baseline server (own process: --baseline-server PORT DB PUBLIC_KEY) ----------------


def baseline_server(port: int, db: str, public_key: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import uvicorn
    from fastapi import FastAPI, Request
    from nacl.signing import VerifyKey

    from station_app.domain.signing import decode_key, receipt_message, signature_bytes

    key = VerifyKey(decode_key(public_key))
    pool = ThreadPoolExecutor(os.cpu_count() or 1)

    con = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    for pragma in ("journal_mode=WAL", "synchronous=FULL"):
        con.execute(f"PRAGMA {pragma}")
    con.execute(
        "CREATE TABLE IF NOT EXISTS e (station TEXT, seq INTEGER, uuid TEXT, type TEXT, "
        "payload TEXT, prev_hash TEXT, hash TEXT, PRIMARY KEY (station, seq))"
    )
    app = FastAPI()

    @app.get("/")
    def root() -> dict[str, str]:
        return {"ok": "yes"}

    def store(code: str, entries: list[dict]) -> dict[str, int]:  # type: ignore[type-arg]
        rows = [
            (code, e["seq"], e["uuid"], e["type"], e["payload"], e["prev_hash"], e["hash"])
            for e in entries
        ]
        con.execute("BEGIN")
        con.executemany("INSERT INTO e VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        con.execute("COMMIT")
        return {"acked_seq": rows[-1][1]}

    def verify(code: str, receipts: list[dict]) -> None:  # type: ignore[type-arg]
        for d in receipts:
            message = receipt_message(d["receipt"], d["amount_fen"], d["issued_at"], code)
            key.verify(message, signature_bytes(d["signature"]))  # raises if forged

    @app.post("/batches/{code}")
    async def batches(code: str, request: Request) -> dict[str, int]:
        return store(code, (await request.json())["entries"])

    @app.post("/verified-batches/{code}")
    async def verified_batches(code: str, request: Request) -> dict[str, int]:
        body = await request.json()
        receipts = [
            json.loads(e["payload"])["data"]
            for e in body["entries"]
            if e["type"] == "donation.recorded"
        ]
        step = -(-len(receipts) // (os.cpu_count() or 1))
        chunks = [receipts[i : i + step] for i in range(0, len(receipts), step)]
        list(pool.map(lambda chunk: verify(code, chunk), chunks))
        return store(f"{code}-verified", body["entries"])

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


# -- the run ----------------------------------------------------------------------------------


def main() -> None:
    from association_server import admin
    from association_server.db import make_engine
    from association_server.migrate import upgrade_to_head
    from station_app.domain.donations import DonationKind, ValidDonation
    from station_app.domain.signing import encode_key, public_key_of
    from station_app.domain.station_time import utc_now
    from station_app.services.donation_recording import write_donation
    from station_app.services.enrolment import enrol_station
    from station_app.services.ledger_writer import iter_entries
    from station_app.services.receipt_signing import ReceiptSigner
    from station_app.services.station_sync import sync_station
    from station_app.sync.protocol import entry_to_wire

    root = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    db, keys = demo_station(root / "station")
    signer = ReceiptSigner.from_keystore(keys)
    chief = coordinator(db)
    key = encode_key(public_key_of(keys.get_signing_key()))
    with db.write() as conn:
        code = "GZ-YX-0012"
        for i in range(N - 5):  # set-up wrote 5 entries; make it N in all
            write_donation(
                conn,
                station_code=code,
                signer=signer,
                operator=chief.info,
                valid=ValidDonation(DonationKind.CASH, 100 + i, "张三", None, "undesignated", None),
                now=utc_now(),
            )
    with db.read() as conn:
        entries = list(iter_entries(conn))
    bodies = [
        json.dumps(
            {"batch_id": f"b{i}", "entries": [entry_to_wire(e) for e in entries[i : i + BATCH]]},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        for i in range(0, len(entries), BATCH)
    ]
    size = sum(len(b) for b in bodies)

    url_db = f"sqlite:///{root / 'association.sqlite3'}"
    engine = make_engine(url_db)
    upgrade_to_head(engine)
    enrollment = admin.create_station(engine, code, "bench")
    port_r, port_b = free_port(), free_port()
    receiver = start_receiver(url_db, port_r)
    baseline = subprocess.Popen(
        [sys.executable, __file__, "--baseline-server", str(port_b), str(root / "base.db"), key],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port_r}/healthz", receiver)
        wait_until_up(f"http://127.0.0.1:{port_b}/", baseline)
        enrol_station(db, keys, chief, enrollment, association_url=f"http://127.0.0.1:{port_r}")
        # enrolment with a new URL appended one ledger entry; the sync sends it too.

        base_cpu0 = _cpu_s(baseline.pid) + _own_cpu_s()
        base_s = _post_all(port_b, f"/batches/{code}", bodies)
        base_cpu = _cpu_s(baseline.pid) + _own_cpu_s() - base_cpu0
        verified_s = _post_all(port_b, f"/verified-batches/{code}", bodies)

        receiver_cpu0, station_cpu0 = _cpu_s(receiver.pid), _own_cpu_s()
        t0 = time.perf_counter()
        result = sync_station(db, keys, pull_designations=False)
        sync_s = time.perf_counter() - t0
        receiver_cpu = _cpu_s(receiver.pid) - receiver_cpu0
        station_cpu = _own_cpu_s() - station_cpu0
        assert result.ok, result.message_en
        stored = admin.stored_entries(engine, code)
        assert len(stored) == result.acked_seq and stored[: len(entries)] == entries
    finally:
        receiver.terminate()
        baseline.terminate()
        receiver.wait(10)
        baseline.wait(10)
        db.close()

    print(
        f"entries: {len(entries)} in {len(bodies)} batches of {BATCH}, "
        f"{size / 1e6:.1f} MB, {size / len(entries):.0f} bytes/entry on the wire"
    )
    print(f"baseline (parse + durable insert, no checks): {base_s * 1000:7.0f} ms")
    print(f"sync (all checks, receipts, station marks)  : {sync_s * 1000:7.0f} ms")
    ratio = sync_s / base_s
    print(f"ratio: {ratio:.2f}x (goal <= 3x) -> {'OK' if ratio <= 3 else 'OVER GOAL'}")
    print(
        f"baseline + Ed25519 check of every receipt (verify pool, then the same insert): "
        f"{verified_s * 1000:.0f} ms = {verified_s / base_s:.2f}x the baseline; "
        f"the sync takes {sync_s / verified_s:.2f}x this"
    )
    cores = os.cpu_count() or 1
    sync_cpu = receiver_cpu + station_cpu
    print(
        f"CPU (both processes): baseline {base_cpu:.2f} s; sync {sync_cpu:.2f} s "
        f"(receiver {receiver_cpu:.2f} s, station {station_cpu:.2f} s) = "
        f"{sync_cpu / sync_s:.1f} of {cores} cores busy on average; "
        f"even spread perfectly over {cores} cores that CPU takes "
        f"{sync_cpu / cores * 1000:.0f} ms = {sync_cpu / cores / base_s:.1f}x the baseline"
    )
    openssl_s, sodium_s, pooled_s = _signature_cost(entries, keys)
    print(
        f"of which Ed25519 receipt verification (same receipts, measured here, one by one): "
        f"{openssl_s * 1000:.0f} ms with OpenSSL (cryptography), {sodium_s * 1000:.0f} ms with "
        f"libsodium (PyNaCl, the receiver's) = {sodium_s / base_s:.1f}x the baseline; "
        f"{pooled_s * 1000:.0f} ms = {pooled_s / base_s:.1f}x on the receiver's verify pool "
        f"({os.cpu_count()} CPUs)"
    )


def _post_all(port: int, path: str, bodies: list[bytes]) -> float:
    """Seconds to post every body in turn, as a station would, with plain httpx."""
    t0 = time.perf_counter()
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        for body in bodies:
            r = client.post(path, content=body, headers={"Content-Type": "application/json"})
            r.raise_for_status()
    return time.perf_counter() - t0


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu_s() -> float:
    return _cpu_s(os.getpid())


def _signature_cost(entries: list, keys: object) -> tuple[float, float, float]:  # type: ignore[type-arg]
    """The receiver's unavoidable cost: one Ed25519 verification per receipt.

    Measured one by one with each library, and as the receiver does it: chunks on a
    thread pool, since the verification releases the GIL (so it only helps when cores
    are free).
    """
    from association_server.batch_prechecks import verify_receipts
    from association_server.receipt_signatures import receipt_verifier
    from station_app.domain.signing import public_key_of, verify_receipt

    public = public_key_of(keys.get_signing_key())  # type: ignore[attr-defined]
    jobs = [
        (e.seq, json.loads(e.payload)["data"]) for e in entries if e.type == "donation.recorded"
    ]
    code = "GZ-YX-0012"
    t0 = time.perf_counter()
    for _seq, d in jobs:
        verify_receipt(public, d["signature"], d["receipt"], d["amount_fen"], d["issued_at"], code)
    openssl = time.perf_counter() - t0
    verify = receipt_verifier(public)
    t0 = time.perf_counter()
    for _seq, d in jobs:
        verify(d["signature"], d["receipt"], d["amount_fen"], d["issued_at"], code)
    sodium = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i in range(0, len(jobs), BATCH):  # per batch, as the receiver gets them
        assert all(verify_receipts(public, code, jobs[i : i + BATCH]).values())
    return openssl, sodium, time.perf_counter() - t0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--baseline-server":
        baseline_server(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    else:
        main()
