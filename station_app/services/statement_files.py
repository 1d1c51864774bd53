"""Reading a statement file from disk into rows: containers and encodings.

What a coordinator picks may be a CSV in UTF-8 (WeChat Pay, with or without a BOM), a
CSV in GBK (Alipay; or any file after Excel saved it), a zip holding Alipay's CSVs
(their names in GBK), a gzip (WeChat's API), or an Excel workbook (a bank).  The
container is told by the file's first bytes, never by its extension; the rows then go
to the domain, which tells the format by content.  Files that cannot be statements (an
old .xls, a PDF, a picture) are refused with what to do instead.

Excel stores amounts as binary floating point; a numeric cell is turned into the
shortest decimal text that reads back as the same number (what Excel shows), and that
text goes through the strict money parser like any other, so no float ever becomes fen.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Final

from station_app.domain.statements.model import SourceRow, StatementError
from station_app.domain.statements.rows import csv_rows

MAX_FILE_BYTES: Final = 64 * 1024 * 1024
MAX_MEMBER_BYTES: Final = 256 * 1024 * 1024  # a zip member, unpacked
ALIPAY_DETAILS_SUFFIX: Final = "业务明细.csv"


@dataclass(frozen=True, slots=True)
class StatementFile:
    """A statement file as read: its name, its bytes' fingerprint, its rows."""

    name: str
    fingerprint: str  # SHA-256 of the file's bytes, lowercase hex
    rows: tuple[SourceRow, ...]
    raw: bytes


def _refuse(code: str, zh: str, en: str) -> StatementError:
    return StatementError(f"statement.file.{code}", zh, en)


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GBK/GB18030; or a refusal."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:4096]:
        raise _refuse(
            "binary",
            "这不是文本文件，也不是本程序能读的表格（CSV、XLSX 或压缩包）",
            "This is not a text file, nor a table this program reads (CSV, XLSX or zip).",
        )
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse(
        "encoding",
        "文件编码无法识别（应为 UTF-8 或 GBK）；请使用从网站直接下载的原始文件",
        "The file's encoding is not recognised (it should be UTF-8 or GBK); use the file "
        "as downloaded.",
    )


def _text_rows(raw: bytes) -> tuple[SourceRow, ...]:
    text = decode_text(raw)
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    tabbed = first.count("\t") > first.count(",")  # Excel's "Unicode text"
    return tuple(csv_rows(text, "\t" if tabbed else ","))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.time() != time() else "%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # The shortest text that is this float again: what Excel displays, never rounded.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int | Decimal):
        return str(value)
    return str(value)


def _xlsx_rows(raw: bytes) -> tuple[SourceRow, ...]:
    from openpyxl import load_workbook  # only for workbooks

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise _refuse(
            "bad_xlsx",
            "Excel 文件已损坏，无法打开；请重新下载",
            "The Excel file is damaged and cannot be opened; download it again.",
        ) from None
    try:
        sheet = workbook.worksheets[0]
        return tuple(
            SourceRow(number, tuple(_cell_text(v) for v in values))
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
    finally:
        workbook.close()


def _member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name; Alipay's zips store GBK names without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _zip_rows(raw: bytes) -> tuple[SourceRow, ...]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise _refuse(
            "bad_zip",
            "压缩包已损坏或不完整；请重新下载",
            "The zip file is damaged or incomplete; download it again.",
        ) from None
    with archive:
        names = {i.filename for i in archive.infolist()}
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return _xlsx_rows(raw)
        members = [(i, _member_name(i)) for i in archive.infolist() if not i.is_dir()]
        csvs = [(i, n) for i, n in members if n.lower().endswith(".csv")]
        chosen = [(i, n) for i, n in csvs if n.endswith(ALIPAY_DETAILS_SUFFIX)]
        if not chosen and len(csvs) == 1:
            chosen = csvs
        if len(chosen) != 1:
            listed = "、".join(n for _, n in members[:6]) or "（空）"
            raise _refuse(
                "zip_without_details",
                f"压缩包里没有唯一的“业务明细”文件（里面有：{listed}）",
                f"The zip holds no single business-details file (业务明细); it holds: {listed}",
            )
        info = chosen[0][0]
        if info.file_size > MAX_MEMBER_BYTES:
            raise _refuse("too_big", "压缩包里的文件太大", "The file inside the zip is too big.")
        try:
            return _text_rows(archive.read(info))
        except (zipfile.BadZipFile, OSError, EOFError):
            raise _refuse(
                "bad_zip",
                "压缩包已损坏或不完整；请重新下载",
                "The zip file is damaged or incomplete; download it again.",
            ) from None


def rows_of(raw: bytes) -> tuple[SourceRow, ...]:
    """The rows of a statement file's bytes, whatever its container."""
    if raw.startswith(b"PK\x03\x04"):
        return _zip_rows(raw)
    if raw.startswith(b"\x1f\x8b"):
        try:
            return _text_rows(gzip.decompress(raw))
        except (OSError, EOFError):
            raise _refuse(
                "bad_gzip",
                "压缩文件已损坏或不完整；请重新下载",
                "The compressed file is damaged or incomplete; download it again.",
            ) from None
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(
            "old_excel",
            "这是旧版 Excel 文件（.xls）；请在 Excel 中另存为 .xlsx 或 CSV 后再导入",
            "This is an old Excel file (.xls); save it as .xlsx or CSV in Excel, then import it.",
        )
    if raw.startswith(b"%PDF"):
        raise _refuse(
            "pdf",
            "PDF 对账单无法逐笔核对；请在网站上下载 CSV 或 Excel 格式的账单",
            "A PDF statement cannot be checked line by line; download it as CSV or Excel.",
        )
    return _text_rows(raw)


def read_statement_file(path: Path) -> StatementFile:
    """Read ``path`` (at most :data:`MAX_FILE_BYTES`) into rows, with its fingerprint."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refuse(
                "too_big",
                f"文件太大（{size // 1024 // 1024} MB），不像是对账单",
                f"The file is too big ({size // 1024 // 1024} MB) to be a statement.",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise _refuse(
            "unreadable",
            f"无法读取文件：{exc.strerror or exc}",
            f"The file cannot be read: {exc.strerror or exc}",
        ) from None
    return StatementFile(path.name, hashlib.sha256(raw).hexdigest(), rows_of(raw), raw)
