"""Sync over https, as a station talks to an association on another computer.

The receiver serves TLS itself here (``serve --tls-cert/--tls-key``) with a certificate
from a throwaway CA.  A station that trusts that CA (``SSL_CERT_FILE``) enrols and syncs;
one that does not, or that meets a certificate not valid yet (what a PC whose clock is
behind sees), stops at once, sends nothing, and says to check the clock first.
"""

from __future__ import annotations

import datetime as dt
import ssl
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from association_server import admin
from station_app.domain.errors import DomainError
from station_app.services.enrolment import enrol_station
from station_app.services.station_sync import sync_station
from station_app.storage.models import SyncRun
from station_app.sync.sync_messages import Outcome
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation, enrol
from tests.sync.tls_files import make_tls_files


def test_enrol_and_sync_over_https(
    make_deployment: Callable[..., Deployment],
    make_station: Callable[..., SyncStation],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tls = make_tls_files(tmp_path / "tls")
    d = make_deployment(tls=tls)
    assert d.url.startswith("https://")
    monkeypatch.setenv("SSL_CERT_FILE", str(tls.ca))
    st = make_station(d)
    st.record(30)
    result = sync_station(st.db, st.keys)  # the enrolled https address
    assert result.outcome is Outcome.OK, result.message_en
    assert result.acked_seq == len(st.entries())
    assert_equal_ledgers(st, d.engine)
    # Served over TLS, every answer tells browsers to use nothing else (HSTS).
    for path in ("/healthz", "/r/GZ-YX-0012-2026-000001", "/nope"):
        r = httpx.get(d.url + path, verify=ssl.create_default_context(cafile=str(tls.ca)))
        assert r.headers["strict-transport-security"] == "max-age=31536000", path


@pytest.mark.parametrize("case", ["unknown_ca", "not_yet_valid"])
def test_a_certificate_that_does_not_verify_stops_at_once_and_sends_nothing(
    case: str,
    make_deployment: Callable[..., Deployment],
    make_station: Callable[..., SyncStation],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if case == "unknown_ca":
        tls = make_tls_files(tmp_path / "tls")
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)  # certifi's CAs only
        reason = "unable to get local issuer certificate"
    else:
        tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        tls = make_tls_files(tmp_path / "tls", valid_from=tomorrow)
        monkeypatch.setenv("SSL_CERT_FILE", str(tls.ca))
        reason = "certificate is not yet valid"
    d = make_deployment(tls=tls)
    st = make_station()
    code = admin.create_station(d.engine, st.code, "测试捐赠站")

    with pytest.raises(DomainError) as refused:
        enrol_station(st.db, st.keys, st.coordinator, code, association_url=d.url)
    assert refused.value.code == "enrol.untrusted"
    assert "日期和时间" in refused.value.message_zh and reason in refused.value.message_en
    assert st.keys.get_sync_token() is None

    # A station that has a token (enrolled at a good server) sends nothing to this one.
    good_tls = make_tls_files(tmp_path / "good")
    good = make_deployment(tls=good_tls)
    with monkeypatch.context() as trusting:
        trusting.setenv("SSL_CERT_FILE", str(good_tls.ca))
        enrol(st, good.engine, good.url)
    st.record(5)
    for pull_designations in (True, False):  # the first request of a run is either
        waits: list[float] = []
        result = sync_station(
            st.db,
            st.keys,
            base_url=d.url,
            pull_designations=pull_designations,
            sleep=waits.append,
        )
        assert result.outcome is Outcome.UNTRUSTED, result.message_en
        assert reason in result.message_en and "date and time" in result.message_en
        assert "日期和时间" in result.message_zh
        assert waits == [] and result.entries_sent == 0  # no retries: they cannot help
    assert admin.stored_entries(d.engine, st.code) == []
    with st.db.read() as conn:
        runs = conn.execute(select(SyncRun.__table__.c.outcome)).scalars().all()
    assert runs[-2:] == ["untrusted", "untrusted"]
