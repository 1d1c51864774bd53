"""Copies of the station database made with SQLite's online backup API, and file moves.

A plain file copy of a WAL database can miss committed pages still in the ``-wal`` file;
the backup API copies a consistent snapshot even while the app is running.  Each copy is
switched to ``journal_mode=DELETE`` so that a backup is one self-contained file that can
be copied to a USB stick, opened read-only and checked without side files.

This module knows about SQLite files only (no ledger, no station); the station-level rules
(checking, keeping 30, refusing another station's backup) are in ``services/backups.py``.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

BACKUP_PREFIX = "station-"
BACKUP_SUFFIX = ".sqlite3"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_LABEL_RE = re.compile(r"[^A-Za-z0-9-]+")
_BUSY_TIMEOUT_S = 10.0
#: What reading a damaged database raises: SQLite's errors, and the error message of a
#: corrupted schema that is itself no longer UTF-8.
UNREADABLE: tuple[type[Exception], ...] = (sqlite3.Error, UnicodeDecodeError)
#: The same through SQLAlchemy, which wraps the driver's errors in ``DBAPIError``.
UNREADABLE_OR_REFUSED: tuple[type[Exception], ...] = (*UNREADABLE, DBAPIError)


def utc_stamp(now: datetime | None = None) -> str:
    """A file-name-safe UTC time that sorts in time order (microseconds keep it unique)."""
    return (now or datetime.now(UTC)).strftime(_STAMP_FORMAT)


def parse_stamp(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, _STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def clean_label(label: str) -> str:
    """Labels end up in file names: letters, digits and dashes only."""
    return _LABEL_RE.sub("-", label).strip("-") or "manual"


def side_files(path: Path) -> list[Path]:
    """The ``-wal``/``-shm``/``-journal`` files SQLite may keep next to ``path``."""
    return [path.with_name(path.name + s) for s in SIDE_SUFFIXES]


def unique_path(directory: Path, stem: str, suffix: str = BACKUP_SUFFIX) -> Path:
    """``directory/stem+suffix``, or with ``-2``, ``-3``… if that name is taken."""
    candidate = directory / f"{stem}{suffix}"
    n = 2
    while candidate.exists() or any(p.exists() for p in side_files(candidate)):
        candidate = directory / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in ``directory`` survive a power cut (POSIX only)."""
    if os.name != "posix":
        return  # Windows has no directory handles to fsync; NTFS journals renames
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_existing(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A sqlite3 connection that never creates ``path`` (``sqlite3.connect`` would)."""
    mode = "ro" if read_only else "rw"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    con = sqlite3.connect(uri, uri=True, timeout=_BUSY_TIMEOUT_S)
    # Checks read files that may be damaged: bytes that are no longer UTF-8 come back as
    # surrogates (and then fail the hash and row checks) instead of raising mid-check.
    con.text_factory = _lenient_text
    return con


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def online_copy(source: Path, target: Path, *, read_only_source: bool = False) -> Path:
    """Copy ``source`` to the new file ``target`` with the backup API, durably.

    The copy is in rollback-journal mode (one file) and fsynced before returning.  A
    partly written target is removed on any error, so a failed copy leaves nothing behind
    that could later be mistaken for a backup.  ``read_only_source`` leaves a file the
    person chose (e.g. on a USB stick) exactly as it was.
    """
    if not source.exists():
        raise FileNotFoundError(source)
    if target.exists():
        raise FileExistsError(target)
    try:
        src = open_existing(source, read_only=read_only_source)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE").fetchone()
                dst.commit()
            finally:
                dst.close()
        finally:
            src.close()
        fsync_file(target)
        fsync_dir(target.parent)
    except BaseException:
        for p in (target, *side_files(target)):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        raise
    return target


#: A copy being written or checked; renamed to its backup name only once it passes.
PARTIAL_PREFIX = ".partial-"


def backup_name(target_dir: Path, label: str) -> Path:
    """A free ``station-<UTC time>-<label>.sqlite3`` path in ``target_dir``."""
    return unique_path(target_dir, f"{BACKUP_PREFIX}{utc_stamp()}-{clean_label(label)}")


def partial_copy(source: Path, target_dir: Path, label: str) -> Path:
    """Copy ``source`` into ``target_dir`` under a name no backup listing counts.

    A backup killed half-way then leaves a ``.partial-*`` file, never one that looks like
    a backup; :func:`publish` gives it its real name once it has passed its check.
    """
    target_dir.mkdir(parents=True, exist_ok=True)
    final = backup_name(target_dir, label)
    return online_copy(source, target_dir / f"{PARTIAL_PREFIX}{final.name}")


def publish(partial: Path) -> Path:
    """Rename a checked ``.partial-*`` copy to its backup name (atomic, durable)."""
    name = partial.name.removeprefix(PARTIAL_PREFIX)
    target = partial.with_name(name)
    os.replace(partial, target)
    fsync_dir(partial.parent)
    return target


def backup_database(source: Path, target_dir: Path, label: str) -> Path:
    """Copy ``source`` into ``target_dir`` as ``station-<UTC time>-<label>.sqlite3``.

    The copy is not checked here; kept for the migration step, which backs up before
    upgrading a schema (``services.backups.make_backup`` checks before it publishes).
    """
    return publish(partial_copy(source, target_dir, label))


def integrity_problem(path: Path, *, read_only: bool = False) -> str | None:
    """``None`` if ``PRAGMA integrity_check`` says ok, else what SQLite reported.

    Opening errors ("file is not a database", unreadable file) are problems too: the
    caller only needs to know whether the file can be trusted.
    """
    try:
        con = open_existing(path, read_only=read_only)
    except UNREADABLE as exc:
        return f"cannot open: {exc}"
    try:
        rows = con.execute("PRAGMA integrity_check(20)").fetchall()
    except UNREADABLE as exc:
        return str(exc)
    finally:
        con.close()
    messages = [str(r[0]) for r in rows]
    if messages == ["ok"]:
        return None
    return "; ".join(messages) or "integrity check returned nothing"


def remove_side_files(path: Path) -> list[Path]:
    """Delete stale ``-wal``/``-shm``/``-journal`` files of ``path`` (no connection open!).

    Only call this when ``path`` is being replaced and the old file's side files were
    already merged (see ``release_for_replace``): an old ``-wal`` next to a new database
    file would be replayed into it and corrupt it.
    """
    removed = []
    for p in side_files(path):
        try:
            p.unlink()
        except FileNotFoundError:
            continue
        removed.append(p)
    return removed


def release_for_replace(path: Path) -> None:
    """Fold the WAL into ``path`` and leave WAL mode, which needs the only connection.

    SQLite refuses to leave WAL mode while another connection has the database open, so
    this doubles as the check that no program (this one included) still uses the file.
    Raises ``sqlite3.OperationalError`` ("database is locked") if one does.
    """
    con = open_existing(path)
    try:
        con.execute("PRAGMA busy_timeout = 0")
        mode = con.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise sqlite3.OperationalError("database is locked (still in WAL mode)")
    finally:
        con.close()


def replace_atomically(new_file: Path, destination: Path) -> None:
    """Put ``new_file`` (same folder, already fsynced) in place of ``destination``."""
    if new_file.parent.resolve() != destination.parent.resolve():
        raise ValueError("an atomic replace needs both files in the same folder")
    os.replace(new_file, destination)
    fsync_dir(destination.parent)


def move_aside(path: Path, directory: Path, stem: str) -> Path:
    """Rename ``path`` and its side files to ``directory/stem.sqlite3`` (+ same suffixes).

    Side files keep the new base name, so SQLite would still read them together; nothing
    is deleted.  Returns the new path of the main file.
    """
    target = unique_path(directory, stem)
    for src, dst in zip((path, *side_files(path)), (target, *side_files(target)), strict=True):
        if src.exists():
            os.replace(src, dst)
    fsync_dir(directory)
    return target
