"""The receiver's HTTP API (sync protocol v1) and the public receipt page.

The app holds no state of its own beyond an engine: cursors, tokens and ledgers are all in
the database, so several processes can serve the same stations.  Every error reaches the
client as ``{"code", "message"}`` JSON with no stack trace; database hiccups become a
retryable 503, never a 500 that looks like a bug.
"""

# No "from __future__ import annotations": FastAPI must resolve the local dependencies.

import hashlib
import json
import logging
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from association_server import admin, designation_list
from association_server.console import mount_console
from association_server.db import read_transaction
from association_server.enrol_limits import EnrolmentLimits, FailureLimiter
from association_server.errors import ApiError, busy, forbidden, unauthorized
from association_server.faults import Faults
from association_server.gate import RequestGate
from association_server.ingest import accept_batch, read_cursor
from association_server.receipt_page import check_receipt
from association_server.receipt_page_html import prefers_english, render_page
from association_server.safe_text import printable
from association_server.schemas import (
    BatchRequest,
    BatchResponse,
    CursorResponse,
    DesignationsResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorResponse,
)
from association_server.settings import ReceiverSettings
from station_app.domain.ledger import LedgerEntry

log = logging.getLogger(__name__)
_ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorResponse} for s in (400, 401, 403, 404, 408, 409, 413, 422, 429, 503)
}
# The receipt page answers in HTML, but its errors (e.g. a too-long ``s``) are the same
# JSON as everywhere; FastAPI would document them under the route's text/html otherwise.
_JSON_ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}}
    for s in _ERRORS
}
_STATUS_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    415: "unsupported_media_type",
}


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"code": code, "message": message, **extra}, status_code=status)


def _api_response(error: ApiError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers())


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _api_response(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(422, "invalid_request", f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
        return _error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(OperationalError)
    async def database_busy(_request: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", type(exc.orig).__name__)
        return _api_response(busy("The database is busy or unavailable; retry later."))

    @app.exception_handler(Exception)
    async def crash(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return _error(500, "internal_error", "The receiver failed; the error was logged.")


def _bearer(authorization: str | None) -> str:
    if not authorization:
        raise unauthorized()
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized()
    return token.strip()


def _enrolment_limits(settings: ReceiverSettings) -> EnrolmentLimits:
    def limiter(failures: int) -> FailureLimiter:
        return FailureLimiter(failures, settings.enroll_window_s, settings.enroll_lockout_s)

    return EnrolmentLimits(
        limiter(settings.enroll_client_failures), limiter(settings.enroll_station_failures)
    )


def create_app(
    engine: Engine, *, faults: Faults | None = None, settings: ReceiverSettings | None = None
) -> FastAPI:
    """The ASGI app over ``engine`` (migrated already); ``faults`` only in tests."""
    faults = faults or Faults()
    settings = settings or ReceiverSettings()
    app = FastAPI(
        title="Charity association receiver",
        version="1",
        description="Receives donation-station ledgers (sync protocol v1).",
        responses=_ERRORS,
        docs_url="/docs" if settings.docs else None,
        redoc_url="/redoc" if settings.docs else None,
    )
    app.add_middleware(
        RequestGate, settings=settings, token_owner=lambda t: admin.station_for_token(engine, t)
    )
    _install_error_handlers(app)
    limits = _enrolment_limits(settings)

    def token_owner(authorization: Annotated[str | None, Header()] = None) -> str:
        owner = admin.station_for_token(engine, _bearer(authorization))
        if owner is None:
            raise unauthorized()
        return owner

    def station_auth(code: str, owner: Annotated[str, Depends(token_owner)]) -> str:
        if owner != code:
            raise forbidden()
        return code

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/v1/enroll", response_model=EnrollResponse)
    def enroll(body: EnrollRequest, request: Request) -> EnrollResponse:
        code = body.station_code.strip().upper()
        client = request.client.host if request.client else "unknown"
        wait = limits.retry_after(client, code)
        if wait:
            raise ApiError(
                429,
                "enrollment_locked",
                "Too many wrong enrolment codes; try again later.",
                retry_after=wait,
            )
        try:
            token = admin.enroll(engine, code, body.enrollment_code, body.public_key)
        except ApiError as error:
            if error.code == "enrollment_refused":
                admin.record_lockouts(engine, code, client, limits.fail(client, code))
            raise
        log.info("station %s enrolled", printable(code))
        return EnrollResponse(station_code=code, token=token)

    @app.get("/api/v1/stations/{code}/cursor", response_model=CursorResponse)
    def cursor(code: Annotated[str, Depends(station_auth)]) -> CursorResponse:
        with read_transaction(engine) as conn:
            c = read_cursor(conn, code)
        return CursorResponse(acked_seq=c.acked_seq, acked_hash=c.acked_hash)

    @app.post("/api/v1/stations/{code}/batches", response_model=BatchResponse)
    def batches(
        code: Annotated[str, Depends(station_auth)], body: BatchRequest
    ) -> BatchResponse | JSONResponse:
        count = faults.next_batch() if faults.active else 0
        if faults.active and faults.before(count):
            return _error(500, "fault_injected", "Injected failure before processing.")
        if faults.active and faults.busy(count):
            raise busy("Injected: the receiver is busy; retry later.")
        entries = [
            LedgerEntry(e.seq, e.uuid, e.type, e.payload, e.prev_hash, e.hash) for e in body.entries
        ]
        outcome = accept_batch(
            engine, code, body.batch_id, entries, ceiling_fen=settings.max_amount_fen
        )
        if faults.active and faults.after(count):
            return _error(500, "fault_injected", "Injected failure after committing.")
        return BatchResponse(
            acked_seq=outcome.cursor.acked_seq,
            acked_hash=outcome.cursor.acked_hash,
            stored=outcome.stored,
            duplicates=outcome.duplicates,
        )

    @app.get(
        "/api/v1/designations",
        response_model=DesignationsResponse,
        responses={304: {"description": "Not modified (ETag matched)"}},
    )
    def designations(
        _owner: Annotated[str, Depends(token_owner)],
        if_none_match: Annotated[str | None, Header()] = None,
    ) -> Response:
        body = json.dumps(
            {"designations": designation_list.list_designations(engine)},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        ).encode("utf-8")
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if if_none_match and etag in [t.strip() for t in if_none_match.split(",")]:
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

    @app.get("/r/{number}", response_class=HTMLResponse, responses=_JSON_ERRORS)
    def receipt_page(
        number: str,
        s: Annotated[str | None, Query(max_length=200)] = None,
        a: Annotated[str | None, Query(max_length=20)] = None,
        t: Annotated[str | None, Query(max_length=20)] = None,
        lang: Annotated[str | None, Query(max_length=10)] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> HTMLResponse:
        english = lang.lower().startswith("en") if lang else prefers_english(accept_language)
        check = check_receipt(engine, number, s, amount=a, issued=t, settings=settings)
        return HTMLResponse(
            render_page(check, english=english),
            headers={
                "Cache-Control": "no-store",
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
                "X-Content-Type-Options": "nosniff",
                "Content-Language": "en" if english else "zh-CN",
                "Vary": "Accept-Language",
            },
        )

    mount_console(app, engine, settings)
    return app
