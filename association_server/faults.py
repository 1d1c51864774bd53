"""Test-only fault injection, switched on by the ``ASSOCIATION_FAULTS`` environment variable.

Sync must survive a receiver that fails in every way a real one can; the tests provoke
those failures on the real code path (real commits, real replies) rather than with mocks.
Unset in production, where :func:`load_faults` returns an inert :class:`Faults`.

Format: comma-separated ``name=value``:

* ``batch_500_before_every=N`` — every Nth batch request answers 500 before doing anything;
* ``batch_500_after_every=N`` — every Nth batch is committed, then answered with 500;
* ``batch_busy_every=N`` — every Nth batch is answered 503 "busy" with ``Retry-After``;
* ``batch_delay_before=SECONDS`` — wait before handling a batch (client timeouts);
* ``batch_delay_after=SECONDS`` — wait after committing, before replying (kill -9 window);
* ``batch_delay_every=N`` — apply those waits only to every Nth batch (default: all).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field

ENV_FAULTS = "ASSOCIATION_FAULTS"
log = logging.getLogger(__name__)


@dataclass
class Faults:
    batch_500_before_every: int = 0
    batch_500_after_every: int = 0
    batch_busy_every: int = 0
    batch_delay_before: float = 0.0
    batch_delay_after: float = 0.0
    batch_delay_every: int = 1
    _count: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def active(self) -> bool:
        return bool(
            self.batch_500_before_every
            or self.batch_500_after_every
            or self.batch_busy_every
            or self.batch_delay_before
            or self.batch_delay_after
        )

    def next_batch(self) -> int:
        """Number this batch request (1, 2, …) within this process."""
        with self._lock:
            self._count += 1
            return self._count

    @staticmethod
    def _every(n: int, count: int) -> bool:
        return n > 0 and count % n == 0

    def before(self, count: int) -> bool:
        """Sleep if asked; True if this request must fail before doing anything."""
        if self.batch_delay_before and self._every(self.batch_delay_every, count):
            time.sleep(self.batch_delay_before)
        return self._every(self.batch_500_before_every, count)

    def busy(self, count: int) -> bool:
        """True if this request must be answered "busy, retry after a while"."""
        return self._every(self.batch_busy_every, count)

    def after(self, count: int) -> bool:
        """Sleep if asked; True if this committed request must still answer 500."""
        if self.batch_delay_after and self._every(self.batch_delay_every, count):
            time.sleep(self.batch_delay_after)
        return self._every(self.batch_500_after_every, count)


def parse_faults(text: str) -> Faults:
    faults = Faults()
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        name = name.strip()
        if name in (
            "batch_500_before_every",
            "batch_500_after_every",
            "batch_busy_every",
            "batch_delay_every",
        ):
            setattr(faults, name, int(value))
        elif name in ("batch_delay_before", "batch_delay_after"):
            setattr(faults, name, float(value))
        else:
            raise ValueError(f"unknown fault {name!r} in {ENV_FAULTS}")
    return faults


def load_faults() -> Faults:
    faults = parse_faults(os.environ.get(ENV_FAULTS, ""))
    if faults.active:
        log.warning("FAULT INJECTION ACTIVE (%s) — never use this in production", faults)
    return faults
