"""Bring a station database to the schema this program expects, through Alembic only.

Opening a database written by an older version upgrades it after taking a backup copy;
a database written by a newer version (a revision we do not know) is refused rather than
guessed at, as qutebrowser does with its history database.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from station_app.domain.errors import DomainError
from station_app.resources_path import project_file


class SchemaTooNew(DomainError):
    """The database was written by a newer program version."""


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(project_file("migrations")))
    return cfg


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(
    engine: Engine, *, backup_dir: Path | None = None, database_file: Path | None = None
) -> str | None:
    """Upgrade if needed; return the backup path taken before upgrading, if any."""
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    current = current_revision(engine)
    head = script.get_current_head()
    if current == head:
        return None
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:  # alembic raises several kinds for an unknown revision
            raise SchemaTooNew(
                "database.too_new",
                "这个站点数据库由更新版本的程序写入,请升级本程序后再打开",
                "This station database was written by a newer version of the program; "
                "please update the program.",
            ) from None
    backup_path = None
    if current is not None and backup_dir is not None and database_file is not None:
        from station_app.storage.backup import backup_database

        backup_path = str(backup_database(database_file, backup_dir, f"before-{head}"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup_path
