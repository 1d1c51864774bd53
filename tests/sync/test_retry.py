"""The retry schedule, and the server's ``Retry-After`` taking precedence over it."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from station_app.sync.client import _retry_after
from station_app.sync.retry import Backoff


def test_schedule_doubles_up_to_the_cap_with_bounded_jitter() -> None:
    b = Backoff(base=0.5, factor=2.0, cap=30.0, attempts=8, jitter=0.2)
    rng = random.Random(7)
    for failure, plain in [(1, 0.5), (2, 1.0), (3, 2.0), (6, 16.0), (7, 30.0), (12, 30.0)]:
        for _ in range(50):
            assert plain * 0.8 <= b.delay(failure, rng) <= plain * 1.2
    assert not b.exhausted(7) and b.exhausted(8)


def test_the_servers_retry_after_is_honoured_but_capped() -> None:
    b = Backoff(base=0.5, cap=30.0, jitter=0.2)
    rng = random.Random(3)
    for _ in range(50):
        assert 2.0 <= b.delay(1, rng, asked=2.0) <= 2.4  # never earlier than asked
        assert 30.0 <= b.delay(1, rng, asked=3600.0) <= 36.0  # a wrong header cannot stall
        assert 6.4 <= b.delay(5, rng, asked=1.0) <= 9.6  # our own schedule is longer


def test_retry_after_header_forms() -> None:
    assert _retry_after("2") == 2.0
    assert _retry_after(" 120 ") == 120.0
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25.0 <= (_retry_after(soon) or 0) <= 30.0
    past = format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)
    assert _retry_after(past) == 0.0
    for junk in (None, "", "soon", "-5", "1.5e9"):
        assert _retry_after(junk) is None
