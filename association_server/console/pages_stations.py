"""The stations page: every terminal, stale ones highlighted; create, revoke, new code."""

# No "from __future__ import annotations": FastAPI must resolve the dependencies.

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query
from fastapi.responses import Response

from association_server.console import stations
from association_server.console.web import Console, Page

Posted = tuple[Page, dict[str, str]]


def add_routes(app: FastAPI, console: Console, deps: dict[str, Any]) -> None:
    page_dep, form_dep = deps["page"], deps["form"]

    @app.get("/console/stations", include_in_schema=False)
    def station_list(
        page: Annotated[Page, Depends(page_dep)],
        stale_days: Annotated[int | None, Query(ge=0, le=3650)] = None,
        done: Annotated[str | None, Query(max_length=40)] = None,
    ) -> Response:
        days = console.settings.console_stale_days if stale_days is None else stale_days
        lines = stations.station_lines(console.engine, days)
        return console.render(
            page,
            "stations.html",
            lines=lines,
            stale_days=days,
            stale_count=sum(line.stale for line in lines),
            message=DONE.get(done or "", "") and page_t(page, DONE[done or ""]),
        )

    @app.post("/console/stations", include_in_schema=False)
    def station_create(posted: Annotated[Posted, Depends(form_dep)]) -> Response:
        page, f = posted
        code, enrollment = stations.create_station(
            console.engine,
            page.signed_in,
            f.get("code", ""),
            f.get("name", ""),
            f.get("district", ""),
            page.client,
        )
        return console.render(page, "enrolment_code.html", code=code, enrollment=enrollment)

    @app.post("/console/stations/{code}/enrolment-code", include_in_schema=False)
    def station_code(code: str, posted: Annotated[Posted, Depends(form_dep)]) -> Response:
        page, _f = posted
        enrollment = stations.new_code(console.engine, page.signed_in, code[:40], page.client)
        return console.render(page, "enrolment_code.html", code=code, enrollment=enrollment)

    @app.post("/console/stations/{code}/revoke", include_in_schema=False)
    def station_revoke(code: str, posted: Annotated[Posted, Depends(form_dep)]) -> Response:
        page, _f = posted
        stations.revoke(console.engine, page.signed_in, code[:40], page.client)
        return console.redirect(page, "/console/stations?done=revoked")


DONE = {"revoked": "The station's token was revoked; it must enrol again with a new code."}


def page_t(page: Page, text: str) -> str:
    from association_server.console.i18n import translator

    return translator(page.english)(text)
