"""Official receipts： the station receipts still waiting for their 公益事业捐赠票据
number， and entering those numbers one by one or from a CSV （all rows or none）.

The rules are the admin command's
（：func：`association_server.official_receipts.set_official_in`）， so the donor's QR
page shows the number exactly as when it was set from the CLI.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, and_, select

from association_server import official_receipts
from association_server.console import audit
from association_server.console.accounts import ConsoleUser
from association_server.console.errors import ConsoleError
from association_server.db import read_transaction, write_transaction
from association_server.errors import AdminError
from association_server.models import ReceiptRow
from station_app.domain.spreadsheet_cells import inert_cell

_R = ReceiptRow.__table__
MAX_ROWS = 5000


@dataclass(frozen=True, slots=True)
class Waiting:
    number: str
    station_code: str
    business_day: str | None
    issued_at: str
    amount_fen: int
    kind: str | None
    donor_masked: str | None
    designation: str | None


def parse_day(text: str, *, field: str = "date") -> str | None:
    """``YYYY-MM-DD`` or empty (None); anything else is refused."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_day(text)
    except ValueError:
        return _bad_day(text)


def _bad_day(text: str) -> str:
    raise ConsoleError(
        f"日期应为 YYYY-MM-DD：{text[:20]}", f"A date looks like YYYY-MM-DD: {text[:20]}"
    )


def waiting(
    engine: Engine, station: str = "", day_from: str = "", day_to: str = "", limit: int = 500
) -> list[Waiting]:
    """Received, not void, no official number yet; oldest business day first."""
    query = select(_R).where(and_(_R.c.official_receipt_number.is_(None), _R.c.voided_at.is_(None)))
    if station.strip():
        query = query.where(_R.c.station_code == station.strip().upper())
    if start := parse_day(day_from):
        query = query.where(_R.c.business_day >= start)
    if end := parse_day(day_to):
        query = query.where(_R.c.business_day <= end)
    with read_transaction(engine) as conn:
        rows = conn.execute(query.order_by(_R.c.business_day, _R.c.number).limit(limit)).all()
    return [
        Waiting(
            r.number,
            r.station_code,
            r.business_day,
            r.issued_at,
            r.amount_fen,
            r.kind,
            r.donor_masked,
            r.designation,
        )
        for r in rows
    ]


def _issued_at(day: str | None) -> str | None:
    return f"{day}T00:00:00Z" if day else None


def _refuse_formula(*cells: str) -> None:
    """A cell a spreadsheet would run (``=…``, ``@…``) is no receipt or official number;
    refusing it keeps every later export of these numbers plain text."""
    for cell in cells:
        if inert_cell(cell) != cell:
            raise AdminError(f"Not a number but a spreadsheet formula: {cell[:30]!r}")


def set_numbers(
    engine: Engine, user: ConsoleUser, rows: list[tuple[str, str, str]], client: str
) -> int:
    """Record (receipt number, official number, date) rows in one transaction."""
    user.require_officer()
    if not rows:
        raise ConsoleError("没有要录入的票据号。", "There are no numbers to record.")
    if len(rows) > MAX_ROWS:
        raise ConsoleError(f"一次最多 {MAX_ROWS} 行。", f"At most {MAX_ROWS} rows at a time.")
    parsed = [(n.strip(), o.strip(), parse_day(d)) for n, o, d in rows]
    with write_transaction(engine) as conn:
        for line, (number, official, day) in enumerate(parsed, start=1):
            try:
                _refuse_formula(number, official)
                official_receipts.set_official_in(conn, number, official, issued_at=_issued_at(day))
            except AdminError as err:
                where = f"第 {line} 行：" if len(parsed) > 1 else ""
                raise ConsoleError(
                    f"{where}{err}", f"{'Row ' + str(line) + ': ' if len(parsed) > 1 else ''}{err}"
                ) from None
            audit.record(conn, user.name, "receipt.official", number, official, client)
    return len(parsed)


def parse_csv(text: str) -> list[tuple[str, str, str]]:
    """Rows of ``receipt number, official number, date``; a header row is skipped."""
    rows: list[tuple[str, str, str]] = []
    for cells in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if len(cells) < 2 or len(cells) > 3:
            raise ConsoleError(
                "每行应为：收据编号，票据号，日期",
                "Each row is: receipt number, official number, date",
            )
        if not rows and not any(ch.isdigit() for ch in cells[0]):
            continue  # a header such as "receipt,official,date" / "收据编号,票据号,日期"
        rows.append((cells[0], cells[1], cells[2] if len(cells) == 3 else ""))
    return rows
