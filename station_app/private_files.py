"""Files only their owner can read: the data folder, the database, backups, receipts,
exports, logs and key envelopes hold donors' names and the station's records.

On POSIX the program runs with umask 077, so everything it creates is 0600 (folders
0700), and the data folder itself is made 0700 even if an older version left it open.
On Windows the data folder is in the per-user ``%LOCALAPPDATA%``, which other users
cannot read; file modes mean nothing there.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def restrict_process_umask() -> None:
    """New files and folders of this process are for its user alone (POSIX)."""
    if os.name == "posix":
        os.umask(0o077)


def make_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if os.name == "posix" and (path.stat().st_mode & 0o777) != PRIVATE_DIR:
        path.chmod(PRIVATE_DIR)
    return path


def tighten_top_level(root: Path) -> None:
    """Close up a data folder an older version left readable: the folder 0700 (which
    alone keeps everything below it private) and its own files 0600."""
    if os.name != "posix" or not root.is_dir():
        return
    make_private_dir(root)
    for entry in root.iterdir():
        with contextlib.suppress(OSError):
            mode = entry.stat().st_mode & 0o777
            wanted = PRIVATE_DIR if entry.is_dir() else PRIVATE_FILE
            if mode != wanted and not entry.is_symlink():
                entry.chmod(wanted)


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a new or truncated ``path`` readable only by its owner."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as f:
            fd = -1
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    finally:
        if fd != -1:
            os.close(fd)
    if os.name == "posix":
        path.chmod(PRIVATE_FILE)
