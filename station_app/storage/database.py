"""Opening a station's database: the file, its schema, and its transactions.

Every caller gets the same two doors: :meth:`StationDatabase.write` for one business
action (``BEGIN IMMEDIATE`` … commit, durable on return) and :meth:`StationDatabase.read`
for a consistent snapshot.  There is no way to write outside a transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine

from station_app.storage.engine import make_engine, read_transaction, write_transaction
from station_app.storage.migrate import upgrade_to_head


class StationDatabase:
    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        self.path = path

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
        with write_transaction(self.engine) as conn:
            yield conn

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
