"""The database file: PRAGMAs, Alembic migrations, and refusing a newer schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from station_app.storage.database import StationDatabase
from station_app.storage.migrate import SchemaTooNew, head_revision
from station_app.storage.models import Base


def test_pragmas_make_commits_durable(tmp_path: Path) -> None:
    with StationDatabase.open(tmp_path / "s.sqlite3") as db, db.read() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_migrations_create_exactly_the_models(tmp_path: Path) -> None:
    with StationDatabase.open(tmp_path / "s.sqlite3") as db, db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []
        assert ctx.get_current_revision() == head_revision()


def test_reopening_at_head_takes_no_backup(tmp_path: Path) -> None:
    StationDatabase.open(tmp_path / "s.sqlite3").close()
    StationDatabase.open(tmp_path / "s.sqlite3", backup_dir=tmp_path / "b").close()
    assert not (tmp_path / "b").exists()


def test_tables_without_a_revision_are_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    StationDatabase.open(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO designation VALUES ('x', 'X', 'fund', 1, 0)")
    con.execute("DELETE FROM alembic_version")
    con.commit()
    con.close()
    # A database with no revision but tables present cannot be upgraded blindly: the
    # initial migration would collide.  Alembic reports it; the file must be unchanged.
    before = path.read_bytes()
    with pytest.raises(Exception, match="already exists"):
        StationDatabase.open(path, backup_dir=tmp_path / "b")
    assert sqlite3.connect(path).execute("SELECT count(*) FROM designation").fetchone()[0] == 1
    assert len(before) > 0


def test_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    StationDatabase.open(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'f00dfeedbeef'")
    con.commit()
    con.close()
    with pytest.raises(SchemaTooNew) as info:
        StationDatabase.open(path)
    assert "newer" in info.value.message_en
