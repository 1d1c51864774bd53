"""Alembic environment for the station database.

The app runs migrations from code (``station_app.storage.migrate``) on a connection it
already holds, passed in ``config.attributes["connection"]``; the ``alembic`` command
line works too, with ``-x db=PATH``.  Batch mode is on because SQLite cannot ALTER most
things in place.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from station_app.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    db = context.get_x_argument(as_dictionary=True).get("db", "station.sqlite3")
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        _configure(conn)


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported for the station database")
run()
