"""The incident queue: every incident the receiver raised, its evidence, and the
officers' decisions on it.

An incident is never changed or deleted; a decision is an appended ``incident_note``
(acknowledged, resolved), so the queue's state is derived: resolved if any note
resolved it, acknowledged if any acknowledged it, else open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, exists, func, insert, select

from association_server.clock import now_iso
from association_server.console import audit
from association_server.console.accounts import ConsoleUser
from association_server.console.errors import ConsoleError
from association_server.console.tables import IncidentNoteRow
from association_server.db import read_transaction, write_transaction
from association_server.incident_kinds import explain
from association_server.models import (
    IncidentRow,
    LedgerRow,
    ReceiptRow,
    ReceiptVersionRow,
    SupersededEntryRow,
)

_I, _N = IncidentRow.__table__, IncidentNoteRow.__table__
_L, _R, _V, _X = (
    LedgerRow.__table__,
    ReceiptRow.__table__,
    ReceiptVersionRow.__table__,
    SupersededEntryRow.__table__,
)
ACTIONS = ("acknowledged", "resolved")
STATUSES = ("open", "acknowledged", "resolved")
MAX_NOTE = 2000


def _has(action: str) -> Any:
    return exists().where(and_(_N.c.incident_id == _I.c.id, _N.c.action == action))


def open_counts(conn: Connection) -> dict[str, int]:
    """Unresolved incidents per station."""
    rows = conn.execute(
        select(_I.c.station_code, func.count()).where(~_has("resolved")).group_by(_I.c.station_code)
    ).all()
    return {code: n for code, n in rows}


@dataclass(frozen=True, slots=True)
class IncidentLine:
    id: int
    station_code: str
    detected_at: str
    code: str
    seq: int | None
    detail: str
    receipt_number: str | None
    status: str
    meaning_zh: str
    meaning_en: str


def _line(r: Any) -> IncidentLine:
    status = "resolved" if r.resolved else "acknowledged" if r.acknowledged else "open"
    zh, en = explain(r.code)
    return IncidentLine(
        r.id,
        r.station_code,
        r.detected_at,
        r.code,
        r.seq,
        r.detail,
        r.receipt_number,
        status,
        zh,
        en,
    )


def _query() -> Any:
    return select(
        _I,
        _has("resolved").label("resolved"),
        _has("acknowledged").label("acknowledged"),
    )


def incidents(
    engine: Engine, status: str = "unresolved", station: str = "", limit: int = 500
) -> list[IncidentLine]:
    """The queue, newest first: ``unresolved`` (default), one status, or ``all``."""
    query = _query().order_by(_I.c.id.desc()).limit(limit)
    if status == "unresolved":
        query = query.where(~_has("resolved"))
    elif status == "open":
        query = query.where(~_has("resolved"), ~_has("acknowledged"))
    elif status == "acknowledged":
        query = query.where(~_has("resolved"), _has("acknowledged"))
    elif status == "resolved":
        query = query.where(_has("resolved"))
    if station:
        query = query.where(_I.c.station_code == station.strip().upper())
    with read_transaction(engine) as conn:
        return [_line(r) for r in conn.execute(query)]


@dataclass(frozen=True, slots=True)
class Evidence:
    incident: IncidentLine
    notes: list[dict[str, Any]]
    entry: dict[str, Any] | None  # the stored ledger entry at the incident's seq
    superseded: list[dict[str, Any]]  # entries a fork moved aside at that seq
    receipt: dict[str, Any] | None
    versions: list[dict[str, Any]]  # other signed versions of the receipt's number


def evidence(engine: Engine, incident_id: int) -> Evidence:
    with read_transaction(engine) as conn:
        row = conn.execute(_query().where(_I.c.id == incident_id)).first()
        if row is None:
            raise ConsoleError("没有这个事件。", "No such incident.", status=404)
        notes = [
            dict(n._mapping)
            for n in conn.execute(
                select(_N).where(_N.c.incident_id == incident_id).order_by(_N.c.id)
            )
        ]
        entry, superseded = None, []
        if row.seq is not None:
            found = conn.execute(
                select(_L).where(and_(_L.c.station_code == row.station_code, _L.c.seq == row.seq))
            ).first()
            entry = dict(found._mapping) if found else None
            superseded = [
                dict(x._mapping)
                for x in conn.execute(
                    select(_X).where(
                        and_(_X.c.station_code == row.station_code, _X.c.seq == row.seq)
                    )
                )
            ]
        receipt, versions = None, []
        if row.receipt_number:
            found = conn.execute(select(_R).where(_R.c.number == row.receipt_number)).first()
            receipt = dict(found._mapping) if found else None
            versions = [
                dict(v._mapping)
                for v in conn.execute(select(_V).where(_V.c.number == row.receipt_number))
            ]
    return Evidence(_line(row), notes, entry, superseded, receipt, versions)


def decide(
    engine: Engine, user: ConsoleUser, incident_id: int, action: str, note: str, client: str
) -> None:
    """Acknowledge or resolve an incident with a note; the note is required to resolve."""
    user.require_officer()
    note = note.strip()
    if action not in ACTIONS:
        raise ConsoleError("未知的操作。", "Unknown action.")
    if len(note) > MAX_NOTE:
        raise ConsoleError(
            f"说明最多 {MAX_NOTE} 个字。", f"A note has at most {MAX_NOTE} characters."
        )
    if action == "resolved" and not note:
        raise ConsoleError("解决事件须写明说明。", "Resolving an incident needs a note.")
    with write_transaction(engine) as conn:
        row = conn.execute(_query().where(_I.c.id == incident_id)).first()
        if row is None:
            raise ConsoleError("没有这个事件。", "No such incident.", status=404)
        if row.resolved:
            raise ConsoleError(
                "这个事件已经解决。", "This incident is already resolved.", status=409
            )
        conn.execute(
            insert(_N).values(
                incident_id=incident_id, at=now_iso(), user_name=user.name, action=action, note=note
            )
        )
        audit.record(conn, user.name, f"incident.{action}", str(incident_id), note, client)
