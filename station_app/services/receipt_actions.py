"""What happens to a receipt after it is issued: reprints and voids.

Both are counted and ledgered; neither changes what the receipt said.  A void needs the
coordinator and a reason, keeps the number, and marks the donation void for good.
"""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from station_app.domain.donations import clean_text
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ConflictError, ValidationError
from station_app.domain.receipt_numbers import parse_receipt_number
from station_app.domain.roles import Action
from station_app.domain.station_time import to_iso, utc_now
from station_app.services.day_close import is_day_closed
from station_app.services.ledger_writer import append_entry
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import station_code
from station_app.storage.models import Donation, Receipt
from station_app.storage.rows import AnyRow

_REC, _DON = Receipt.__table__, Donation.__table__
MAX_REASON = 200
MIN_REASON = 4


def _receipt(conn: Connection, number: str) -> AnyRow:
    number = str(parse_receipt_number(number))
    row = conn.execute(select(_REC).where(_REC.c.number == number)).first()
    if row is None:
        raise ValidationError(
            "receipt.not_found",
            f"找不到收据 {number}",
            f"No receipt numbered {number}.",
            field="receipt_number",
        )
    return row


def record_print(db: StationDatabase, session: OperatorSession, number: str) -> int:
    """Count one print of a receipt (the first is the original, later ones are copies).

    Called after the PDF has been produced and handed to the printer or saved, so the
    count says how many papers exist; returns the new print count.
    """
    with db.write() as conn:
        operator = require_session(conn, session, Action.PRINT)
        rec = _receipt(conn, number)
        count = rec.print_count + 1
        append_entry(
            conn,
            type=EntryType.RECEIPT_PRINTED,
            at=to_iso(utc_now()),
            station_code=station_code(conn),
            data={
                "receipt": rec.number,
                "print_number": count,
                "operator": operator.name,
                "voided": rec.voided_at is not None,
            },
        )
        conn.execute(update(_REC).where(_REC.c.id == rec.id).values(print_count=count))
        return int(count)


def void_donation(db: StationDatabase, session: OperatorSession, number: str, reason: str) -> None:
    reason = clean_text(reason)
    with db.write() as conn:
        operator = require_session(conn, session, Action.VOID)
        if not reason:
            raise ValidationError(
                "void.no_reason", "作废必须填写原因", "A void needs a reason.", field="reason"
            )
        if len(reason) < MIN_REASON:
            raise ValidationError(
                "void.reason_too_short",
                f"作废原因至少 {MIN_REASON} 个字,请写明为什么作废",
                f"A void reason needs at least {MIN_REASON} characters; say why.",
                field="reason",
            )
        if len(reason) > MAX_REASON:
            raise ValidationError(
                "void.reason_too_long",
                f"原因最多 {MAX_REASON} 个字",
                f"The reason can have at most {MAX_REASON} characters.",
                field="reason",
            )
        rec = _receipt(conn, number)
        if rec.voided_at is not None:
            raise ConflictError(
                "void.already",
                f"收据 {rec.number} 已经作废",
                f"Receipt {rec.number} is already void.",
            )
        day = conn.execute(
            select(_DON.c.business_day).where(_DON.c.id == rec.donation_id)
        ).scalar_one()
        if is_day_closed(conn, day):
            raise ConflictError(
                "void.day_closed",
                f"{day} 已日结,请先由站点负责人重新开启该日再作废",
                f"{day} is closed; reopen the day before voiding its receipts.",
            )
        at = to_iso(utc_now())
        append_entry(
            conn,
            type=EntryType.DONATION_VOIDED,
            at=at,
            station_code=station_code(conn),
            data={"receipt": rec.number, "reason": reason, "operator": operator.name},
        )
        conn.execute(
            update(_REC)
            .where(_REC.c.id == rec.id)
            .values(voided_at=at, void_reason=reason, voided_by_id=operator.id)
        )
        conn.execute(update(_DON).where(_DON.c.id == rec.donation_id).values(status="voided"))
