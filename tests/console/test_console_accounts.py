"""Console accounts and sessions: login, throttling, CSRF, roles, no cross-use of
station tokens and console cookies, and the officers' audit."""

from __future__ import annotations

import base64
import itertools
import os
import subprocess
import sys

import httpx
import pytest
from sqlalchemy import text

from association_server import admin
from association_server.console import accounts, audit
from association_server.console.errors import ConsoleError
from association_server.console.sessions import COOKIE
from tests.console.client import PASSWORD, ConsoleClient, new_user, text_of
from tests.sync.conftest import Deployment
from tests.sync.harness import REPO

_codes = itertools.count(1)
PAGES = [
    "/console/",
    "/console/stations",
    "/console/incidents",
    "/console/incidents/1",
    "/console/receipts",
    "/console/totals",
    "/console/totals.csv",
    "/console/totals/day?station=GZ-YX-0001&day=2026-12-01",
    "/console/disclosure",
    "/console/designations",
    "/console/audit",
    "/console/accounts",
]


@pytest.fixture
def client(sqlite_deployment: Deployment):  # type: ignore[no-untyped-def]
    c = ConsoleClient(sqlite_deployment.url)
    yield c
    c.close()


@pytest.mark.parametrize("path", PAGES)
def test_nothing_of_the_console_without_a_login(client: ConsoleClient, path: str) -> None:
    reply = client.get(path)
    assert reply.status_code == 303
    assert reply.headers["location"] == "/console/login"


def test_login_sets_a_strict_httponly_signed_cookie(
    client: ConsoleClient, sqlite_deployment: Deployment
) -> None:
    name = new_user(sqlite_deployment.engine, "viewer")
    reply = client.login(name)
    assert reply.status_code == 303
    cookie = reply.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/console" in cookie
    page = client.get("/console/stations")
    assert page.status_code == 200
    assert name in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_a_wrong_password_is_refused_and_audited(
    client: ConsoleClient, sqlite_deployment: Deployment
) -> None:
    name = new_user(sqlite_deployment.engine, "viewer")
    reply = client.login(name, "not the password")
    assert reply.status_code == 401
    assert "用户名或密码不正确" in text_of(reply.text)
    assert client.get("/console/stations").status_code == 303
    rows = audit.recent(sqlite_deployment.engine)
    assert any(r["action"] == "login.failed" and r["target"] == name for r in rows)


def test_login_without_its_form_token_is_refused(
    client: ConsoleClient, sqlite_deployment: Deployment
) -> None:
    name = new_user(sqlite_deployment.engine, "viewer")
    client.http.get("/console/login")
    reply = client.http.post("/console/login", data={"name": name, "password": PASSWORD})
    assert reply.status_code == 403
    assert COOKIE not in reply.headers.get("set-cookie", "")


def test_wrong_passwords_lock_the_name_then_even_the_right_one_waits(
    sqlite_deployment: Deployment,
) -> None:
    engine = sqlite_deployment.engine
    name = new_user(engine, "viewer")
    limits = accounts.LoginLimits.default()
    for _ in range(5):
        with pytest.raises(ConsoleError) as refused:
            accounts.authenticate(engine, limits, name, "wrong", "10.0.0.1")
        assert refused.value.status == 401
    with pytest.raises(ConsoleError) as locked:
        accounts.authenticate(engine, limits, name, PASSWORD, "10.0.0.2")
    assert locked.value.status == 429
    other = new_user(engine, "viewer")
    assert accounts.authenticate(engine, limits, other, PASSWORD, "10.0.0.2").name == other


def test_wrong_passwords_from_one_address_lock_that_address(
    sqlite_deployment: Deployment,
) -> None:
    engine = sqlite_deployment.engine
    limits = accounts.LoginLimits.default()
    for n in range(20):
        with pytest.raises(ConsoleError):
            accounts.authenticate(engine, limits, f"nobody-{n}", "wrong", "10.9.9.9")
    name = new_user(engine, "viewer")
    with pytest.raises(ConsoleError) as locked:
        accounts.authenticate(engine, limits, name, PASSWORD, "10.9.9.9")
    assert locked.value.status == 429
    assert accounts.authenticate(engine, limits, name, PASSWORD, "10.9.9.8").name == name


def test_the_http_login_is_throttled(client: ConsoleClient, sqlite_deployment: Deployment) -> None:
    name = new_user(sqlite_deployment.engine, "viewer")
    for _ in range(5):
        assert client.login(name, "wrong-password").status_code == 401
    reply = client.login(name)
    assert reply.status_code == 429
    assert "秒后再试" in text_of(reply.text)


def test_a_form_without_the_csrf_token_changes_nothing(
    client: ConsoleClient, sqlite_deployment: Deployment
) -> None:
    client.login(new_user(sqlite_deployment.engine, "officer"))
    for csrf in (None, "0" * 40):
        reply = client.post(
            "/console/designations",
            {"action": "create", "code": "csrf-fund", "name": "x", "category": "fund"},
            csrf=csrf,
        )
        assert reply.status_code == 403
    assert "csrf-fund" not in client.get("/console/designations").text


def test_a_viewer_sees_but_may_not_change(
    client: ConsoleClient, sqlite_deployment: Deployment
) -> None:
    client.login(new_user(sqlite_deployment.engine, "viewer"))
    page = client.get("/console/stations")
    assert 'method="post" action="/console/stations"' not in page.text  # no create form
    reply = client.post("/console/stations", {"code": "GZ-VW-0001", "name": "x"})
    assert reply.status_code == 403
    assert "只有主管" in text_of(reply.text)
    assert "GZ-VW-0001" not in client.get("/console/stations").text


def test_logout_ends_the_session_even_for_a_kept_cookie(
    client: ConsoleClient, sqlite_deployment: Deployment
) -> None:
    client.login(new_user(sqlite_deployment.engine, "viewer"))
    kept = client.http.cookies.get(COOKIE)
    assert client.post("/console/logout", {}).status_code == 303
    again = httpx.get(sqlite_deployment.url + "/console/stations", cookies={COOKIE: kept or ""})
    assert again.status_code == 303


def test_a_forged_or_altered_cookie_is_no_session(sqlite_deployment: Deployment) -> None:
    client = ConsoleClient(sqlite_deployment.url)
    client.login(new_user(sqlite_deployment.engine, "viewer"))
    real = client.http.cookies.get(COOKIE) or ""
    token, _, _mac = real.rpartition(".")
    for fake in (token, token + "." + "0" * 64, "x" + real, "a.b", "." * 300):
        reply = httpx.get(sqlite_deployment.url + "/console/stations", cookies={COOKIE: fake})
        assert reply.status_code == 303, fake
    client.close()


def _station_token(engine) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    code = f"GZ-TK-{next(_codes):04d}"
    enrolment = admin.create_station(engine, code, "token test")
    key = base64.b64encode(os.urandom(32)).decode()
    return code, admin.enroll(engine, code, enrolment, key)


def test_a_station_token_does_not_open_the_console(sqlite_deployment: Deployment) -> None:
    code, token = _station_token(sqlite_deployment.engine)
    api = httpx.get(
        f"{sqlite_deployment.url}/api/v1/stations/{code}/cursor",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert api.status_code == 200  # the token is good for the API ...
    console = httpx.get(
        sqlite_deployment.url + "/console/stations",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert console.status_code == 303  # ... and nothing for the console
    assert console.headers["location"] == "/console/login"


def test_a_console_cookie_does_not_open_the_station_api(
    client: ConsoleClient, sqlite_deployment: Deployment
) -> None:
    code, _token = _station_token(sqlite_deployment.engine)
    client.login(new_user(sqlite_deployment.engine, "officer"))
    cookie = client.http.cookies.get(COOKIE) or ""
    for path in (f"/api/v1/stations/{code}/cursor", "/api/v1/designations"):
        reply = httpx.get(sqlite_deployment.url + path, cookies={COOKIE: cookie})
        assert reply.status_code == 401, path
        bearer = httpx.get(
            sqlite_deployment.url + path, headers={"Authorization": f"Bearer {cookie}"}
        )
        assert bearer.status_code == 401, path


def test_the_admin_command_creates_the_first_officer(sqlite_deployment: Deployment) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "association_server", "console-user", "add", "--role",
         "officer", "--db", sqlite_deployment.db_url, "首席主管"],
        input=PASSWORD + "\n", capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    client = ConsoleClient(sqlite_deployment.url)
    assert client.login("首席主管").status_code == 303
    assert "首席主管 (主管)" in text_of(client.get("/console/stations").text)
    client.close()
    weak = subprocess.run(
        [sys.executable, "-m", "association_server", "console-user", "add",
         "--db", sqlite_deployment.db_url, "weak-one"],
        input="12345678\n", capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    assert weak.returncode == 2
    assert "too common" in weak.stderr


def test_the_audit_is_append_only(sqlite_deployment: Deployment) -> None:
    new_user(sqlite_deployment.engine, "viewer")
    for statement in ("UPDATE console_audit SET action = 'x'", "DELETE FROM console_audit"):
        with (
            pytest.raises(Exception, match="append-only"),
            sqlite_deployment.engine.begin() as conn,
        ):
            conn.execute(text(statement))
