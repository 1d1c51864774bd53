"""The receiver's database: engine settings per backend and the one way to write.

Several receiver processes may share one database, so serialisation must come from the
database, never from process memory.  A write transaction therefore starts in a way
that takes the database's lock early: ``BEGIN IMMEDIATE`` on SQLite (one writer at a
time, across processes, waiting up to the busy timeout), and on PostgreSQL the batch
code locks the station's cursor row with ``SELECT … FOR UPDATE`` (see
:func:`lock_station`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, insert, select
from sqlalchemy.engine import make_url

from association_server.models import StationRow
from station_app.storage.engine import (  # the same SQLite settings as the station's
    install_sqlite_settings,
    read_transaction,
    write_transaction,
)

__all__ = ["insert_many", "make_engine", "read_transaction", "write_transaction"]

DEFAULT_URL = "sqlite:///association.sqlite3"
BUSY_TIMEOUT_MS = 30_000
_S = StationRow.__table__


def normalise_url(url: str) -> str:
    """Accept the usual ``postgresql://`` spelling and use the psycopg 3 driver for it."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the durability and locking settings the receiver needs."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        return install_sqlite_settings(engine, busy_timeout_ms=BUSY_TIMEOUT_MS)
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def lock_station(conn: Connection, code: str) -> Any:
    """The station's row, locked until the transaction ends (cursor of its stream).

    On PostgreSQL this is a row lock, so two processes handling batches of one station
    take turns while other stations proceed in parallel; on SQLite the whole database is
    already locked by ``BEGIN IMMEDIATE``.
    """
    query = select(_S).where(_S.c.code == code)
    if conn.dialect.name != "sqlite":
        query = query.with_for_update()
    return conn.execute(query).first()


def insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (all with the same keys) with one driver-level executemany.

    A batch stores thousands of rows; SQLAlchemy's own executemany builds a parameter
    set per row in Python, which cost more than the insert itself.  The statement is
    still compiled by SQLAlchemy for the connection's dialect (qmark for SQLite, named
    for psycopg); the receiver's columns are plain text and integers, with no type
    conversion to skip.
    """
    if not rows:
        return
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(rows[0]))
    if compiled.positional:
        order = compiled.positiontup or []
        conn.exec_driver_sql(str(compiled), [tuple(row[key] for key in order) for row in rows])
    else:
        conn.exec_driver_sql(str(compiled), rows)
