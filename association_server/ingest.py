"""Accepting a batch of a station's ledger: all of it checked, then stored at once, or none.

The rules (sync protocol v1):

* every entry is parsed strictly first, before any signature or chain work: its payload
  and every field of its type must be exactly what a station writes
  (:mod:`station_app.domain.entry_schema`), else ``bad_entry`` (400);
* entries arrive in order, contiguous, and continue the stored stream: the first entry
  not yet stored must be ``acked_seq + 1`` (else ``seq_gap``);
* an entry already stored may be sent again: the same hash is a no-op (the station did
  not hear our last reply), a different hash is tampering (``tamper_conflict``), with
  one exception: a ``station.restored`` entry saying the old database was unreadable
  forks the chain at exactly its own seq, when it links to the entry stored before it.
  The entries it supersedes move to ``ledger_entry_superseded``; nothing is deleted;
* new entries must continue the hash chain from ``acked_hash`` and belong to this
  station — checked with the station's own :func:`station_app.domain.ledger.verify_chain`,
  so both ends hash the same way by construction (``chain_broken``);
* every ``donation.recorded`` entry carries a receipt signature that must verify under
  the public key the station enrolled with (``bad_signature``), over a number that is
  this station's own (another station's is ``receipt_claimed``, 409).

What needs no stored state (strict parsing, receipt signatures, the batch's own chain)
is checked before the lock, so receiver processes do most of the work in parallel.
Storing happens in one transaction that first locks the station's cursor row, so two
receiver processes handling batches of one station take turns; a refused batch leaves
nothing behind except an :class:`~association_server.models.IncidentRow` written
separately, so the association hears about it.  An accepted batch may raise incidents
too (:mod:`association_server.completeness`), stored with it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, select
from sqlalchemy.exc import IntegrityError

from association_server import completeness, goods, goods_day_check, incidents
from association_server.batch_prechecks import Prechecked, check_before_lock
from association_server.batch_storage import sort_receipts, store_batch
from association_server.clock import now_iso
from association_server.db import insert_many, lock_station, write_transaction
from association_server.errors import ApiError, busy
from association_server.incident_kinds import REFUSAL_KINDS, IncidentKind
from association_server.incidents import Finding
from association_server.models import (
    IncidentRow,
    LedgerRow,
    ReceiptRow,
    ReceiptVersionRow,
    StationRow,
    SupersededEntryRow,
)
from association_server.receipt_signatures import receipt_verifier
from association_server.safe_text import printable
from station_app.domain.donations import mask_name
from station_app.domain.entry_schema import parse_station_receipt
from station_app.domain.entry_types import EntryType
from station_app.domain.ledger import GENESIS_HASH, ChainBreak, LedgerEntry, verify_chain
from station_app.domain.money import DEFAULT_CEILING_FEN
from station_app.domain.signing import decode_key
from station_app.sync.protocol import Cursor

log = logging.getLogger(__name__)

_S, _L, _R, _I, _V, _X = (
    StationRow.__table__,
    LedgerRow.__table__,
    ReceiptRow.__table__,
    IncidentRow.__table__,
    ReceiptVersionRow.__table__,
    SupersededEntryRow.__table__,
)
#: Refusals that mean "this stream was altered or forged", reported as incidents.
INCIDENT_CODES = frozenset(k.value for k in REFUSAL_KINDS)
_IN_CHUNK = 500  # numbers per IN (...) look-up


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


def _stored_hashes(conn: Connection, code: str, lo: int, hi: int) -> dict[int, str]:
    return dict(
        conn.execute(
            select(_L.c.seq, _L.c.hash).where(
                and_(_L.c.station_code == code, _L.c.seq >= lo, _L.c.seq <= hi)
            )
        ).all()
    )


def _first_difference(
    conn: Connection, code: str, resent: Sequence[LedgerEntry]
) -> LedgerEntry | None:
    """The first re-sent entry that is not byte-for-byte the stored link (same hash)."""
    stored = _stored_hashes(conn, code, resent[0].seq, resent[-1].seq)
    return next((e for e in resent if stored.get(e.seq) != e.hash), None)


def _tampered(entry: LedgerEntry) -> ApiError:
    return _refuse(
        409,
        "tamper_conflict",
        f"Entry {entry.seq} was already received with a different hash; the "
        "station's ledger has been altered. Nothing of this batch was stored.",
        entry.seq,
    )


def _is_fork(conn: Connection, code: str, entry: LedgerEntry, body: dict[str, Any]) -> bool:
    """Is ``entry`` a restore that may fork the chain here (see CONTRACT.md)?

    Only a ``station.restored`` that says the replaced database was unreadable, sits
    right after the backup's head, and links to the entry we hold at that seq.
    """
    if entry.type != EntryType.STATION_RESTORED or body.get("type") != entry.type:
        return False
    data = body["data"]
    if data["previous_readable"] or data["backup_head_seq"] != entry.seq - 1:
        return False
    if data["backup_head_hash"] != entry.prev_hash:
        return False
    if entry.seq == 1:
        return entry.prev_hash == GENESIS_HASH
    before = _stored_hashes(conn, code, entry.seq - 1, entry.seq - 1).get(entry.seq - 1)
    return before == entry.prev_hash


def _fork(conn: Connection, code: str, at: LedgerEntry, acked: Cursor) -> Finding:
    """Move the entries ``at`` supersedes to the archive; the cursor goes back before it."""
    now = now_iso()
    columns = [c.name for c in _L.columns]
    rows = conn.execute(
        select(_L).where(and_(_L.c.station_code == code, _L.c.seq >= at.seq)).order_by(_L.c.seq)
    ).all()
    insert_many(
        conn,
        _X,
        [
            {**{c: getattr(r, c) for c in columns}, "fork_seq": at.seq, "superseded_at": now}
            for r in rows
        ],
    )
    conn.execute(delete(_L).where(and_(_L.c.station_code == code, _L.c.seq >= at.seq)))
    receipts = (
        conn.execute(
            select(_R.c.number)
            .where(and_(_R.c.station_code == code, _R.c.seq >= at.seq))
            .order_by(_R.c.number)
        )
        .scalars()
        .all()
    )
    kept = f"; their {len(receipts)} receipt(s) stay valid" if receipts else ""
    if receipts:
        kept += f" ({receipts[0]} … {receipts[-1]})"
    return Finding(
        IncidentKind.LEDGER_FORKED,
        at.seq,
        f"The station restored a backup (head seq {at.seq - 1}) without its previous ledger: "
        f"entries {at.seq}…{acked.acked_seq} ({len(rows)}) were superseded and kept in "
        f"ledger_entry_superseded{kept}.",
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
        data = body["data"]  # strictly checked already (check_entry_body)
        if entry.type == EntryType.STATION_CREATED:
            if data["public_key"] != self.public_key_b64:
                raise _refuse(
                    422,
                    "key_mismatch",
                    "The station's ledger names a different public key than it enrolled with.",
                    entry.seq,
                )
        elif entry.type == EntryType.DONATION_RECORDED:
            self._receipt(entry, data)
        elif entry.type == EntryType.DONATION_VOIDED:
            self.voids.append(
                {"number": data["receipt"], "voided_at": body["at"], "reason": data["reason"]}
            )

    def _receipt(self, entry: LedgerEntry, data: dict[str, Any]) -> None:
        number, amount = data["receipt"], data["amount_fen"]
        issued_at, signature = data["issued_at"], data["signature"]
        genuine = self.verdicts.get(entry.seq)
        if genuine is None:
            genuine = self.verify(signature, number, amount, issued_at, self.code)
        parsed = parse_station_receipt(number, self.code)
        if parsed is None or not genuine:
            raise _refuse(
                422,
                "bad_signature",
                f"Receipt {printable(number)} is not signed with this station's enrolled key.",
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
                "kind": data["kind"],
                "donor_masked": mask_name(
                    data["donor"], organisation=bool(data.get("donor_organisation"))
                ),
                "designation": data["designation"],
                "year": parsed.year,
                "serial": parsed.serial,
                "business_day": data["business_day"],
            }
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
    parsed = prechecked.bodies
    findings: list[Finding] = []
    forked_at: int | None = None
    resent = [e for e in entries if e.seq <= acked.acked_seq]
    if resent:
        differs = _first_difference(conn, code, resent)
        if differs is not None:
            if not _is_fork(conn, code, differs, parsed[differs.seq]):
                raise _tampered(differs)
            findings.append(_fork(conn, code, differs, acked))
            forked_at = differs.seq
            acked = Cursor(differs.seq - 1, differs.prev_hash)
            resent = [e for e in resent if e.seq < differs.seq]
    new = entries[len(resent) :]
    if not new:
        return BatchOutcome(acked, 0, len(resent))
    # Each payload was parsed once, before the lock (``check_before_lock``), and the batch's
    # own chain checked there (every hash, canonical text, link and station).  If that
    # held, the one check left is the link to what is stored; otherwise the whole chain
    # is walked again from the cursor, so a refusal names the same entry as always.
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
    bodies = [parsed[e.seq] for e in new]
    for entry, body in zip(new, bodies, strict=True):
        effects.apply(entry, body)
    goods_rows = goods.collect(conn, code, new, bodies)  # issue 18: lots exist, stock >= 0
    received_at = now_iso()
    receipts, versions, reissued = sort_receipts(conn, code, effects.receipts, received_at)
    findings += reissued
    findings += completeness.restore_notices(new, bodies, forked_at)
    findings += completeness.serial_gaps(
        conn, code, receipts, completeness.receipt_floors(new, bodies)
    )
    findings += completeness.day_close_mismatches(
        conn, code, new, bodies, {r["number"] for r in receipts}
    )
    findings += goods_day_check.day_goods_mismatches(conn, code, new, bodies)  # issue 18
    store_batch(conn, code, batch_id, new, bodies, receipts, versions, effects.voids, received_at)
    goods.store(conn, goods_rows)
    incidents.store(conn, code, findings)
    return BatchOutcome(Cursor(new[-1].seq, new[-1].hash), len(new), len(resent))


def accept_batch(
    engine: Engine,
    code: str,
    batch_id: str,
    entries: Sequence[LedgerEntry],
    *,
    ceiling_fen: int = DEFAULT_CEILING_FEN,
) -> BatchOutcome:
    """Check and store one batch atomically; raise :class:`ApiError` and store nothing if bad."""
    try:
        prechecked = check_before_lock(engine, code, entries, ceiling_fen)
        with write_transaction(engine) as conn:
            return _accept(conn, code, batch_id, entries, prechecked)
    except ApiError as error:
        if error.code in INCIDENT_CODES:
            incidents.record_refusal(engine, code, error)
        raise
    except IntegrityError:
        # Only reachable if something bypassed the cursor lock; the unique (station, seq)
        # key kept the stream whole.  The client re-reads the cursor and resends.
        log.warning("station %s: concurrent insert refused by the database", code)
        raise busy("Another batch of this station was stored; retry.") from None
