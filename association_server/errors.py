"""Refusals the receiver gives, each with a stable machine code and a plain sentence.

Clients (the station app) decide what to do from ``code`` alone: a 4xx means "stop and
tell a person", a 5xx or 503 means "try again later".  Messages are English for the
association's staff and logs; the station shows its own Chinese sentence per code.
"""

from __future__ import annotations


class ApiError(Exception):
    """An error that becomes ``{"code": ..., "message": ...}`` with ``status``."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        seq: int | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.seq = seq
        self.retry_after = retry_after  # seconds, sent as a Retry-After header

    def headers(self) -> dict[str, str] | None:
        return None if self.retry_after is None else {"Retry-After": str(self.retry_after)}

    def body(self) -> dict[str, object]:
        out: dict[str, object] = {"code": self.code, "message": self.message}
        if self.seq is not None:
            out["seq"] = self.seq
        return out


def unauthorized() -> ApiError:
    return ApiError(401, "unauthorized", "A valid station token is required.")


def forbidden() -> ApiError:
    return ApiError(403, "forbidden", "This token does not belong to that station.")


#: Seconds a station is asked to wait after a "busy" answer (``Retry-After``): long enough
#: for a day-end crowd to thin out, short enough that a sync still ends in minutes.
BUSY_RETRY_AFTER_S = 2


def busy(message: str) -> ApiError:
    """503: nothing was stored; the station waits ``Retry-After`` seconds and sends again."""
    return ApiError(503, "busy", message, retry_after=BUSY_RETRY_AFTER_S)


class AdminError(Exception):
    """A refused admin command (or console action), printed as one sentence."""
