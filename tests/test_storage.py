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


def test_full_database_refuses_with_a_sentence_and_stays_consistent(station) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    from station_app.domain.donations import DonationDraft, ItemDraft
    from station_app.services.ledger_check import verify_ledger
    from station_app.storage.database import StorageFull

    def limit_pages(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    station.db.engine.dispose()
    event.listen(station.db.engine, "connect", limit_pages)
    item = ItemDraft("大米" * 20, "1", "袋", "10")
    draft = DonationDraft(kind="in_kind", anonymous=True, note="x" * 190, items=(item,) * 40)
    recorded = 0
    with pytest.raises(StorageFull) as info:
        for _ in range(200):
            station.recorder.record(station.staff, draft)
            recorded += 1
    assert "disk is full" in info.value.message_en
    con = sqlite3.connect(station.paths.database)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM donation").fetchone()[0] == recorded
    assert con.execute("SELECT count(*) FROM receipt").fetchone()[0] == recorded
    con.close()
    assert verify_ledger(station.db).ok


def test_older_schema_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    from alembic import command

    from station_app.storage.engine import make_engine
    from station_app.storage.migrate import alembic_config

    path = tmp_path / "s.sqlite3"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO operator VALUES (1, '陈主任', 'coordinator', 'x', 1, '2026-01-01T00:00:00Z')"
    )
    con.execute(
        "INSERT INTO day_close VALUES ('2026-03-09', 100, 90, -10, '少十分', 1, "
        "'2026-03-09T12:00:00Z')"
    )
    con.commit()
    con.close()
    with StationDatabase.open(path, backup_dir=tmp_path / "b") as db, db.read() as conn:
        row = conn.execute(
            text("SELECT business_day, counted_cash_fen, witness_id, reopened_at FROM day_close")
        ).one()
    assert tuple(row) == ("2026-03-09", 90, 1, None)
    [backup] = list((tmp_path / "b").iterdir())
    old = sqlite3.connect(backup)
    assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    old.close()


def test_head_constant_matches_the_migrations() -> None:
    from station_app.storage.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION
