"""The station database's tables, as typed SQLAlchemy 2 models.

The schema itself is created and changed only by the Alembic migrations in
``migrations/``; these models describe it for queries and for autogenerate.  Times are
stored as ISO-8601 UTC text (``2026-11-22T08:30:05Z``): sortable, exact, and the same
text that is signed on the receipt and hashed into the ledger.  Money is integer fen.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    #: Every model here is mapped to one plain table; saying so lets the type checker
    #: accept ``Model.__table__`` in ``insert()``/``update()`` (SQLAlchemy's own advice).
    __table__: ClassVar[Table]


class Station(Base):
    """The one station (terminal) this database belongs to."""

    __tablename__ = "station"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    district: Mapped[str] = mapped_column(String(50))
    association_name: Mapped[str] = mapped_column(String(100))
    association_url: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[str] = mapped_column(String(100))  # Ed25519, base64; not secret
    created_at: Mapped[str] = mapped_column(String(20))
    #: ETag of the association's designation list last merged (None: never, or the
    #: association changed); sent as If-None-Match so an unchanged list costs a 304.
    designations_etag: Mapped[str | None] = mapped_column(String(100), default=None)
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)


class Operator(Base):
    __tablename__ = "operator"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[str] = mapped_column(String(20))
    __table_args__ = (
        CheckConstraint("role IN ('staff', 'social_worker', 'coordinator')", name="role"),
    )


class Designation(Base):
    """A fund or project a donor may give to; ``undesignated`` always exists."""

    __tablename__ = "designation"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(20))  # fund, project, undesignated
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Donation(Base):
    __tablename__ = "donation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    amount_fen: Mapped[int] = mapped_column(Integer)
    donor_name: Mapped[str | None] = mapped_column(String(40))  # NULL = anonymous
    donor_phone: Mapped[str | None] = mapped_column(String(20))
    designation_code: Mapped[str] = mapped_column(ForeignKey("designation.code"))
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    note: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[str] = mapped_column(String(20))
    business_day: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), default="recorded")
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    paper_receipt_number: Mapped[str | None] = mapped_column(String(40))
    #: The payment's transaction number (mobile and bank only), as on the payer's phone.
    transaction_reference: Mapped[str | None] = mapped_column(String(64), default=None)
    #: When the statement says the money arrived (donations recorded from a statement).
    paid_at: Mapped[str | None] = mapped_column(String(20), default=None)
    statement_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("statement_line.id"), default=None
    )
    #: The donor is a company or other body (migration 0007): named in full in public.
    donor_is_organisation: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (
        CheckConstraint("kind IN ('cash', 'mobile', 'bank', 'in_kind')", name="kind"),
        CheckConstraint("amount_fen > 0", name="amount_positive"),
        CheckConstraint("status IN ('recorded', 'voided')", name="status"),
        Index("ix_donation_business_day", "business_day", "id"),
        Index("ix_donation_designation", "designation_code", "business_day"),
        Index("ix_donation_donor", "donor_name"),
        # A reference names one payment: unique per kind and day among live donations
        # (a voided one may be recorded again, correctly, with the same reference).
        Index(
            "uq_donation_reference",
            "kind",
            "business_day",
            "transaction_reference",
            unique=True,
            sqlite_where=text("transaction_reference IS NOT NULL AND status = 'recorded'"),
        ),
        Index(
            "uq_donation_statement_line",
            "statement_line_id",
            unique=True,
            sqlite_where=text("statement_line_id IS NOT NULL AND status = 'recorded'"),
        ),
    )


class DonationItem(Base):
    """One line of an in-kind donation: what, how many, and its estimated value."""

    __tablename__ = "donation_item"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    donation_id: Mapped[int] = mapped_column(ForeignKey("donation.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(60))
    quantity: Mapped[str] = mapped_column(String(12))
    unit: Mapped[str] = mapped_column(String(60))
    value_fen: Mapped[int] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("donation_id", "line_no", name="uq_item_line"),)


class Receipt(Base):
    __tablename__ = "receipt"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    donation_id: Mapped[int] = mapped_column(ForeignKey("donation.id"), unique=True)
    issued_at: Mapped[str] = mapped_column(String(20))
    signature: Mapped[str] = mapped_column(String(100))
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    voided_at: Mapped[str | None] = mapped_column(String(20))
    void_reason: Mapped[str | None] = mapped_column(String(200))
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    __table_args__ = (UniqueConstraint("year", "serial", name="uq_receipt_year_serial"),)


class DayClose(Base):
    """A business day's close: what the records said, what was counted, who said so.

    Two people sign a close (the coordinator and a witness).  Reopening does not delete
    the row: it fills ``reopened_*``, and a later close of the same day is a new row, so
    the history of a day stays readable.  At most one unreopened close exists per day.
    """

    __tablename__ = "day_close"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_day: Mapped[str] = mapped_column(String(10), index=True)
    expected_cash_fen: Mapped[int] = mapped_column(Integer)
    counted_cash_fen: Mapped[int] = mapped_column(Integer)
    expected_mobile_fen: Mapped[int] = mapped_column(Integer)
    confirmed_mobile_fen: Mapped[int] = mapped_column(Integer)
    expected_bank_fen: Mapped[int] = mapped_column(Integer)
    confirmed_bank_fen: Mapped[int] = mapped_column(Integer)
    in_kind_fen: Mapped[int] = mapped_column(Integer)
    in_kind_confirmed: Mapped[bool] = mapped_column(Boolean)
    difference_fen: Mapped[int] = mapped_column(Integer)  # sum of all differences
    reason: Mapped[str | None] = mapped_column(String(200))
    denominations: Mapped[str | None] = mapped_column(Text)  # canonical JSON, yuan → count
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    witness_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    closed_at: Mapped[str] = mapped_column(String(20))
    ledger_seq: Mapped[int] = mapped_column(Integer)
    reopened_at: Mapped[str | None] = mapped_column(String(20))
    reopened_by_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    reopen_reason: Mapped[str | None] = mapped_column(String(200))
    __table_args__ = (
        Index(
            "uq_day_close_open_day",
            "business_day",
            unique=True,
            sqlite_where=text("reopened_at IS NULL"),
        ),
    )


class StatementImport(Base):
    """One statement file imported: what it was, its fingerprint, what it held.

    The file itself is not kept unless the coordinator chose to (``kept_file``); the
    SHA-256 ``fingerprint`` lets the association ask for the very file later.
    """

    __tablename__ = "statement_import"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(10))  # wechat, alipay, bank
    account: Mapped[str] = mapped_column(String(30), default="")  # the bank's name, or ""
    variant: Mapped[str] = mapped_column(String(10), default="")
    file_name: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    first_day: Mapped[str | None] = mapped_column(String(10))
    last_day: Mapped[str | None] = mapped_column(String(10))
    lines: Mapped[int] = mapped_column(Integer)  # lines in the file
    new_lines: Mapped[int] = mapped_column(Integer)  # lines not already known from another file
    payments_fen: Mapped[int] = mapped_column(Integer)
    refunds_fen: Mapped[int] = mapped_column(Integer)
    outgoing_fen: Mapped[int] = mapped_column(Integer)
    fees_millifen: Mapped[int] = mapped_column(Integer)
    summary_checked: Mapped[bool] = mapped_column(Boolean)
    kept_file: Mapped[str | None] = mapped_column(String(200))
    imported_at: Mapped[str] = mapped_column(String(20))
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    __table_args__ = (CheckConstraint("source IN ('wechat', 'alipay', 'bank')", name="source"),)


class StatementLineRow(Base):
    """One movement of money on a statement; payer identifiers only masked.

    ``identity`` names the movement across files (the provider's number, or for a bank
    line without one its day, time, amount, payer and order in the file), so a daily and
    a monthly statement that overlap never count one payment twice.
    """

    __tablename__ = "statement_line"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("statement_import.id"))
    source: Mapped[str] = mapped_column(String(10))
    account: Mapped[str] = mapped_column(String(30), default="")
    identity: Mapped[str] = mapped_column(String(200))
    line_no: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))  # mobile, bank
    direction: Mapped[str] = mapped_column(String(10))  # payment, refund, outgoing
    business_day: Mapped[str] = mapped_column(String(10))
    occurred_at: Mapped[str | None] = mapped_column(String(20))  # UTC; None: a date only
    amount_fen: Mapped[int] = mapped_column(Integer)
    fee_millifen: Mapped[int] = mapped_column(Integer, default=0)
    reference: Mapped[str | None] = mapped_column(String(64))
    order_reference: Mapped[str | None] = mapped_column(String(64))
    payer_masked: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (
        CheckConstraint("amount_fen > 0", name="amount_positive"),
        CheckConstraint("kind IN ('mobile', 'bank')", name="kind"),
        CheckConstraint("direction IN ('payment', 'refund', 'outgoing')", name="direction"),
        UniqueConstraint("source", "account", "identity", name="uq_statement_line_identity"),
        Index("ix_statement_line_day", "kind", "business_day", "direction"),
    )


class BankMappingRow(Base):
    """Which column of a bank's statement holds what; set once per bank, remembered."""

    __tablename__ = "bank_mapping"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bank: Mapped[str] = mapped_column(String(30), unique=True)
    mapping: Mapped[str] = mapped_column(Text)  # canonical JSON of BankMapping
    saved_at: Mapped[str] = mapped_column(String(20))
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))


class StatementReconciliation(Base):
    """A day's statements reconciled with its records, written with the day's close."""

    __tablename__ = "statement_reconciliation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_day: Mapped[str] = mapped_column(String(10), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    lines: Mapped[int] = mapped_column(Integer)
    matched: Mapped[int] = mapped_column(Integer)
    not_recorded: Mapped[int] = mapped_column(Integer)
    not_on_statement: Mapped[int] = mapped_column(Integer)
    statement_fen: Mapped[int] = mapped_column(Integer)
    recorded_fen: Mapped[int] = mapped_column(Integer)
    refunds_fen: Mapped[int] = mapped_column(Integer)
    fees_millifen: Mapped[int] = mapped_column(Integer)
    reconciled_at: Mapped[str] = mapped_column(String(20))
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    ledger_seq: Mapped[int] = mapped_column(Integer)


class ReconciliationItem(Base):
    """One line of a reconciliation: a matched pair, or an unmatched side explained."""

    __tablename__ = "reconciliation_item"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reconciliation_id: Mapped[int] = mapped_column(
        ForeignKey("statement_reconciliation.id"), index=True
    )
    side: Mapped[str] = mapped_column(String(10))  # matched, statement, records
    line_id: Mapped[int | None] = mapped_column(ForeignKey("statement_line.id"))
    donation_id: Mapped[int | None] = mapped_column(ForeignKey("donation.id"))
    by_reference: Mapped[bool] = mapped_column(Boolean, default=False)
    explanation: Mapped[str | None] = mapped_column(String(200))
    __table_args__ = (CheckConstraint("side IN ('matched', 'statement', 'records')", name="side"),)


class LedgerEntryRow(Base):
    """The append-only, hash-chained log that is shipped to the association."""

    __tablename__ = "ledger_entry"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    synced_batch: Mapped[str | None] = mapped_column(String(36))
    # The newest entry of a kind (the goods acceptance rules in force) without a scan.
    __table_args__ = (Index("ix_ledger_entry_type_seq", "type", "seq"),)


class SyncRun(Base):
    __tablename__ = "sync_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[str] = mapped_column(String(20))
    finished_at: Mapped[str | None] = mapped_column(String(20))
    entries_sent: Mapped[int] = mapped_column(Integer, default=0)
    acked_seq: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text)


class LoginThrottle(Base):
    """Failed logins per name typed, so guessing a password slows down to a crawl.

    Working state, not a record: a successful login clears it.  A lockout itself is
    ledgered (``operator.locked_out``), so the association sees repeated guessing.
    """

    __tablename__ = "login_throttle"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(String(20))
    last_failure_at: Mapped[str] = mapped_column(String(20))


class ReceiptNumberFloor(Base):
    """The highest receipt serial a restore found evidence of, per year.

    After a restore from a file that could not carry every record forward, numbering
    continues above this, so a number printed before is never given to another donation.
    Written only together with the ``station.restored`` entry that explains it.
    """

    __tablename__ = "receipt_number_floor"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    ledger_seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    serial: Mapped[int] = mapped_column(Integer)


class VerifiedPoint(Base):
    """How far the rows were last checked against the ledger, so start-up checks only
    what is new.  ``watermarks`` is canonical JSON (table → highest row id checked);
    ``mac`` is an HMAC under a key derived from the station's signing key, so the point
    cannot be moved forward by hand to hide rows from the check."""

    __tablename__ = "verified_point"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    watermarks: Mapped[str] = mapped_column(Text)
    checked_at: Mapped[str] = mapped_column(String(20))
    full_checked_at: Mapped[str | None] = mapped_column(String(20))
    mac: Mapped[str] = mapped_column(String(64))
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)


# The goods register's tables live in their own module, on this metadata (issue 18).
from station_app.storage import goods_tables as _goods_tables  # noqa: E402, F401
