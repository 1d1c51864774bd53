"""The console's plumbing: who is asking (session), in which language, CSRF-checked
forms, and HTML answers with strict security headers.

Every console page depends on :func:`Console.page`, which refuses a request without a
valid session (the browser is sent to the login page); a station's bearer token is never
looked at here, and the station API never looks at cookies, so neither works on the
other side.  Every form post depends on :func:`Console.form`, which also checks the CSRF
token.  Forms are parsed here (``application/x-www-form-urlencoded``, and the one file
upload in :mod:`association_server.console.uploads`), so no multipart library is needed.
"""

# No "from __future__ import annotations": FastAPI must resolve the dependencies.

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine

from association_server.console.accounts import ConsoleUser, LoginLimits
from association_server.console.errors import ConsoleError, LoginRequired
from association_server.console.i18n import LANG_COOKIE, choose_language, translator
from association_server.console.sessions import COOKIE, SessionSigner, load_secret, session_user
from association_server.console.uploads import parse_multipart
from association_server.settings import ReceiverSettings

TEMPLATES = Path(__file__).resolve().parent / "templates"
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
MAX_FIELD = 200_000


@dataclass
class Page:
    """One request's reader: the user (None on public pages), language and CSRF token."""

    request: Request
    english: bool
    user: ConsoleUser | None = None
    token: str = ""
    csrf: str = ""
    set_lang: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return "en" if self.english else "zh"

    @property
    def signed_in(self) -> ConsoleUser:
        """The user of a page that needs one (its dependency already refused the rest)."""
        if self.user is None:
            raise LoginRequired
        return self.user

    @property
    def client(self) -> str:
        return self.request.client.host if self.request.client else "unknown"


class Console:
    """What every console route needs: the engine, settings, signer, limits, templates."""

    def __init__(self, engine: Engine, settings: ReceiverSettings) -> None:
        self.engine = engine
        self.settings = settings
        self.signer = SessionSigner(load_secret(settings.console_secret_file))
        self.limits = LoginLimits.shared(engine)
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(["html", "svg"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )

    # -- who and which language ------------------------------------------------------

    def _language(self, request: Request) -> tuple[bool, str | None]:
        return choose_language(
            request.query_params.get("lang"),
            request.cookies.get(LANG_COOKIE),
            request.headers.get("accept-language"),
        )

    def public(self, request: Request) -> Page:
        english, set_lang = self._language(request)
        request.state.english = english
        return Page(request, english, set_lang=set_lang)

    def page(self, request: Request) -> Page:
        page = self.public(request)
        token = self.signer.token_from_cookie(request.cookies.get(COOKIE))
        user = session_user(self.engine, token) if token else None
        if user is None or token is None:
            raise LoginRequired()
        page.user, page.token, page.csrf = user, token, self.signer.csrf(token)
        return page

    # -- answers -----------------------------------------------------------------------

    def render(self, page: Page, template: str, http_status: int = 200, **context: Any) -> Response:
        t = translator(page.english)
        html = self.env.get_template(template).render(
            t=t,
            page=page,
            user=page.user,
            csrf=page.csrf,
            lang=page.lang,
            request_path=page.request.url.path,
            **context,
        )
        response = HTMLResponse(html, status_code=http_status, headers=SECURITY_HEADERS)
        response.headers["Content-Language"] = "en" if page.english else "zh-CN"
        self.remember_language(page, response)
        return response

    def remember_language(self, page: Page, response: Response) -> None:
        if page.set_lang:
            response.set_cookie(
                LANG_COOKIE, page.set_lang, max_age=365 * 86400, samesite="strict", path="/"
            )

    def redirect(self, page: Page, url: str) -> Response:
        response = RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)
        self.remember_language(page, response)
        return response


async def read_form(request: Request) -> dict[str, str]:
    """The posted form's fields (first value each); anything else is an empty form."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        return parse_multipart(content_type, await request.body())
    if not content_type.startswith("application/x-www-form-urlencoded"):
        return {}
    body = (await request.body()).decode("utf-8", "replace")
    fields = parse_qs(body, keep_blank_values=True, max_num_fields=50)
    return {k[:100]: v[0][:MAX_FIELD] for k, v in fields.items() if v}


def mount(app: FastAPI, engine: Engine, settings: ReceiverSettings) -> None:
    """Add every console route, and the handlers that turn refusals into pages."""
    from association_server.console import (
        pages_accounts,
        pages_auth,
        pages_designations,
        pages_disclosure,
        pages_goods,
        pages_incidents,
        pages_money,
        pages_receipts,
        pages_stations,
    )

    console = Console(engine, settings)

    def page(request: Request) -> Page:
        return console.page(request)

    def form(
        p: Annotated[Page, Depends(page)], fields: Annotated[dict[str, str], Depends(read_form)]
    ) -> tuple[Page, dict[str, str]]:
        if not console.signer.csrf_ok(p.token, fields.get("csrf")):
            raise ConsoleError(
                "表单已过期或来源不明，请返回重试。",
                "The form expired or did not come from this console; go back and retry.",
                status=403,
            )
        return p, fields

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        return RedirectResponse("/console/login", status_code=303, headers=SECURITY_HEADERS)

    @app.exception_handler(ConsoleError)
    async def refused(request: Request, exc: ConsoleError) -> Response:
        english = getattr(request.state, "english", False)
        return console.render(
            Page(request, english), "error.html", http_status=exc.status, refusal=exc.text(english)
        )

    deps = {"page": page, "form": form}
    for module in (
        pages_auth,
        pages_stations,
        pages_incidents,
        pages_receipts,
        pages_money,
        pages_goods,
        pages_disclosure,
        pages_designations,
        pages_accounts,
    ):
        module.add_routes(app, console, deps)

    @app.get("/console", include_in_schema=False)
    def console_root() -> Response:
        return RedirectResponse("/console/", status_code=307)
