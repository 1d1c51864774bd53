"""A URL that is not the association's sync service, or one that redirects elsewhere.

Typing the association's website instead of its sync address is the likeliest enrolment
mistake, and an old address may redirect to a new one.  Neither may be answered with
"wrong enrolment code", and a redirect is never followed: the token would go wherever it
points.  The redirecting server here is a few lines of ``http.server`` standing in for
someone else's web server; the receiver it points to is the real one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from association_server import admin
from station_app.domain.errors import DomainError
from station_app.services.enrolment import enrol_station
from station_app.services.station_sync import sync_station
from station_app.sync.sync_messages import Outcome
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation


@pytest.fixture
def redirect_to(sqlite_deployment: Deployment) -> Iterator[tuple[str, list[str]]]:
    """An http server on 127.0.0.1 that answers every request with 301 to the receiver."""
    seen: list[str] = []
    target = sqlite_deployment.url

    class Redirect(BaseHTTPRequestHandler):
        def _moved(self) -> None:
            seen.append(f"{self.command} {self.path}")
            self.send_response(301)
            self.send_header("Location", target + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = _moved

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def test_a_url_without_the_sync_service_is_not_called_a_wrong_code(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station()
    code = admin.create_station(sqlite_deployment.engine, st.code, "测试捐赠站")
    with pytest.raises(DomainError) as refused:
        enrol_station(
            st.db, st.keys, st.coordinator, code, association_url=sqlite_deployment.url + "/cishan"
        )
    assert "404" in refused.value.message_en and "Check the association URL" in (
        refused.value.message_en
    )
    assert "登记码" not in refused.value.message_zh and "核对慈善会网址" in refused.value.message_zh
    with pytest.raises(DomainError) as wrong_code:
        enrol_station(
            st.db,
            st.keys,
            st.coordinator,
            "2222-3333-4444-5555",
            association_url=sqlite_deployment.url,
        )
    assert wrong_code.value.code == "enrol.enrollment_refused"
    assert "登记码" in wrong_code.value.message_zh
    enrol_station(
        st.db, st.keys, st.coordinator, code, association_url=sqlite_deployment.url
    )  # the code holds


def test_a_redirect_is_never_followed(
    sqlite_deployment: Deployment,
    make_station: Callable[..., SyncStation],
    redirect_to: tuple[str, list[str]],
) -> None:
    moved_url, seen = redirect_to
    st = make_station(sqlite_deployment)  # enrolled at the real receiver: it has a token
    code = admin.new_enrollment_code(sqlite_deployment.engine, st.code)
    with pytest.raises(DomainError) as refused:
        enrol_station(st.db, st.keys, st.coordinator, code, association_url=moved_url)
    assert refused.value.code == "enrol.moved"
    assert sqlite_deployment.url in refused.value.message_en  # where it points
    st.record(3)
    waits: list[float] = []
    for pull_designations in (True, False):
        result = sync_station(
            st.db,
            st.keys,
            base_url=moved_url,
            pull_designations=pull_designations,
            sleep=waits.append,
        )
        assert result.outcome is Outcome.REFUSED and result.refusal_code == "moved"
        assert "did not follow" in result.message_en and "重新登记" in result.message_zh
    assert waits == [] and len(seen) == 3  # enrol, designations, cursor: once each
    assert admin.stored_entries(sqlite_deployment.engine, st.code) == []  # not followed
    # The enrolment code was not used up by the redirect either.
    enrol_station(st.db, st.keys, st.coordinator, code, association_url=sqlite_deployment.url)
    assert sync_station(st.db, st.keys).ok
