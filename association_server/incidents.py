"""Writing incidents: the one place that stores what the association must look at.

Three sources: a batch the receiver refused (stored in its own transaction, after the
batch was rolled back), what an accepted batch revealed (stored with the batch), and
what a donor's scan or a client at the door revealed.  The kinds and their meaning are
in :mod:`association_server.incident_kinds`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, select

from association_server.clock import now_iso
from association_server.db import insert_many, write_transaction
from association_server.errors import ApiError
from association_server.incident_kinds import IncidentKind
from association_server.models import IncidentRow
from association_server.safe_text import printable

log = logging.getLogger(__name__)
_I = IncidentRow.__table__


@dataclass(frozen=True, slots=True)
class Finding:
    """One incident to store: its kind, the entry it is about, and a sentence."""

    kind: IncidentKind
    seq: int | None
    detail: str
    receipt_number: str | None = None
    station: str | None = None  # when it is about another station than the batch's


def store(conn: Connection, code: str, findings: Sequence[Finding]) -> None:
    """Store ``findings`` about station ``code`` in the caller's transaction (and log them)."""
    now = now_iso()
    for f in findings:
        log.warning("station %s: %s: %s", printable(code), f.kind.value, printable(f.detail))
    insert_many(
        conn,
        _I,
        [
            {
                "station_code": (f.station or code)[:32],
                "detected_at": now,
                "code": f.kind.value,
                "seq": f.seq,
                "detail": f.detail,
                "receipt_number": f.receipt_number,
            }
            for f in findings
        ],
    )


def store_once(engine: Engine, code: str, finding: Finding, *, since: str | None = None) -> None:
    """Store ``finding`` unless one of its kind exists for its receipt (or since ``since``)."""
    with write_transaction(engine) as conn:
        query = select(_I.c.id).where(and_(_I.c.station_code == code, _I.c.code == finding.kind))
        if finding.receipt_number is not None:
            query = query.where(_I.c.receipt_number == finding.receipt_number)
        if since is not None:
            query = query.where(_I.c.detected_at >= since)
        if conn.execute(query.limit(1)).first() is None:
            store(conn, code, [finding])


def record_refusal(engine: Engine, code: str, error: ApiError) -> None:
    """Keep a refused batch's reason for the association (its own transaction)."""
    log.warning("station %s: batch refused (%s): %s", code, error.code, printable(error.message))
    kind = IncidentKind(error.code)
    with write_transaction(engine) as conn:
        store(conn, code, [Finding(kind, error.seq, error.message)])
