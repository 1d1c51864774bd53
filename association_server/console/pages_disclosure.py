"""Disclosure: the officer's preview and publish page, and the public pages (no login)."""

# No "from __future__ import annotations": FastAPI must resolve the dependencies.

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import Response

from association_server import designation_list
from association_server.console import disclosure, money
from association_server.console.disclosure_goods import goods_lines
from association_server.console.errors import ConsoleError
from association_server.console.pages_goods import MOVEMENTS, quantity_text
from association_server.console.web import Console, Page

Posted = tuple[Page, dict[str, str]]


def add_routes(app: FastAPI, console: Console, deps: dict[str, Any]) -> None:
    page_dep, form_dep = deps["page"], deps["form"]

    @app.get("/console/disclosure", include_in_schema=False)
    def disclosure_console(
        page: Annotated[Page, Depends(page_dep)],
        designation: Annotated[str, Query(max_length=40)] = "",
        month: Annotated[str, Query(max_length=7)] = "",
    ) -> Response:
        designations = designation_list.list_designations(console.engine)
        month = month or money.month_bounds()[0][:7]
        lines, versions, goods = [], [], []
        if designation:
            lines = disclosure.live_lines(console.engine, designation, month)
            versions = disclosure.versions(console.engine, designation, month)
            goods = goods_lines(console.engine, designation, month)
        return console.render(
            page,
            "disclosure_console.html",
            designations=designations,
            designation=designation,
            month=month,
            lines=lines,
            goods=goods,
            quantity=quantity_text,
            movements=MOVEMENTS,
            versions=versions,
            total_fen=sum(x["amount_fen"] for x in lines),
            published=disclosure.published(console.engine),
            yuan=money.yuan,
            public_link=f"/disclosure/{quote(designation, safe='')}/{month}",
        )

    @app.post("/console/disclosure", include_in_schema=False)
    def disclosure_publish(posted: Annotated[Posted, Depends(form_dep)]) -> Response:
        page, f = posted
        designation, month = f.get("designation", "")[:40], f.get("month", "")[:7]
        disclosure.publish(
            console.engine,
            page.signed_in,
            designation,
            month,
            f.get("reason", ""),
            page.client,
        )
        return console.redirect(
            page, f"/console/disclosure?designation={quote(designation, safe='')}&month={month}"
        )

    @app.get("/disclosure/", include_in_schema=False)
    def public_index(request: Request) -> Response:
        page = console.public(request)
        return console.render(
            page, "disclosure_index.html", published=disclosure.published(console.engine)
        )

    @app.get("/disclosure/{designation}/{month}", include_in_schema=False)
    def public_month(
        request: Request,
        designation: str,
        month: str,
        v: Annotated[int | None, Query(ge=1, le=100_000)] = None,
    ) -> Response:
        page = console.public(request)
        name = disclosure.designation_name(console.engine, designation[:40])
        versions = disclosure.versions(console.engine, designation[:40], month[:7])
        if name is None or not versions:
            raise ConsoleError(
                "这个月份尚未公示。", "This month has not been published.", status=404
            )
        chosen = versions[-1] if v is None else next((x for x in versions if x.version == v), None)
        if chosen is None:
            raise ConsoleError("没有这一版。", "No such version.", status=404)
        return console.render(
            page,
            "disclosure_public.html",
            name=name,
            shown=chosen,
            versions=versions,
            latest=versions[-1],
            yuan=money.yuan,
            quantity=quantity_text,
            movements=MOVEMENTS,
        )
