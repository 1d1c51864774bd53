"""Recording a donation: one transaction writes the donation, its receipt number and
signature, and its ledger entry.

Gap-free numbering comes from taking the next serial inside the same ``BEGIN IMMEDIATE``
transaction that inserts the donation: if anything fails or the process is killed, the
number was never taken, because nothing was.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection

from station_app.domain.donations import (
    DonationDraft,
    DonationKind,
    ValidDonation,
    mask_phone,
    validate_draft,
)
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ConflictError
from station_app.domain.money import DEFAULT_CEILING_FEN
from station_app.domain.receipt_numbers import next_receipt_number
from station_app.domain.roles import Action
from station_app.domain.station_time import local_date, next_day, to_iso, utc_now
from station_app.services.ledger_writer import append_entry
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.records import OperatorInfo, RecordedDonation
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage import raw_sql
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import station_code as stored_station_code

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class ImportedOrigin:
    """Where an imported donation came from: the paper receipt book."""

    paper_receipt_number: str
    business_day: date


@dataclass(frozen=True, slots=True)
class StatementOrigin:
    """A donation recorded from a statement line nobody had recorded: its day is the
    payment's day, and the statement's time of payment is kept beside the recording's."""

    line_id: int
    business_day: date
    paid_at: str | None


Origin = ImportedOrigin | StatementOrigin


def _designation_name(conn: Connection, code: str) -> dict[str, str]:
    name = raw_sql.designation_name(conn, code)
    return {"designation_name": name[:100]} if name else {}


def check_reference_free(
    conn: Connection, kind: str, business_day: str, reference: str | None
) -> None:
    """A transaction reference names one payment: refuse it if a live donation has it."""
    if reference is None:
        return
    taken = raw_sql.receipt_with_reference(conn, kind, business_day, reference)
    if taken is not None:
        raise ConflictError(
            "reference.taken",
            f"交易单号 {reference} 当天已登记在收据 {taken} 上",
            f"Transaction number {reference} is already recorded that day, on receipt {taken}.",
            field="transaction_reference",
        )


def open_business_day(conn: Connection, day: date) -> tuple[date, date | None]:
    """The first day on or after ``day`` that is not closed, and the closed day skipped."""
    skipped = None
    closed = raw_sql.closed_days_from(conn, day.isoformat())
    while day.isoformat() in closed:
        skipped = skipped or day
        day = next_day(day)
    return day, skipped


def active_designation_codes(conn: Connection) -> frozenset[str]:
    return raw_sql.active_designation_codes(conn)


def write_donation(
    conn: Connection,
    *,
    station_code: str,
    signer: ReceiptSigner,
    operator: OperatorInfo,
    valid: ValidDonation,
    now: datetime,
    origin: Origin | None = None,
) -> RecordedDonation:
    """Insert a validated donation with its receipt and ledger entry (caller's transaction).

    ``operator`` comes from :func:`require_session` in the same transaction.
    """
    at = to_iso(now)
    if origin is None:
        business_day, skipped = open_business_day(conn, local_date(now))
    else:
        business_day, skipped = origin.business_day, None
    imported = isinstance(origin, ImportedOrigin)
    paper = origin.paper_receipt_number if isinstance(origin, ImportedOrigin) else None
    from_statement = origin if isinstance(origin, StatementOrigin) else None
    paid_at = from_statement.paid_at if from_statement else None
    reference = valid.transaction_reference
    check_reference_free(conn, valid.kind.value, business_day.isoformat(), reference)
    year = business_day.year
    last = raw_sql.last_receipt_serial(conn, year)
    number = str(next_receipt_number(station_code, year, last))
    signature = signer.sign(number, valid.amount_fen, at, station_code)
    donation_uuid = str(uuidlib.uuid4())
    donation_id = raw_sql.insert_donation(
        conn,
        {
            "uuid": donation_uuid,
            "kind": valid.kind.value,
            "amount_fen": valid.amount_fen,
            "donor_name": valid.donor_name,
            "donor_phone": valid.phone,
            "designation_code": valid.designation_code,
            "operator_id": operator.id,
            "note": valid.note,
            "recorded_at": at,
            "business_day": business_day.isoformat(),
            "status": "recorded",
            "imported": imported,
            "paper_receipt_number": paper,
            "transaction_reference": reference,
            "paid_at": paid_at,
            "statement_line_id": from_statement.line_id if from_statement else None,
            "donor_is_organisation": valid.donor_organisation,
        },
    )
    if valid.items:
        raw_sql.insert_items(
            conn,
            [
                {
                    "donation_id": donation_id,
                    "line_no": n,
                    "description": it.description,
                    "quantity": it.quantity,
                    "unit": it.unit,
                    "value_fen": it.value_fen,
                }
                for n, it in enumerate(valid.items, start=1)
            ],
        )
    raw_sql.insert_receipt(
        conn,
        {
            "number": number,
            "year": year,
            "serial": int(number[-6:]),
            "donation_id": donation_id,
            "issued_at": at,
            "signature": signature,
            "print_count": 0,
        },
    )
    append_entry(
        conn,
        type=EntryType.DONATION_RECORDED,
        at=at,
        station_code=station_code,
        data={
            "donation": donation_uuid,
            "receipt": number,
            "kind": valid.kind.value,
            "amount_fen": valid.amount_fen,
            "donor": valid.donor_name,
            "phone_masked": mask_phone(valid.phone) or None,
            "designation": valid.designation_code,
            "items": [
                {
                    "description": it.description,
                    "quantity": it.quantity,
                    "unit": it.unit,
                    "value_fen": it.value_fen,
                }
                for it in valid.items
            ],
            "note": valid.note,
            "operator": operator.name,
            "business_day": business_day.isoformat(),
            "issued_at": at,
            "signature": signature,
            "imported": imported,
            "paper_receipt_number": paper,
            "transaction_reference": reference,
            "paid_at": paid_at,
            # Only when true, so a private donor's entry reads as before issue 17.
            **({"donor_organisation": True} if valid.donor_organisation else {}),
            # The public page names the fund even if the association does not list it.
            **_designation_name(conn, valid.designation_code),
        },
    )
    return RecordedDonation(
        donation_id,
        donation_uuid,
        number,
        valid.amount_fen,
        business_day.isoformat(),
        at,
        skipped.isoformat() if skipped else None,
    )


class DonationRecorder:
    """Records donations for one station with its signer (the key is read once)."""

    def __init__(
        self,
        db: StationDatabase,
        signer: ReceiptSigner,
        *,
        clock: Clock = utc_now,
        ceiling_fen: int = DEFAULT_CEILING_FEN,
    ) -> None:
        self._db = db
        self._signer = signer
        self._clock = clock
        self.ceiling_fen = ceiling_fen
        self._station_code: str | None = None

    @property
    def db(self) -> StationDatabase:
        return self._db

    @property
    def signer(self) -> ReceiptSigner:
        return self._signer

    def now(self) -> datetime:
        return self._clock().replace(microsecond=0)

    def station_code(self, conn: Connection) -> str:
        if self._station_code is None:
            self._station_code = stored_station_code(conn)
        return self._station_code

    def record(self, session: OperatorSession, draft: DonationDraft) -> RecordedDonation:
        """Validate, then write everything in one durable transaction.

        An in-kind gift is goods coming in: its items enter the stock as lots under the
        acceptance rules (``services/goods_receiving.record_in_kind``, which writes the
        donation back through this recorder; imported here because it imports us).
        """
        if draft.kind == DonationKind.IN_KIND:
            from station_app.services.goods_receiving import record_in_kind

            return record_in_kind(self, session, draft)
        with self._db.write() as conn:
            operator = require_session(conn, session, Action.RECORD)
            return self.write_in(conn, operator, draft)

    def validate(self, conn: Connection, draft: DonationDraft) -> ValidDonation:
        """The rules of a donation, against this station's designations and ceiling."""
        return validate_draft(
            draft,
            designation_codes=active_designation_codes(conn),
            ceiling_fen=self.ceiling_fen,
        )

    def write_valid(
        self,
        conn: Connection,
        operator: OperatorInfo,
        valid: ValidDonation,
        *,
        now: datetime | None = None,
        origin: Origin | None = None,
    ) -> RecordedDonation:
        """Write a validated donation with its receipt and entry (caller's transaction):
        the one writer of donations, for the form, imports, statements and goods."""
        return write_donation(
            conn,
            station_code=self.station_code(conn),
            signer=self._signer,
            operator=operator,
            valid=valid,
            now=now or self.now(),
            origin=origin,
        )

    def write_in(
        self,
        conn: Connection,
        operator: OperatorInfo,
        draft: DonationDraft,
        *,
        origin: Origin | None = None,
    ) -> RecordedDonation:
        """Validate and write ``draft`` inside the caller's transaction (the caller has
        checked the operator's session for its action).  An imported in-kind donation's
        lines enter the stock as they are (``lots_from_items``)."""
        valid = self.validate(conn, draft)
        recorded = self.write_valid(conn, operator, valid, origin=origin)
        if valid.kind is DonationKind.IN_KIND:  # the items enter the goods stock as lots
            from station_app.services.goods_receiving import lots_from_items

            lots_from_items(conn, self.station_code(conn), operator, valid, recorded)
        return recorded
