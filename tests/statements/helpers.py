"""The statement fixtures (files written from the providers' format descriptions) and
small ways of damaging them the way files get damaged."""

from __future__ import annotations

from pathlib import Path

from station_app.domain.statements.model import SourceRow
from station_app.domain.statements.rows import csv_rows

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WECHAT_ALL = FIXTURES / "wechat_all_2026-11-03.csv"
WECHAT_SUCCESS = FIXTURES / "wechat_success_2026-11-03.csv"
WECHAT_EXCEL = FIXTURES / "wechat_all_excel_saved.csv"
ALIPAY_DETAILS = FIXTURES / "alipay_20881234567890120156_20261103_业务明细.csv"
ALIPAY_SUMMARY = FIXTURES / "alipay_20881234567890120156_20261103_业务明细(汇总).csv"
BANK_CSV = FIXTURES / "bank_icbc_2026-11.csv"


def text_of(path: Path) -> str:
    """The file's text as the importer decodes it (UTF-8 with or without BOM, else GBK)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def rows(text: str) -> list[SourceRow]:
    return list(csv_rows(text))


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)
