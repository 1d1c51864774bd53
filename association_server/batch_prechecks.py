"""What is checked of a batch before the station's lock: strict parsing, receipt
signatures, and the batch's own chain.

None of it needs stored state, and Ed25519 verification is most of a batch's CPU time:
done first, and on all free cores (libsodium verifies without the GIL), it keeps the
locked part of :func:`~association_server.ingest.accept_batch` short, so two receiver
processes check batches in parallel and only take turns to store them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from association_server.db import read_transaction
from association_server.errors import ApiError
from association_server.models import StationRow
from association_server.receipt_signatures import receipt_verifier
from station_app.domain.entry_schema import (
    EntryRejected,
    check_entry_body,
    parse_payload,
)
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import DomainError
from station_app.domain.ledger import LedgerEntry, verify_chain
from station_app.domain.money import DEFAULT_CEILING_FEN
from station_app.domain.receipt_numbers import parse_receipt_number
from station_app.domain.signing import decode_key

_STATION = StationRow.__table__


#: Below this many receipts a batch is verified inline.
PARALLEL_VERIFY_MIN = 64
_WORKERS = min(8, os.cpu_count() or 1)
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _verify_pool() -> ThreadPoolExecutor:
    """One pool per process, made on first use (so after uvicorn forks its workers)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(_WORKERS, thread_name_prefix="verify")
        return _pool


def start_verify(
    key: bytes, code: str, jobs: list[tuple[int, Any]]
) -> Callable[[], dict[int, bool]]:
    """Start verifying ``jobs`` (seq, receipt data); the returned call waits for the verdicts.

    libsodium's Ed25519 verify runs without the GIL (measured: two verifying threads use
    1.9 cores of an idle 2-core machine), so a batch's receipts verify on all free cores
    while the request thread checks the batch's chain.  Under many concurrent batches the
    request threads already fill the cores and this changes little; it shortens a lone
    station's sync.  Small batches verify inline: handing work to threads costs more.
    """
    verify = receipt_verifier(key)

    def run(chunk: list[tuple[int, Any]]) -> list[tuple[int, bool]]:
        return [
            (seq, verify(d["signature"], d["receipt"], d["amount_fen"], d["issued_at"], code))
            for seq, d in chunk
        ]

    if len(jobs) < PARALLEL_VERIFY_MIN or _WORKERS < 2:
        return lambda: dict(run(jobs))
    size = -(-len(jobs) // _WORKERS)
    pool = _verify_pool()
    futures = [pool.submit(run, jobs[i : i + size]) for i in range(0, len(jobs), size)]

    def verdicts() -> dict[int, bool]:
        result: dict[int, bool] = {}
        for future in futures:
            result.update(future.result())
        return result

    return verdicts


def verify_receipts(key: bytes, code: str, jobs: list[tuple[int, Any]]) -> dict[int, bool]:
    """All verdicts at once (the benchmark measures this against a bare verify loop)."""
    return start_verify(key, code, jobs)()


@dataclass(frozen=True, slots=True)
class Prechecked:
    """Work done before the lock: signature verdicts, each payload parsed once, and
    whether the batch's own chain held."""

    key_b64: str | None  # the key the verdicts were computed with
    verdicts: dict[int, bool]  # seq -> genuine
    bodies: dict[int, Any]  # seq -> parsed payload (JSON object), reused when storing
    batch_chain_whole: bool = False  # the batch is one unbroken chain of this station


def _claimed(code: str, entry: LedgerEntry, body: Any) -> ApiError | None:
    """``receipt_claimed`` (409) when a refused number is a valid one of another station."""
    data = body.get("data") if isinstance(body, dict) else None
    number = data.get("receipt") if isinstance(data, dict) else None
    if not isinstance(number, str) or len(number) > 60:
        return None
    try:
        owner = parse_receipt_number(number).station_code
    except DomainError:
        return None
    if owner == code or number != number.strip().upper():
        return None
    return ApiError(
        409,
        "receipt_claimed",
        f"Entry {entry.seq}: receipt number {number} belongs to station {owner}, not {code}.",
        seq=entry.seq,
    )


def parse_strictly(
    code: str, entries: Sequence[LedgerEntry], ceiling_fen: int = DEFAULT_CEILING_FEN
) -> dict[int, dict[str, Any]]:
    """Every payload parsed and held to its type's schema, before any signature work.

    The first entry that is not exactly what a station writes is refused: ``bad_entry``
    (400), or ``receipt_claimed`` (409) when its receipt number is a well-formed number
    of another station (a terminal's code extends its station's, so ``GZ-YX-0012`` must
    not store ``GZ-YX-0012-A-2026-000001``).
    """
    bodies: dict[int, dict[str, Any]] = {}
    for entry in entries:
        body: Any = None
        try:
            body = parse_payload(entry.payload)
            check_entry_body(body, station_code=code, ceiling_fen=ceiling_fen)
        except EntryRejected as err:
            if err.where == "data.receipt":
                claimed = _claimed(code, entry, body)
                if claimed is not None:
                    raise claimed from None
            raise ApiError(400, "bad_entry", f"Entry {entry.seq}: {err}.", seq=entry.seq) from None
        bodies[entry.seq] = body
    return bodies


def check_before_lock(
    engine: Engine,
    code: str,
    entries: Sequence[LedgerEntry],
    ceiling_fen: int = DEFAULT_CEILING_FEN,
) -> Prechecked:
    """Parse every entry strictly, verify receipt signatures and the batch's own chain,
    all before taking the station's lock.

    Ed25519 verification is most of a batch's CPU time and needs no lock, and neither
    does checking that the batch is one unbroken chain (hashes, canonical text, links,
    station); doing both first, at the same time, keeps the lock short: two receiver
    processes can check batches in parallel and only take turns to store them.  Strict
    parsing refuses at once (``bad_entry``); of the rest only findings are returned
    (seq -> genuine with the key used, and whether the batch's chain is whole), and
    refusing is left to the locked pass, so the order of those checks (and so the error
    code) is the same as without this step.
    """
    bodies = parse_strictly(code, entries, ceiling_fen)
    with read_transaction(engine) as conn:
        key_b64 = conn.execute(
            select(_STATION.c.public_key).where(_STATION.c.code == code)
        ).scalar()
    if key_b64 is None:
        return Prechecked(None, {}, bodies)
    key = decode_key(key_b64)
    jobs = [
        (entry.seq, bodies[entry.seq]["data"])
        for entry in entries
        if entry.type == EntryType.DONATION_RECORDED
        and bodies[entry.seq]["type"] == EntryType.DONATION_RECORDED
    ]
    verdicts = start_verify(key, code, jobs)
    whole = bool(entries) and (
        verify_chain(
            entries,
            start_seq=entries[0].seq,
            start_hash=entries[0].prev_hash,
            station=code,
            bodies=bodies,
        )
        is None
    )
    return Prechecked(key_b64, verdicts(), bodies, whole)
