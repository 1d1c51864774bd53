"""The receiver's Alembic migrations create exactly what its models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from association_server.db import make_engine
from association_server.migrate import upgrade_to_head
from association_server.models import Base


def test_receiver_migrations_match_the_models(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'assoc.sqlite3'}")
    upgrade_to_head(engine)
    upgrade_to_head(engine)  # a second run is a no-op
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    differences = [d for d in diff if not (d[0] == "remove_table" and "alembic" in d[1].name)]
    assert differences == []
