"""Whatever a browser (or anyone) sends the console, the answer is a page or a
redirect, never a 500; and what a station sent is shown as text, never as markup."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.console.client import ConsoleClient, new_user, text_of
from tests.console.scenario import synced
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation

NASTY = ["", " ", "x" * 5000, "<script>alert(1)</script>", "'; DROP TABLE station;--",
         "\x00\x1b]0;x\x07", "９９", "-1", "2026-02-30", "%00", "😀" * 50]  # fmt: skip
POSTS = {
    "/console/stations": ("code", "name", "district"),
    "/console/stations/GZ-NO-0001/revoke": (),
    "/console/stations/GZ-NO-0001/enrolment-code": (),
    "/console/incidents/1": ("action", "note"),
    "/console/receipts": ("number", "official", "date", "csv"),
    "/console/disclosure": ("designation", "month", "reason"),
    "/console/designations": ("action", "code", "name", "category"),
    # not /console/accounts/password: each wrong current password counts against
    # 127.0.0.1 on this shared receiver (test_console_account_changes.py has its nonsense)
    "/console/accounts/status": ("name", "action"),
}
GETS = {
    "/console/stations": ("stale_days",),
    "/console/incidents": ("status", "station"),
    "/console/receipts": ("station", "from", "to", "recorded"),
    "/console/totals": ("from", "to", "station", "kind", "designation", "group"),
    "/console/totals.csv": ("from", "to", "group"),
    "/console/totals/day": ("station", "day"),
    "/console/disclosure": ("designation", "month"),
    "/console/goods": ("station", "from", "to"),
    "/console/goods.xlsx": ("station", "from", "to"),
    "/console/accounts": ("done",),
}


@pytest.fixture
def officer(sqlite_deployment: Deployment) -> Iterator[ConsoleClient]:
    c = ConsoleClient(sqlite_deployment.url)
    assert c.login(new_user(sqlite_deployment.engine, "officer")).status_code == 303
    yield c
    c.close()


@pytest.mark.parametrize("path", sorted(POSTS))
def test_posted_nonsense_is_refused_with_a_page(officer: ConsoleClient, path: str) -> None:
    for value in NASTY:
        fields = dict.fromkeys(POSTS[path], value)
        if "action" in fields:
            fields["action"] = "create" if path.endswith("designations") else "resolved"
        reply = officer.post(path, fields)
        assert reply.status_code < 500, (path, value, reply.text[:300])
        assert "<script>alert" not in reply.text


@pytest.mark.parametrize("path", sorted(GETS))
def test_query_nonsense_is_refused_with_a_page(officer: ConsoleClient, path: str) -> None:
    for value in NASTY:
        reply = officer.get(path, **dict.fromkeys(GETS[path], value))
        assert reply.status_code < 500, (path, value, reply.text[:300])
        assert "<script>alert" not in reply.text


def test_a_body_that_is_not_a_form_changes_nothing(officer: ConsoleClient) -> None:
    for body, kind in ((b"\xff\xfe{", "application/json"), (b"a=%ZZ&&&=", "text/plain")):
        reply = officer.http.post(
            "/console/designations", content=body, headers={"content-type": kind}
        )
        assert reply.status_code == 403  # no CSRF token in it, so nothing happens


def test_station_text_is_shown_as_text(
    officer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 1)
    reply = officer.post(
        "/console/designations",
        {"action": "create", "code": "XSS-1", "name": "<b>x</b><script>1</script>",
         "category": "fund"},
    )  # fmt: skip
    assert reply.status_code == 303
    page = officer.get("/console/designations").text
    assert "<script>1</script>" not in page and "&lt;script&gt;1&lt;/script&gt;" in page
    assert st.code in text_of(officer.get("/console/stations").text)
