"""What the association's staff do with stations: register them, hand out enrolment
codes, revoke tokens, and see what each station has sent.  The list of funds and
projects is :mod:`association_server.designation_list`, the official receipt numbers
:mod:`association_server.official_receipts`, the CLI's tables
:mod:`association_server.table_exports`.

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
from association_server.errors import AdminError, ApiError
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
ENROLLMENT_VALID_DAYS = 14


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
