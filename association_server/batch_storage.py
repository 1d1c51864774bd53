"""Storing an accepted batch: its entries, what they do to the receipts, and nothing else.

Runs inside the locked transaction of :func:`~association_server.ingest.accept_batch`,
after every check passed: the entries are inserted as they came, the receipts they
issued or voided are written (a number already held by a receipt that a fork supersedes
is moved aside first, never deleted), and the station's cursor moves to the batch's last
entry.  Nothing here refuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from association_server.db import insert_many
from association_server.incident_kinds import IncidentKind
from association_server.incidents import Finding
from association_server.models import (
    LedgerRow,
    ReceiptRow,
    ReceiptVersionRow,
    StationRow,
    SupersededEntryRow,
)
from station_app.domain.ledger import LedgerEntry

_S, _L, _R, _V, _X = (
    StationRow.__table__,
    LedgerRow.__table__,
    ReceiptRow.__table__,
    ReceiptVersionRow.__table__,
    SupersededEntryRow.__table__,
)
_IN_CHUNK = 500  # numbers per IN (...) look-up


def sort_receipts(
    conn: Connection, code: str, receipts: list[dict[str, Any]], received_at: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Finding]]:
    """Split a batch's receipts into new ones and other versions of numbers already held.

    A number held for another station was stored before numbers were parsed (the
    migration to a0003 moves those aside; this catches any left): the holder's row moves
    to ``receipt_version`` and the holder gets the incident.  The same number with the
    same signed values is the same receipt (nothing to store); with other values it was
    issued twice: the first version stays, this one is kept beside it and raised.
    """
    held: dict[str, Any] = {}
    numbers = sorted({r["number"] for r in receipts})
    for i in range(0, len(numbers), _IN_CHUNK):
        for row in conn.execute(
            select(_R.c.number, _R.c.station_code, _R.c.amount_fen, _R.c.issued_at).where(
                _R.c.number.in_(numbers[i : i + _IN_CHUNK])
            )
        ):
            held[row.number] = (row.station_code, row.amount_fen, row.issued_at)
    new: list[dict[str, Any]] = []
    versions: list[dict[str, Any]] = []
    findings: list[Finding] = []
    squatters: list[str] = []
    for r in receipts:
        values = (r["amount_fen"], r["issued_at"])
        if r["number"] not in held:
            held[r["number"]] = (code, *values)
            new.append(r)
            continue
        owner, *first = held[r["number"]]
        if owner != code:
            # Parsing proved the number is this station's, so the holder stored it under
            # the old prefix match: its row moves aside, and the owner is never blocked.
            squatters.append(r["number"])
            findings.append(
                Finding(
                    IncidentKind.RECEIPT_CLAIMED,
                    None,
                    f"Station {owner} had stored receipt number {r['number']}, which belongs "
                    f"to {code}; its version was moved to receipt_version.",
                    r["number"],
                    station=owner,
                )
            )
            held[r["number"]] = (code, *values)
            new.append(r)
            continue
        if tuple(first) == values:
            continue
        versions.append(
            {
                "number": r["number"],
                "station_code": code,
                "seq": r["seq"],
                "amount_fen": r["amount_fen"],
                "issued_at": r["issued_at"],
                "signature": r["signature"],
                "received_at": received_at,
            }
        )
        findings.append(
            Finding(
                IncidentKind.NUMBER_REISSUED,
                r["seq"],
                f"Receipt {r['number']} came again with other signed values "
                f"({r['amount_fen']} fen at {r['issued_at']}; first: {first[0]} fen at "
                f"{first[1]}): the number was issued twice. Both versions are kept.",
                r["number"],
            )
        )
    _move_aside(conn, squatters, received_at)
    return new, versions, findings


def _move_aside(conn: Connection, numbers: list[str], received_at: str) -> None:
    """Receipt rows held under another station's number go to ``receipt_version``."""
    for number in numbers:
        row = conn.execute(select(_R).where(_R.c.number == number)).one()
        conn.execute(
            insert(_V).values(
                number=row.number,
                station_code=row.station_code,
                seq=row.seq,
                amount_fen=row.amount_fen,
                issued_at=row.issued_at,
                signature=row.signature,
                received_at=received_at,
            )
        )
        conn.execute(delete(_R).where(_R.c.number == number))


def store_batch(
    conn: Connection,
    code: str,
    batch_id: str,
    new: Sequence[LedgerEntry],
    bodies: Sequence[dict[str, Any]],
    receipts: list[dict[str, Any]],
    versions: list[dict[str, Any]],
    voids: list[dict[str, Any]],
    received_at: str,
) -> None:
    insert_many(
        conn,
        _L,
        [
            {
                **e.as_dict(),
                "station_code": code,
                "station_at": b["at"],
                "received_at": received_at,
                "batch_id": batch_id,
            }
            for e, b in zip(new, bodies, strict=True)
        ],
    )
    insert_many(conn, _R, receipts)
    insert_many(conn, _V, versions)
    for void in voids:
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
