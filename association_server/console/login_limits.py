"""Wrong console passwords counted in the database, so every receiver process sees them.

The console may be served by several processes (behind one proxy) on one database; a
count kept in each process's memory would let a guesser multiply the limit by the
number of processes.  So each account name and each client address has a row in
``console_login_failure`` (revision a0006): failures in the current window, and a
lockout end.  The window is fixed (it starts with the first failure), a simpler
approximation of the enrolment limiter's sliding one that needs one row per key.

Rows live only as long as their window or lockout (each failure deletes expired ones),
so wrong guesses at random names cannot fill the table; a refused try while locked out
is a single indexed read, and the password is not even hashed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from association_server.console.tables import ConsoleLoginFailureRow
from association_server.db import read_transaction, write_transaction

_F = ConsoleLoginFailureRow.__table__
MAX_KEY = 130


class Limiter(Protocol):
    """What the login needs of a limiter (the in-memory one has the same two methods)."""

    def retry_after(self, key: str) -> int: ...

    def fail(self, key: str) -> bool: ...


class SharedFailureLimiter:
    """``failures`` per key within ``window_s``, then ``lockout_s`` locked; in the database."""

    def __init__(
        self,
        engine: Engine,
        scope: str,
        failures: int,
        window_s: float,
        lockout_s: float,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine, self.scope, self.clock = engine, scope, clock
        self.failures, self.window_s, self.lockout_s = failures, window_s, lockout_s

    def _key(self, key: str) -> str:
        return f"{self.scope}:{key}"[:MAX_KEY]

    def retry_after(self, key: str) -> int:
        with read_transaction(self.engine) as conn:
            until = conn.execute(
                select(_F.c.locked_until).where(_F.c.key == self._key(key))
            ).scalar()
        return max(0, int((until or 0) - self.clock() + 0.999))

    def fail(self, key: str) -> bool:
        """Count a failure; True when it starts a lockout."""
        try:
            return self._fail(key)
        except IntegrityError:  # another process inserted the key's row just now
            return self._fail(key)

    def _fail(self, key: str) -> bool:
        now, full = self.clock(), self._key(key)
        with write_transaction(self.engine) as conn:
            conn.execute(delete(_F).where(_F.c.expires_at < int(now)))
            row = conn.execute(select(_F).where(_F.c.key == full)).first()
            if row is not None and row.locked_until > now:
                return False  # already locked: the lockout is not extended
            if row is None or row.window_start + self.window_s <= now:
                start, failures = int(now), 1  # a new window
            else:
                start, failures = row.window_start, row.failures + 1
            locked = failures >= self.failures
            values = {
                "window_start": start,
                "failures": 0 if locked else failures,
                "locked_until": int(now + self.lockout_s) if locked else 0,
            }
            values["expires_at"] = int(
                max(values["window_start"] + self.window_s, values["locked_until"]) + 1
            )
            if row is None:
                conn.execute(insert(_F).values(key=full, **values))
            else:
                conn.execute(update(_F).where(_F.c.key == full).values(**values))
        return locked
