"""The receiver's tables, as typed SQLAlchemy 2 models.

The schema is created and changed only by the Alembic migrations in
``association_server/migrations``; these models describe it for queries.  Times are
ISO-8601 UTC text with whole seconds, as on the stations, so a stored entry keeps both
the station's clock (inside its payload, and copied to ``station_at``) and ours
(``received_at``): a skewed station clock is visible, never silently corrected.

The station row doubles as the stream's cursor (``acked_seq``/``acked_hash``) and is the
row every batch locks first, which is how concurrent batches for one station are
serialised across processes; the composite primary key (station, seq) of the ledger is
the second guard that makes a duplicate impossible even if the lock were bypassed.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from station_app.storage.models import NAMING_CONVENTION  # one naming scheme for both


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    #: Every model here is mapped to one plain table; saying so lets the type checker
    #: accept ``Model.__table__`` in ``insert()``/``update()`` (SQLAlchemy's own advice).
    __table__: ClassVar[Table]


class StationRow(Base):
    """A station terminal the association knows, its credentials and its stream cursor."""

    __tablename__ = "station"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[str] = mapped_column(String(20))
    # sha256 hex of the one-time enrolment code; NULL once used.
    enrollment_code_hash: Mapped[str | None] = mapped_column(String(64))
    enrollment_expires_at: Mapped[str | None] = mapped_column(String(20))
    public_key: Mapped[str | None] = mapped_column(String(100))  # Ed25519, base64
    # sha256 hex of the bearer token; NULL before enrolment and after revocation.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[str | None] = mapped_column(String(20))
    acked_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    acked_hash: Mapped[str] = mapped_column(String(64))
    last_received_at: Mapped[str | None] = mapped_column(String(20))


class LedgerRow(Base):
    """One station ledger entry exactly as the station hashed it, plus when it arrived."""

    __tablename__ = "ledger_entry"
    station_code: Mapped[str] = mapped_column(ForeignKey("station.code"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    uuid: Mapped[str] = mapped_column(String(36))
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    station_at: Mapped[str | None] = mapped_column(String(32))
    received_at: Mapped[str] = mapped_column(String(20))
    batch_id: Mapped[str] = mapped_column(String(64))


class ReceiptRow(Base):
    """What the public receipt page needs, kept up to date from the ledger entries."""

    __tablename__ = "receipt"
    number: Mapped[str] = mapped_column(String(40), primary_key=True)
    station_code: Mapped[str] = mapped_column(ForeignKey("station.code"))
    seq: Mapped[int] = mapped_column(BigInteger)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    issued_at: Mapped[str] = mapped_column(String(20))
    signature: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str | None] = mapped_column(String(10))
    donor_masked: Mapped[str | None] = mapped_column(String(60))
    designation: Mapped[str | None] = mapped_column(String(40))
    voided_at: Mapped[str | None] = mapped_column(String(20))
    void_reason: Mapped[str | None] = mapped_column(String(200))
    # The association's own 公益事业捐赠票据, issued later for this donation.
    official_receipt_number: Mapped[str | None] = mapped_column(String(60))
    official_issued_at: Mapped[str | None] = mapped_column(String(20))
    # Parsed from the number and the entry (revision a0003): what completeness checks use.
    year: Mapped[int | None] = mapped_column(Integer)
    serial: Mapped[int | None] = mapped_column(Integer)
    business_day: Mapped[str | None] = mapped_column(String(10))
    __table_args__ = (
        Index("ix_receipt_station_year", "station_code", "year", "serial"),
        # The console's totals are per period: everything they read is in the index, so a
        # month of a city's donations is an index-only scan (revision a0005).
        Index(
            "ix_receipt_business_day",
            "business_day",
            "station_code",
            "kind",
            "designation",
            "amount_fen",
            "voided_at",
        ),
    )


class ReceiptVersionRow(Base):
    """Another version of a receipt number the station already sent, with other signed values.

    Proof that the number was issued twice (e.g. after a restore that lost the ledger).
    The first version stays in ``receipt``; every later one is kept here, and the donor's
    scan of either is told the receipt is genuine but its number is in dispute.
    """

    __tablename__ = "receipt_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(40), index=True)
    station_code: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(BigInteger)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    issued_at: Mapped[str] = mapped_column(String(20))
    signature: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[str] = mapped_column(String(20))


class SupersededEntryRow(Base):
    """A ledger entry a station's fork replaced (restore of an unreadable database).

    Nothing received is ever deleted: entries after the fork point move here, with the
    seq of the ``station.restored`` entry that superseded them.
    """

    __tablename__ = "ledger_entry_superseded"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    station_code: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(BigInteger)
    uuid: Mapped[str] = mapped_column(String(36))
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    station_at: Mapped[str | None] = mapped_column(String(32))
    received_at: Mapped[str] = mapped_column(String(20))
    batch_id: Mapped[str] = mapped_column(String(64))
    fork_seq: Mapped[int] = mapped_column(BigInteger)
    superseded_at: Mapped[str] = mapped_column(String(20))
    __table_args__ = (Index("ix_ledger_entry_superseded_station", "station_code", "seq"),)


class DesignationRow(Base):
    """A fund or project the association offers to every station."""

    __tablename__ = "designation"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(20))  # fund, project, undesignated
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[str] = mapped_column(String(20))


class IncidentRow(Base):
    """Something the association must look at: a refused batch, or what an accepted one
    (or a donor's scan) revealed — gaps, totals that do not add up, a fork, a number
    issued twice.  The kinds are listed in :mod:`association_server.incident_kinds`.

    A refused batch's incident is written in its own transaction after the batch was
    rolled back, so the incident is kept while nothing of the batch itself is.
    """

    __tablename__ = "incident"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    station_code: Mapped[str] = mapped_column(String(32))
    detected_at: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int | None] = mapped_column(BigInteger)
    detail: Mapped[str] = mapped_column(Text)
    # The receipt an incident is about, so "once per receipt" is one indexed look-up.
    receipt_number: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (
        Index("ix_incident_station", "station_code", "id"),
        Index("ix_incident_receipt", "receipt_number", "code"),
    )


class ReceiptScanRow(Base):
    """A genuine receipt a donor scanned before its station synced it (revision a0006).

    Kept only for a signature that verified under the station's enrolled key, one row
    per receipt and a bounded number per station
    (:mod:`association_server.receipt_scans`); the console's stations page shows from it
    how long a station has held receipts the association has not received.
    """

    __tablename__ = "receipt_scan"
    number: Mapped[str] = mapped_column(String(40), primary_key=True)
    station_code: Mapped[str] = mapped_column(ForeignKey("station.code"))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    issued_at: Mapped[str] = mapped_column(String(20))  # as signed by the station
    first_seen_at: Mapped[str] = mapped_column(String(20))  # our clock
    __table_args__ = (Index("ix_receipt_scan_station", "station_code", "issued_at"),)


# The console's tables share this metadata (one schema, one set of migrations).
# The goods register's tables live in their own module, on this metadata (issue 18).
from association_server import goods_tables as _goods_tables  # noqa: E402, F401
from association_server.console import tables as _console_tables  # noqa: E402, F401
