"""Logging in and out of the console, and the audit page."""

# No "from __future__ import annotations": FastAPI must resolve the dependencies.

import secrets
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

from association_server.console import accounts, audit
from association_server.console.errors import ConsoleError
from association_server.console.sessions import (
    COOKIE,
    LOGIN_COOKIE,
    SESSION_HOURS,
    end_session,
    start_session,
)
from association_server.console.web import Console, Page, read_form


def add_routes(app: FastAPI, console: Console, deps: dict[str, Any]) -> None:
    page_dep, form_dep = deps["page"], deps["form"]

    def login_page(page: Page, nonce: str, message: str = "", status: int = 200) -> Response:
        response = console.render(
            page,
            "login.html",
            http_status=status,
            message=message,
            login_csrf=console.signer.csrf("login:" + nonce),
        )
        response.set_cookie(
            LOGIN_COOKIE,
            nonce,
            max_age=3600,
            httponly=True,
            samesite="strict",
            path="/console/login",
            secure=page.request.url.scheme == "https",
        )
        return response

    @app.get("/console/login", include_in_schema=False)
    def login_form(request: Request) -> Response:
        return login_page(console.public(request), secrets.token_urlsafe(16))

    @app.post("/console/login", include_in_schema=False)
    def login(request: Request, fields: Annotated[dict[str, str], Depends(read_form)]) -> Response:
        page = console.public(request)
        nonce = request.cookies.get(LOGIN_COOKIE) or ""
        fresh = secrets.token_urlsafe(16)
        if not nonce or not console.signer.csrf_ok("login:" + nonce, fields.get("csrf")):
            message = "The form expired; please log in again."
            return login_page(page, fresh, console_t(page, message), 403)
        try:
            user = accounts.authenticate(
                console.engine,
                console.limits,
                fields.get("name", ""),
                fields.get("password", ""),
                page.client,
            )
        except ConsoleError as err:
            return login_page(page, fresh, err.text(page.english), err.status)
        token = start_session(console.engine, user)
        response = console.redirect(page, "/console/stations")
        response.set_cookie(
            COOKIE,
            console.signer.cookie(token),
            max_age=SESSION_HOURS * 3600,
            httponly=True,
            samesite="strict",
            path="/console",
            secure=request.url.scheme == "https",
        )
        response.delete_cookie(LOGIN_COOKIE, path="/console/login")
        return response

    @app.post("/console/logout", include_in_schema=False)
    def logout(posted: Annotated[tuple[Page, dict[str, str]], Depends(form_dep)]) -> Response:
        page, _fields = posted
        end_session(console.engine, page.token)
        response = console.redirect(page, "/console/login")
        response.delete_cookie(COOKIE, path="/console")
        return response

    @app.get("/console/", include_in_schema=False)
    def home(page: Annotated[Page, Depends(page_dep)]) -> Response:
        return console.redirect(page, "/console/stations")

    @app.get("/console/audit", include_in_schema=False)
    def audit_page(page: Annotated[Page, Depends(page_dep)]) -> Response:
        return console.render(page, "audit.html", rows=audit.recent(console.engine))


def console_t(page: Page, text: str) -> str:
    from association_server.console.i18n import translator

    return translator(page.english)(text)
