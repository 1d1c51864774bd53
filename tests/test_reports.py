"""Reports, exports and PDFs agree with the raw rows, to the fen."""

from __future__ import annotations

import csv
import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.domain.money import format_fen
from station_app.services.day_close import CloseRequest, close_day
from station_app.services.donation_queries import DonationFilter, all_donations
from station_app.services.donation_recording import DonationRecorder
from station_app.services.exports import table, write_csv, write_xlsx
from station_app.services.receipt_actions import record_print, void_donation
from station_app.services.report_documents import (
    day_close_pdf,
    disclosure_pdf,
    monthly_report_pdf,
)
from station_app.services.reports import Period, month_range, report
from tests.conftest import Station
from tests.helpers.pdf_tools import pdf_text, squeezed

DESIGNATIONS = ("undesignated", "BJJ-FUND", "WXY", "QLAJ")
NAMES = ("张三丰", "欧阳修", "李四", "王小二")


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory, _demo_template: object) -> Station:
    """March 2026: ~150 mixed donations over 31 days, with voids and reprints."""
    from tests.conftest import copy_demo_station

    root = tmp_path_factory.mktemp("month")
    s = copy_demo_station(root / "data", root / "home", _demo_template)  # type: ignore[arg-type]
    rng = random.Random(3)
    ops = (s.staff, s.social_worker, s.coordinator)
    for i in range(150):
        moment = datetime(2026, 3, 1, 1, tzinfo=UTC) + timedelta(hours=i * 4.9)
        rec = DonationRecorder(s.db, s.signer, clock=lambda m=moment: m)
        kind = rng.choice(("cash", "mobile", "bank", "in_kind"))
        anonymous = rng.random() < 0.3
        fen = rng.randint(1, 500_000)
        draft = DonationDraft(
            kind=kind,
            amount=f"{fen // 100}.{fen % 100:02d}" if kind != "in_kind" else "",
            donor_name=rng.choice(NAMES),
            anonymous=anonymous,
            phone="13812345678" if rng.random() < 0.5 else "",
            designation_code=rng.choice(DESIGNATIONS),
            items=(ItemDraft("米", "2", "袋", f"{fen // 100}.{fen % 100:02d}"),)
            if kind == "in_kind"
            else (),
        )
        number = rec.record(rng.choice(ops), draft).receipt_number
        if rng.random() < 0.1:
            void_donation(s.db, s.coordinator, number, "测试作废")
        for _ in range(rng.choice((0, 0, 0, 1, 2))):
            record_print(s.db, s.staff, number)
    return s


def raw(s: Station, sql: str) -> list[tuple]:
    con = sqlite3.connect(s.paths.database)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_totals_reconcile_with_raw_rows(month: Station) -> None:
    first, last = month_range(2026, 3)
    r = report(month.db, first, last, Period.WEEK)
    rows = raw(
        month,
        "SELECT d.kind, d.amount_fen, d.status, d.designation_code, o.name, "
        "r.print_count FROM donation d JOIN receipt r ON r.donation_id = d.id "
        "JOIN operator o ON o.id = d.operator_id "
        "WHERE d.business_day BETWEEN '2026-03-01' AND '2026-03-31'",
    )
    live = [x for x in rows if x[2] == "recorded"]
    assert r.amount_fen == sum(x[1] for x in live)
    assert r.count == len(live)
    assert r.voids == len(rows) - len(live)
    assert r.voided_fen == sum(x[1] for x in rows if x[2] == "voided")
    assert r.reprints == sum(max(0, x[5] - 1) for x in rows)
    assert r.receipts == len(rows)
    for key, index in (("by_kind", 0), ("by_designation", 3), ("by_operator", 4)):
        got = {t.key: (t.count, t.amount_fen) for t in getattr(r, key)}
        want: dict[str, list[int]] = {}
        for x in live:
            w = want.setdefault(x[index], [0, 0])
            w[0] += 1
            w[1] += x[1]
        assert got == {k: tuple(v) for k, v in want.items()}
    assert sum(t.amount_fen for t in r.by_period) == r.amount_fen
    assert r.by_period[0].key == "2026-W09"
    monthly = report(month.db, first, last, Period.MONTH)
    assert [(t.key, t.amount_fen) for t in monthly.by_period] == [("2026-03", r.amount_fen)]


def test_exports_read_back_equal_the_rows(month: Station, tmp_path: Path) -> None:
    rows = all_donations(
        month.db, DonationFilter(day_from=date(2026, 3, 1), day_to=date(2026, 3, 31))
    )
    headers, cells = table(rows)
    assert headers[0] == "收据编号" and len(cells) == 150
    write_csv(tmp_path / "x.csv", headers, cells)
    raw_bytes = (tmp_path / "x.csv").read_bytes()
    assert raw_bytes.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    with open(tmp_path / "x.csv", encoding="utf-8-sig", newline="") as f:
        back = list(csv.reader(f))
    assert back[0] == headers
    assert back[1:] == [[str(v) for v in row] for row in cells]
    write_xlsx(tmp_path / "x.xlsx", headers, cells)
    ws = load_workbook(tmp_path / "x.xlsx").active
    xl = [[c.value for c in row] for row in ws.iter_rows()]
    assert xl[0] == headers
    for got, want in zip(xl[1:], cells, strict=True):
        assert got[0] == want[0] and got[5] == want[5]  # number and fen, exactly
        assert f"{got[4]:.2f}" == want[4]  # yuan as a number Excel can sum
        assert [str(v) for v in got[6:10]] == [str(v) for v in want[6:10]]


def test_monthly_report_pdf_holds_the_totals(month: Station, tmp_path: Path) -> None:
    path = tmp_path / "m.pdf"
    path.write_bytes(monthly_report_pdf(month.db, month.info, 2026, 3))
    text = squeezed(pdf_text(path))
    r = report(month.db, *month_range(2026, 3))
    assert "月度报告" in text and format_fen(r.amount_fen) in text
    for t in r.by_kind:
        assert format_fen(t.amount_fen) in text


def test_disclosure_sheet_hides_names_and_phones(month: Station, tmp_path: Path) -> None:
    path = tmp_path / "d.pdf"
    path.write_bytes(disclosure_pdf(month.db, month.info, date(2026, 3, 1), date(2026, 3, 31)))
    text = squeezed(pdf_text(path))
    for name in NAMES:
        assert name not in text
    assert "张**" in text and "欧**" in text and "李*" in text and "匿名" in text
    assert "13812345678" not in text and "5678" not in text and "138*" not in text
    live = raw(
        month,
        "SELECT sum(amount_fen) FROM donation WHERE status = 'recorded' AND "
        "business_day BETWEEN '2026-03-01' AND '2026-03-31'",
    )[0][0]
    assert format_fen(live) in text


def test_day_close_pdf(station: Station, tmp_path: Path) -> None:
    rec = DonationRecorder(
        station.db, station.signer, clock=lambda: datetime(2026, 3, 9, 2, tzinfo=UTC)
    )
    rec.record(station.staff, DonationDraft(kind="cash", amount="120", anonymous=True))
    close_day(
        station.db,
        station.coordinator,
        "李社工",
        "demo1234",
        CloseRequest(date(2026, 3, 9), {10000: 1, 1000: 1}, None, "少收十元,捐赠人稍后补交"),
        clock=lambda: datetime(2026, 3, 9, 10, tzinfo=UTC),
    )
    path = tmp_path / "c.pdf"
    path.write_bytes(day_close_pdf(station.db, station.info, date(2026, 3, 9)))
    text = squeezed(pdf_text(path))
    assert "日结单" in text and "¥120.00" in text and "¥110.00" in text
    assert "-¥10.00" in text and "少收十元" in text and "李社工" in text
