"""Sync under faults; every test ends with "equal ledgers, no duplicates"."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from association_server import admin
from station_app.domain.station_time import utc_now
from station_app.services.station_sync import sync_station
from station_app.services.sync_result import SyncResult
from station_app.sync.client import AssociationClient
from station_app.sync.lock import LOCK_NAME
from station_app.sync.retry import Backoff
from station_app.sync.sync_messages import Outcome
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.harness import FlakyProxy, Receiver, SyncStation, first_n, randomly

FAST = Backoff(base=0.05, cap=0.3, attempts=10, jitter=0.1)


def _sync(st: SyncStation, url: str, **kw: object) -> SyncResult:
    kw.setdefault("backoff", FAST)
    kw.setdefault("pull_designations", False)  # tested on its own; keeps counts exact here
    return sync_station(st.db, st.keys, base_url=url, **kw)  # type: ignore[arg-type]


def test_reply_lost_after_commit(
    make_deployment: Callable[..., Deployment], make_station: Callable[..., SyncStation]
) -> None:
    d = make_deployment()
    st = make_station(d)
    st.record(1200)
    proxy = FlakyProxy(d.receiver.port, drop_response=first_n(2, b'"stored"'))
    try:
        result = _sync(st, proxy.url)
    finally:
        proxy.close()
    assert result.ok, result.message_en
    assert proxy.drops == 2
    # The lost replies' acknowledgement came from the cursor: nothing was sent twice.
    assert result.entries_sent == len(st.entries())
    assert_equal_ledgers(st, d.engine)


def test_receiver_killed_and_restarted_mid_sync(
    make_deployment: Callable[..., Deployment], make_station: Callable[..., SyncStation]
) -> None:
    d = make_deployment(faults="batch_delay_before=0.15,batch_delay_after=0.3")
    st = make_station(d)
    st.record(2600)
    results: list[SyncResult] = []
    # A restart on a loaded machine can take longer than the desk's patience with a
    # silent association (contact_budget_s): this test is about resuming, so it waits.
    worker = threading.Thread(
        target=lambda: results.append(
            _sync(
                st,
                d.url,
                backoff=Backoff(base=0.1, cap=0.5, attempts=400),
                contact_budget_s=120.0,
            )
        )
    )
    worker.start()
    for kills in range(2):  # two crashes, at different points of a batch
        deadline = time.monotonic() + 20
        target = (kills + 1) * 500
        while _acked(d, st) < target and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.1 + 0.15 * kills)
        d.receiver.kill()
        time.sleep(0.3)
        d.receiver.start()
    worker.join(180)
    assert results and results[0].ok, results and results[0].message_en
    assert_equal_ledgers(st, d.engine)


def _acked(d: Deployment, st: SyncStation) -> int:
    return next(s.acked_seq for s in admin.list_stations(d.engine) if s.code == st.code)


def test_500_replies_before_and_after_commit(
    make_deployment: Callable[..., Deployment], make_station: Callable[..., SyncStation]
) -> None:
    d = make_deployment(faults="batch_500_before_every=3,batch_500_after_every=2")
    st = make_station(d)
    st.record(1800)
    result = _sync(st, d.url)
    assert result.ok, result.message_en
    assert_equal_ledgers(st, d.engine)


def test_timeouts(
    make_deployment: Callable[..., Deployment], make_station: Callable[..., SyncStation]
) -> None:
    d = make_deployment(faults="batch_delay_before=1.2,batch_delay_every=2")
    st = make_station(d)
    st.record(1300)

    def impatient(url: str, token: str | None = None) -> AssociationClient:
        return AssociationClient(url, token=token, timeout=0.4)

    result = _sync(st, d.url, client_factory=impatient)
    assert result.ok, result.message_en
    time.sleep(1.3)  # let the abandoned requests finish on the receiver: still no duplicates
    assert_equal_ledgers(st, d.engine)


def test_gives_up_with_plain_words_when_receiver_is_gone(
    make_station: Callable[..., SyncStation], sqlite_deployment: Deployment
) -> None:
    st = make_station(sqlite_deployment)
    st.record(1)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    result = _sync(st, dead, backoff=Backoff(base=0.01, cap=0.02, attempts=3))
    assert result.outcome is Outcome.NETWORK
    assert "不会丢失" in result.message_zh
    assert st.unsynced() == len(st.entries())


def test_same_batch_sent_twice(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(deployment)
    st.record(20)
    entries = st.entries()
    with AssociationClient(deployment.url, token=st.keys.get_sync_token()) as client:
        first = client.send_batch(st.code, "same", entries)
        second = client.send_batch(st.code, "same", entries)
        overlap = client.send_batch(st.code, "later", entries[5:])
    assert (first.stored, first.duplicates) == (len(entries), 0)
    assert (second.stored, second.duplicates) == (0, len(entries))
    assert (overlap.stored, overlap.duplicates) == (0, len(entries) - 5)
    assert second.acked_hash == first.acked_hash == entries[-1].hash
    result = _sync(st, deployment.url)
    assert result.ok and result.entries_sent == 0
    assert_equal_ledgers(st, deployment.engine)


def test_two_sync_runs_at_once(
    make_deployment: Callable[..., Deployment], make_station: Callable[..., SyncStation]
) -> None:
    d = make_deployment(faults="batch_delay_before=0.1")
    st = make_station(d)
    st.record(1500)
    results: list[SyncResult] = []
    barrier = threading.Barrier(3)

    def run() -> None:
        barrier.wait()
        results.append(_sync(st, d.url))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    outcomes = sorted(r.outcome.value for r in results)
    assert outcomes == ["busy", "busy", "ok"]
    assert_equal_ledgers(st, d.engine)


def test_stale_lock_of_a_crashed_run_is_recovered(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(sqlite_deployment)
    st.record(3)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    (st.db.path.parent / LOCK_NAME).write_text(
        json.dumps(
            {
                "pid": int(dead.stdout),
                "host": socket.gethostname(),
                "owner": "crashed",
                "started": time.time(),
                "heartbeat": time.time(),
            }
        )
    )
    result = _sync(st, sqlite_deployment.url)
    assert result.ok, result.message_en
    assert not (st.db.path.parent / LOCK_NAME).exists()
    assert_equal_ledgers(st, sqlite_deployment.engine)


def test_5000_entries_over_an_unreliable_network(
    make_deployment: Callable[..., Deployment], make_station: Callable[..., SyncStation]
) -> None:
    d = make_deployment()
    st = make_station(d)
    st.record(5000)
    proxy = FlakyProxy(
        d.receiver.port, drop_response=randomly(0.3, seed=7), drop_request=randomly(0.03, seed=11)
    )
    try:
        result = _sync(st, proxy.url, backoff=Backoff(base=0.02, cap=0.2, attempts=25))
    finally:
        proxy.close()
    assert result.ok, result.message_en
    assert proxy.drops >= 3
    assert_equal_ledgers(st, d.engine)


def test_clock_skew_is_reported(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(sqlite_deployment)
    st.record(1)
    result = _sync(st, sqlite_deployment.url, clock=lambda: utc_now() + timedelta(minutes=9))
    assert result.ok
    assert result.clock_skew_s is not None and 500 < result.clock_skew_s < 600
    assert any("时钟" in w for w in result.warnings_zh)
    fine = _sync(st, sqlite_deployment.url)
    assert fine.warnings_zh == ()


def test_two_receivers_on_one_database(
    make_deployment: Callable[..., Deployment],
    make_station: Callable[..., SyncStation],
    backend: str,
) -> None:
    d = make_deployment(backend=backend)
    second = Receiver(d.db_url, d.receiver.log_path.parent).start()
    try:
        st = make_station(d)
        st.record(2000)
        entries = st.entries()
        errors: list[BaseException] = []

        def push(url: str) -> None:
            try:
                with AssociationClient(url, token=st.keys.get_sync_token()) as client:
                    while (acked := client.cursor(st.code).acked_seq) < len(entries):
                        client.send_batch(
                            st.code, os.urandom(4).hex(), entries[acked : acked + 300]
                        )
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=push, args=(u,)) for u in (d.url, second.url) * 2]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert errors == []
        assert _sync(st, d.url).ok
        assert_equal_ledgers(st, d.engine)
    finally:
        second.stop()


def test_a_busy_receiver_is_given_the_time_it_asks_for(
    make_deployment: Callable[..., Deployment], make_station: Callable[..., SyncStation]
) -> None:
    """503 "busy" with ``Retry-After: 2``: the station waits at least that, then resends."""
    d = make_deployment(faults="batch_busy_every=2")
    st = make_station(d)
    st.record(1600)  # four batches: the 2nd and 4th requests are answered "busy"
    waits: list[float] = []
    result = _sync(st, d.url, backoff=Backoff(base=0.05, cap=5.0, jitter=0.1), sleep=waits.append)
    assert result.ok, result.message_en
    assert len(waits) >= 2 and all(2.0 <= w <= 2.2 for w in waits), waits
    assert_equal_ledgers(st, d.engine)
