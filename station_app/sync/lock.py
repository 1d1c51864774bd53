"""Only one sync at a time per station database, across threads and processes.

The lock is a small JSON file next to the database (pid, host, a random owner id and a
heartbeat).  Taking or dropping it happens inside a ``BEGIN IMMEDIATE`` transaction on
the station database, so two would-be syncs — two threads, the UI and ``station-app
sync`` — are serialised by SQLite itself and cannot both see "free".  A lock left by a
crashed run is recovered: on the same host a dead pid frees it at once; otherwise (or on
Windows, where probing a pid is not safe) a heartbeat older than ``stale_after`` does.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from station_app.storage.database import StationDatabase

LOCK_NAME = "sync.lock"
DEFAULT_STALE_AFTER = 15 * 60.0


@dataclass(frozen=True, slots=True)
class LockHolder:
    pid: int
    host: str
    owner: str
    started: float
    heartbeat: float


def _pid_alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class SyncLock:
    def __init__(
        self,
        db: StationDatabase,
        *,
        path: Path | None = None,
        stale_after: float = DEFAULT_STALE_AFTER,
    ) -> None:
        self._db = db
        self.path = path or db.path.parent / LOCK_NAME
        self.stale_after = stale_after
        self.owner = uuid.uuid4().hex
        self.held = False
        self.recovered: LockHolder | None = None  # a stale lock we took over, for the log

    def _read(self) -> LockHolder | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockHolder(
                int(data["pid"]),
                str(data["host"]),
                str(data["owner"]),
                float(data["started"]),
                float(data["heartbeat"]),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # Half-written or garbage: nobody can be relying on it.
            return LockHolder(0, "", "", 0.0, 0.0)

    def _stale(self, holder: LockHolder) -> bool:
        if time.time() - holder.heartbeat > self.stale_after:
            return True
        return holder.host == socket.gethostname() and not _pid_alive(holder.pid)

    def _write(self, started: float) -> None:
        now = time.time()
        data = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "owner": self.owner,
            "started": started,
            "heartbeat": now,
        }
        tmp = self.path.with_name(f"{self.path.name}.{self.owner}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, self.path)

    def acquire(self) -> bool:
        """Take the lock; False when another live sync holds it."""
        with self._db.write():
            holder = self._read()
            if holder is not None and holder.owner != self.owner:
                if not self._stale(holder):
                    return False
                self.recovered = holder
            self._write(time.time())
        self.held = True
        return True

    def heartbeat(self) -> None:
        """Tell other would-be syncs this run is still alive (call between batches)."""
        if not self.held:
            return
        with self._db.write():
            holder = self._read()
            if holder is not None and holder.owner == self.owner:
                self._write(holder.started)

    def release(self) -> None:
        if not self.held:
            return
        with self._db.write():
            holder = self._read()
            if holder is not None and holder.owner == self.owner:
                self.path.unlink(missing_ok=True)
        self.held = False

    def __enter__(self) -> SyncLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
