"""Importing a paper receipt book: all rows or none, every refusal with its line number."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from station_app.domain.errors import DomainError
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


TRADITIONAL = """date,kind,amount,donor,designation,note,paper_receipt_number
2026-03-08,cash,100,張三豐,,,P-0101
2026-03-09,cash,50,陳美玲,,,P-0102
"""
JAPANESE = """date,kind,amount,donor,designation,note,paper_receipt_number
2026-03-08,cash,100,山田太郎,,,P-0201
2026-03-09,cash,50,佐藤花子,,,P-0202
"""


def _refused(station: Station, tmp_path: Path, data: bytes) -> list[tuple[int, str]]:
    """Import ``data``; it must be refused with nothing written; the (line, reason) pairs."""
    f = tmp_path / "book.csv"
    f.write_bytes(data)
    before = table_dump(station.paths.database)
    try:
        report = import_csv(station.db, station.signer, f, station.coordinator)
    except DomainError as err:  # the file as a whole is refused
        assert table_dump(station.paths.database) == before
        return [(0, err.message_en)]
    assert not report.ok and report.imported == 0
    assert table_dump(station.paths.database) == before
    return [(p.line, p.message_en) for p in report.problems]


def test_big5_and_shift_jis_are_refused_not_read_as_mojibake(
    station: Station, tmp_path: Path
) -> None:
    for text, encoding in ((TRADITIONAL, "big5"), (JAPANESE, "shift_jis")):
        [(line, reason)] = _refused(station, tmp_path, text.encode(encoding))
        assert line == 0 and "encoding" in reason and "UTF-8" in reason and "GBK" in reason
    # The same Traditional text in UTF-8 is certain, and imported as written.
    f = tmp_path / "tw.csv"
    f.write_text(TRADITIONAL, encoding="utf-8")
    assert import_csv(station.db, station.signer, f, station.coordinator).imported == 2
    assert list_donations(station.db, DonationFilter(donor="張三豐"))[0].donor_name == "張三豐"


def test_a_real_gbk_book_with_a_rare_name_is_read(station: Station, tmp_path: Path) -> None:
    book = GOOD.replace("张三", "王喆")  # 喆 is in GBK, not in GB2312
    f = tmp_path / "book.csv"
    f.write_bytes(book.encode("gbk"))
    assert import_csv(station.db, station.signer, f, station.coordinator).imported == 3


def test_nul_control_characters_ragged_rows_and_huge_fields_are_named(
    station: Station, tmp_path: Path
) -> None:
    nul = GOOD.replace("张三", "张\x00三").encode("utf-8")
    assert _refused(station, tmp_path, nul) == [
        (0, "Line 2 holds a NUL byte; the file may be damaged. Nothing was imported.")
    ]
    lines = GOOD.splitlines()
    ragged = "\n".join([*lines[:2], lines[2] + ",extra", lines[3]]) + "\n"
    assert _refused(station, tmp_path, ragged.encode()) == [
        (3, "This row has 8 columns; the header has 7.")
    ]
    escape = GOOD.replace("张三", "张\x1b[31m三")
    assert _refused(station, tmp_path, escape.encode()) == [
        (2, "It holds invisible control characters.")
    ]
    huge = GOOD.replace("张三", "张" * 1_000_000)
    [(line, reason)] = _refused(station, tmp_path, huge.encode())
    assert line == 2 and ("longer than" in reason or "cannot be read" in reason)


def test_the_cli_refuses_a_control_character_in_a_name(tmp_path: Path) -> None:
    from tests.ops.helpers import cli, cli_as

    data = str(tmp_path / "d")
    assert cli("init-demo", "--data-dir", data, "--empty").returncode == 0
    r = cli_as(
        "王小明", "record", "--data-dir", data, "--kind", "cash", "--amount", "5", "--donor",
        "张\x1b[2J三",
    )  # fmt: skip
    assert r.returncode == 2 and "control characters" in r.stderr
