"""Accepting a batch of a station's ledger: all of it checked, then stored at once, or none.

The rules (sync protocol v1):

* entries arrive in order, contiguous, and continue the stored stream: the first entry
  not yet stored must be ``acked_seq + 1`` (else ``seq_gap``);
* an entry already stored may be sent again: the same hash is a no-op (the station did
  not hear our last reply), a different hash is tampering (``tamper_conflict``);
* new entries must continue the hash chain from ``acked_hash`` and belong to this
  station — checked with the station's own :func:`station_app.domain.ledger.verify_chain`,
  so both ends hash the same way by construction (``chain_broken``);
* every ``donation.recorded`` entry carries a receipt signature that must verify under
  the public key the station enrolled with (``bad_signature``).

What needs no stored state (receipt signatures, the batch's own chain) is checked before
the lock, so receiver processes do most of the work in parallel.  Storing happens in one
transaction that first locks the station's cursor row, so two receiver processes
handling batches of one station take turns; a refused batch leaves nothing behind
except an :class:`~association_server.models.IncidentRow` written separately, so the
association hears about it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, insert, select, update
from sqlalchemy.exc import IntegrityError

from association_server.clock import now_iso
from association_server.db import insert_many, lock_station, read_transaction, write_transaction
from association_server.errors import ApiError, busy
from association_server.models import IncidentRow, LedgerRow, ReceiptRow, StationRow
from association_server.receipt_signatures import receipt_verifier
from station_app.domain.donations import mask_name
from station_app.domain.entry_types import EntryType
from station_app.domain.ledger import ChainBreak, LedgerEntry, verify_chain
from station_app.domain.signing import decode_key

log = logging.getLogger(__name__)

_S, _L, _R, _I = (
    StationRow.__table__,
    LedgerRow.__table__,
    ReceiptRow.__table__,
    IncidentRow.__table__,
)
#: Refusals that mean "this stream was altered or forged", reported as incidents.
INCIDENT_CODES = frozenset(
    {"seq_gap", "tamper_conflict", "chain_broken", "bad_signature", "key_mismatch", "bad_entry"}
)


@dataclass(frozen=True, slots=True)
class Cursor:
    acked_seq: int
    acked_hash: str


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    cursor: Cursor
    stored: int
    duplicates: int


def read_cursor(conn: Connection, code: str) -> Cursor:
    row = conn.execute(select(_S.c.acked_seq, _S.c.acked_hash).where(_S.c.code == code)).one()
    return Cursor(row.acked_seq, row.acked_hash)


def _refuse(status: int, code: str, message: str, seq: int | None = None) -> ApiError:
    return ApiError(status, code, message, seq=seq)


def _check_contiguous(entries: Sequence[LedgerEntry]) -> None:
    first = entries[0].seq
    for offset, entry in enumerate(entries):
        if entry.seq != first + offset:
            raise _refuse(
                409,
                "seq_gap",
                f"Entries must be contiguous: seq {entry.seq} follows {first + offset - 1}.",
                entry.seq,
            )


def _check_resent(conn: Connection, code: str, resent: Sequence[LedgerEntry]) -> None:
    """Entries we already hold must be byte-for-byte the same chain link (same hash)."""
    stored = dict(
        conn.execute(
            select(_L.c.seq, _L.c.hash).where(
                and_(
                    _L.c.station_code == code,
                    _L.c.seq >= resent[0].seq,
                    _L.c.seq <= resent[-1].seq,
                )
            )
        ).all()
    )
    for entry in resent:
        if stored.get(entry.seq) != entry.hash:
            raise _refuse(
                409,
                "tamper_conflict",
                f"Entry {entry.seq} was already received with a different hash; the "
                "station's ledger has been altered. Nothing of this batch was stored.",
                entry.seq,
            )


class _Effects:
    """Rows derived from new entries (receipts, voids), collected before anything is written."""

    def __init__(
        self, code: str, public_key_b64: str, verdicts: dict[int, bool] | None = None
    ) -> None:
        self.code = code
        self.public_key_b64 = public_key_b64
        self.verify = receipt_verifier(decode_key(public_key_b64))
        self.verdicts = verdicts or {}
        self.receipts: list[dict[str, Any]] = []
        self.voids: list[dict[str, Any]] = []

    def apply(self, entry: LedgerEntry, body: dict[str, Any]) -> None:
        data = body.get("data")
        if not isinstance(data, dict):
            raise _refuse(422, "bad_entry", "Entry data is not an object.", entry.seq)
        if entry.type == EntryType.STATION_CREATED:
            if data.get("public_key") != self.public_key_b64:
                raise _refuse(
                    422,
                    "key_mismatch",
                    "The station's ledger names a different public key than it enrolled with.",
                    entry.seq,
                )
        elif entry.type == EntryType.DONATION_RECORDED:
            self._receipt(entry, data)
        elif entry.type == EntryType.DONATION_VOIDED:
            number = data.get("receipt")
            if not isinstance(number, str):
                raise _refuse(422, "bad_entry", "A void must name its receipt.", entry.seq)
            self.voids.append(
                {"number": number, "voided_at": body.get("at"), "reason": data.get("reason")}
            )

    def _receipt(self, entry: LedgerEntry, data: dict[str, Any]) -> None:
        number, amount = data.get("receipt"), data.get("amount_fen")
        issued_at, signature = data.get("issued_at"), data.get("signature")
        if not (
            isinstance(number, str)
            and isinstance(amount, int)
            and not isinstance(amount, bool)
            and isinstance(issued_at, str)
            and isinstance(signature, str)
        ):
            raise _refuse(422, "bad_entry", "A donation entry lacks its receipt fields.", entry.seq)
        genuine = self.verdicts.get(entry.seq)
        if genuine is None:
            genuine = self.verify(signature, number, amount, issued_at, self.code)
        if not number.startswith(self.code + "-") or not genuine:
            raise _refuse(
                422,
                "bad_signature",
                f"Receipt {number} is not signed with this station's enrolled key.",
                entry.seq,
            )
        self.receipts.append(
            {
                "number": number,
                "station_code": self.code,
                "seq": entry.seq,
                "amount_fen": amount,
                "issued_at": issued_at,
                "signature": signature,
                "kind": data.get("kind"),
                "donor_masked": mask_name(data.get("donor")),
                "designation": data.get("designation"),
            }
        )


def _store(
    conn: Connection,
    code: str,
    batch_id: str,
    new: Sequence[LedgerEntry],
    bodies: Sequence[dict[str, Any]],
    effects: _Effects,
    received_at: str,
) -> None:
    insert_many(
        conn,
        _L,
        [
            {
                **e.as_dict(),
                "station_code": code,
                "station_at": str(b.get("at"))[:32],
                "received_at": received_at,
                "batch_id": batch_id,
            }
            for e, b in zip(new, bodies, strict=True)
        ],
    )
    if effects.receipts:
        insert_many(conn, _R, effects.receipts)
    for void in effects.voids:
        conn.execute(
            update(_R)
            .where(and_(_R.c.number == void["number"], _R.c.station_code == code))
            .values(voided_at=void["voided_at"], void_reason=void["reason"])
        )
    conn.execute(
        update(_S)
        .where(_S.c.code == code)
        .values(acked_seq=new[-1].seq, acked_hash=new[-1].hash, last_received_at=received_at)
    )


def _accept(
    conn: Connection,
    code: str,
    batch_id: str,
    entries: Sequence[LedgerEntry],
    prechecked: Prechecked,
) -> BatchOutcome:
    station = lock_station(conn, code)
    if station is None or station.public_key is None:
        raise _refuse(403, "forbidden", "This station is not enrolled.")
    acked = Cursor(station.acked_seq, station.acked_hash)
    if not entries:
        return BatchOutcome(acked, 0, 0)
    _check_contiguous(entries)
    if entries[0].seq > acked.acked_seq + 1:
        raise _refuse(
            409,
            "seq_gap",
            f"The next entry must be seq {acked.acked_seq + 1}, not {entries[0].seq}.",
            entries[0].seq,
        )
    resent = [e for e in entries if e.seq <= acked.acked_seq]
    new = entries[len(resent) :]
    if resent:
        _check_resent(conn, code, resent)
    if not new:
        return BatchOutcome(acked, 0, len(resent))
    # Each payload was parsed once, before the lock (``check_before_lock``), and the batch's
    # own chain checked there (every hash, canonical text, link and station).  If that
    # held, the one check left is the link to what is stored; otherwise the whole chain
    # is walked again from the cursor, so a refusal names the same entry as always.
    parsed = prechecked.bodies
    broken: ChainBreak | None
    if prechecked.batch_chain_whole:
        broken = None
        if new[0].prev_hash != acked.acked_hash:
            broken = ChainBreak(new[0].seq, "prev_hash does not match the previous entry's hash")
    else:
        broken = verify_chain(
            new,
            start_seq=acked.acked_seq + 1,
            start_hash=acked.acked_hash,
            station=code,
            bodies=parsed,
        )
    if broken is not None:
        raise _refuse(422, "chain_broken", f"Chain broken at {broken}.", broken.seq)
    verdicts = prechecked.verdicts
    if station.public_key != prechecked.key_b64:
        verdicts = {}  # the key changed since they were computed: check again, under lock
    effects = _Effects(code, station.public_key, verdicts)
    # Canonical JSON objects (verify_chain checked); seqs are unique (contiguity checked),
    # so each parsed body belongs to exactly this entry.
    bodies = [parsed[e.seq] if e.seq in parsed else json.loads(e.payload) for e in new]
    for entry, body in zip(new, bodies, strict=True):
        effects.apply(entry, body)
    _store(conn, code, batch_id, new, bodies, effects, now_iso())
    return BatchOutcome(Cursor(new[-1].seq, new[-1].hash), len(new), len(resent))


def record_incident(engine: Engine, code: str, error: ApiError) -> None:
    """Keep a refused batch's reason for the association (its own transaction)."""
    log.warning("station %s: batch refused (%s): %s", code, error.code, error.message)
    with write_transaction(engine) as conn:
        conn.execute(
            insert(_I).values(
                station_code=code,
                detected_at=now_iso(),
                code=error.code,
                seq=error.seq,
                detail=error.message,
            )
        )


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


def _start_verify(
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


def _verify_all(key: bytes, code: str, jobs: list[tuple[int, Any]]) -> dict[int, bool]:
    return _start_verify(key, code, jobs)()


@dataclass(frozen=True, slots=True)
class Prechecked:
    """Work done before the lock: signature verdicts, each payload parsed once, and
    whether the batch's own chain held."""

    key_b64: str | None  # the key the verdicts were computed with
    verdicts: dict[int, bool]  # seq -> genuine
    bodies: dict[int, Any]  # seq -> parsed payload (JSON object), reused when storing
    batch_chain_whole: bool = False  # the batch is one unbroken chain of this station


def check_before_lock(engine: Engine, code: str, entries: Sequence[LedgerEntry]) -> Prechecked:
    """Verify receipt signatures and the batch's own chain before taking the station's lock.

    Ed25519 verification is most of a batch's CPU time and needs no lock, and neither
    does checking that the batch is one unbroken chain (hashes, canonical text, links,
    station); doing both first, at the same time, keeps the lock short: two receiver
    processes can check batches in parallel and only take turns to store them.  Only
    findings are returned (seq -> genuine with the key used, and whether the batch's
    chain is whole); refusing is left to the locked pass, so the order of checks (and
    so the error code) is the same as without this step, and nothing is stored or
    acknowledged unless every receipt verified and the chain continues the stored one.
    """
    with read_transaction(engine) as conn:
        key_b64 = conn.execute(select(_S.c.public_key).where(_S.c.code == code)).scalar()
    if key_b64 is None:
        return Prechecked(None, {}, {})
    key = decode_key(key_b64)
    jobs: list[tuple[int, Any]] = []
    bodies: dict[int, Any] = {}
    for entry in entries:
        try:
            body = json.loads(entry.payload)
        except ValueError:
            continue  # malformed: the locked pass gives the precise refusal
        bodies[entry.seq] = body
        if entry.type != EntryType.DONATION_RECORDED:
            continue
        try:
            data = body["data"]
            fields = (data["signature"], data["receipt"], data["amount_fen"], data["issued_at"])
        except (KeyError, TypeError):
            continue
        # Fields of the wrong JSON type get no verdict: the locked pass refuses them.
        if all(isinstance(f, str) for f in (fields[0], fields[1], fields[3])):
            jobs.append((entry.seq, data))
    verdicts = _start_verify(key, code, jobs)
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


def accept_batch(
    engine: Engine, code: str, batch_id: str, entries: Sequence[LedgerEntry]
) -> BatchOutcome:
    """Check and store one batch atomically; raise :class:`ApiError` and store nothing if bad."""
    prechecked = check_before_lock(engine, code, entries)
    try:
        with write_transaction(engine) as conn:
            return _accept(conn, code, batch_id, entries, prechecked)
    except ApiError as error:
        if error.code in INCIDENT_CODES:
            record_incident(engine, code, error)
        raise
    except IntegrityError:
        # Only reachable if something bypassed the cursor lock; the unique (station, seq)
        # key kept the stream whole.  The client re-reads the cursor and resends.
        log.warning("station %s: concurrent insert refused by the database", code)
        raise busy("Another batch of this station was stored; retry.") from None
