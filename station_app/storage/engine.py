"""The SQLite engine with the settings every station database must have.

WAL lets the UI read while a donation is being written; ``synchronous=FULL`` makes a
commit survive a power cut (stations are switched off at the wall); foreign keys are
off by default in SQLite and must be switched on for every connection.  Write
transactions start with ``BEGIN IMMEDIATE`` so the one writer takes the lock before it
reads the last receipt number or ledger hash, never half-way through.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

BUSY_TIMEOUT_MS = 10_000
_WRITE_OPTION = "station_write"


def install_sqlite_settings(engine: Engine, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """WAL, ``synchronous=FULL``, foreign keys, busy timeout, and ``BEGIN IMMEDIATE`` for
    :func:`write_transaction`, on every connection of ``engine`` (the station's database,
    and the association's receiver when it runs on SQLite)."""

    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how a transaction starts (see below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_begin(conn: Connection) -> None:
    if conn.get_execution_options().get(_WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    """An engine on the station database file at ``path``."""
    return install_sqlite_settings(create_engine(f"sqlite:///{path}"))


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One business action: commits durably on success, writes nothing on any error."""
    with engine.connect().execution_options(**{_WRITE_OPTION: True}) as conn, conn.begin():
        yield conn


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A consistent snapshot for queries."""
    with engine.connect() as conn, conn.begin():
        yield conn
