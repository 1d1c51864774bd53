"""Copies of the station database made with SQLite's online backup API.

A plain file copy of a WAL database can miss committed pages still in the ``-wal`` file;
the backup API copies a consistent snapshot even while the app is running.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def backup_database(source: Path, target_dir: Path, label: str) -> Path:
    """Copy ``source`` into ``target_dir`` as ``station-<UTC time>-<label>.sqlite3``."""
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = target_dir / f"station-{stamp}-{label}.sqlite3"
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target
