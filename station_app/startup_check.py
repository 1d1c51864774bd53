"""Is the station database fit to open?  Asked before anything opens it, without Qt.

``StationDatabase.open`` creates a missing file and builds the schema in it, which is
right for a new station and disastrous for a damaged one: the station would carry on
with an empty database and a new ledger, and the real records would be lost in the
confusion.  So start-up first asks :func:`check_database`, and a damaged file is moved
aside with :func:`quarantine` (never deleted, never recreated silently) before the
person is offered the newest good backup.

A damaged file set aside stays a reason not to start a new station: until a backup is
restored (or the IT helper removes the ``damaged-*`` file on purpose), the check keeps
reporting damage, so quitting the recovery dialog can never lead to the first-run dialog.

Usage at start (the GUI and any command that opens the station)::

    report = check_database(paths)
    if report.state is Health.DAMAGED:
        damaged = quarantine(paths)            # keep it for the IT helper
        offer = newest_good_backup(paths, report.station_code)
        ...                                    # RecoveryDialog, then services.backups.restore
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from pathlib import Path

from station_app.paths import DataPaths
from station_app.services import backup_checks, backups
from station_app.services.backups import BackupInfo
from station_app.services.database_check import SigningKeyFor, check_live_database
from station_app.storage import sqlite_files as files

__all__ = ["Health", "HealthReport", "check_database", "newest_good_backup", "quarantine"]

log = logging.getLogger(__name__)


class Health(enum.Enum):
    ABSENT = "absent"  # no database yet: a new station, the first-run dialog follows
    OK = "ok"
    DAMAGED = "damaged"


@dataclass(frozen=True, slots=True)
class HealthReport:
    state: Health
    database: Path
    reason_zh: str = ""
    reason_en: str = ""
    detail: str = ""  # SQLite's own words, for the log and the IT helper
    station_code: str | None = None  # best effort, also when damaged
    entries: int = 0
    quarantined: Path | None = None  # the damaged file already set aside, if any

    @property
    def ok(self) -> bool:
        return self.state is not Health.DAMAGED

    def reason(self, language: str = "zh") -> str:
        return self.reason_en if language.startswith("en") else self.reason_zh


def check_database(paths: DataPaths, signing_key_for: SigningKeyFor | None = None) -> HealthReport:
    """Absent, ok, or damaged with the reason; never creates or changes the schema.

    ``signing_key_for(station_code)`` gives the key that MACs the verified point, so the
    rows are checked only from there (see ``services.database_check``).

    The file is opened read-write so SQLite can first replay a ``-wal`` left behind by a
    power cut, which is the normal recovery and not damage.
    """
    db = paths.database
    if not db.exists():
        leftovers = [p for p in files.side_files(db) if p.exists()]
        if leftovers:
            # A journal without its database would be replayed into a new, empty file.
            return HealthReport(
                Health.DAMAGED,
                db,
                "站点数据库文件不见了,但它的日志文件还在",
                "The station database file is missing, but its journal file is still there.",
                ", ".join(p.name for p in leftovers),
            )
        set_aside = _damaged_files(paths)
        if set_aside:
            # Quarantined earlier and never restored (the person chose "quit"): starting
            # the first-run dialog now would silently begin a new, empty station.
            return HealthReport(
                Health.DAMAGED,
                db,
                "之前损坏的站点数据库已被移到一旁,但还没有恢复备份",
                "An earlier damaged station database was set aside, and no backup has been "
                "restored yet.",
                set_aside[0].name,
                backup_checks.station_code_of(set_aside[0]),
                quarantined=set_aside[0],
            )
        return HealthReport(Health.ABSENT, db)
    if db.stat().st_size == 0:
        return HealthReport(
            Health.DAMAGED,
            db,
            "站点数据库文件是空的(0 字节)",
            "The station database file is empty (0 bytes).",
            "empty file",
        )
    check = check_live_database(db, signing_key_for)
    code = check.station_code or backup_checks.station_code_of(db, read_only=False)
    if not check.ok:
        log.error("station database damaged: %s (%s)", check.problem_en, check.detail)
        return HealthReport(
            Health.DAMAGED,
            db,
            check.problem_zh or "",
            check.problem_en or "",
            check.detail or "",
            code,
            check.entries,
        )
    if code is None and backups.list_backups(paths):
        # A database without a station, next to backups of one: what is left of a file
        # that lost its tables.  Setting up a new station here would bury the real one.
        return HealthReport(
            Health.DAMAGED,
            db,
            "站点数据库中没有站点信息,但这台电脑上有站点备份",
            "The station database holds no station, but this PC has backups of one.",
            "no station row",
            backups.list_backups(paths)[0].station_code,
        )
    return HealthReport(Health.OK, db, station_code=code, entries=check.entries)


def quarantine(paths: DataPaths) -> Path:
    """Move the damaged database and its -wal/-shm aside as ``damaged-<time>.sqlite3``.

    They stay in the data folder for the IT helper (and, if need be, for recovering
    records by hand); the station database path is then free for a restore.  If that was
    already done at an earlier start, the file set aside then is returned.
    """
    db = paths.database
    if db.exists() or any(p.exists() for p in files.side_files(db)):
        return backups.quarantine_file(paths)
    set_aside = _damaged_files(paths)
    if not set_aside:
        raise FileNotFoundError(db)
    return set_aside[0]


def _damaged_files(paths: DataPaths) -> list[Path]:
    """Databases set aside by :func:`quarantine`, newest first."""
    found = [
        p
        for folder in (paths.set_aside, paths.root)
        if folder.is_dir()
        for p in folder.glob("damaged-*.sqlite3")
        if p.is_file()
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def newest_good_backup(paths: DataPaths, station_code: str | None = None) -> BackupInfo | None:
    """The newest backup that passes the full check; ``station_code``'s only, when known."""
    return backups.newest_good_backup(paths, station_code)
