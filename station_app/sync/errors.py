"""What can go wrong talking to the association, split by what the station should do.

:class:`TransientError` — the network, a timeout or the receiver's 5xx: wait and retry,
nothing is lost because the station re-reads the cursor.  :class:`RefusedError` — a 4xx:
the receiver understood and said no; retrying cannot help, a person must act.
:class:`UntrustedServerError` — the server's TLS certificate did not verify, so nothing
was sent: retrying cannot help either, and the first thing to check is the PC's clock.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync failure; ``str()`` is safe to log (no tokens)."""


class TransientError(SyncError):
    """``kind`` says what to check: ``unreachable`` (no connection: the PC's network or the
    address), ``timeout`` (connected, no answer in time), ``server`` (the receiver's 5xx or
    429)."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        kind: str = "server",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after  # seconds the server asked us to wait, if it said
        self.kind = kind


class RefusedError(SyncError):
    def __init__(self, status: int, code: str, message: str, seq: int | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.seq = seq


class UntrustedServerError(SyncError):
    """The server at the association's address could not prove it is the association."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the server's certificate could not be verified ({reason})")
        self.reason = reason
