"""The receiver's front door under a hostile client: what it reads, when, and how much.

Every test runs the real receiver (uvicorn on 127.0.0.1) and talks to it with raw
sockets where a well-behaved HTTP client would not do what an attacker does (stall a
body, send 16 MB without a token, hammer the enrolment endpoint).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from association_server import admin
from tests.sync.conftest import Deployment
from tests.sync.entries import HandStation

MB = 1024 * 1024
#: The process must stay below this while 16 unauthenticated 16 MB bodies arrive at once.
RSS_LIMIT_MB = 250


def _rss_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no {field} for {pid}")


def _connect(d: Deployment) -> socket.socket:
    return socket.create_connection(("127.0.0.1", d.receiver.port), timeout=10)


def _head(path: str, length: int, token: str | None = None, host: str = "127.0.0.1") -> bytes:
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: {host}",
        "Content-Type: application/json",
        f"Content-Length: {length}",
    ]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _read_status(sock: socket.socket) -> tuple[int, bytes]:
    """The status and the whole answer, read until the receiver closes the connection."""
    data = b""
    with contextlib.suppress(OSError):
        while chunk := sock.recv(65536):
            data += chunk
    if not data:
        return 0, b""
    return int(data.split(b" ", 2)[1]), data


def test_a_batch_is_refused_before_its_body_is_read(sqlite_deployment: Deployment) -> None:
    """No token, or another station's: answered at once, while the body is still owed."""
    d = sqlite_deployment
    other = HandStation.enrol(d.engine, d.url, "GZ-DR-0001")
    path = "/api/v1/stations/GZ-DR-0002/batches"
    for token, status in ((None, 401), ("not-a-token", 401), (other.token, 403)):
        with _connect(d) as sock:
            sock.sendall(_head(path, 10 * MB, token) + b'{"batch_id":')
            started = time.monotonic()
            code, raw = _read_status(sock)
            assert code == status, raw
            assert time.monotonic() - started < 2  # not waiting for the 10 MB
            assert b"connection: close" in raw.lower()


def test_16_unauthenticated_16mb_bodies_at_once_stay_within_the_memory_bound(
    make_deployment: Callable[..., Deployment],
) -> None:
    d = make_deployment()
    assert d.receiver.proc is not None
    pid = d.receiver.proc.pid
    body = b'{"batch_id":"x","entries":[' + b"{}," * ((16 * MB - 64) // 3) + b"{}]}"
    assert 15 * MB < len(body) <= 16 * MB
    path = "/api/v1/stations/GZ-MEM-0001/batches"
    before = _rss_mb(pid)
    start = threading.Barrier(16)
    answers: list[int] = []

    def attack() -> None:
        with _connect(d) as sock:
            start.wait()
            with contextlib.suppress(OSError):  # the receiver hangs up after its 401
                sock.sendall(_head(path, len(body)) + body)
            answers.append(_read_status(sock)[0])

    threads = [threading.Thread(target=attack) for _ in range(16)]
    for t in threads:
        t.start()
    health = []
    while any(t.is_alive() for t in threads):
        began = time.monotonic()
        assert httpx.get(d.url + "/healthz", timeout=5).status_code == 200
        health.append(time.monotonic() - began)
        time.sleep(0.02)
    for t in threads:
        t.join()
    peak = _rss_mb(pid, "VmHWM")
    slowest = max(health, default=0)
    print(f"receiver RSS {before:.0f} MB before, peak {peak:.0f} MB; /healthz {slowest:.3f} s")
    assert peak < RSS_LIMIT_MB
    assert set(answers) <= {0, 401}  # 0: reset before the answer could be read
    assert slowest < 3.0  # generous: CI is a loaded 2-core machine


def test_enrolment_takes_a_few_kilobytes_at_most(sqlite_deployment: Deployment) -> None:
    r = httpx.post(
        sqlite_deployment.url + "/api/v1/enroll",
        content=b'{"station_code":"' + b"A" * 8000 + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413 and r.json()["code"] == "body_too_large"


def _enrol(
    url: str, code: str, secret: str, key: str, *, source: str = "127.0.0.1"
) -> httpx.Response:
    with httpx.Client(transport=httpx.HTTPTransport(local_address=source)) as client:
        return client.post(
            url + "/api/v1/enroll",
            json={"station_code": code, "enrollment_code": secret, "public_key": key},
        )


KEY = "A" * 43 + "="


def test_enrolment_guessing_is_locked_out_per_client_and_recorded(
    make_deployment: Callable[..., Deployment],
) -> None:
    d = make_deployment()
    real = admin.create_station(d.engine, "GZ-EN-0001", "站")
    for i in range(10):
        r = _enrol(d.url, f"GZ-EN-{i + 100:04d}", "WRONG-CODE", KEY)
        assert r.status_code == 403, r.text
    r = _enrol(d.url, "GZ-EN-0001", real, KEY)  # even the right code, from this client
    assert r.status_code == 429 and r.json()["code"] == "enrollment_locked"
    assert int(r.headers["Retry-After"]) > 60
    [lockout] = [i for i in admin.list_incidents(d.engine) if i["code"] == "enrollment_lockout"]
    assert "client 127.0.0.1 locked out" in lockout["detail"]
    # Another client is not locked out by this one.
    assert _enrol(d.url, "GZ-EN-0001", real, KEY, source="127.0.0.2").status_code == 200


def test_enrolment_guessing_for_one_station_is_locked_out_across_clients(
    make_deployment: Callable[..., Deployment],
) -> None:
    d = make_deployment()
    real = admin.create_station(d.engine, "GZ-EN-0002", "站")
    for n in range(5):
        r = _enrol(d.url, "GZ-EN-0002", "WRONG-CODE", KEY, source=f"127.0.0.{n + 10}")
        assert r.status_code == 403
    r = _enrol(d.url, "GZ-EN-0002", real, KEY, source="127.0.0.20")
    assert r.status_code == 429
    incidents = admin.list_incidents(d.engine, "GZ-EN-0002")
    assert [i["code"] for i in incidents] == ["enrollment_lockout"]
    assert "enrolment of station GZ-EN-0002 locked" in incidents[0]["detail"]


@pytest.mark.parametrize("kind", ["enroll", "batch"])
def test_a_stalled_body_is_timed_out(make_deployment: Callable[..., Deployment], kind: str) -> None:
    d = make_deployment(args=("--body-timeout", "1"))
    if kind == "batch":
        st = HandStation.enrol(d.engine, d.url, "GZ-SL-0001")
        head = _head("/api/v1/stations/GZ-SL-0001/batches", 1000, st.token)
    else:
        head = _head("/api/v1/enroll", 1000)
    with _connect(d) as sock:
        sock.sendall(head + b'{"batch_id":')
        started = time.monotonic()
        code, raw = _read_status(sock)
        waited = time.monotonic() - started
    assert code == 408 and b"body_timeout" in raw, raw
    assert 0.8 < waited < 5


def test_batches_beyond_the_concurrency_limit_are_told_to_retry(
    make_deployment: Callable[..., Deployment],
) -> None:
    d = make_deployment(args=("--max-batches", "1", "--body-timeout", "3"))
    st = HandStation.enrol(d.engine, d.url, "GZ-CC-0001")
    with _connect(d) as slow:
        slow.sendall(_head(f"/api/v1/stations/{st.code}/batches", 1000, st.token) + b"{")
        time.sleep(0.3)  # the slow batch holds the one slot
        r = st.send([])
        assert r.status_code == 503 and r.json()["code"] == "busy"
        assert r.headers["Retry-After"] == "2"
        assert _read_status(slow)[0] == 408
    st.start(receipts=1)  # the slot is free again


def test_interactive_api_pages_are_off_unless_asked_for(
    sqlite_deployment: Deployment, make_deployment: Callable[..., Deployment]
) -> None:
    for path in ("/docs", "/redoc"):
        assert httpx.get(sqlite_deployment.url + path).status_code == 404
    with_docs = make_deployment(args=("--docs",))
    for path in ("/docs", "/redoc"):
        assert httpx.get(with_docs.url + path).status_code == 200


def test_headers_sent_a_byte_at_a_time_are_cut_off(
    make_deployment: Callable[..., Deployment],
) -> None:
    d = make_deployment(args=("--header-timeout", "1"))
    with _connect(d) as sock:
        sock.sendall(b"POST /api/v1/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started = time.monotonic()
        assert _read_status(sock) == (0, b"")  # closed without an answer
        assert 0.8 < time.monotonic() - started < 5
    with _connect(d) as sock:  # a request, then the next one never comes
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /heal")
        started = time.monotonic()
        code, _raw = _read_status(sock)
        assert code == 200 and time.monotonic() - started < 5
    assert httpx.get(d.url + "/healthz").status_code == 200


def test_a_stations_own_token_cannot_make_it_parse_millions_of_values(
    sqlite_deployment: Deployment,
) -> None:
    """16 MB of ``{},`` is 5.6 million objects: refused before any JSON parser sees it."""
    d = sqlite_deployment
    st = HandStation.enrol(d.engine, d.url, "GZ-VC-0001")
    assert d.receiver.proc is not None
    body = b'{"batch_id":"x","entries":[' + b"{}," * ((16 * MB - 64) // 3) + b"{}]}"
    before = _rss_mb(d.receiver.proc.pid, "VmHWM")
    r = httpx.post(
        f"{d.url}/api/v1/stations/{st.code}/batches",
        content=body,
        headers={"Authorization": f"Bearer {st.token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert r.status_code == 422 and "more JSON values" in r.json()["message"]
    assert _rss_mb(d.receiver.proc.pid, "VmHWM") < max(before, 100) + 60
    st.start(receipts=1)  # a real batch still goes through
