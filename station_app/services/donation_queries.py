"""Reading donations for the UI and reports: filtered pages, details and totals.

Pages use keyset pagination (``id < last id``) over indexed columns, so the first
screen of a database with a million donations costs the same as that of a new station.
Totals leave voided donations out; they are counted separately.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Row, Select, func, select

from station_app.domain.donations import clean_text
from station_app.domain.errors import ValidationError
from station_app.services.records import DesignationInfo, DonationDetail, DonationRow, ItemInfo
from station_app.storage.database import StationDatabase
from station_app.storage.models import Designation, Donation, DonationItem, Operator, Receipt

_DON, _REC, _DES = Donation.__table__, Receipt.__table__, Designation.__table__
_OP, _ITEM = Operator.__table__, DonationItem.__table__
_VOIDER = _OP.alias("voider")


@dataclass(frozen=True, slots=True)
class DonationFilter:
    """What the person asked to see; every field is optional."""

    day_from: date | None = None
    day_to: date | None = None
    kind: str | None = None
    designation_code: str | None = None
    receipt_number: str | None = None  # whole number or its trailing digits
    donor: str | None = None  # part of the name; "匿名"/"anonymous" finds anonymous gifts
    include_voided: bool = True


@dataclass(frozen=True, slots=True)
class Totals:
    count: int
    amount_fen: int
    by_kind: dict[str, tuple[int, int]]  # kind -> (count, fen)
    by_designation: dict[str, tuple[int, int]]  # designation code -> (count, fen)
    voided_count: int
    voided_fen: int


def _row_select() -> Select[Any]:
    return (
        select(
            _DON.c.id,
            _REC.c.number.label("receipt_number"),
            _DON.c.recorded_at,
            _DON.c.business_day,
            _DON.c.kind,
            _DON.c.amount_fen,
            _DON.c.donor_name,
            _DON.c.designation_code,
            _DES.c.name.label("designation_name"),
            _OP.c.name.label("operator_name"),
            _DON.c.status,
            _REC.c.print_count,
            _DON.c.imported,
            _DON.c.paper_receipt_number,
            _DON.c.transaction_reference,
            _DON.c.donor_is_organisation.label("donor_organisation"),
        )
        .join(_REC, _REC.c.donation_id == _DON.c.id)
        .join(_DES, _DES.c.code == _DON.c.designation_code)
        .join(_OP, _OP.c.id == _DON.c.operator_id)
    )


def _apply(q: Select[Any], f: DonationFilter) -> Select[Any]:
    if f.day_from:
        q = q.where(_DON.c.business_day >= f.day_from.isoformat())
    if f.day_to:
        q = q.where(_DON.c.business_day <= f.day_to.isoformat())
    if f.kind:
        q = q.where(_DON.c.kind == f.kind)
    if f.designation_code:
        q = q.where(_DON.c.designation_code == f.designation_code)
    if f.receipt_number and (number := clean_text(f.receipt_number).upper()):
        if number.isdigit():
            q = q.where(_REC.c.number.like(f"%-{number.zfill(6)}"))
        else:
            q = q.where(_REC.c.number == number)
    if f.donor and (donor := clean_text(f.donor)):
        if donor in ("匿名", "anonymous", "Anonymous"):
            q = q.where(_DON.c.donor_name.is_(None))
        else:
            escaped = donor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            q = q.where(_DON.c.donor_name.like(f"%{escaped}%", escape="\\"))
    if not f.include_voided:
        q = q.where(_DON.c.status == "recorded")
    return q


_ROW_FIELDS = tuple(DonationRow.__dataclass_fields__)


def _to_row(r: Row[Any]) -> DonationRow:
    """By name, not position: extra columns (as in the detail query) are ignored."""
    m = r._mapping
    return DonationRow(**{name: m[name] for name in _ROW_FIELDS})


def list_donations(
    db: StationDatabase,
    f: DonationFilter = DonationFilter(),
    *,
    before_id: int | None = None,
    limit: int = 200,
) -> list[DonationRow]:
    """Newest first; pass the last row's id as ``before_id`` for the next page."""
    q = _apply(_row_select(), f)
    if before_id is not None:
        q = q.where(_DON.c.id < before_id)
    q = q.order_by(_DON.c.id.desc()).limit(limit)
    with db.read() as conn:
        return [_to_row(r) for r in conn.execute(q)]


def count_donations(db: StationDatabase, f: DonationFilter = DonationFilter()) -> int:
    q = _apply(
        select(func.count()).select_from(_DON.join(_REC, _REC.c.donation_id == _DON.c.id)), f
    )
    with db.read() as conn:
        return int(conn.execute(q).scalar_one())


def donation_detail(db: StationDatabase, receipt_number: str) -> DonationDetail:
    number = clean_text(receipt_number).upper()
    q = (
        _row_select()
        .add_columns(
            _DON.c.uuid,
            _DON.c.donor_phone,
            _DON.c.note,
            _REC.c.issued_at,
            _REC.c.signature,
            _REC.c.voided_at,
            _REC.c.void_reason,
            _VOIDER.c.name.label("voided_by"),
            _DON.c.paid_at,
        )
        .outerjoin(_VOIDER, _VOIDER.c.id == _REC.c.voided_by_id)
        .where(_REC.c.number == number)
    )
    with db.read() as conn:
        r = conn.execute(q).first()
        if r is None:
            raise ValidationError(
                "receipt.not_found",
                f"找不到收据 {number}",
                f"No receipt numbered {number}.",
                field="receipt_number",
            )
        items = tuple(
            ItemInfo(i.description, i.quantity, i.unit, i.value_fen)
            for i in conn.execute(
                select(_ITEM).where(_ITEM.c.donation_id == r.id).order_by(_ITEM.c.line_no)
            )
        )
    return DonationDetail(
        row=_to_row(r),
        uuid=r.uuid,
        donor_phone=r.donor_phone,
        note=r.note,
        items=items,
        issued_at=r.issued_at,
        signature=r.signature,
        voided_at=r.voided_at,
        void_reason=r.void_reason,
        voided_by=r.voided_by,
        paid_at=r.paid_at,
    )


def totals(db: StationDatabase, f: DonationFilter = DonationFilter()) -> Totals:
    base = _DON.join(_REC, _REC.c.donation_id == _DON.c.id)
    live = replace(f, include_voided=False)
    with db.read() as conn:
        by_kind = {
            r.kind: (r.n, r.fen)
            for r in conn.execute(
                _apply(
                    select(
                        _DON.c.kind,
                        func.count().label("n"),
                        func.sum(_DON.c.amount_fen).label("fen"),
                    ).select_from(base),
                    live,
                ).group_by(_DON.c.kind)
            )
        }
        by_des = {
            r.designation_code: (r.n, r.fen)
            for r in conn.execute(
                _apply(
                    select(
                        _DON.c.designation_code,
                        func.count().label("n"),
                        func.sum(_DON.c.amount_fen).label("fen"),
                    ).select_from(base),
                    live,
                ).group_by(_DON.c.designation_code)
            )
        }
        voided = conn.execute(
            _apply(
                select(func.count(), func.coalesce(func.sum(_DON.c.amount_fen), 0)).select_from(
                    base
                ),
                f,
            ).where(_DON.c.status == "voided")
        ).one()
    return Totals(
        count=sum(n for n, _ in by_kind.values()),
        amount_fen=sum(fen for _, fen in by_kind.values()),
        by_kind=by_kind,
        by_designation=by_des,
        voided_count=int(voided[0]),
        voided_fen=int(voided[1]),
    )


def list_designations(
    db: StationDatabase, *, include_inactive: bool = False
) -> list[DesignationInfo]:
    q = select(_DES).order_by(_DES.c.sort_order, _DES.c.code)
    if not include_inactive:
        q = q.where(_DES.c.active.is_(True))
    with db.read() as conn:
        return [
            DesignationInfo(r.code, r.name, r.category, bool(r.active)) for r in conn.execute(q)
        ]


def all_donations(
    db: StationDatabase, f: DonationFilter = DonationFilter(), *, page: int = 2000
) -> list[DonationRow]:
    """Every matching row, newest first, read page by page (for exports and reports)."""
    rows: list[DonationRow] = []
    before: int | None = None
    while True:
        chunk = list_donations(db, f, before_id=before, limit=page)
        rows.extend(chunk)
        if len(chunk) < page:
            return rows
        before = chunk[-1].id
