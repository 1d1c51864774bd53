"""The console's tables: staff accounts, their sessions, what officers did, incident
decisions, published disclosure versions and the district of each station.

The audit, the incident notes and the disclosure versions are append-only: the code has
no update or delete for them, and triggers (revision a0005) refuse one on both SQLite
and PostgreSQL, so a decision or a published month cannot change silently.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from association_server.models import Base

ROLES = ("viewer", "officer")
APPEND_ONLY_TABLES = ("console_audit", "incident_note", "disclosure_version")


class ConsoleUserRow(Base):
    """A member of the association's staff; ``officer`` may change things, ``viewer`` looks."""

    __tablename__ = "console_user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))  # scrypt, as on the station
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[str] = mapped_column(String(20))


class ConsoleSessionRow(Base):
    """A login: only the SHA-256 of the cookie's random token is kept (like station tokens)."""

    __tablename__ = "console_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("console_user.id"))
    created_at: Mapped[str] = mapped_column(String(20))
    expires_at: Mapped[str] = mapped_column(String(20))
    ended_at: Mapped[str | None] = mapped_column(String(20))


class ConsoleAuditRow(Base):
    """One thing a person did in the console (or a login), never changed afterwards."""

    __tablename__ = "console_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(20))
    user_name: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(120))
    detail: Mapped[str] = mapped_column(Text)
    client: Mapped[str] = mapped_column(String(64))


class IncidentNoteRow(Base):
    """An officer's acknowledgement or resolution of an incident, with the note they wrote."""

    __tablename__ = "incident_note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"))
    at: Mapped[str] = mapped_column(String(20))
    user_name: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(20))  # acknowledged, resolved
    note: Mapped[str] = mapped_column(Text)
    __table_args__ = (Index("ix_incident_note_incident", "incident_id", "id"),)


class DisclosureVersionRow(Base):
    """A published month of one designation: its lines as they were published (JSON)."""

    __tablename__ = "disclosure_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    designation: Mapped[str] = mapped_column(String(40))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    version: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[str] = mapped_column(String(20))
    published_by: Mapped[str] = mapped_column(String(60))
    total_fen: Mapped[int] = mapped_column(BigInteger)
    donations: Mapped[int] = mapped_column(Integer)
    lines: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    # The goods received and handed on (JSON, revision a0006); NULL before goods were
    # published with a month.
    goods: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        Index("ix_disclosure_version_key", "designation", "month", "version", unique=True),
    )


class StationProfileRow(Base):
    """What the console knows of a station beyond the receiver's needs: its district."""

    __tablename__ = "station_profile"
    station_code: Mapped[str] = mapped_column(ForeignKey("station.code"), primary_key=True)
    district: Mapped[str] = mapped_column(String(60))


class ConsoleLoginFailureRow(Base):
    """Wrong passwords of one account name or client address (revision a0006).

    Shared by every receiver process (:mod:`association_server.console.login_limits`);
    times are Unix seconds, and a row is deleted once ``expires_at`` has passed.
    """

    __tablename__ = "console_login_failure"
    key: Mapped[str] = mapped_column(String(130), primary_key=True)
    window_start: Mapped[int] = mapped_column(BigInteger)
    failures: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)


class StationTallyRow(Base):
    """Donations received per station, kept by triggers on ``receipt`` (revision a0005).

    The stations page shows it for 500 stations at once; counting millions of receipts
    on every load took over a second on PostgreSQL, a lookup of 500 rows takes nothing.
    The triggers run in the transaction that stores or moves a receipt, so the tally can
    never disagree with the table.
    """

    __tablename__ = "station_tally"
    station_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    donations: Mapped[int] = mapped_column(BigInteger)
