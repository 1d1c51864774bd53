"""The day's statement lines and mobile or bank donations, read with plain SQL.

Reconciling a month reads some 40,000 rows; through SQLAlchemy's result layer each row
costs tens of microseconds, through the sqlite3 cursor a few.  Same transaction as the
caller's (the connection under ``conn``), same columns as the models.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from station_app.storage.raw_sql import cursor

LINE_COLUMNS = (
    "l.id, l.source, l.account, l.direction, l.business_day, l.occurred_at, l.amount_fen, "
    "l.fee_millifen, l.reference, l.order_reference, l.payer_masked, l.line_no, i.file_name, "
    "l.import_id"
)


def day_lines(conn: Connection, kind: str, day: str) -> list[tuple[Any, ...]]:
    """Every statement line of ``kind`` on ``day``, in time order (columns as above)."""
    return (
        cursor(conn)
        .execute(
            f"SELECT {LINE_COLUMNS} FROM statement_line l "
            "JOIN statement_import i ON i.id = l.import_id "
            "WHERE l.kind = ? AND l.business_day = ? ORDER BY l.occurred_at, l.id",
            (kind, day),
        )
        .fetchall()
    )


def day_donations(conn: Connection, kind: str, day: str) -> list[tuple[Any, ...]]:
    """(id, receipt number, recorded_at, paid_at, amount_fen, donor, reference) of the live
    donations of ``kind`` on ``day``."""
    return (
        cursor(conn)
        .execute(
            "SELECT d.id, r.number, d.recorded_at, d.paid_at, d.amount_fen, d.donor_name, "
            "d.transaction_reference FROM donation d JOIN receipt r ON r.donation_id = d.id "
            "WHERE d.kind = ? AND d.business_day = ? AND d.status = 'recorded' "
            "ORDER BY d.recorded_at, d.id",
            (kind, day),
        )
        .fetchall()
    )
