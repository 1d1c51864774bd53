"""Exponential backoff with a cap and a bounded number of attempts.

A station on a flaky mobile connection should keep trying for a while, but a sync that
cannot succeed must end with a clear outcome instead of spinning forever.  Jitter keeps
500 stations closing at 18:00 from retrying in lockstep against one receiver.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Backoff:
    base: float = 0.5  # first wait, seconds
    factor: float = 2.0
    cap: float = 30.0  # longest single wait
    attempts: int = 8  # consecutive failures before giving up
    jitter: float = 0.2  # ± fraction of the wait

    def delay(
        self, failure: int, rng: random.Random | None = None, *, asked: float | None = None
    ) -> float:
        """Seconds to wait after the ``failure``-th consecutive failure (1-based).

        ``asked`` is the server's ``Retry-After``: a busy receiver knows better than our
        schedule when to come back, so it is honoured (never beyond ``cap``, so a wrong
        header cannot stall a sync) and only ever lengthened by the jitter, so a crowd
        told "2 seconds" neither comes back early nor all in one instant.
        """
        uniform = rng.uniform if rng is not None else random.uniform
        wait = min(self.cap, self.base * self.factor ** max(0, failure - 1))
        if asked is not None and asked > wait:
            wait = min(self.cap, asked)
            return wait + uniform(0, wait * self.jitter)
        spread = wait * self.jitter
        return max(0.0, wait + uniform(-spread, spread))

    def exhausted(self, failures: int) -> bool:
        return failures >= self.attempts
