"""Recording a donation for a statement line nobody recorded (掉单).

The coordinator finds a payment on the statement with no donation for it.  Whoever is
logged in may record it from the line: the amount, the kind, the transaction reference
and the day come from the statement, the donor is anonymous unless a name is typed, and
the statement's time of payment is kept beside the time of recording (the receipt is
issued now, and says so).  One transaction, like any recording; a line is recorded once.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from station_app.domain.donations import UNDESIGNATED, DonationDraft, clean_text
from station_app.domain.errors import ConflictError, ValidationError
from station_app.domain.money import format_fen_plain
from station_app.domain.roles import Action
from station_app.domain.transaction_reference import parse_reference
from station_app.services.donation_recording import (
    DonationRecorder,
    StatementOrigin,
)
from station_app.services.records import RecordedDonation
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage import raw_sql
from station_app.storage.models import Donation, Receipt, StatementLineRow

_LINE, _DON, _REC = StatementLineRow.__table__, Donation.__table__, Receipt.__table__


def _reference(text: str | None) -> str:
    """The line's number if it is one a donation can carry, else none (the link to the
    statement line is kept either way)."""
    try:
        return parse_reference(text or "") or ""
    except ValidationError:
        return ""


def record_from_statement(
    recorder: DonationRecorder,
    session: OperatorSession,
    line_id: int,
    *,
    donor_name: str = "",
    designation_code: str = UNDESIGNATED,
    note: str = "",
) -> RecordedDonation:
    """Record the donation a payment line stands for, on the line's business day."""
    with recorder.db.write() as conn:
        operator = require_session(conn, session, Action.RECORD)
        line = conn.execute(select(_LINE).where(_LINE.c.id == line_id)).first()
        if line is None or line.direction != "payment":
            raise ValidationError(
                "statement.no_such_payment",
                "对账单上没有这笔收款",
                "There is no such payment on the statements.",
            )
        day = date.fromisoformat(line.business_day)
        if line.business_day in raw_sql.closed_days_from(conn, line.business_day):
            raise ConflictError(
                "statement.day_closed",
                f"{day} 已经日结；请先重新开启该日，再补录这笔款项",
                f"{day} is closed; reopen it first, then record this payment.",
            )
        taken = conn.execute(
            select(_REC.c.number)
            .join(_DON, _DON.c.id == _REC.c.donation_id)
            .where(_DON.c.statement_line_id == line_id, _DON.c.status == "recorded")
        ).scalar()
        if taken is not None:
            raise ConflictError(
                "statement.already_recorded",
                f"这笔款项已经补录，收据 {taken}",
                f"This payment is already recorded, on receipt {taken}.",
            )
        name = clean_text(donor_name)
        draft = DonationDraft(
            kind=line.kind,
            amount=format_fen_plain(line.amount_fen),
            donor_name=name,
            anonymous=not name,
            designation_code=designation_code,
            note=note,
            transaction_reference=_reference(line.reference),
        )
        return recorder.write_in(
            conn, operator, draft, origin=StatementOrigin(line_id, day, line.occurred_at)
        )
