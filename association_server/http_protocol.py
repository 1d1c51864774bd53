"""uvicorn's HTTP/1.1 protocol with a deadline for the request line and headers.

uvicorn times out a connection that is idle between requests (``--timeout-keep-alive``)
but not one that opens and then sends its headers a byte at a time, or never: enough of
those fill ``--limit-concurrency`` and lock every station out.  This protocol closes a
connection whose next request has not finished its headers ``header_timeout_s`` after
the connection opened or the previous answer was sent.  The body has its own deadline
(:mod:`association_server.gate`).
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["with_header_timeout"]


class _HeaderDeadlineH11(H11Protocol):
    header_timeout_s = 10.0
    _header_timer: asyncio.TimerHandle | None = None

    # uvicorn's own signature (asyncio.Transport where asyncio.Protocol says
    # BaseTransport): the one ignore left, inherited from the class we extend.
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        waiting_after = self.cycle  # a new request replaces it once its headers are in

        def expire() -> None:
            if self.cycle is waiting_after and not self.transport.is_closing():
                self.transport.close()

        self._header_timer = self.loop.call_later(self.header_timeout_s, expire)


def with_header_timeout(seconds: float) -> type[H11Protocol]:
    """The protocol class to give ``uvicorn.run(http=...)``."""
    return type("HeaderDeadlineH11", (_HeaderDeadlineH11,), {"header_timeout_s": seconds})
