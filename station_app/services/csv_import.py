"""Bringing a station's paper receipt book into the program, all rows or none.

Stations kept paper books before this program.  An import must not leave half a book
behind: every row is checked first, every refusal is reported with its line number,
and only a clean file is written, in one transaction.  Excel in China often saves CSV
as GBK, so GB18030 is accepted besides UTF-8 (with or without BOM).
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


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        "import.encoding",
        "文件编码无法识别,请另存为 UTF-8 CSV",
        "The file's encoding is not recognised; save it as UTF-8 CSV.",
    )


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
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headers = {clean_text(h).lower(): h for h in (reader.fieldnames or [])}
    colmap: dict[str, str] = {}
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

    problems: list[RowProblem] = []
    accepted: list[tuple[ValidDonation, ImportedOrigin]] = []
    seen_paper: dict[str, int] = {}
    for index, row in enumerate(reader):
        line = index + 2  # the header is line 1
        if index >= MAX_ROWS:
            problems.append(
                RowProblem(
                    line, f"一次最多导入 {MAX_ROWS} 行", f"At most {MAX_ROWS} rows per import."
                )
            )
            break

        def get(col: str, row: dict[str, str | None] = row) -> str:
            return clean_text(row.get(colmap.get(col, ""), "") or "")

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
        return ImportReport(0, tuple(problems))
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
