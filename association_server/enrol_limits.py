"""How many wrong enrolment codes a client, and a station, may try before a lockout.

An enrolment code is long and random, so guessing it is hopeless at a few tries; at 79
a second, with no limit, it is merely slow.  Each client address and each station code
may fail ``failures`` times within ``window_s``; then it is locked out for
``lockout_s`` (answered 429 with ``Retry-After``, before any database work), and the
lockout is recorded as an incident by the caller.

Kept in the process's memory: cheap (a refused try takes no database lock) and exact
for one receiver process; with several processes each keeps its own count, so the
limit is per process.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class _Record:
    failures: deque[float] = field(default_factory=deque)
    locked_until: float = 0.0


class FailureLimiter:
    """Failures per key in a sliding window, and a lockout once there are too many."""

    def __init__(
        self,
        failures: int,
        window_s: float,
        lockout_s: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        self.failures = failures
        self.window_s = window_s
        self.lockout_s = lockout_s
        self.clock = clock
        self.max_keys = max_keys
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` may try again; 0 when it may now."""
        with self._lock:
            record = self._records.get(key)
            left = record.locked_until - self.clock() if record else 0.0
        return max(0, int(left + 0.999))

    def fail(self, key: str) -> bool:
        """Count a failure; True when this failure starts a lockout."""
        now = self.clock()
        with self._lock:
            if len(self._records) >= self.max_keys:
                self._forget_old(now)
            record = self._records.setdefault(key, _Record())
            while record.failures and record.failures[0] <= now - self.window_s:
                record.failures.popleft()
            record.failures.append(now)
            if len(record.failures) >= self.failures and record.locked_until <= now:
                record.locked_until = now + self.lockout_s
                record.failures.clear()
                return True
            return False

    def _forget_old(self, now: float) -> None:
        """Bound memory: drop keys neither locked nor failing recently."""
        for key in [
            k
            for k, r in self._records.items()
            if r.locked_until <= now and (not r.failures or r.failures[-1] <= now - self.window_s)
        ]:
            del self._records[key]
        while len(self._records) >= self.max_keys:  # still full: drop the oldest entries
            del self._records[next(iter(self._records))]


@dataclass
class EnrolmentLimits:
    """One limiter for client addresses and one for station codes."""

    clients: FailureLimiter
    stations: FailureLimiter

    def retry_after(self, client: str, station: str) -> int:
        return max(self.clients.retry_after(client), self.stations.retry_after(station))

    def fail(self, client: str, station: str) -> list[str]:
        """Count a wrong code; the lockouts it started, as sentences for the incident."""
        started = []
        if self.clients.fail(client):
            started.append(f"client {client} locked out of enrolment")
        if self.stations.fail(station):
            started.append(f"enrolment of station {station} locked")
        return started
