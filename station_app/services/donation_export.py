"""A donation list leaving the desk as a file: by a person with the right, on record.

An export carries donors' names out of the program, so it is an action like any other:
a social worker's or the coordinator's, and ledgered (who, which days, how many rows)
before the file exists, so no copy leaves unrecorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from station_app.domain.entry_types import EntryType
from station_app.domain.roles import Action
from station_app.domain.station_time import to_iso, utc_now
from station_app.services.donation_queries import DonationFilter, all_donations
from station_app.services.exports import table, write_csv, write_xlsx
from station_app.services.ledger_writer import append_entry
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import station_code


def export_format(target: Path) -> str:
    return "xlsx" if target.suffix.lower() == ".xlsx" else "csv"


def export_donations(
    db: StationDatabase,
    session: OperatorSession,
    target: Path,
    *,
    day_from: date | None = None,
    day_to: date | None = None,
    language: str = "zh",
) -> int:
    """Write the matching donations to ``target`` (.csv or .xlsx); returns the row count."""
    with db.read() as conn:
        require_session(conn, session, Action.EXPORT)
    rows = all_donations(db, DonationFilter(day_from=day_from, day_to=day_to))
    headers, cells = table(rows, language)
    return write_ledgered_export(db, session, target, headers, cells, day_from, day_to)


def write_ledgered_export(
    db: StationDatabase,
    session: OperatorSession,
    target: Path,
    headers: Sequence[str],
    cells: Sequence[Sequence[object]],
    day_from: date | None,
    day_to: date | None,
) -> int:
    """Ledger who exported what (records leave the station only on the record), then
    write ``target`` as .xlsx or .csv through the formula-safe writers; returns the rows."""
    fmt = export_format(target)
    with db.write() as conn:
        actor = require_session(conn, session, Action.EXPORT)
        append_entry(
            conn,
            type=EntryType.RECORDS_EXPORTED,
            at=to_iso(utc_now()),
            station_code=station_code(conn),
            data={
                "by": actor.name,
                "format": fmt,
                "day_from": day_from.isoformat() if day_from else None,
                "day_to": day_to.isoformat() if day_to else None,
                "rows": len(cells),
            },
        )
    (write_xlsx if fmt == "xlsx" else write_csv)(target, headers, cells)
    return len(cells)
