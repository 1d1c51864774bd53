"""Exporting donations to CSV or XLSX with Chinese headers that open correctly in Excel.

Amounts are exported twice: as yuan text for people and as an integer fen column that
sums exactly.  The files are written by :mod:`station_app.spreadsheets`, the one writer
the receiver uses too, which keeps every cell inert (no formulas from donors' names).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from station_app.domain.donations import KIND_NAMES_EN, KIND_NAMES_ZH, DonationKind
from station_app.domain.money import format_fen_plain
from station_app.domain.station_time import local_text
from station_app.services.records import DonationRow
from station_app.spreadsheets import write_csv, write_xlsx

__all__ = ["Column", "donation_columns", "table", "write_csv", "write_xlsx"]


@dataclass(frozen=True, slots=True)
class Column:
    header_zh: str
    header_en: str
    value: Callable[[DonationRow], str | int]


def _kind(lang: str) -> Callable[[DonationRow], str]:
    names = KIND_NAMES_EN if lang == "en" else KIND_NAMES_ZH
    return lambda r: names[DonationKind(r.kind)]


def donation_columns(lang: str = "zh") -> tuple[Column, ...]:
    """The columns named as the desk's list names them (issue 17: 定向, not 捐赠去向;
    已开具, not 有效), so a coordinator finds in Excel what they saw on screen."""
    anonymous = "Anonymous" if lang == "en" else "匿名"
    status = {"recorded": ("已开具", "Issued"), "voided": ("已作废", "Void")}
    donor_type = ("单位", "Organisation"), ("个人", "Person")
    return (
        Column("收据编号", "Receipt no.", lambda r: r.receipt_number),
        Column("营业日", "Business day", lambda r: r.business_day),
        Column("登记时间", "Recorded at", lambda r: local_text(r.recorded_at)),
        Column("方式", "Kind", _kind(lang)),
        Column("金额（元）", "Amount (yuan)", lambda r: format_fen_plain(r.amount_fen)),
        Column("金额（分）", "Amount (fen)", lambda r: r.amount_fen),
        Column("捐赠人", "Donor", lambda r: r.donor_name or anonymous),
        Column(
            "捐赠人类型",
            "Donor type",
            lambda r: donor_type[0 if r.donor_organisation else 1][1 if lang == "en" else 0],
        ),
        Column("定向", "Designation", lambda r: r.designation_name),
        Column("经办人", "Operator", lambda r: r.operator_name),
        Column("状态", "Status", lambda r: status[r.status][1 if lang == "en" else 0]),
        Column("纸质收据号", "Paper receipt no.", lambda r: r.paper_receipt_number or ""),
        Column("交易单号", "Transaction no.", lambda r: r.transaction_reference or ""),
    )


def table(rows: Sequence[DonationRow], lang: str = "zh") -> tuple[list[str], list[list[str | int]]]:
    cols = donation_columns(lang)
    headers = [c.header_en if lang == "en" else c.header_zh for c in cols]
    return headers, [[c.value(r) for c in cols] for r in rows]
