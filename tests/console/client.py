"""A person at the console, through real HTTP: logs in, reads pages, posts forms.

Forms are posted the way the browser posts them, with the CSRF token read from the
page; ``csrf=None`` leaves it out to show what happens then.
"""

from __future__ import annotations

import html
import itertools
import re

import httpx
from sqlalchemy import Engine

from association_server.console import accounts

PASSWORD = "Cons0le-Pass!"
_names = itertools.count(1)
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def new_user(engine: Engine, role: str = "officer", password: str = PASSWORD) -> str:
    name = f"{role}-{next(_names)}-{id(engine) % 10_000}"
    accounts.add_user(engine, name, password, role)
    return name


def csrf_of(page: str) -> str:
    match = _CSRF.search(page)
    assert match, page[:3000]
    return html.unescape(match.group(1))


def text_of(page: str) -> str:
    """The page's visible text, roughly (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


class ConsoleClient:
    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=30.0, follow_redirects=False)
        self.csrf = ""

    def close(self) -> None:
        self.http.close()

    def login(self, name: str, password: str = PASSWORD) -> httpx.Response:
        form = self.http.get("/console/login")
        reply = self.http.post(
            "/console/login",
            data={"name": name, "password": password, "csrf": csrf_of(form.text)},
        )
        if reply.status_code == 303:
            self.csrf = csrf_of(self.get("/console/stations").text)
        return reply

    def get(self, path: str, **params: object) -> httpx.Response:
        return self.http.get(path, params=params or None)

    def post(
        self, path: str, data: dict[str, str], *, csrf: str | bool | None = True
    ) -> httpx.Response:
        fields = dict(data)
        if csrf is True:
            fields["csrf"] = self.csrf
        elif isinstance(csrf, str):
            fields["csrf"] = csrf
        return self.http.post(path, data=fields)
