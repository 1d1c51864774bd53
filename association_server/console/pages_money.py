"""Totals with a chart, the drill-down to one station-day, and the CSV export."""

# No "from __future__ import annotations": FastAPI must resolve the dependencies.

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query
from fastapi.responses import Response

from association_server.console import exports, money
from association_server.console.chart import Bar, bar_chart
from association_server.console.errors import ConsoleError
from association_server.console.i18n import translator
from association_server.console.officials import parse_day
from association_server.console.web import Console, Page

Q = Annotated[str, Query(max_length=40)]
DAY = Annotated[str, Query(max_length=10)]


def _next_link(f: money.Filters, key: str) -> str:
    """Where a row of the totals leads: narrow by it, down to a station's day."""
    base = {"from": f.day_from, "to": f.day_to, "station": f.station, "kind": f.kind}
    base["designation"] = f.designation
    if f.group == "station":
        return "/console/totals?" + urlencode({**base, "station": key, "group": "day"})
    if f.group == "day" and f.station:
        return "/console/totals/day?" + urlencode({"station": f.station, "day": key})
    if f.group == "day":
        return "/console/totals?" + urlencode({**base, "from": key, "to": key, "group": "station"})
    if f.group == "month":
        return "/console/totals?" + urlencode({**base, "group": "day"})
    return "/console/totals?" + urlencode({**base, f.group: key, "group": "station"})


def add_routes(app: FastAPI, console: Console, deps: dict[str, Any]) -> None:
    page_dep = deps["page"]

    def filters(
        day_from: Annotated[str, Query(alias="from", max_length=10)] = "",
        day_to: Annotated[str, Query(alias="to", max_length=10)] = "",
        station: Q = "",
        kind: Q = "",
        designation: Q = "",
        group: Q = "station",
    ) -> money.Filters:
        return money.make_filters(day_from, day_to, station, kind, designation, group)

    @app.get("/console/totals", include_in_schema=False)
    def totals(
        page: Annotated[Page, Depends(page_dep)], f: Annotated[money.Filters, Depends(filters)]
    ) -> Response:
        rows = money.totals(console.engine, f)
        t = translator(page.english)
        label = (lambda k: t(k)) if f.group == "kind" else (lambda k: k)
        chart = bar_chart(
            [
                Bar(label(r.key), r.amount_fen, money.yuan(r.amount_fen), _next_link(f, r.key))
                for r in rows
            ]
        )
        query = urlencode(
            {
                "from": f.day_from,
                "to": f.day_to,
                "station": f.station,
                "kind": f.kind,
                "designation": f.designation,
                "group": f.group,
            }
        )
        return console.render(
            page,
            "totals.html",
            f=f,
            rows=[(r, label(r.key), _next_link(f, r.key)) for r in rows],
            chart=chart,
            groups=money.GROUPS,
            total_fen=sum(r.amount_fen for r in rows),
            total_n=sum(r.donations for r in rows),
            yuan=money.yuan,
            csv_link="/console/totals.csv?" + query,
            xlsx_link="/console/totals.xlsx?" + query,
        )

    @app.get("/console/totals.{ext}", include_in_schema=False)
    def totals_file(
        ext: str,
        page: Annotated[Page, Depends(page_dep)],
        f: Annotated[money.Filters, Depends(filters)],
    ) -> Response:
        """The totals as CSV or XLSX, through the station's formula-safe writer."""
        exports.check_extension(ext)
        rows = money.totals(console.engine, f)
        t = translator(page.english)
        headers = [t(f.group), t("Donations"), t("Amount (yuan)")]
        table = [[r.key, r.donations, money.yuan(r.amount_fen)] for r in rows]
        return exports.spreadsheet(
            ext,
            headers,
            table,
            filename=f"totals-{f.group}-{f.day_from}-{f.day_to}",
            sheet_title=t("Totals"),
        )

    @app.get("/console/totals/day", include_in_schema=False)
    def station_day(page: Annotated[Page, Depends(page_dep)], station: Q, day: DAY) -> Response:
        clean = parse_day(day)
        if clean is None:
            raise ConsoleError("请给出日期。", "Give a day.")
        rows = money.station_day(console.engine, station, clean)
        live = [r for r in rows if r.voided_at is None]
        return console.render(
            page,
            "station_day.html",
            station=station.upper(),
            day=clean,
            rows=rows,
            total_fen=sum(r.amount_fen for r in live),
            yuan=money.yuan,
        )
