"""Console login throttling kept in the database: two receiver processes on one database
(SQLite and PostgreSQL) share the count, and the table holds only live windows and
lockouts.  Each test has receivers of its own: the wrong passwords here would lock the
shared receivers' 127.0.0.1 for the other tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from association_server.console.login_limits import SharedFailureLimiter
from association_server.console.tables import ConsoleLoginFailureRow
from tests.console.client import ConsoleClient, new_user, text_of
from tests.sync.conftest import Deployment
from tests.sync.harness import Receiver

_F = ConsoleLoginFailureRow.__table__


def test_a_name_locked_through_one_process_is_locked_in_the_other(
    make_deployment: Callable[..., Deployment], tmp_path: Path, backend: str
) -> None:
    first = make_deployment(backend=backend)
    second = Receiver(first.db_url, tmp_path).start()
    try:
        name = new_user(first.engine, "viewer")
        a, b = ConsoleClient(first.url), ConsoleClient(second.url)
        for client in (a, b, a, b):
            assert client.login(name, "wrong-password").status_code == 401
        assert b.login(name, "wrong-password").status_code == 401  # the fifth, shared
        locked = a.login(name)
        assert locked.status_code == 429 and "秒后再试" in text_of(locked.text)
        assert b.login(name).status_code == 429
        other = new_user(first.engine, "viewer")
        assert b.login(other).status_code == 303  # only that name is locked
        a.close()
        b.close()
    finally:
        second.stop()


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _rows(deployment: Deployment) -> int:
    with deployment.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(_F)).scalar() or 0)


def test_the_window_the_lockout_and_forgetting(make_deployment: Callable[..., Deployment]) -> None:
    d = make_deployment()
    clock = Clock()
    limiter = SharedFailureLimiter(d.engine, "name", 3, 600.0, 900.0, clock=clock)
    assert [limiter.fail("王主任") for _ in range(2)] == [False, False]
    clock.now += 601  # the window passed: counting starts again
    assert [limiter.fail("王主任") for _ in range(3)] == [False, False, True]
    assert limiter.retry_after("王主任") == 900
    assert limiter.retry_after("someone else") == 0
    assert limiter.fail("王主任") is False  # a failure while locked does not extend it
    clock.now += 899
    assert limiter.retry_after("王主任") == 1
    clock.now += 1
    assert limiter.retry_after("王主任") == 0
    for n in range(50):
        limiter.fail(f"random-{n}")
    assert _rows(d) == 51
    clock.now += 2_000  # every window and lockout is over: the next failure clears them
    limiter.fail("x" * 500)  # a long key is cut, not refused
    assert _rows(d) == 1
