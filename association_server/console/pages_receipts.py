"""The official receipts page: what waits for a number; enter one, or import a CSV
(pasted, or uploaded as a file: :mod:`association_server.console.uploads`)."""

# No "from __future__ import annotations": FastAPI must resolve the dependencies.

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query
from fastapi.responses import Response

from association_server.console import officials
from association_server.console.web import Console, Page

Posted = tuple[Page, dict[str, str]]


def add_routes(app: FastAPI, console: Console, deps: dict[str, Any]) -> None:
    page_dep, form_dep = deps["page"], deps["form"]

    @app.get("/console/receipts", include_in_schema=False)
    def receipts(
        page: Annotated[Page, Depends(page_dep)],
        station: Annotated[str, Query(max_length=40)] = "",
        day_from: Annotated[str, Query(alias="from", max_length=10)] = "",
        day_to: Annotated[str, Query(alias="to", max_length=10)] = "",
        recorded: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    ) -> Response:
        rows = officials.waiting(console.engine, station, day_from, day_to)
        t_message = ""
        if recorded is not None:
            from association_server.console.i18n import translator

            t_message = translator(page.english)("{n} official numbers recorded.", n=recorded)
        return console.render(
            page,
            "receipts.html",
            rows=rows,
            station=station,
            day_from=day_from,
            day_to=day_to,
            message=t_message,
        )

    @app.post("/console/receipts", include_in_schema=False)
    def receipts_set(posted: Annotated[Posted, Depends(form_dep)]) -> Response:
        page, f = posted
        if "csv_file" in f:  # the uploaded file (multipart), same rules as the pasted rows
            rows = officials.parse_csv(f["csv_file"])
        elif f.get("csv", "").strip():
            rows = officials.parse_csv(f["csv"])
        else:
            rows = [(f.get("number", ""), f.get("official", ""), f.get("date", ""))]
        n = officials.set_numbers(console.engine, page.signed_in, rows, page.client)
        back = {k: f.get(k, "") for k in ("station", "from", "to") if f.get(k)}
        return console.redirect(page, "/console/receipts?" + urlencode({**back, "recorded": n}))
