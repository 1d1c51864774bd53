"""Changing console accounts: one's own password (the old one checked), an officer
creating an account and resetting a colleague's password (the officer's own password
checked), deactivating and reactivating another account (never the last active officer), the
deactivated account's sessions ending at once, the admin command's equivalents, and an
audit row for each change."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlalchemy import select, update

from association_server.console import account_changes, audit
from association_server.console.errors import ConsoleError
from association_server.console.sessions import COOKIE
from association_server.console.tables import ConsoleUserRow
from tests.console.client import PASSWORD, ConsoleClient, new_user, text_of
from tests.sync.conftest import Deployment
from tests.sync.harness import REPO

NEW = "Anders-Wort-77!"


@pytest.fixture
def clients(sqlite_deployment: Deployment) -> Iterator[list[ConsoleClient]]:
    made: list[ConsoleClient] = []

    def make() -> ConsoleClient:
        made.append(ConsoleClient(sqlite_deployment.url))
        return made[-1]

    yield make  # type: ignore[misc]
    for c in made:
        c.close()


def _actions(deployment: Deployment, target: str) -> list[str]:
    return [r["action"] for r in audit.recent(deployment.engine) if r["target"] == target]  # type: ignore[misc]


def test_a_user_changes_their_own_password_after_giving_the_old_one(
    sqlite_deployment: Deployment, clients
) -> None:  # type: ignore[no-untyped-def]
    name = new_user(sqlite_deployment.engine, "viewer")
    me, elsewhere = clients(), clients()
    assert me.login(name).status_code == 303 and elsewhere.login(name).status_code == 303
    page = me.get("/console/accounts").text
    assert 'id="password-form"' in page and 'id="accounts"' not in page  # a viewer's page
    wrong = me.post("/console/accounts/password", {"old": "nope", "new": NEW, "again": NEW})
    assert wrong.status_code == 403 and "当前密码不正确" in text_of(wrong.text)
    differ = me.post(
        "/console/accounts/password", {"old": PASSWORD, "new": NEW, "again": NEW + "x"}
    )
    assert differ.status_code == 400
    weak = me.post(
        "/console/accounts/password", {"old": PASSWORD, "new": "12345678", "again": "12345678"}
    )
    assert weak.status_code == 400
    no_csrf = me.post(
        "/console/accounts/password", {"old": PASSWORD, "new": NEW, "again": NEW}, csrf=None
    )
    assert no_csrf.status_code == 403
    assert ConsoleClient(sqlite_deployment.url).login(name).status_code == 303  # unchanged so far
    done = me.post("/console/accounts/password", {"old": PASSWORD, "new": NEW, "again": NEW})
    assert done.status_code == 303
    assert "密码已修改" in me.get("/console/accounts?done=password").text  # this session goes on
    assert elsewhere.get("/console/stations").status_code == 303  # the other one ended
    assert clients().login(name).status_code == 401
    assert clients().login(name, NEW).status_code == 303
    assert _actions(sqlite_deployment, name)[:1] == ["login"]
    assert "user.password" in _actions(sqlite_deployment, name)
    assert "user.password_refused" in _actions(sqlite_deployment, name)


def test_wrong_old_passwords_are_throttled_like_logins(
    make_deployment: Callable[..., Deployment],
) -> None:
    own = make_deployment()  # its own receiver: the lockout must not reach other tests
    name = new_user(own.engine, "viewer")
    me = ConsoleClient(own.url)
    me.login(name)
    for _ in range(5):
        bad = me.post("/console/accounts/password", {"old": "guess", "new": NEW, "again": NEW})
        assert bad.status_code == 403
    locked = me.post("/console/accounts/password", {"old": PASSWORD, "new": NEW, "again": NEW})
    assert locked.status_code == 429
    me.close()


def test_an_officer_deactivates_a_user_whose_sessions_stop_at_once(
    sqlite_deployment: Deployment, clients
) -> None:  # type: ignore[no-untyped-def]
    boss, staff = (
        new_user(sqlite_deployment.engine, "officer"),
        new_user(sqlite_deployment.engine, "viewer"),
    )
    officer, viewer = clients(), clients()
    officer.login(boss)
    viewer.login(staff)
    kept = viewer.http.cookies.get(COOKIE) or ""
    assert viewer.get("/console/stations").status_code == 200
    refused = viewer.post("/console/accounts/status", {"name": boss, "action": "deactivate"})
    assert refused.status_code == 403  # a viewer may not
    junk = officer.post("/console/accounts/status", {"name": staff, "action": "delete"})
    assert junk.status_code == 400
    assert viewer.get("/console/stations").status_code == 200  # nothing happened
    page = officer.get("/console/accounts").text
    assert f'data-name="{staff}"' in page
    off = officer.post("/console/accounts/status", {"name": staff, "action": "deactivate"})
    assert off.status_code == 303
    assert viewer.get("/console/stations").status_code == 303  # at once
    assert (
        httpx.get(sqlite_deployment.url + "/console/stations", cookies={COOKIE: kept}).status_code
        == 303
    )
    assert clients().login(staff).status_code == 401
    again = officer.post("/console/accounts/status", {"name": staff, "action": "deactivate"})
    assert again.status_code == 409
    on = officer.post("/console/accounts/status", {"name": staff, "action": "reactivate"})
    assert on.status_code == 303
    assert viewer.get("/console/stations").status_code == 303  # ended sessions stay ended
    assert clients().login(staff).status_code == 303
    assert {"user.reactivate", "user.deactivate", "login.failed"} <= set(
        _actions(sqlite_deployment, staff)
    )
    myself = officer.post("/console/accounts/status", {"name": boss, "action": "deactivate"})
    assert myself.status_code == 400
    nobody = officer.post(
        "/console/accounts/status", {"name": "没有这个人", "action": "deactivate"}
    )
    assert nobody.status_code == 404


def test_the_last_active_officer_cannot_be_deactivated(sqlite_deployment: Deployment) -> None:
    engine = sqlite_deployment.engine
    users = ConsoleUserRow.__table__
    a, b = new_user(engine, "officer"), new_user(engine, "officer")
    others = (users.c.role == "officer") & users.c.active.is_(True) & users.c.name.not_in([a, b])
    with engine.begin() as conn:  # only these two officers are active in this test
        paused = [r.id for r in conn.execute(select(users.c.id).where(others))]
        conn.execute(update(users).where(users.c.id.in_(paused)).values(active=False))
    try:
        account_changes.set_active(engine, a, False)
        with pytest.raises(ConsoleError) as last:
            account_changes.set_active(engine, b, False)
        assert last.value.status == 409 and "last active officer" in last.value.en
        account_changes.set_active(engine, a, True)
        account_changes.set_active(engine, b, False)  # now a is another active officer
    finally:
        with engine.begin() as conn:
            conn.execute(update(users).where(users.c.id.in_(paused)).values(active=True))


def _cli(deployment: Deployment, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "association_server", "console-user", *args]
    return subprocess.run(
        [*command, "--db", deployment.db_url],
        input=stdin, capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip


def test_the_admin_command_resets_deactivates_and_reactivates(
    sqlite_deployment: Deployment, clients
) -> None:  # type: ignore[no-untyped-def]
    name = new_user(sqlite_deployment.engine, "viewer")
    before = clients()
    before.login(name)
    reset = _cli(sqlite_deployment, "password", name, stdin=NEW + "\n")
    assert reset.returncode == 0, reset.stderr
    assert before.get("/console/stations").status_code == 303  # sessions ended
    assert clients().login(name, NEW).status_code == 303
    assert _cli(sqlite_deployment, "deactivate", name).returncode == 0
    assert clients().login(name, NEW).status_code == 401
    listed = _cli(sqlite_deployment, "list", "--all").stdout
    assert any(line.split()[:3] == [name, "viewer", "deactivated"] for line in listed.splitlines())
    assert name not in _cli(sqlite_deployment, "list").stdout
    twice = _cli(sqlite_deployment, "deactivate", name)
    assert twice.returncode == 2 and "already inactive" in twice.stderr
    assert _cli(sqlite_deployment, "reactivate", name).returncode == 0
    assert clients().login(name, NEW).status_code == 303
    assert _cli(sqlite_deployment, "password", "nobody-here", stdin=NEW + "\n").returncode == 2
    assert {"user.password_reset", "user.deactivate", "user.reactivate"} <= set(
        _actions(sqlite_deployment, name)
    )


def _client_of(deployment: Deployment, target: str, action: str) -> str:
    rows = [r for r in audit.recent(deployment.engine) if r["target"] == target]  # type: ignore[misc]
    return next(str(r["client"]) for r in rows if r["action"] == action)


@pytest.fixture
def own(make_deployment: Callable[..., Deployment]) -> Deployment:
    """A receiver of the test's own: its wrong passwords count against 127.0.0.1, which
    must not lock other tests out of a shared one."""
    return make_deployment()


@pytest.fixture
def own_clients(own: Deployment) -> Iterator[Callable[[], ConsoleClient]]:
    made: list[ConsoleClient] = []

    def make() -> ConsoleClient:
        made.append(ConsoleClient(own.url))
        return made[-1]

    yield make
    for c in made:
        c.close()


@pytest.fixture
def two_signed_in(
    own: Deployment, own_clients: Callable[[], ConsoleClient]
) -> tuple[str, str, ConsoleClient, ConsoleClient]:
    """An officer and a viewer of ``own``, each logged in: names, then their browsers."""
    boss, staff = new_user(own.engine, "officer"), new_user(own.engine, "viewer")
    officer, viewer = own_clients(), own_clients()
    officer.login(boss)
    viewer.login(staff)
    return boss, staff, officer, viewer


def test_an_officer_creates_an_account_with_their_own_password(
    own: Deployment,
    own_clients: Callable[[], ConsoleClient],
    two_signed_in: tuple[str, str, ConsoleClient, ConsoleClient],
) -> None:
    boss, _staff, officer, viewer = two_signed_in
    page = officer.get("/console/accounts").text
    assert 'id="new-account-form"' in page and 'id="reset-form"' in page
    assert 'id="new-account-form"' not in viewer.get("/console/accounts").text
    name = f"新同事-{id(officer) % 10_000}"
    form = {"name": name, "role": "officer", "new": NEW, "again": NEW, "mine": PASSWORD}
    assert viewer.post("/console/accounts/new", {**form, "mine": PASSWORD}).status_code == 403
    assert officer.post("/console/accounts/new", form, csrf=None).status_code == 403
    wrong = officer.post("/console/accounts/new", {**form, "mine": "not-mine"})
    assert wrong.status_code == 403 and "当前密码不正确" in text_of(wrong.text)
    assert officer.post("/console/accounts/new", {**form, "again": NEW + "x"}).status_code == 400
    weak = officer.post("/console/accounts/new", {**form, "new": "12345678", "again": "12345678"})
    assert weak.status_code == 400
    assert officer.post("/console/accounts/new", {**form, "role": "admin"}).status_code == 400
    assert officer.post("/console/accounts/new", {**form, "name": "  "}).status_code == 400
    assert own_clients().login(name, NEW).status_code == 401  # nothing was created so far
    done = officer.post("/console/accounts/new", form)
    assert done.status_code == 303
    assert "账户已创建" in text_of(officer.get("/console/accounts?done=created").text)
    assert officer.post("/console/accounts/new", form).status_code == 409  # the name is taken
    newcomer = own_clients()
    assert newcomer.login(name, NEW).status_code == 303
    assert 'id="new-account-form"' in newcomer.get("/console/accounts").text  # an officer
    assert "user.add" in _actions(own, name)
    assert _client_of(own, name, "user.add") == "127.0.0.1"
    assert "user.password_refused" in _actions(own, boss)


def test_an_officer_resets_a_colleagues_forgotten_password(
    own: Deployment,
    own_clients: Callable[[], ConsoleClient],
    two_signed_in: tuple[str, str, ConsoleClient, ConsoleClient],
) -> None:
    boss, staff, officer, forgetful = two_signed_in
    page = officer.get("/console/accounts").text
    assert f'<option value="{staff}">' in page and f'<option value="{boss}">' not in page
    form = {"name": staff, "new": NEW, "again": NEW, "mine": PASSWORD}
    assert forgetful.post("/console/accounts/reset", {**form, "name": boss}).status_code == 403
    assert officer.post("/console/accounts/reset", {**form, "mine": "nope"}).status_code == 403
    assert officer.post("/console/accounts/reset", {**form, "name": boss}).status_code == 400
    assert officer.post("/console/accounts/reset", {**form, "again": "x" + NEW}).status_code == 400
    missing = officer.post("/console/accounts/reset", {**form, "name": "没有这个人"})
    assert missing.status_code == 404
    assert forgetful.get("/console/stations").status_code == 200  # nothing happened yet
    done = officer.post("/console/accounts/reset", form)
    assert done.status_code == 303
    assert "密码已重设" in text_of(officer.get("/console/accounts?done=reset").text)
    assert forgetful.get("/console/stations").status_code == 303  # the old session ended
    assert own_clients().login(staff).status_code == 401
    assert own_clients().login(staff, NEW).status_code == 303
    assert officer.get("/console/stations").status_code == 200  # the officer's goes on
    assert "user.password_reset" in _actions(own, staff)
