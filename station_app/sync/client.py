"""The HTTP client for the association's receiver (httpx), one instance per sync run.

Base URL and token are handed in, never read from globals, and every request has a
timeout, so a dead network makes a sync fail in seconds, not hang the worker thread.
Errors come out as :class:`TransientError` (retry) or :class:`RefusedError` (stop); the
token never appears in an exception or a log line.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from station_app.domain.ledger import LedgerEntry
from station_app.sync.errors import RefusedError, TransientError, UntrustedServerError
from station_app.sync.protocol import (
    API_PREFIX,
    BatchAck,
    Cursor,
    DesignationList,
    RemoteDesignation,
    entry_to_wire,
)

if TYPE_CHECKING:
    import httpx

#: How long to wait for a connection: a dead network must fail a sync in seconds.
CONNECT_TIMEOUT_S = 3.0
#: Timeouts below are (read/write seconds, connect seconds); httpx itself is imported on
#: the first client, not when the desk starts (it is a noticeable part of start-up time).
#: A small question (the cursor, the designations) needs no long wait: a server that took
#: the connection and then says nothing is as good as unreachable.
SMALL_REQUEST_TIMEOUT = (4.0, CONNECT_TIMEOUT_S)
DEFAULT_TIMEOUT = (30.0, CONNECT_TIMEOUT_S)
USER_AGENT = "donation-station-desk/sync-v1"


class AssociationClient:
    """Talks sync protocol v1 to one receiver on behalf of one station."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: httpx.Timeout | float | tuple[float, float] = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        import httpx

        if isinstance(timeout, tuple):
            timeout = httpx.Timeout(timeout[0], connect=timeout[1])
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers=headers,
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )
        self.last_server_date: datetime | None = None
        self._small = httpx.Timeout(SMALL_REQUEST_TIMEOUT[0], connect=SMALL_REQUEST_TIMEOUT[1])

    def __repr__(self) -> str:
        return f"AssociationClient({str(self._http.base_url)!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> AssociationClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        import httpx

        try:
            response = self._http.request(method, API_PREFIX + path, **kwargs)
        except httpx.ConnectTimeout:
            raise TransientError("no connection to the association", kind="unreachable") from None
        except httpx.TimeoutException as exc:
            raise TransientError(
                f"timed out talking to the association ({type(exc).__name__})", kind="timeout"
            ) from None
        except httpx.TransportError as exc:
            reason = _certificate_failure(exc)
            if reason is not None:
                raise UntrustedServerError(reason) from None
            kind = "unreachable" if isinstance(exc, httpx.ConnectError) else "timeout"
            raise TransientError(f"network error ({type(exc).__name__})", kind=kind) from None
        self._note_date(response)
        if response.status_code >= 500 or response.status_code == 429:
            raise TransientError(
                f"the association answered {response.status_code}",
                status=response.status_code,
                retry_after=_retry_after(response.headers.get("retry-after")),
            )
        if response.status_code >= 400:
            raise _refusal(response)
        if 300 <= response.status_code < 400 and response.status_code != 304:
            # Never followed: the token would go wherever the redirect points.
            where = response.headers.get("location", "?")
            raise RefusedError(response.status_code, "moved", where)  # message: the target
        return response

    def _note_date(self, response: httpx.Response) -> None:
        text = response.headers.get("date")
        if not text:
            return
        with contextlib.suppress(TypeError, ValueError):
            self.last_server_date = parsedate_to_datetime(text)

    @staticmethod
    def _json(response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            # A captive portal or proxy answering 200 with HTML: not the receiver.
            raise TransientError("the association's reply was not JSON") from None

    # -- protocol ---------------------------------------------------------------------

    def enroll(self, station_code: str, enrollment_code: str, public_key: str) -> str:
        """Exchange a one-time enrolment code for this station's bearer token."""
        body = {
            "station_code": station_code,
            "enrollment_code": enrollment_code,
            "public_key": public_key,
        }
        data = self._json(self._request("POST", "/enroll", json=body))
        token = data.get("token") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            raise TransientError("the association's enrolment reply had no token")
        return token

    def cursor(self, station_code: str) -> Cursor:
        data = self._json(
            self._request("GET", f"/stations/{station_code}/cursor", timeout=self._small)
        )
        try:
            return Cursor(int(data["acked_seq"]), str(data["acked_hash"]))
        except (KeyError, TypeError, ValueError):
            raise TransientError("malformed cursor reply") from None

    def send_batch(
        self, station_code: str, batch_id: str, entries: Sequence[LedgerEntry]
    ) -> BatchAck:
        body = json.dumps(
            {"batch_id": batch_id, "entries": [entry_to_wire(e) for e in entries]},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        response = self._request(
            "POST",
            f"/stations/{station_code}/batches",
            content=body,
            headers={"Content-Type": "application/json"},
        )
        data = self._json(response)
        try:
            return BatchAck(
                int(data["acked_seq"]),
                str(data["acked_hash"]),
                int(data["stored"]),
                int(data["duplicates"]),
            )
        except (KeyError, TypeError, ValueError):
            raise TransientError("malformed batch reply") from None

    def designations(self, etag: str | None = None) -> DesignationList:
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", "/designations", headers=headers, timeout=self._small)
        new_etag = response.headers.get("etag")
        if response.status_code == 304:
            return DesignationList(new_etag or etag, None)
        data = self._json(response)
        try:
            items = tuple(
                RemoteDesignation(
                    str(d["code"]),
                    str(d["name"]),
                    str(d["category"]),
                    bool(d["active"]),
                    int(d["sort_order"]),
                )
                for d in data["designations"]
            )
        except (KeyError, TypeError, ValueError):
            raise TransientError("malformed designations reply") from None
        return DesignationList(new_etag, items)


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - datetime.now(when.tzinfo)).total_seconds())


def _certificate_failure(exc: BaseException) -> str | None:
    """OpenSSL's reason when ``exc`` comes from a certificate that did not verify.

    httpx wraps the handshake's :class:`ssl.SSLCertVerificationError` in a
    ``ConnectError``; it is found on the exception's chain.
    """
    import ssl

    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return cause.verify_message or str(cause)
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


def _refusal(response: httpx.Response) -> RefusedError:
    code, message, seq = f"http_{response.status_code}", response.reason_phrase, None
    try:
        data = response.json()
        if isinstance(data, dict):
            code = str(data.get("code") or code)
            message = str(data.get("message") or message)
            seq = data.get("seq") if isinstance(data.get("seq"), int) else None
    except ValueError:
        pass
    return RefusedError(response.status_code, code, message, seq)
