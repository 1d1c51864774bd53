"""The designations page: the funds and projects stations offer donors."""

# No "from __future__ import annotations": FastAPI must resolve the dependencies.

from typing import Annotated, Any

from fastapi import Depends, FastAPI
from fastapi.responses import Response

from association_server import designation_list
from association_server.console import designations
from association_server.console.web import Console, Page

Posted = tuple[Page, dict[str, str]]


def add_routes(app: FastAPI, console: Console, deps: dict[str, Any]) -> None:
    page_dep, form_dep = deps["page"], deps["form"]

    @app.get("/console/designations", include_in_schema=False)
    def designation_page(page: Annotated[Page, Depends(page_dep)]) -> Response:
        return console.render(
            page, "designations.html", rows=designation_list.list_designations(console.engine)
        )

    @app.post("/console/designations", include_in_schema=False)
    def designation_change(posted: Annotated[Posted, Depends(form_dep)]) -> Response:
        page, f = posted
        user, action, code = page.signed_in, f.get("action", ""), f.get("code", "")[:40]
        if action == "create":
            designations.create(
                console.engine,
                user,
                code,
                f.get("name", ""),
                f.get("category", ""),
                page.client,
            )
        elif action == "rename":
            designations.rename(console.engine, user, code, f.get("name", ""), page.client)
        elif action in ("close", "open"):
            designations.set_active(console.engine, user, code, action == "open", page.client)
        return console.redirect(page, "/console/designations")
