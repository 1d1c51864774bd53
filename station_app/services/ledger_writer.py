"""Appending to the station's ledger inside the caller's transaction.

Every business action calls :func:`append_entry` on the same connection that writes the
action's rows, so the row and its ledger entry commit together or not at all.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, select

from station_app.domain.ledger import GENESIS_HASH, LedgerEntry, make_entry
from station_app.storage import raw_sql
from station_app.storage.models import LedgerEntryRow

_T = LedgerEntryRow.__table__


def ledger_head(conn: Connection) -> tuple[int, str]:
    """(last seq, last hash), or (0, genesis) for an empty ledger."""
    head = raw_sql.ledger_head(conn)
    return (head[0], head[1]) if head else (0, GENESIS_HASH)


def append_entry(
    conn: Connection,
    *,
    type: str,
    data: Mapping[str, Any],
    at: str,
    station_code: str,
    entry_uuid: str | None = None,
) -> LedgerEntry:
    seq, prev = ledger_head(conn)
    entry = make_entry(
        seq=seq + 1,
        uuid=entry_uuid or str(uuidlib.uuid4()),
        type=type,
        at=at,
        station=station_code,
        data=data,
        prev_hash=prev,
    )
    raw_sql.insert_ledger_entry(conn, entry.as_dict())
    return entry


def iter_entries(
    conn: Connection, *, after_seq: int = 0, chunk: int = 1000
) -> Iterator[LedgerEntry]:
    """Stream the ledger in order without loading it whole."""
    last = after_seq
    while True:
        rows = conn.execute(
            select(_T.c.seq, _T.c.uuid, _T.c.type, _T.c.payload, _T.c.prev_hash, _T.c.hash)
            .where(_T.c.seq > last)
            .order_by(_T.c.seq)
            .limit(chunk)
        ).all()
        if not rows:
            return
        for r in rows:
            yield LedgerEntry(r.seq, r.uuid, r.type, r.payload, r.prev_hash, r.hash)
        last = rows[-1].seq
