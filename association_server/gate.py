"""The receiver's front door: nothing is read from a client before it has to be.

An ASGI middleware in front of the FastAPI app that, for every request:

* refuses a body over its path's limit before reading it (``Content-Length``) and while
  reading it: a batch may be large, anything else (an enrolment) only a few KB;
* for a batch, checks the bearer token and that it belongs to the station in the path
  *before reading a byte of the body*, so an unauthenticated 16 MB upload costs the
  receiver nothing but a 401 and a closed connection;
* limits how many batches one process handles at once (more are told ``busy``, with
  ``Retry-After``, before their body is read);
* gives a client ``body_timeout_s`` to send its whole body (``408`` after that), so a
  stalled upload cannot hold a connection and its buffers for ever;
* counts the JSON values of a batch body before anything parses it: 16 MB of ``{},``
  is 5.6 million objects, about 450 MB once parsed, while a real batch of at most
  2,000 entries has about 7 values each; more than the protocol allows is refused;
* adds ``Strict-Transport-Security`` to every answer served over https.

The body is read here, once, and handed to the app as a single message, so the limits
and the timeout are enforced in one place whatever the route does with it.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from association_server.schemas import MAX_BATCH_ENTRIES
from association_server.settings import ReceiverSettings

__all__ = ["BATCH_PATH", "RequestGate"]

BATCH_PATH = re.compile(r"/api/v1/stations/(?P<code>[^/]+)/batches")
_JSON_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
#: Commas and brackets outside strings a batch may have: 2,000 entries of 6 fields, with
#: room to spare (an entry is one object of six fields; the batch adds a few).
MAX_BATCH_SEPARATORS = MAX_BATCH_ENTRIES * 8 + 16
COUNT_VALUES_ABOVE = 1024 * 1024
HSTS = b"max-age=31536000"
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class _Refusal(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}


async def _refuse(send: Send, refusal: _Refusal) -> None:
    """Answer and close: the rest of an unread body is never read."""
    body = json.dumps({"code": refusal.code, "message": refusal.message}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *((k.lower().encode(), v.encode()) for k, v in refusal.headers.items()),
    ]
    await send({"type": "http.response.start", "status": refusal.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", ()):
        if key == name and isinstance(value, bytes):
            return value
    return None


def _bearer(scope: Scope) -> str | None:
    raw = _header(scope, b"authorization")
    if raw is None:
        return None
    scheme, _, token = raw.decode("latin-1").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token and len(token) <= 200 else None


class RequestGate:
    def __init__(
        self,
        app: ASGIApp,
        *,
        settings: ReceiverSettings,
        token_owner: Callable[[str], str | None],
    ) -> None:
        self.app = app
        self.settings = settings
        self.token_owner = token_owner
        self.batches_in_flight = 0  # one event loop per process: a plain counter is exact

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope.get("scheme") == "https":
            send = _with_hsts(send)
        batch = BATCH_PATH.fullmatch(scope["path"]) if scope["method"] == "POST" else None
        limit = self.settings.max_body if batch else self.settings.small_body
        if not batch and scope["path"].startswith("/console/"):
            limit = self.settings.console_body  # a form with a pasted CSV
        try:
            _check_declared_length(scope, limit)
            if batch:
                await self._authenticate(scope, batch["code"])
                if self.batches_in_flight >= self.settings.max_concurrent_batches:
                    raise _Refusal(
                        503,
                        "busy",
                        "The receiver is handling other batches; retry later.",
                        {"Retry-After": "2"},
                    )
        except _Refusal as refusal:
            await _refuse(send, refusal)
            return
        if batch:
            self.batches_in_flight += 1
        try:
            if scope["method"] in _BODY_METHODS:
                try:
                    body = await self._read_body(receive, limit)
                    if batch:
                        _check_value_count(body)
                except _Refusal as refusal:
                    await _refuse(send, refusal)
                    return
                receive = _replay(body, receive)
            await self.app(scope, receive, send)
        finally:
            if batch:
                self.batches_in_flight -= 1

    async def _authenticate(self, scope: Scope, code: str) -> None:
        token = _bearer(scope)
        owner = await run_in_threadpool(self.token_owner, token) if token else None
        if owner is None:
            raise _Refusal(401, "unauthorized", "A valid station token is required.")
        if owner != code:
            raise _Refusal(403, "forbidden", "This token does not belong to that station.")

    async def _read_body(self, receive: Receive, limit: int) -> bytes:
        deadline = time.monotonic() + self.settings.body_timeout_s
        chunks: list[bytes] = []
        size = 0
        while True:
            left = deadline - time.monotonic()
            try:
                if left <= 0:
                    raise TimeoutError
                message = await asyncio.wait_for(receive(), left)
            except TimeoutError:
                raise _Refusal(
                    408,
                    "body_timeout",
                    f"The request body did not arrive within {self.settings.body_timeout_s:g} s.",
                ) from None
            if message["type"] == "http.disconnect":
                raise _Refusal(400, "disconnected", "The client went away.")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
            if not message.get("more_body", False):
                return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(limit: int) -> _Refusal:
    return _Refusal(413, "body_too_large", f"Request body over {limit} bytes.")


def _check_value_count(body: bytes) -> None:
    """Refuse a batch body with more JSON values than any batch has, before it is parsed.

    Below :data:`COUNT_VALUES_ABOVE` bytes there is nothing to fear (1 MB of ``{},`` is
    about 30 MB parsed), and a station's usual batch of 500 entries is smaller.
    """
    if len(body) <= COUNT_VALUES_ABOVE:
        return
    structure = _JSON_STRINGS.sub(b"", body)
    count = structure.count(b",") + structure.count(b"[") + structure.count(b"{")
    if count > MAX_BATCH_SEPARATORS:
        raise _Refusal(
            422,
            "invalid_request",
            f"The batch has more JSON values than {MAX_BATCH_ENTRIES} entries can have.",
        )


def _check_declared_length(scope: Scope, limit: int) -> None:
    declared = _header(scope, b"content-length")
    if declared is None:
        return
    try:
        length = int(declared)
    except ValueError:
        raise _Refusal(400, "bad_request", "Content-Length is not a number.") from None
    if length > limit:
        raise _too_large(limit)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body as one message, then whatever the connection says next (a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _with_hsts(send: Send) -> Send:
    async def send_with_hsts(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            headers.append((b"strict-transport-security", HSTS))
            message = {**message, "headers": headers}
        await send(message)

    return send_with_hsts
