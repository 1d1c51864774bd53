"""Restoring a backup without erasing anything that was issued after it.

A restore is the coordinator's action, proven by their password in the same call.
Before the database is replaced, the one being replaced is read: every ledger entry
the backup lacks is carried into the restored copy with its rows
(``ledger_replay``), so no receipt handed to a donor disappears and numbering goes on
from the last number really issued.  If the old file cannot be read (or only partly),
the restore says so in a ``station.restored`` entry, names how far the station had
got, and sets a floor under receipt numbering from every other source that still
tells the highest number (the damaged file's raw bytes, the archived receipt PDFs), so
a number once printed is never given to another donation.

The old file is kept in ``set-aside/``, never pruned; nothing needs it any more, which
is the point: deleting it loses nothing.  The restored file passes the full check
(chain, rows, signatures, triggers) before it replaces anything, and the swap is
atomic, so a power cut leaves the old database or the new one, never a mixture.
No connection to the database may be open.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from station_app.domain.entry_types import EntryType
from station_app.domain.roles import Action
from station_app.domain.station_time import to_iso, utc_now
from station_app.paths import DataPaths
from station_app.services import backup_checks, backups
from station_app.services.ledger_check import verify_ledger
from station_app.services.ledger_replay import replay
from station_app.services.ledger_writer import append_entry, ledger_head
from station_app.services.restore_evidence import number_floors, read_previous, restore_refusal
from station_app.services.sessions import OperatorSession, authenticate, require_session
from station_app.storage import sqlite_files as files
from station_app.storage.database import StationDatabase

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    station_code: str
    entries: int  # ledger entries in the restored database, the restore entry included
    kept_copy: Path | None  # the replaced database, kept in set-aside/
    quarantined: Path | None  # or where it already was, when it was damaged
    carried: int = 0  # entries the backup lacked, carried over from the replaced file
    previous_existed: bool = False
    previous_readable: bool = True
    receipt_floor: dict[int, int] = field(default_factory=dict)


# -- the restore -------------------------------------------------------------------------


_STAGED_PREFIX = ".restore-"


def _stage(source: Path, paths: DataPaths) -> Path:
    # The process id in the name tells a later start whether this restore is still running.
    staged = files.unique_path(paths.root, f"{_STAGED_PREFIX}{files.utc_stamp()}-{os.getpid()}")
    try:
        files.online_copy(source, staged, read_only_source=True)
    except sqlite3.DatabaseError as exc:
        raise restore_refusal(
            "unreadable",
            f"所选文件 {source.name} 不是可用的数据库备份:{exc}",
            f"The chosen file {source.name} is not a usable database backup: {exc}",
        ) from exc
    except OSError as exc:
        raise backups.storage_sentence(exc) from exc
    return staged


def _check_staged(staged: Path, source: Path, expected: str | None) -> backup_checks.FileCheck:
    check = backup_checks.check_file(staged)
    if not check.ok:
        raise restore_refusal(
            "bad_backup",
            f"所选备份 {source.name} 未通过检查,未作恢复:{check.problem_zh}",
            f"The chosen backup {source.name} fails its check, so nothing was restored: "
            f"{check.problem_en}",
        )
    if check.station_code is None:
        raise restore_refusal(
            "no_station",
            f"所选文件 {source.name} 中没有站点信息,未作恢复",
            f"The chosen file {source.name} holds no station, so nothing was restored.",
        )
    if not backup_checks.known_revision(check.revision):
        raise restore_refusal(
            "too_new",
            "所选备份由更新版本的程序写入,请先升级本程序",
            "The chosen backup was written by a newer version of the program; update the "
            "program first.",
        )
    if expected is not None and check.station_code != expected:
        raise restore_refusal(
            "other_station",
            f"所选备份属于站点 {check.station_code},不是本站点 {expected},已拒绝恢复",
            f"The chosen backup belongs to station {check.station_code}, not to this "
            f"station {expected}; it was not restored.",
        )
    return check


def _readable_database(path: Path) -> bool:
    try:
        con = files.open_existing(path, read_only=True)
        try:
            con.execute("SELECT count(*) FROM operator").fetchone()
        finally:
            con.close()
    except files.UNREADABLE:
        return False
    return True


def _set_aside(paths: DataPaths, previous: Path) -> tuple[Path | None, Path | None]:
    """Keep the replaced database in set-aside/: a checked-in copy of a healthy file, or
    the file itself moved byte for byte when it is damaged (with its -wal/-shm)."""
    if previous != paths.database:
        return None, previous  # already moved aside at start-up (the recovery path)
    if not previous.exists():
        return None, None
    if not backup_checks.check_file(previous).ok:
        return None, files.move_aside(previous, paths.set_aside, f"damaged-{files.utc_stamp()}")
    try:
        files.release_for_replace(previous)
    except sqlite3.OperationalError as exc:
        raise restore_refusal(
            "in_use",
            "站点数据库正被程序使用,请先关闭本程序的其他窗口后再恢复",
            "The station database is in use by a program; close the program first, then restore.",
        ) from exc
    target = files.unique_path(paths.set_aside, f"replaced-{files.utc_stamp()}")
    try:
        files.online_copy(previous, target)
    except (sqlite3.Error, OSError) as exc:
        raise backups.storage_sentence(exc) from exc
    if any(p.exists() for p in files.side_files(previous)[:2]):
        raise restore_refusal(
            "in_use",
            "站点数据库刚被其他程序打开,请关闭后再恢复",
            "The station database was just opened by another program; close it, then restore.",
        )
    return target, None


def restore(
    paths: DataPaths,
    backup_file: Path,
    *,
    operator: str,
    password: str,
    expected_station: str | None = None,
    previous: Path | None = None,
    clock: Clock = utc_now,
) -> RestoreResult:
    """Replace the station database with ``backup_file``, carrying everything newer.

    ``previous`` is the database being replaced (default: the station database; the
    recovery path passes the damaged file start-up moved aside).  ``operator`` and
    ``password`` are the coordinator's, checked against ``previous`` when it can be read,
    else against the backup.
    """
    source = Path(backup_file)
    if not source.is_file():
        raise restore_refusal(
            "missing", f"找不到备份文件 {source}", f"The backup file {source} does not exist."
        )
    paths.ensure()
    old = previous if previous is not None else paths.database
    expected = expected_station
    if expected is None and old.exists():
        expected = backup_checks.station_code_of(old)
    staged = _stage(source, paths)
    try:
        check = _check_staged(staged, source, expected)
        code = check.station_code
        assert code is not None
        staged_db = StationDatabase.open(staged)  # brings an older backup to this schema
        try:
            with staged_db.read() as conn:
                backup_head = ledger_head(conn)
            prev = read_previous(old, backup_head, code)
            with staged_db.write() as conn:
                for entry in prev.entries:
                    replay(conn, entry, prev.extras)
            session = _prove_coordinator(paths, old, staged_db, operator, password)
            floor = number_floors(paths, code, prev, staged_db)
            lost_possible = not prev.readable or not prev.exists
            with staged_db.write() as conn:
                actor = require_session(conn, session, Action.RESTORE)
                restored_entry = append_entry(
                    conn,
                    type=EntryType.STATION_RESTORED,
                    at=to_iso(clock().replace(microsecond=0)),
                    station_code=code,
                    data={
                        "by": actor.name,
                        "backup": source.name[:200],
                        "backup_head_seq": backup_head[0],
                        "backup_head_hash": backup_head[1],
                        "carried_entries": len(prev.entries),
                        "previous_readable": not lost_possible,
                        "previous_head_seq": prev.head_seq,
                        "previous_head_hash": prev.head_hash,
                        "receipt_floor": {str(y): n for y, n in sorted(floor.values.items())},
                        "floor_sources": sorted(floor.sources),
                    },
                )
                for year, serial in floor.values.items():
                    conn.execute(
                        text(
                            "INSERT INTO receipt_number_floor (year, ledger_seq, serial) "
                            "VALUES (:y, :s, :n)"
                        ),
                        {"y": year, "s": restored_entry.seq, "n": serial},
                    )
            report = verify_ledger(staged_db)
            if not report.ok:
                raise restore_refusal(
                    "carry_failed",
                    f"带入新记录后的数据库未通过检查,未作恢复:{report.problem_zh}",
                    f"The restored database did not pass its check after carrying the newer "
                    f"records, so nothing was restored: {report.problem_en}",
                )
        finally:
            staged_db.close()
        files.release_for_replace(staged)
        kept, quarantined = _set_aside(paths, old)
        files.remove_side_files(paths.database)
        files.replace_atomically(staged, paths.database)
    finally:
        for p in (staged, *files.side_files(staged)):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
    log.info(
        "restored %s (%s): %d entries, %d carried over", source.name, code, report.entries,
        len(prev.entries),
    )  # fmt: skip
    return RestoreResult(
        source,
        code,
        report.entries,
        kept,
        quarantined,
        len(prev.entries),
        prev.exists,
        not lost_possible,
        dict(floor.values),
    )


def _prove_coordinator(
    paths: DataPaths, old: Path, staged: StationDatabase, operator: str, password: str
) -> OperatorSession:
    """The coordinator's session, checked where failed guesses are remembered.

    Against the live database when it can be read (its throttling holds); otherwise
    against the restored copy, which by now holds every account change carried over.
    """
    if old == paths.database and old.exists() and _readable_database(old):
        live = StationDatabase.open(old)
        try:
            session = authenticate(live, operator, password, channel="desk")
            with live.read() as conn:
                require_session(conn, session, Action.RESTORE)
            return session
        finally:
            live.close()
    return authenticate(staged, operator, password, channel="desk")


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's) or cannot tell: leave it
    return True


def remove_unfinished_restores(paths: DataPaths) -> list[Path]:
    """Delete the staged copies of restores whose process is gone (killed half-way).

    A staged copy is a whole station database; a restore killed again and again would
    otherwise fill the disk with them.  The database itself was never touched by those
    restores (the swap is the last, atomic step).
    """
    removed: list[Path] = []
    if not paths.root.is_dir():
        return removed
    for found in sorted(paths.root.glob(f"{_STAGED_PREFIX}*")):
        base = found.name
        for side in files.SIDE_SUFFIXES:
            base = base.removesuffix(side)
        if not base.endswith(files.BACKUP_SUFFIX):
            continue
        pid_text = base[: -len(files.BACKUP_SUFFIX)].rsplit("-", 1)[-1]
        if pid_text.isdigit() and _process_alive(int(pid_text)):
            continue
        with contextlib.suppress(FileNotFoundError):
            found.unlink()
            removed.append(found)
            log.info("removed %s, left by an unfinished restore", found.name)
    return removed
