"""Importing statements into a real station database: all or nothing, once, masked."""

from __future__ import annotations

import gzip
import os
import stat
from datetime import date, datetime
from pathlib import Path

import pytest

from station_app.domain.errors import ConflictError, PermissionDenied
from station_app.domain.statements.bank import BankMapping
from station_app.domain.statements.model import StatementError, StatementSource
from station_app.services.bank_mappings import list_bank_mappings, save_bank_mapping
from station_app.services.statement_import import import_statement
from tests.conftest import Station
from tests.helpers.db_snapshot import row_counts, table_dump
from tests.statements.helpers import (
    BANK_CSV,
    WECHAT_ALL,
    WECHAT_EXCEL,
    WECHAT_SUCCESS,
    rows,
    text_of,
)
from tests.statements.station_day import alipay_zip

ICBC = BankMapping(
    bank="工商银行",
    date="交易日期",
    time="交易时间",
    amount="收入金额",
    counterparty="对方户名",
    reference="交易流水号",
)


def _lines(station: Station) -> list[tuple]:
    return table_dump(station.paths.database)["statement_line"]


def test_wechat_bill_is_stored_once_with_its_fingerprint(station: Station, tmp_path: Path) -> None:
    result = import_statement(station.db, station.coordinator, WECHAT_ALL)
    assert result.source is StatementSource.WECHAT and result.summary_checked
    assert (result.lines, result.new_lines, result.payments, result.refunds) == (8, 8, 7, 1)
    assert (result.payments_fen, result.refunds_fen, result.fees_millifen) == (44488, 1000, 260928)
    assert result.first_day == result.last_day == date(2026, 11, 3)
    assert len(result.fingerprint) == 64 and result.kept_file is None
    assert len(_lines(station)) == 8
    before = table_dump(station.paths.database)
    with pytest.raises(ConflictError) as again:
        import_statement(station.db, station.coordinator, WECHAT_ALL)
    assert again.value.code == "statement.already_imported" and "陈主任" in again.value.message_zh
    assert table_dump(station.paths.database) == before


def test_times_are_stored_as_utc_instants(station: Station) -> None:
    import_statement(station.db, station.coordinator, WECHAT_ALL)
    first = min(_lines(station), key=lambda r: r[0])
    assert first[9] == "2026-11-03T01:12:05Z"  # 09:12:05 in Beijing


def test_an_overlapping_statement_adds_only_what_is_new(station: Station) -> None:
    success = import_statement(station.db, station.coordinator, WECHAT_SUCCESS)
    assert success.new_lines == 7
    everything = import_statement(station.db, station.coordinator, WECHAT_EXCEL)
    assert (everything.lines, everything.new_lines, everything.already_known) == (8, 1, 7)
    assert len(_lines(station)) == 8


def test_alipay_zip_with_gbk_names_is_read_from_its_details_file(
    station: Station, tmp_path: Path
) -> None:
    result = import_statement(station.db, station.coordinator, alipay_zip(tmp_path))
    assert result.source is StatementSource.ALIPAY and result.summary_checked
    assert (result.payments, result.refunds, result.payments_fen) == (3, 1, 60800)


def test_bank_statement_after_its_columns_are_set_once(station: Station, tmp_path: Path) -> None:
    with pytest.raises(StatementError) as unknown:
        import_statement(station.db, station.coordinator, BANK_CSV)
    assert "设置列对应" in unknown.value.message_zh
    save_bank_mapping(station.db, station.coordinator, ICBC)
    assert list_bank_mappings(station.db) == [ICBC]
    result = import_statement(station.db, station.coordinator, BANK_CSV)
    assert result.source is StatementSource.BANK and result.account == "工商银行"
    assert (result.payments, result.payments_fen) == (3, 135000)


def test_bank_xlsx_with_real_dates_and_numbers(station: Station, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["中国建设银行 账户明细"])
    ws.append(["记账日期", "金额", "借贷标志", "对方户名", "流水号"])
    ws.append([datetime(2026, 11, 3, 10, 5), 1200.5, "贷", "王五", "CCB001"])
    ws.append([datetime(2026, 11, 3, 14, 0), 0.1, "贷", "赵六", "CCB002"])
    ws.append([datetime(2026, 11, 3, 16, 0), 15, "借", "", "CCB003"])
    path = tmp_path / "明细.xlsx"
    wb.save(path)
    mapping = BankMapping(
        bank="建设银行",
        date="记账日期",
        amount="金额",
        direction="借贷标志",
        counterparty="对方户名",
        reference="流水号",
    )
    save_bank_mapping(station.db, station.coordinator, mapping)
    result = import_statement(station.db, station.coordinator, path)
    assert (result.payments, result.payments_fen, result.outgoing_fen) == (2, 120060, 1500)


def test_bank_statement_saved_by_excel_as_unicode_text(station: Station, tmp_path: Path) -> None:
    """Excel's "Unicode text": UTF-16 with its BOM, tab separated; read the same."""
    save_bank_mapping(station.db, station.coordinator, ICBC)
    text = text_of(BANK_CSV)
    tabbed = "\n".join("\t".join(row.cells) for row in rows(text))
    path = tmp_path / "明细.txt"
    path.write_bytes(tabbed.encode("utf-16"))
    result = import_statement(station.db, station.coordinator, path)
    assert (result.payments, result.payments_fen) == (3, 135000)


def test_a_renamed_file_is_told_by_its_content(station: Station, tmp_path: Path) -> None:
    disguised = tmp_path / "scan.pdf"
    disguised.write_bytes(gzip.compress(WECHAT_ALL.read_bytes()))  # as the API's GZIP
    assert import_statement(station.db, station.coordinator, disguised).payments == 7


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "statement.file.old_excel"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "statement.file.pdf"),
        (b"PK\x03\x04broken", "statement.file.bad_zip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "statement.file.binary"),
        (
            "交易时间,微信订单号\n".encode("big5", errors="replace") + b"\x81\x30\xff\xfe",
            "statement.file.encoding",
        ),
    ],
)
def test_files_that_cannot_be_statements_are_refused_and_nothing_is_written(
    station: Station, tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "statement.csv"
    path.write_bytes(content)
    before = row_counts(station.paths.database)
    with pytest.raises(StatementError) as caught:
        import_statement(station.db, station.coordinator, path)
    assert caught.value.code == code, caught.value.message_en
    assert row_counts(station.paths.database) == before


def test_a_damaged_bill_leaves_nothing_behind_not_even_a_kept_copy(
    station: Station, tmp_path: Path
) -> None:
    damaged = tmp_path / "bill.csv"
    damaged.write_text(text_of(WECHAT_ALL).replace("`444.88", "`440.00", 1), encoding="utf-8")
    before = row_counts(station.paths.database)
    with pytest.raises(StatementError):
        import_statement(station.db, station.coordinator, damaged, keep_in=station.paths.statements)
    assert row_counts(station.paths.database) == before
    assert not station.paths.statements.exists()


def test_the_file_is_kept_only_when_asked_and_only_for_its_owner(station: Station) -> None:
    import_statement(station.db, station.coordinator, WECHAT_SUCCESS)
    assert not station.paths.statements.exists()
    kept = import_statement(
        station.db, station.coordinator, WECHAT_ALL, keep_in=station.paths.statements
    ).kept_file
    assert kept is not None and kept.read_bytes() == WECHAT_ALL.read_bytes()
    if os.name == "posix":
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700


def test_payer_identifiers_never_reach_the_database(station: Station, tmp_path: Path) -> None:
    save_bank_mapping(station.db, station.coordinator, ICBC)
    for path in (WECHAT_ALL, alipay_zip(tmp_path), BANK_CSV):
        import_statement(station.db, station.coordinator, path)
    station.db.close()
    stored = b"".join(
        p.read_bytes() for p in station.paths.root.glob("station.sqlite3*") if p.is_file()
    )
    for secret in (
        "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",  # WeChat openid
        "602***@qq.com",  # Alipay's own (weaker) mask
        "张晓红",  # a bank counterparty's name
        "6228480012345678912",  # and account
    ):
        assert secret.encode("utf-8") not in stored, secret


def test_only_the_coordinator_imports_and_sets_up_banks(station: Station) -> None:
    before = row_counts(station.paths.database)
    with pytest.raises(PermissionDenied):
        import_statement(station.db, station.staff, WECHAT_ALL)
    with pytest.raises(PermissionDenied):
        save_bank_mapping(station.db, station.social_worker, ICBC)
    assert row_counts(station.paths.database) == before
