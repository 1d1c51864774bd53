"""What the receiver holds as plain tables (Chinese headers), for the admin command's
CSV/XLSX exports through :mod:`station_app.spreadsheets` (formula-safe)."""

from __future__ import annotations

from sqlalchemy import Engine, select

from association_server.admin import list_incidents
from association_server.db import read_transaction
from association_server.models import ReceiptRow

_R = ReceiptRow.__table__


def receipt_table(engine: Engine, code: str | None = None) -> tuple[list[str], list[list[object]]]:
    """Received receipts as a table (Chinese headers) for :mod:`station_app.spreadsheets`."""
    query = select(_R).order_by(_R.c.station_code, _R.c.number)
    if code is not None:
        query = query.where(_R.c.station_code == code.upper())
    with read_transaction(engine) as conn:
        rows = conn.execute(query).all()
    headers = [
        "收据编号",
        "站点",
        "业务日期",
        "开具时间",
        "方式",
        "金额(分)",
        "捐赠人",
        "捐赠意向",
        "作废时间",
        "作废原因",
        "公益事业捐赠票据",
    ]
    return headers, [
        [
            r.number,
            r.station_code,
            r.business_day or "",
            r.issued_at,
            r.kind or "",
            r.amount_fen,
            r.donor_masked or "",
            r.designation or "",
            r.voided_at or "",
            r.void_reason or "",
            r.official_receipt_number or "",
        ]
        for r in rows
    ]


def incident_table(engine: Engine, code: str | None = None) -> tuple[list[str], list[list[object]]]:
    headers = ["时间", "站点", "类别", "序号", "收据编号", "详情"]
    return headers, [
        [
            i["detected_at"],
            i["station_code"],
            i["code"],
            i["seq"] if i["seq"] is not None else "",
            i["receipt_number"] or "",
            i["detail"],
        ]
        for i in list_incidents(engine, code.upper() if code else None)
    ]
