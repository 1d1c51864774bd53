"""An association that cannot be reached: the sync ends within 10 s with a sentence that
says what to check, in Chinese (and English), and nothing is lost (issue 15, item 7)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator

import pytest

from station_app.services.station_sync import sync_station
from station_app.sync.sync_messages import Outcome
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation, closed_port_url, point_at


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A loopback port that takes connections and never says a word."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


@pytest.fixture
def closed_port() -> str:
    return closed_port_url()


@pytest.mark.parametrize("where", ["closed_port", "silent_server"])
def test_an_unreachable_association_is_said_within_ten_seconds(
    where: str,
    request: pytest.FixtureRequest,
    sqlite_deployment: Deployment,
    make_station: Callable[..., SyncStation],
) -> None:
    st = make_station(sqlite_deployment)
    st.record(3)
    url = request.getfixturevalue(where)
    point_at(st, url)
    t0 = time.monotonic()
    result = sync_station(st.db, st.keys)
    took = time.monotonic() - t0
    assert result.outcome is Outcome.NETWORK
    assert took < 10.5, took
    assert "ConnectError" not in result.message_zh and "Error" not in result.message_zh
    if where == "closed_port":
        assert "网线或 Wi-Fi" in result.message_zh and "慈善会网址" in result.message_zh
        assert "online" in result.message_en
    else:
        assert "没有及时回应" in result.message_zh or "网线" in result.message_zh
    assert "不会丢失" in result.message_zh
    assert st.unsynced() >= 3  # nothing marked as sent
