"""Small lookups every service needs, written once."""

from __future__ import annotations

from sqlalchemy import Connection, select

from station_app.storage import raw_sql
from station_app.storage.models import Operator, Station

_ST, _OP = Station.__table__, Operator.__table__


def station_code(conn: Connection) -> str:
    """The code of the one station this database belongs to.

    Read through the driver (``raw_sql``): every ledgered action asks for it, and
    SQLAlchemy's execution layer alone cost a goods movement a sixth of its time.
    """
    rows = raw_sql.cursor(conn).execute("SELECT code FROM station").fetchall()
    if len(rows) != 1:
        raise LookupError(f"expected one station row, found {len(rows)}")
    return str(rows[0][0])


def association_url(conn: Connection) -> str:
    """The address the station is enrolled at; "" for a station set up offline."""
    url: str | None = conn.execute(select(_ST.c.association_url)).scalar()
    return url or ""


def station_code_or_none(conn: Connection) -> str | None:
    return conn.execute(select(_ST.c.code)).scalar()


def operator_names(conn: Connection) -> dict[int, str]:
    """Operator id → name, for turning stored ids into the names the ledger uses."""
    return {row.id: row.name for row in conn.execute(select(_OP.c.id, _OP.c.name))}
