"""Bring a station database to the schema this program expects, through Alembic only.

Opening a database written by an older version upgrades it after taking a backup copy;
a database written by a newer version (a revision we do not know) is refused rather than
guessed at, as qutebrowser does with its history database.

Alembic is imported only when the database is not already at :data:`HEAD_REVISION`: it
costs ~0.15 s to import, which every start would otherwise pay for nothing.  A test
keeps :data:`HEAD_REVISION` equal to the migrations' real head.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from station_app.domain.errors import DomainError
from station_app.resources_path import project_file

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest migration in ``migrations/versions``; update it with every new migration.
HEAD_REVISION = "0010"


class SchemaTooNew(DomainError):
    """The database was written by a newer program version."""


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(project_file("migrations")))
    return cfg


def head_revision() -> str:
    """The head according to the migration scripts themselves."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError:  # no alembic_version table: a new, empty database
            return None


def upgrade_to_head(
    engine: Engine, *, backup_dir: Path | None = None, database_file: Path | None = None
) -> str | None:
    """Upgrade if needed; return the backup path taken before upgrading, if any."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
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
        from station_app.storage.sqlite_files import backup_database

        backup_path = str(backup_database(database_file, backup_dir, f"before-{HEAD_REVISION}"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup_path
