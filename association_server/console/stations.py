"""The stations page's data, and what an officer may do to a station (each audited).

One row per terminal (``GZ-YX-0012-A`` is a terminal of station ``GZ-YX-0012``) with
what the receiver knows: enrolment, last sync, entries and donations received, open
incidents, and the unsynced age: days since the newest receipt a donor scanned that the
station has not sent yet (:mod:`association_server.receipt_scans`), where known.
"Entries" is the acknowledged sequence number (entries are contiguous), so
the page never counts the ledger table; donations come from ``station_tally``, which
triggers on the receipt table keep exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, insert, select

from association_server import admin
from association_server.console import audit
from association_server.console.accounts import ConsoleUser
from association_server.console.errors import ConsoleError
from association_server.console.incident_queue import open_counts
from association_server.console.tables import StationProfileRow, StationTallyRow
from association_server.db import read_transaction, write_transaction
from association_server.errors import AdminError
from association_server.models import StationRow
from association_server.receipt_scans import Unsynced, unsynced_by_station
from station_app.domain.station_time import to_iso

_S, _P, _T = StationRow.__table__, StationProfileRow.__table__, StationTallyRow.__table__


@dataclass(frozen=True, slots=True)
class StationLine:
    station: str  # the station a terminal belongs to
    code: str
    name: str
    district: str
    created_at: str
    enrolled_at: str | None
    enrolled: bool
    last_sync: str | None
    entries: int
    donations: int
    open_incidents: int
    stale: bool
    #: Donors' scans of its receipts not received yet (None: nothing known).
    unsynced: Unsynced | None = None

    @property
    def unsynced_days(self) -> int | None:
        return None if self.unsynced is None else self.unsynced.age_days()


def station_of(code: str) -> str:
    """``GZ-YX-0012-A`` → ``GZ-YX-0012``: the fourth part names a terminal."""
    parts = code.split("-")
    return "-".join(parts[:3]) if len(parts) > 3 else code


def district_of(code: str) -> str:
    parts = code.split("-")
    return parts[1] if len(parts) > 1 else ""


def station_lines(engine: Engine, stale_days: int) -> list[StationLine]:
    cutoff = to_iso(datetime.now(UTC) - timedelta(days=max(0, stale_days)))
    with read_transaction(engine) as conn:
        donations = dict(conn.execute(select(_T.c.station_code, _T.c.donations)).all())
        opened = open_counts(conn)
        unsynced = unsynced_by_station(conn)
        rows = conn.execute(
            select(
                _S.c.code,
                _S.c.name,
                _S.c.created_at,
                _S.c.enrolled_at,
                _S.c.token_hash.is_not(None).label("enrolled"),
                _S.c.acked_seq,
                _S.c.last_received_at,
                _P.c.district,
            )
            .select_from(_S.outerjoin(_P, _P.c.station_code == _S.c.code))
            .order_by(_S.c.code)
        ).all()
    lines = []
    for r in rows:
        since = r.last_received_at or r.enrolled_at
        stale = bool(r.enrolled) and since is not None and since < cutoff
        lines.append(
            StationLine(
                station_of(r.code),
                r.code,
                r.name,
                r.district or district_of(r.code),
                r.created_at,
                r.enrolled_at,
                bool(r.enrolled),
                r.last_received_at,
                r.acked_seq,
                donations.get(r.code, 0),
                opened.get(r.code, 0),
                stale,
                unsynced.get(r.code),
            )
        )
    return lines


def _refused(err: AdminError) -> ConsoleError:
    return ConsoleError(str(err), str(err))


def create_station(
    engine: Engine, user: ConsoleUser, code: str, name: str, district: str, client: str
) -> tuple[str, str]:
    """Register a terminal; returns (its code, its one-time enrolment code, shown once)."""
    user.require_officer()
    district = district.strip()[:60]
    if len(name.strip()) > 100:
        raise ConsoleError("站点名称最多 100 个字。", "A station name has at most 100 characters.")
    try:
        with write_transaction(engine) as conn:
            enrollment = admin.insert_station(conn, code, name)
            clean = code.strip().upper()
            if district:
                conn.execute(insert(_P).values(station_code=clean, district=district))
            audit.record(conn, user.name, "station.create", clean, f"district={district}", client)
    except AdminError as err:
        raise _refused(err) from None
    return clean, enrollment


def revoke(engine: Engine, user: ConsoleUser, code: str, client: str) -> None:
    user.require_officer()
    try:
        with write_transaction(engine) as conn:
            admin.revoke_in(conn, code)
            audit.record(conn, user.name, "station.revoke", code, "", client)
    except AdminError as err:
        raise _refused(err) from None


def new_code(engine: Engine, user: ConsoleUser, code: str, client: str) -> str:
    """A fresh enrolment code (after a revocation or a replaced PC)."""
    user.require_officer()
    try:
        with write_transaction(engine) as conn:
            enrollment = admin.new_code_in(conn, code)
            audit.record(conn, user.name, "station.enrolment_code", code, "", client)
    except AdminError as err:
        raise _refused(err) from None
    return enrollment
