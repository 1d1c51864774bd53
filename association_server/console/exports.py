"""A console table as a CSV or XLSX download, through the station's formula-safe writer
(:mod:`station_app.spreadsheets`), so a donor or an item named ``=HYPERLINK(…)`` reads as
text in Excel or WPS, in every export the console offers."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from fastapi.responses import Response

from association_server.console.errors import ConsoleError
from association_server.console.web import SECURITY_HEADERS
from station_app.spreadsheets import write_csv, write_xlsx

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def check_extension(ext: str) -> None:
    if ext not in MEDIA:
        raise ConsoleError("只能导出 CSV 或 XLSX。", "Export as CSV or XLSX only.", status=404)


def spreadsheet(
    ext: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    filename: str,
    sheet_title: str,
) -> Response:
    """``rows`` under ``headers`` as an attachment named ``filename`` (without extension)."""
    check_extension(ext)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"export.{ext}"
        if ext == "csv":
            write_csv(target, headers, rows)
        else:
            write_xlsx(target, headers, rows, sheet_title=sheet_title)
        body = target.read_bytes()
    return Response(
        body,
        media_type=MEDIA[ext],
        headers={
            **SECURITY_HEADERS,
            "Content-Disposition": f'attachment; filename="{filename}.{ext}"',
        },
    )
