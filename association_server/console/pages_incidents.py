"""The incident queue, one incident's evidence, and an officer's decision on it."""

# No "from __future__ import annotations": FastAPI must resolve the dependencies.

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query
from fastapi.responses import Response

from association_server.console import incident_queue
from association_server.console.web import Console, Page

Posted = tuple[Page, dict[str, str]]
FILTERS = ("unresolved", "open", "acknowledged", "resolved", "all")


def add_routes(app: FastAPI, console: Console, deps: dict[str, Any]) -> None:
    page_dep, form_dep = deps["page"], deps["form"]

    @app.get("/console/incidents", include_in_schema=False)
    def incident_list(
        page: Annotated[Page, Depends(page_dep)],
        status: Annotated[str, Query(max_length=20)] = "unresolved",
        station: Annotated[str, Query(max_length=40)] = "",
    ) -> Response:
        status = status if status in FILTERS else "unresolved"
        rows = incident_queue.incidents(console.engine, status, station)
        return console.render(
            page, "incidents.html", rows=rows, status=status, station=station, filters=FILTERS
        )

    @app.get("/console/incidents/{incident_id}", include_in_schema=False)
    def incident_page(incident_id: int, page: Annotated[Page, Depends(page_dep)]) -> Response:
        found = incident_queue.evidence(console.engine, incident_id)
        return console.render(page, "incident.html", e=found, i=found.incident)

    @app.post("/console/incidents/{incident_id}", include_in_schema=False)
    def incident_decide(incident_id: int, posted: Annotated[Posted, Depends(form_dep)]) -> Response:
        page, f = posted
        incident_queue.decide(
            console.engine,
            page.signed_in,
            incident_id,
            f.get("action", ""),
            f.get("note", ""),
            page.client,
        )
        return console.redirect(page, f"/console/incidents/{incident_id}")
