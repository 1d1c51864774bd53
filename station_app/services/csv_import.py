"""Bringing a station's paper receipt book into the program, all rows or none.

Stations kept paper books before this program.  An import must not leave half a book
behind: every row is checked first, every refusal is reported with its line number,
and only a clean file is written, in one transaction.  Excel in China often saves CSV
as GBK, so GB18030 is accepted besides UTF-8 (with or without BOM).

What goes in stays in the append-only ledger for good, so the file must be read with
certainty: a text that does not decode cleanly, or decodes as GB18030 but does not look
like Chinese (a Big5 or Shift-JIS file read the wrong way is mojibake of valid
characters), is refused with the encodings we accept; so are NUL bytes and control
characters, rows with more or fewer columns than the header, and oversized fields.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from station_app.domain.donations import (
    KIND_NAMES_EN,
    KIND_NAMES_ZH,
    DonationDraft,
    DonationKind,
    ItemDraft,
    ValidDonation,
    clean_text,
    has_control_characters,
    validate_draft,
)
from station_app.domain.errors import DomainError, ValidationError
from station_app.domain.roles import Action
from station_app.domain.station_time import STATION_TZ, utc_now
from station_app.services.donation_recording import ImportedOrigin, write_donation
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import station_code
from station_app.storage.models import DayClose, Designation, Donation

COLUMNS = {  # canonical name -> accepted headers
    "date": ("date", "日期"),
    "kind": ("kind", "方式", "捐赠方式"),
    "amount": ("amount", "金额"),
    "donor": ("donor", "捐赠人"),
    "designation": ("designation", "定向", "捐赠去向"),
    "note": ("note", "备注"),
    "paper_receipt_number": ("paper_receipt_number", "纸质收据号", "收据号"),
    "item": ("item", "物资"),
    "quantity": ("quantity", "数量"),
    "unit": ("unit", "单位"),
}
REQUIRED = ("date", "kind", "amount", "donor", "designation", "paper_receipt_number")
ANONYMOUS = {"", "匿名", "anonymous"}
MAX_ROWS = 100_000


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    message_zh: str
    message_en: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    imported: int
    problems: tuple[RowProblem, ...]
    first_receipt: str | None = None
    last_receipt: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


_ENCODING_REFUSAL = ValidationError(
    "import.encoding",
    "无法确定文件的编码,未导入任何记录。请在 Excel 中另存为“CSV UTF-8(逗号分隔)”"
    "或 GBK/GB18030 编码的 CSV",
    "The file's encoding cannot be read with certainty; nothing was imported. Save it "
    "from Excel as “CSV UTF-8 (comma delimited)”, or as CSV in GBK/GB18030.",
)
#: Longest field a receipt book needs (a note is 200 characters).
MAX_FIELD = 1000


def _looks_simplified_chinese(text: str) -> bool:
    """GB18030 decodes almost any bytes; real GBK text is mostly GB2312's common set.

    A Big5 file read as GB18030 yields private-use and kana characters, a Shift-JIS one
    rare characters outside GB2312; names in a real book now and then have a rare
    character (喆), so most, not all, must be common.
    """
    cjk = [ch for ch in text if ord(ch) > 0x7F]
    if not cjk:
        return True
    odd = sum(1 for ch in cjk if 0xE000 <= ord(ch) <= 0xF8FF or 0x3040 <= ord(ch) <= 0x30FF)
    if odd:
        return False
    common = 0
    for ch in cjk:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.9 * len(cjk)


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise ValidationError(
            "import.nul",
            f"第 {line} 行含有空字符(NUL),文件可能已损坏,未导入任何记录",
            f"Line {line} holds a NUL byte; the file may be damaged. Nothing was imported.",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise _ENCODING_REFUSAL from None
    if not _looks_simplified_chinese(text):
        raise _ENCODING_REFUSAL
    return text


def _rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]], list[RowProblem]]:
    """The header, the data rows with their line numbers, and what is wrong with the file
    itself (ragged rows, control characters, fields too long), each with its line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[RowProblem] = []
    rows: list[tuple[int, list[str]]] = []
    header: list[str] = []
    try:
        for fields in reader:
            line = reader.line_num
            if not header:
                header = fields
                continue
            if not any(f.strip() for f in fields):
                continue  # an empty line
            if len(fields) != len(header):
                problems.append(
                    RowProblem(
                        line,
                        f"这一行有 {len(fields)} 列,表头有 {len(header)} 列",
                        f"This row has {len(fields)} columns; the header has {len(header)}.",
                    )
                )
            elif any(len(f) > MAX_FIELD for f in fields):
                problems.append(
                    RowProblem(
                        line,
                        f"有一格超过 {MAX_FIELD} 个字符",
                        f"A field is longer than {MAX_FIELD} characters.",
                    )
                )
            elif any(has_control_characters(f) for f in fields):
                problems.append(
                    RowProblem(
                        line,
                        "含有不可见的控制字符",
                        "It holds invisible control characters.",
                    )
                )
            else:
                rows.append((line, fields))
            if len(rows) + len(problems) > MAX_ROWS:
                break
    except csv.Error as exc:
        problems.append(
            RowProblem(
                reader.line_num,
                f"这一行无法读取({exc})",
                f"This line cannot be read ({exc}).",
            )
        )
    return header, rows, problems


def _kind(text: str) -> str:
    text = clean_text(text)
    for kind in DonationKind:
        if text in (kind.value, KIND_NAMES_ZH[kind], KIND_NAMES_EN[kind]):
            return kind.value
    return text or "?"


def _date(text: str, today: date) -> date:
    text = clean_text(text).replace("/", "-").replace(".", "-")
    try:
        day = datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise ValidationError(
            "import.bad_date",
            f"日期“{text}”格式不正确,应为 2025-03-08",
            f"Date “{text}” should look like 2025-03-08.",
        ) from None
    if day > today:
        raise ValidationError(
            "import.future_date", f"日期 {day} 在今天之后", f"Date {day} is in the future."
        )
    return day


def _designation(text: str, by_code: dict[str, str], by_name: dict[str, str]) -> str:
    text = clean_text(text)
    if text in ("", "非定向", "undesignated"):
        return "undesignated"
    return by_code.get(text) or by_name.get(text) or text


def import_csv(
    db: StationDatabase, signer: ReceiptSigner, path: Path, session: OperatorSession
) -> ImportReport:
    """Check every row; write all of them in one transaction only if none is refused."""
    with db.read() as conn:
        require_session(conn, session, Action.IMPORT)
    text = _read_text(path)
    header, data_rows, file_problems = _rows(text)
    headers = {clean_text(h).lower(): i for i, h in enumerate(header)}
    colmap: dict[str, int] = {}
    for canonical, names in COLUMNS.items():
        for name in names:
            if name.lower() in headers:
                colmap[canonical] = headers[name.lower()]
                break
    missing = [c for c in REQUIRED if c not in colmap]
    if missing:
        return ImportReport(
            0,
            (
                RowProblem(
                    1, "缺少列:" + "、".join(missing), "Missing columns: " + ", ".join(missing)
                ),
            ),
        )

    with db.read() as conn:
        des = conn.execute(
            select(Designation.__table__).where(Designation.__table__.c.active.is_(True))
        ).all()
        closed = set(
            conn.execute(
                select(DayClose.__table__.c.business_day).where(
                    DayClose.__table__.c.reopened_at.is_(None)
                )
            ).scalars()
        )
        known_paper = set(
            conn.execute(
                select(Donation.__table__.c.paper_receipt_number).where(
                    Donation.__table__.c.paper_receipt_number.is_not(None)
                )
            ).scalars()
        )
    by_code = {d.code: d.code for d in des}
    by_name = {d.name: d.code for d in des}
    codes = frozenset(by_code)
    today = utc_now().astimezone(STATION_TZ).date()

    problems: list[RowProblem] = list(file_problems)
    accepted: list[tuple[ValidDonation, ImportedOrigin]] = []
    seen_paper: dict[str, int] = {}
    for index, (line, row) in enumerate(data_rows):
        if index >= MAX_ROWS:
            problems.append(
                RowProblem(
                    line, f"一次最多导入 {MAX_ROWS} 行", f"At most {MAX_ROWS} rows per import."
                )
            )
            break

        def get(col: str, row: list[str] = row) -> str:
            at = colmap.get(col)
            return clean_text(row[at]) if at is not None else ""

        try:
            day = _date(get("date"), today)
            if day.isoformat() in closed:
                raise ValidationError(
                    "import.closed_day",
                    f"{day} 已日结,不能再导入该日记录",
                    f"{day} is closed; no records can be added to it.",
                )
            paper = get("paper_receipt_number")
            if not paper:
                raise ValidationError(
                    "import.no_paper_number",
                    "缺少纸质收据号",
                    "The paper receipt number is missing.",
                )
            if paper in known_paper:
                raise ValidationError(
                    "import.duplicate_paper",
                    f"纸质收据 {paper} 已经导入过",
                    f"Paper receipt {paper} was already imported.",
                )
            if paper in seen_paper:
                raise ValidationError(
                    "import.duplicate_paper",
                    f"纸质收据 {paper} 与第 {seen_paper[paper]} 行重复",
                    f"Paper receipt {paper} repeats line {seen_paper[paper]}.",
                )
            kind = _kind(get("kind"))
            donor = get("donor")
            items: tuple[ItemDraft, ...] = ()
            if kind == DonationKind.IN_KIND.value:
                items = (
                    ItemDraft(
                        get("item") or get("note") or "物资",
                        get("quantity") or "1",
                        get("unit") or "批",
                        get("amount"),
                    ),
                )
            draft = DonationDraft(
                kind=kind,
                amount=get("amount"),
                donor_name=donor,
                anonymous=donor.lower() in ANONYMOUS,
                items=items,
                designation_code=_designation(get("designation"), by_code, by_name),
                note=get("note"),
            )
            valid = validate_draft(draft, designation_codes=codes)
        except DomainError as err:
            problems.append(RowProblem(line, err.message_zh, err.message_en))
            continue
        seen_paper[paper] = line
        accepted.append((valid, ImportedOrigin(paper, day)))

    if problems:
        return ImportReport(0, tuple(sorted(problems, key=lambda p: p.line)))
    if not accepted:
        return ImportReport(0, (RowProblem(2, "文件中没有数据行", "The file has no rows."),))
    now = utc_now()
    with db.write() as conn:
        operator = require_session(conn, session, Action.IMPORT)
        code = station_code(conn)
        numbers = [
            write_donation(
                conn,
                station_code=code,
                signer=signer,
                operator=operator,
                valid=valid,
                now=now,
                origin=origin,
            ).receipt_number
            for valid, origin in accepted
        ]
    return ImportReport(len(numbers), (), numbers[0], numbers[-1])
