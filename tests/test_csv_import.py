"""Importing a paper receipt book: all rows or none, every refusal with its line number."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from station_app.services.csv_import import import_csv
from station_app.services.donation_queries import DonationFilter, list_donations
from station_app.services.ledger_check import verify_ledger
from tests.conftest import REPO, Station
from tests.helpers.db_snapshot import table_dump

GOOD = """日期,方式,金额,捐赠人,定向,备注,纸质收据号
2026-03-08,现金,100,张三,北京街社区慈善基金,,P-0001
2026-03-09,物资,300,,微心愿,棉被,P-0002
2026/03/10,银行转账,"1,200.50",广州某公司,,,P-0003
"""


def test_good_book_is_imported_with_paper_numbers(station: Station, tmp_path: Path) -> None:
    f = tmp_path / "book.csv"
    f.write_text(GOOD, encoding="utf-8-sig")
    report = import_csv(station.db, station.signer, f, station.coordinator)
    assert report.ok and report.imported == 3
    rows = sorted(list_donations(station.db), key=lambda r: r.id)
    assert [
        (r.paper_receipt_number, r.imported, r.amount_fen, r.business_day, r.kind) for r in rows
    ] == [
        ("P-0001", True, 10000, "2026-03-08", "cash"),
        ("P-0002", True, 30000, "2026-03-09", "in_kind"),
        ("P-0003", True, 120050, "2026-03-10", "bank"),
    ]
    assert rows[1].donor_name is None and rows[0].designation_code == "BJJ-FUND"
    assert verify_ledger(station.db).ok
    # Importing the same book again is refused row by row: the paper numbers are known.
    again = import_csv(station.db, station.signer, f, station.coordinator)
    assert not again.ok and [p.line for p in again.problems] == [2, 3, 4]


def test_one_bad_row_means_nothing_is_written(station: Station, tmp_path: Path) -> None:
    f = tmp_path / "book.csv"
    f.write_text(
        GOOD + "2026-03-11,现金,abc,李四,,,P-0004\n"
        "2026-03-11,现金,5,李四,不存在的项目,,P-0005\n"
        "2099-01-01,现金,5,李四,,,P-0006\n"
        "2026-03-12,现金,5,李四,,,P-0001\n",
        encoding="utf-8",
    )
    before = table_dump(station.paths.database)
    report = import_csv(station.db, station.signer, f, station.coordinator)
    assert report.imported == 0
    assert [p.line for p in report.problems] == [5, 6, 7, 8]
    assert "P-0001" in report.problems[3].message_zh
    assert table_dump(station.paths.database) == before


def test_gbk_file_from_excel_is_read(station: Station, tmp_path: Path) -> None:
    f = tmp_path / "book.csv"
    f.write_bytes(GOOD.encode("gb18030"))
    assert import_csv(station.db, station.signer, f, station.coordinator).imported == 3
    assert list_donations(station.db, DonationFilter(donor="张三"))[0].donor_name == "张三"


def test_missing_columns_are_named(station: Station, tmp_path: Path) -> None:
    f = tmp_path / "book.csv"
    f.write_text("日期,金额\n2026-03-08,100\n", encoding="utf-8")
    report = import_csv(station.db, station.signer, f, station.coordinator)
    assert not report.ok and "kind" in report.problems[0].message_en


def test_cli_reports_lines_and_exit_status(station: Station, tmp_path: Path) -> None:
    f = tmp_path / "book.csv"
    f.write_text(GOOD + "2026-03-11,现金,-1,李四,,,P-0009\n", encoding="utf-8")
    station.db.close()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "station_app",
            "import",
            str(f),
            "--operator",
            "陈主任",
            "--password-env",
            "DESK_PW",
            "--data-dir",
            str(station.paths.root),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**__import__("os").environ, "STATION_APP_LANG": "en", "DESK_PW": "demo1234"},
    )
    assert run.returncode == 2
    assert "line 5:" in run.stdout and "nothing was imported" in run.stdout
