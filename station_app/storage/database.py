"""Opening a station's database: the file, its schema, and its transactions.

Every caller gets the same two doors: :meth:`StationDatabase.write` for one business
action (``BEGIN IMMEDIATE`` … commit, durable on return) and :meth:`StationDatabase.read`
for a consistent snapshot.  There is no way to write outside a transaction.

One writer, for real: writes of one program take turns on a lock in this object before
they ask SQLite for its write lock, so a sync marking batches on a network thread and a
donation being saved never wait on SQLite's busy timeout for each other (Vorta's
"database is locked"); each waits only for the other's short transaction.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from station_app.domain.errors import DomainError
from station_app.storage.engine import make_engine, read_transaction, write_transaction
from station_app.storage.migrate import upgrade_to_head


class StorageFull(DomainError):
    """The disk (or the database's size limit) is full; the action was rolled back."""


class StorageBusy(DomainError):
    """Another program holds the database; the action was rolled back."""


def _storage_error(exc: Exception) -> DomainError | None:
    text = str(getattr(exc, "orig", exc)).lower()
    if "full" in text:
        return StorageFull(
            "storage.full",
            "磁盘空间已满,本次记录未保存。请清理磁盘或联系技术人员后重试",
            "The disk is full; nothing was saved. Free some space or call the IT helper, "
            "then try again.",
        )
    if "locked" in text or "busy" in text:
        return StorageBusy(
            "storage.busy",
            "数据库正被其他程序占用,本次记录未保存,请稍后重试",
            "The database is in use by another program; nothing was saved. Try again.",
        )
    return None


class StationDatabase:
    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        self.path = path
        self._writer = threading.RLock()

    @classmethod
    def open(cls, path: Path, *, backup_dir: Path | None = None) -> StationDatabase:
        """Open (creating if needed) and upgrade to the current schema."""
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(path)
        try:
            upgrade_to_head(engine, backup_dir=backup_dir, database_file=path)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, path)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One business action; a full disk or a lock becomes a sentence, not a traceback."""
        try:
            with self._writer, write_transaction(self.engine) as conn:
                yield conn
        except (OperationalError, sqlite3.OperationalError) as exc:
            friendly = _storage_error(exc)
            if friendly is None:
                raise
            raise friendly from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with read_transaction(self.engine) as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> StationDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
