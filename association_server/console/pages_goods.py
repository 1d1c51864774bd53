"""What a station's goods register synced: received and handed on, per item, in a period.

The association reads it from its own copy of the goods entries
(:func:`association_server.goods.station_goods`); a household's identity never reaches
the receiver in the first place, so nothing here can show one.
"""

# No "from __future__ import annotations": FastAPI must resolve the dependencies.

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query
from fastapi.responses import Response

from association_server import admin, goods
from association_server.console import exports, money
from association_server.console.chart import Bar, BarChart, bar_chart
from association_server.console.i18n import translator
from association_server.console.officials import parse_day
from association_server.console.web import Console, Page
from station_app.domain.money import format_fen

Q = Annotated[str, Query(max_length=40)]
#: What each kind of line is called on the page (the console's Chinese has them too).
MOVEMENTS = {
    "received": "Received",
    "distribution": "To households",
    "designation": "To a project",
    "transfer": "To the association's warehouse",
    "write_off": "Written off",
    "count": "Stock-take difference",
}
DAY = Annotated[str, Query(max_length=10)]


def quantity_text(milli: int) -> str:
    """Milli-units as the register writes them: ``2``, ``1.5``, ``-0.25``."""
    whole, part = divmod(abs(milli), 1000)
    text = f"{whole}" if not part else f"{whole}.{part:03d}".rstrip("0")
    return f"-{text}" if milli < 0 else text


@dataclass(frozen=True, slots=True)
class GoodsView:
    """The page's choice (station, period) and what the goods register says for it."""

    station: str
    stations: list[str]
    day_from: str
    day_to: str
    lines: list[goods.GoodsLine]


def _view(console: Console, station: str, day_from: str, day_to: str) -> GoodsView:
    today = date.today()
    start = parse_day(day_from) or (today - timedelta(days=30)).isoformat()
    end = parse_day(day_to) or today.isoformat()
    codes = [s.code for s in admin.list_stations(console.engine)]
    code = station.strip() if station.strip() in codes else ""
    lines = goods.station_goods(console.engine, code, start, end) if code else []
    return GoodsView(code, codes, start, end, lines)


def _charts(lines: list[goods.GoodsLine], t: Callable[..., str]) -> list[tuple[str, BarChart]]:
    """One bar chart per unit (袋 with 袋, 盒 with 盒): quantities of different units are
    not comparable, so they never share an axis."""
    units: dict[str, list[Bar]] = {}
    for line in lines:
        label = f"{line.item} · {t(MOVEMENTS.get(line.kind, line.kind))}"
        text = f"{quantity_text(line.quantity_milli)} {line.unit}"
        units.setdefault(line.unit, []).append(Bar(label, abs(line.quantity_milli), text))
    return [(unit, bar_chart(bars)) for unit, bars in units.items()]


def add_routes(app: FastAPI, console: Console, deps: dict[str, Any]) -> None:
    page_dep = deps["page"]

    @app.get("/console/goods", include_in_schema=False)
    def goods_page(
        page: Annotated[Page, Depends(page_dep)],
        station: Q = "",
        day_from: Annotated[str, Query(alias="from", max_length=10)] = "",
        day_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    ) -> Response:
        view = _view(console, station, day_from, day_to)
        rows = [
            {
                "item": line.item,
                "unit": line.unit,
                "kind": line.kind,
                "movement": MOVEMENTS.get(line.kind, line.kind),
                "designation": line.designation or "",
                "quantity": quantity_text(line.quantity_milli),
                "value": format_fen(line.value_fen) if line.value_fen else "",
            }
            for line in view.lines
        ]
        query = urlencode({"station": view.station, "from": view.day_from, "to": view.day_to})
        return console.render(
            page,
            "goods.html",
            rows=rows,
            charts=_charts(view.lines, translator(page.english)),
            station=view.station,
            stations=view.stations,
            day_from=view.day_from,
            day_to=view.day_to,
            csv_link="/console/goods.csv?" + query,
            xlsx_link="/console/goods.xlsx?" + query,
        )

    @app.get("/console/goods.{ext}", include_in_schema=False)
    def goods_file(
        ext: str,
        page: Annotated[Page, Depends(page_dep)],
        station: Q = "",
        day_from: Annotated[str, Query(alias="from", max_length=10)] = "",
        day_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    ) -> Response:
        """The goods table as CSV or XLSX (an item named like a formula stays text)."""
        exports.check_extension(ext)
        view = _view(console, station, day_from, day_to)
        t = translator(page.english)
        headers = [t(h) for h in ("Item", "Unit", "Movement", "Project", "Quantity")]
        headers.append(t("Value (yuan)"))
        table = [
            [
                line.item,
                line.unit,
                t(MOVEMENTS.get(line.kind, line.kind)),
                line.designation or "",
                quantity_text(line.quantity_milli),
                money.yuan(line.value_fen) if line.value_fen else "",
            ]
            for line in view.lines
        ]
        return exports.spreadsheet(
            ext,
            headers,
            table,
            filename=f"goods-{view.station or 'none'}-{view.day_from}-{view.day_to}",
            sheet_title=t("Goods"),
        )
