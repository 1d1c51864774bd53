"""What the association's staff do: register stations, hand out enrolment codes, revoke
tokens, keep the list of funds and projects, and see what each station has sent.

Plain functions on an engine, used by the admin command line and by tests; the HTTP API
only ever enrols (with a code from here) and receives.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, insert, select, update

from association_server import incidents, security
from association_server.clock import in_days_iso, now_iso
from association_server.db import lock_station, read_transaction, write_transaction
from association_server.errors import ApiError
from association_server.incident_kinds import IncidentKind
from association_server.incidents import Finding
from association_server.models import (
    DesignationRow,
    IncidentRow,
    LedgerRow,
    ReceiptRow,
    StationRow,
)
from station_app.domain.errors import DomainError
from station_app.domain.ledger import GENESIS_HASH, LedgerEntry
from station_app.domain.receipt_numbers import validate_station_code

_S, _L, _D, _I, _R = (
    StationRow.__table__,
    LedgerRow.__table__,
    DesignationRow.__table__,
    IncidentRow.__table__,
    ReceiptRow.__table__,
)
CATEGORIES = ("fund", "project", "undesignated")
ENROLLMENT_VALID_DAYS = 14


class AdminError(Exception):
    """A refused admin command, printed as one sentence."""


@dataclass(frozen=True, slots=True)
class StationSummary:
    code: str
    name: str
    enrolled: bool
    acked_seq: int
    entries: int
    receipts: int
    last_received_at: str | None
    incidents: int


def _station_code(code: str) -> str:
    try:
        return validate_station_code(code)
    except DomainError as err:
        raise AdminError(err.message_en) from None


def create_station(engine: Engine, code: str, name: str) -> str:
    """Register a station terminal; returns its one-time enrolment code (shown once)."""
    with write_transaction(engine) as conn:
        return insert_station(conn, code, name)


def insert_station(conn: Connection, code: str, name: str) -> str:
    """:func:`create_station` in the caller's transaction (the console adds its audit)."""
    code = _station_code(code)
    enrollment = security.new_enrollment_code()
    if conn.execute(select(_S.c.code).where(_S.c.code == code)).first():
        raise AdminError(f"Station {code} already exists.")
    conn.execute(
        insert(_S).values(
            code=code,
            name=name.strip() or code,
            created_at=now_iso(),
            enrollment_code_hash=security.digest(enrollment),
            enrollment_expires_at=in_days_iso(ENROLLMENT_VALID_DAYS),
            acked_seq=0,
            acked_hash=GENESIS_HASH,
        )
    )
    return enrollment


def new_enrollment_code(engine: Engine, code: str) -> str:
    """A fresh enrolment code, e.g. after a revocation or a replaced PC."""
    with write_transaction(engine) as conn:
        return new_code_in(conn, code)


def new_code_in(conn: Connection, code: str) -> str:
    """:func:`new_enrollment_code` in the caller's transaction."""
    enrollment = security.new_enrollment_code()
    result = conn.execute(
        update(_S)
        .where(_S.c.code == code)
        .values(
            enrollment_code_hash=security.digest(enrollment),
            enrollment_expires_at=in_days_iso(ENROLLMENT_VALID_DAYS),
        )
    )
    if result.rowcount != 1:
        raise AdminError(f"No station {code}.")
    return enrollment


def revoke_token(engine: Engine, code: str) -> None:
    """The station's token stops working at once; it must enrol again with a new code."""
    with write_transaction(engine) as conn:
        revoke_in(conn, code)


def revoke_in(conn: Connection, code: str) -> None:
    """:func:`revoke_token` in the caller's transaction."""
    result = conn.execute(update(_S).where(_S.c.code == code).values(token_hash=None))
    if result.rowcount != 1:
        raise AdminError(f"No station {code}.")


def _valid_public_key(text: str) -> bool:
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeError, ValueError):
        return False
    return len(raw) == 32


def enroll(engine: Engine, code: str, enrollment_code: str, public_key: str) -> str:
    """Exchange a one-time enrolment code for a bearer token; stores the station's key.

    Every failure gives the same answer, so the endpoint does not reveal which station
    codes exist.  A wrong code is found with a read (no write lock: guessing must not
    stall the stations' syncs); only a right one takes the station's row for writing,
    and checks again under the lock.  A station that already sent entries may only
    re-enrol with the same public key: its receipts are signed with it, and a new key
    would orphan them.
    """
    refused = ApiError(
        403, "enrollment_refused", "Unknown station, wrong or expired enrolment code."
    )
    if not _valid_public_key(public_key):
        raise ApiError(422, "invalid_request", "public_key must be 32 bytes of base64.")
    given = security.digest(security.normalise_enrollment_code(enrollment_code))

    def acceptable(row: Any) -> bool:
        return (
            row is not None
            and row.enrollment_code_hash is not None
            and hmac.compare_digest(given, row.enrollment_code_hash)
            and (row.enrollment_expires_at is None or row.enrollment_expires_at >= now_iso())
        )

    with read_transaction(engine) as conn:
        if not acceptable(conn.execute(select(_S).where(_S.c.code == code)).first()):
            raise refused
    token = security.new_token()
    with write_transaction(engine) as conn:
        row = lock_station(conn, code)
        if not acceptable(row):
            raise refused
        if row.acked_seq > 0 and row.public_key not in (None, public_key):
            raise ApiError(
                409,
                "key_mismatch",
                "This station already sent records signed with another key.",
            )
        conn.execute(
            update(_S)
            .where(_S.c.code == code)
            .values(
                public_key=public_key,
                token_hash=security.digest(token),
                enrollment_code_hash=None,
                enrollment_expires_at=None,
                enrolled_at=now_iso(),
            )
        )
    return token


def record_lockouts(engine: Engine, code: str, client: str, lockouts: list[str]) -> None:
    """Keep each enrolment lockout as an incident (under the station code that was tried)."""
    if lockouts:
        with write_transaction(engine) as conn:
            incidents.store(
                conn,
                code,
                [
                    Finding(
                        IncidentKind.ENROLLMENT_LOCKOUT,
                        None,
                        f"Repeated wrong enrolment codes from {client[:60]}: {sentence}.",
                    )
                    for sentence in lockouts
                ],
            )


def station_for_token(engine: Engine, token: str) -> str | None:
    """The station a bearer token belongs to, or None (unknown or revoked)."""
    with read_transaction(engine) as conn:
        return conn.execute(
            select(_S.c.code).where(_S.c.token_hash == security.digest(token))
        ).scalar()


def list_stations(engine: Engine) -> list[StationSummary]:
    with read_transaction(engine) as conn:
        entries: dict[str, int] = dict(
            conn.execute(select(_L.c.station_code, func.count()).group_by(_L.c.station_code)).all()
        )
        receipts: dict[str, int] = dict(
            conn.execute(select(_R.c.station_code, func.count()).group_by(_R.c.station_code)).all()
        )
        incidents: dict[str, int] = dict(
            conn.execute(select(_I.c.station_code, func.count()).group_by(_I.c.station_code)).all()
        )
        rows = conn.execute(select(_S).order_by(_S.c.code)).all()
    return [
        StationSummary(
            r.code,
            r.name,
            r.token_hash is not None,
            r.acked_seq,
            entries.get(r.code, 0),
            receipts.get(r.code, 0),
            r.last_received_at,
            incidents.get(r.code, 0),
        )
        for r in rows
    ]


def stored_entries(engine: Engine, code: str, *, after_seq: int = 0) -> list[LedgerEntry]:
    """The station's ledger as received, in order (for reports, audits and tests)."""
    with read_transaction(engine) as conn:
        rows = conn.execute(
            select(_L.c.seq, _L.c.uuid, _L.c.type, _L.c.payload, _L.c.prev_hash, _L.c.hash)
            .where(and_(_L.c.station_code == code, _L.c.seq > after_seq))
            .order_by(_L.c.seq)
        ).all()
    return [LedgerEntry(r.seq, r.uuid, r.type, r.payload, r.prev_hash, r.hash) for r in rows]


def list_incidents(engine: Engine, code: str | None = None) -> list[dict[str, object]]:
    query = select(_I).order_by(_I.c.id)
    if code is not None:
        query = query.where(_I.c.station_code == code)
    with read_transaction(engine) as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


# -- designations -----------------------------------------------------------------------


def insert_designation(
    conn: Connection, code: str, name: str, category: str, *, sort_order: int | None = None
) -> None:
    """A new, active fund or project, last in the list unless told where."""
    order = sort_order
    if order is None:
        order = (conn.execute(select(func.max(_D.c.sort_order))).scalar() or 0) + 1
    conn.execute(
        insert(_D).values(
            code=code,
            name=name,
            category=category,
            active=True,
            sort_order=order,
            updated_at=now_iso(),
        )
    )


def put_designation(
    engine: Engine, code: str, name: str, category: str, *, sort_order: int | None = None
) -> None:
    """Add a fund or project, or rename/recategorise one (it becomes active)."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise AdminError("A designation needs a code and a name.")
    if category not in CATEGORIES:
        raise AdminError(f"Category must be one of {', '.join(CATEGORIES)}.")
    with write_transaction(engine) as conn:
        existing = conn.execute(select(_D).where(_D.c.code == code)).first()
        if existing is None:
            insert_designation(conn, code, name, category, sort_order=sort_order)
        else:
            conn.execute(
                update(_D)
                .where(_D.c.code == code)
                .values(
                    name=name,
                    category=category,
                    active=True,
                    sort_order=existing.sort_order if sort_order is None else sort_order,
                    updated_at=now_iso(),
                )
            )


def set_designation_active(engine: Engine, code: str, active: bool) -> None:
    """Designations are never deleted: donations at stations refer to them."""
    with write_transaction(engine) as conn:
        result = conn.execute(
            update(_D).where(_D.c.code == code).values(active=active, updated_at=now_iso())
        )
        if result.rowcount != 1:
            raise AdminError(f"No designation {code}.")


def set_official_receipt(
    engine: Engine, number: str, official_number: str, *, issued_at: str | None = None
) -> None:
    """Record the official 公益事业捐赠票据 issued for a station's receipt.

    Only for a receipt the association has received and that is not void; set once (a
    correction of an official receipt is the association's own paper process).
    """
    with write_transaction(engine) as conn:
        set_official_in(conn, number, official_number, issued_at=issued_at)


def set_official_in(
    conn: Connection, number: str, official_number: str, *, issued_at: str | None = None
) -> None:
    """:func:`set_official_receipt` in the caller's transaction (the console's CSV import
    sets many at once, all or none)."""
    official_number = official_number.strip()
    if not official_number or len(official_number) > 60:
        raise AdminError("The official receipt number must be 1 to 60 characters.")
    row = conn.execute(select(_R).where(_R.c.number == number)).first()
    if row is None:
        raise AdminError(f"No receipt {number} has been received from its station.")
    if row.voided_at is not None:
        raise AdminError(f"Receipt {number} is void; no official receipt is issued for it.")
    if row.official_receipt_number is not None:
        raise AdminError(
            f"Receipt {number} already has official receipt {row.official_receipt_number}."
        )
    conn.execute(
        update(_R)
        .where(_R.c.number == number)
        .values(official_receipt_number=official_number, official_issued_at=issued_at or now_iso())
    )


def list_designations(engine: Engine) -> list[dict[str, object]]:
    with read_transaction(engine) as conn:
        rows = conn.execute(
            select(_D.c.code, _D.c.name, _D.c.category, _D.c.active, _D.c.sort_order).order_by(
                _D.c.sort_order, _D.c.code
            )
        ).all()
    return [
        {
            "code": r.code,
            "name": r.name,
            "category": r.category,
            "active": bool(r.active),
            "sort_order": r.sort_order,
        }
        for r in rows
    ]


# -- exports ------------------------------------------------------------------------------


def receipt_table(engine: Engine, code: str | None = None) -> tuple[list[str], list[list[object]]]:
    """Received receipts as a table (Chinese headers) for :mod:`station_app.spreadsheets`."""
    query = select(_R).order_by(_R.c.station_code, _R.c.number)
    if code is not None:
        query = query.where(_R.c.station_code == code.upper())
    with read_transaction(engine) as conn:
        rows = conn.execute(query).all()
    headers = [
        "收据编号",
        "站点",
        "业务日期",
        "开具时间",
        "方式",
        "金额(分)",
        "捐赠人",
        "捐赠意向",
        "作废时间",
        "作废原因",
        "公益事业捐赠票据",
    ]
    return headers, [
        [
            r.number,
            r.station_code,
            r.business_day or "",
            r.issued_at,
            r.kind or "",
            r.amount_fen,
            r.donor_masked or "",
            r.designation or "",
            r.voided_at or "",
            r.void_reason or "",
            r.official_receipt_number or "",
        ]
        for r in rows
    ]


def incident_table(engine: Engine, code: str | None = None) -> tuple[list[str], list[list[object]]]:
    headers = ["时间", "站点", "类别", "序号", "收据编号", "详情"]
    return headers, [
        [
            i["detected_at"],
            i["station_code"],
            i["code"],
            i["seq"] if i["seq"] is not None else "",
            i["receipt_number"] or "",
            i["detail"],
        ]
        for i in list_incidents(engine, code.upper() if code else None)
    ]
