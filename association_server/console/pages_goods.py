"""What a station's goods register synced: received and handed on, per item, in a period.

The association reads it from its own copy of the goods entries
(:func:`association_server.goods.station_goods`); a household's identity never reaches
the receiver in the first place, so nothing here can show one.
"""

# No "from __future__ import annotations": FastAPI must resolve the dependencies.

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query
from fastapi.responses import Response

from association_server import admin, goods
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


def _quantity(milli: int) -> str:
    whole, part = divmod(abs(milli), 1000)
    text = f"{whole}" if not part else f"{whole}.{part:03d}".rstrip("0")
    return f"-{text}" if milli < 0 else text


def add_routes(app: FastAPI, console: Console, deps: dict[str, Any]) -> None:
    page_dep = deps["page"]

    @app.get("/console/goods", include_in_schema=False)
    def goods_page(
        page: Annotated[Page, Depends(page_dep)],
        station: Q = "",
        day_from: Annotated[str, Query(alias="from", max_length=10)] = "",
        day_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    ) -> Response:
        today = date.today()
        start = parse_day(day_from) or (today - timedelta(days=30)).isoformat()
        end = parse_day(day_to) or today.isoformat()
        codes = [s.code for s in admin.list_stations(console.engine)]
        code = station.strip() if station.strip() in codes else ""
        rows = [
            {
                "item": line.item,
                "unit": line.unit,
                "kind": line.kind,
                "movement": MOVEMENTS.get(line.kind, line.kind),
                "designation": line.designation or "",
                "quantity": _quantity(line.quantity_milli),
                "value": format_fen(line.value_fen) if line.value_fen else "",
            }
            for line in (goods.station_goods(console.engine, code, start, end) if code else [])
        ]
        return console.render(
            page,
            "goods.html",
            rows=rows,
            station=code,
            stations=codes,
            day_from=start,
            day_to=end,
        )
