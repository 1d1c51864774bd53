"""Alembic environment for the receiver's database.

The receiver migrates from code (:mod:`association_server.migrate`) on a connection it
already holds, passed in ``config.attributes["connection"]``; ``alembic -x url=URL``
works too.  Batch mode is on because SQLite cannot ALTER most things in place.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from association_server.db import make_engine
from association_server.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        # Its own version table, so a receiver and a station schema never confuse each other.
        version_table="association_alembic_version",
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///association.sqlite3")
    with make_engine(url).begin() as conn:
        _configure(conn)


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported for the receiver database")
run()
