"""Making, listing and pruning the station's backups, and the automatic ones.

A backup only counts once the copy has passed the checks of ``backup_checks`` (SQLite's
integrity check and a ledger verification): a copy of a silently damaged database is
worse than none, because it would push a good one out of the last 30.  Copies are
written under a ``.partial-*`` name and renamed only when checked, so a power cut never
leaves a half backup that looks whole.  Restoring one is ``restore.py``.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from station_app.domain.errors import DomainError
from station_app.paths import DataPaths
from station_app.services.backup_checks import check_file, read_scalar, station_code_of
from station_app.storage import sqlite_files as files
from station_app.storage.database import StationDatabase

if TYPE_CHECKING:
    from station_app.services.sessions import OperatorSession

__all__ = [
    "KEEP_BACKUPS",
    "AutoBackup",
    "BackupError",
    "BackupInfo",
    "backup_after_day_close",
    "backup_at_start",
    "list_backups",
    "make_backup",
    "newest_good_backup",
    "prune_backups",
    "quarantine_file",
]

log = logging.getLogger(__name__)

KEEP_BACKUPS = 30
#: A ``.partial-*`` copy older than this was left by a backup that did not finish.
PARTIAL_GRACE_S = 600


class BackupError(DomainError):
    """A backup could not be made, or a restore was refused; nothing was changed."""


# -- checking one file -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file as the IT helper and the recovery dialog see it."""

    path: Path
    created_at: datetime
    label: str
    size: int
    station_code: str | None
    entries: int | None  # ``None``: the file could not be read

    @property
    def readable(self) -> bool:
        return self.entries is not None


def _parse_name(path: Path) -> tuple[datetime, str] | None:
    """``station-<stamp>-<label>.sqlite3`` → (time, label); ``None`` for other files."""
    name = path.name
    if not (name.startswith(files.BACKUP_PREFIX) and name.endswith(files.BACKUP_SUFFIX)):
        return None
    middle = name[len(files.BACKUP_PREFIX) : -len(files.BACKUP_SUFFIX)]
    stamp, _, label = middle.partition("-")
    when = files.parse_stamp(stamp)
    return (when, label) if when is not None else None


def _backup_files(paths: DataPaths) -> list[tuple[datetime, str, Path]]:
    if not paths.backups.is_dir():
        return []
    found = []
    for p in paths.backups.iterdir():
        parsed = _parse_name(p) if p.is_file() else None
        if parsed is not None:
            found.append((parsed[0], parsed[1], p))
    found.sort(key=lambda t: (t[0], t[2].name), reverse=True)
    return found


def describe_backup(path: Path) -> BackupInfo:
    """Cheap facts about a backup (no full check): for lists, not for trusting it."""
    parsed = _parse_name(path)
    when, label = parsed or (datetime.fromtimestamp(path.stat().st_mtime, UTC), "")
    code, entries = None, None
    try:
        code = station_code_of(path)
        counted = read_scalar(path, "SELECT count(*) FROM ledger_entry")
        entries = counted if isinstance(counted, int) else 0
    except files.UNREADABLE:
        entries = None
    return BackupInfo(path, when, label, path.stat().st_size, code, entries)


def list_backups(paths: DataPaths) -> list[BackupInfo]:
    """Every backup in the backups folder, newest first."""
    return [describe_backup(p) for _when, _label, p in _backup_files(paths)]


def prune_backups(paths: DataPaths, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the newest ``keep`` readable backups; returns what was deleted.

    Only files named like our backups are touched: a copy someone put in the folder by
    hand, or a quarantined damaged database, is never deleted here.  A backup that can
    no longer be read does not count among the kept (so it can never push a good one
    out) and is left for the IT helper.  ``.partial-*`` copies left by a backup that was
    killed half-way are removed.
    """
    removed = []
    kept = 0
    for _when, _label, path in _backup_files(paths):
        if describe_backup(path).readable:
            kept += 1
            if kept <= keep:
                continue
        else:
            continue
        for p in (path, *files.side_files(path)):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        removed.append(path)
    if paths.backups.is_dir():
        stale = datetime.now(UTC).timestamp() - PARTIAL_GRACE_S
        for leftover in paths.backups.glob(f"{files.PARTIAL_PREFIX}*"):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < stale:  # not one being written right now
                    leftover.unlink()
                    log.info("removed %s, left by an unfinished backup", leftover.name)
    if removed:
        log.info("pruned %d old backup(s)", len(removed))
    return removed


def newest_good_backup(paths: DataPaths, station_code: str | None = None) -> BackupInfo | None:
    """The newest backup that passes the full check (and is ``station_code``'s, if given)."""
    for info in list_backups(paths):
        if not info.readable or info.station_code is None:
            continue
        if station_code is not None and info.station_code != station_code:
            continue
        if check_file(info.path).ok:
            return info
        log.warning("backup %s fails its check; skipped", info.path.name)
    return None


# -- making backups ----------------------------------------------------------------------


def _ledger_backup(db: StationDatabase, session: OperatorSession, label: str) -> None:
    from station_app.domain.entry_types import EntryType
    from station_app.domain.roles import Action
    from station_app.domain.station_time import to_iso, utc_now
    from station_app.services.ledger_writer import append_entry
    from station_app.services.sessions import require_session
    from station_app.storage.lookups import station_code

    with db.write() as conn:
        actor = require_session(conn, session, Action.BACKUP)
        append_entry(
            conn,
            type=EntryType.BACKUP_MADE,
            at=to_iso(utc_now()),
            station_code=station_code(conn),
            data={"by": actor.name, "label": files.clean_label(label)[:40]},
        )


def storage_sentence(exc: BaseException) -> BackupError:
    text = str(exc).lower()
    if "full" in text or "no space" in text:
        return BackupError(
            "backup.disk_full",
            "磁盘空间已满,备份未能完成。请清理磁盘或联系技术人员",
            "The disk is full, so the backup was not made. Free some space or call the IT helper.",
        )
    return BackupError(
        "backup.failed",
        f"备份未能完成:{exc}",
        f"The backup could not be made: {exc}",
    )


def make_backup(
    paths: DataPaths,
    label: str = "manual",
    *,
    db: StationDatabase | None = None,
    session: OperatorSession | None = None,
) -> BackupInfo:
    """Copy the live database with the backup API, check the copy, keep the last 30.

    A copy that fails its check is deleted and reported: it must not count as a backup.
    A person's backup (``session``, with the open ``db``) is a copy of every record
    leaving the desk: it is ledgered first, so the copy itself holds the entry.
    """
    if not paths.database.exists():
        raise BackupError(
            "backup.no_database",
            "还没有站点数据库,无需备份",
            "There is no station database yet, so there is nothing to back up.",
        )
    if session is not None:
        assert db is not None, "a person's backup is ledgered in the open database"
        _ledger_backup(db, session, label)
    try:
        partial = files.partial_copy(paths.database, paths.backups, label)
    except (sqlite3.Error, OSError) as exc:
        raise storage_sentence(exc) from exc
    check = check_file(partial, rows=False)
    if not check.ok:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        log.error("backup copy failed its check and was deleted: %s", check.detail)
        raise BackupError(
            "backup.bad_copy",
            f"备份副本未通过检查,已删除。{check.problem_zh}",
            f"The backup copy failed its check and was deleted. {check.problem_en}",
        )
    target = files.publish(partial)
    prune_backups(paths)
    info = describe_backup(target)
    log.info("backup %s made (%d ledger entries)", target.name, check.entries)
    return info


@dataclass(frozen=True, slots=True)
class AutoBackup:
    """The outcome of an automatic backup, which must never stop the action it follows."""

    backup: BackupInfo | None
    error: DomainError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _automatic(paths: DataPaths, label: str) -> AutoBackup:
    if not paths.database.exists() or station_code_of(paths.database, read_only=False) is None:
        return AutoBackup(None)  # a new station: nothing worth keeping yet
    try:
        return AutoBackup(make_backup(paths, label))
    except DomainError as err:
        log.warning("automatic %s backup failed: %s", label, err.code)
        return AutoBackup(None, err)


def backup_at_start(paths: DataPaths) -> AutoBackup:
    """The start-up backup: after ``check_database`` says ok, before the desk opens.

    Never raises for a failed backup (the desk still starts); show ``error`` as a warning.
    """
    return _automatic(paths, "start")


def backup_after_day_close(paths: DataPaths) -> AutoBackup:
    """The backup after a day close committed; the close itself stays done if this fails."""
    return _automatic(paths, "day-close")


def quarantine_file(paths: DataPaths) -> Path:
    """Move the database (and its -wal/-shm) aside as ``set-aside/damaged-<time>.sqlite3``.

    Kept for the IT helper and for a restore, which carries what it can still read.
    """
    paths.ensure()
    moved = files.move_aside(paths.database, paths.set_aside, f"damaged-{files.utc_stamp()}")
    log.warning("database moved aside to %s", moved)
    return moved
