"""The association's console: staff accounts and sessions, the officers' audit, incident
decisions, published disclosure versions, station districts; an index for totals.

The audit, the incident notes and the disclosure versions are append-only; a trigger
refuses any UPDATE or DELETE on them (SQLite and PostgreSQL alike).

Revision ID: a0005
Revises: a0003
Create Date: 2026-12-02 04:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a0005"
down_revision: str | None = "a0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("console_audit", "incident_note", "disclosure_version")


def upgrade() -> None:
    op.create_table(
        "console_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_user")),
        sa.UniqueConstraint("name", name=op.f("uq_console_user_name")),
    )
    op.create_table(
        "console_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(20), nullable=False),
        sa.Column("expires_at", sa.String(20), nullable=False),
        sa.Column("ended_at", sa.String(20), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["console_user.id"],
            name=op.f("fk_console_session_user_id_console_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_console_session_token_hash")),
    )
    op.create_table(
        "console_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(20), nullable=False),
        sa.Column("user_name", sa.String(60), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(120), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_audit")),
    )
    op.create_table(
        "incident_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(20), nullable=False),
        sa.Column("user_name", sa.String(60), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incident.id"], name=op.f("fk_incident_note_incident_id_incident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_note")),
    )
    op.create_index("ix_incident_note_incident", "incident_note", ["incident_id", "id"])
    op.create_table(
        "disclosure_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("designation", sa.String(40), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.String(20), nullable=False),
        sa.Column("published_by", sa.String(60), nullable=False),
        sa.Column("total_fen", sa.BigInteger(), nullable=False),
        sa.Column("donations", sa.Integer(), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosure_version")),
    )
    op.create_index(
        "ix_disclosure_version_key",
        "disclosure_version",
        ["designation", "month", "version"],
        unique=True,
    )
    op.create_table(
        "station_profile",
        sa.Column("station_code", sa.String(32), nullable=False),
        sa.Column("district", sa.String(60), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_code"], ["station.code"], name=op.f("fk_station_profile_station_code_station")
        ),
        sa.PrimaryKeyConstraint("station_code", name=op.f("pk_station_profile")),
    )
    op.create_index(
        "ix_receipt_business_day",
        "receipt",
        ["business_day", "station_code", "kind", "designation", "amount_fen", "voided_at"],
    )
    for table in APPEND_ONLY:
        _forbid_changes(table)
    op.create_table(
        "station_tally",
        sa.Column("station_code", sa.String(32), nullable=False),
        sa.Column("donations", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("station_code", name=op.f("pk_station_tally")),
    )
    op.execute(
        "INSERT INTO station_tally (station_code, donations)"
        " SELECT station_code, count(*) FROM receipt GROUP BY station_code"
    )
    _keep_tally()


_UPSERT = (
    "INSERT INTO station_tally (station_code, donations) VALUES ({row}.station_code, {step})"
    " ON CONFLICT (station_code) DO UPDATE SET donations = station_tally.donations + {step}"
)


def _keep_tally() -> None:
    """Count receipts per station as they are stored, or moved aside on a fork."""
    if op.get_bind().dialect.name == "sqlite":
        for event, row, step in (("INSERT", "NEW", 1), ("DELETE", "OLD", -1)):
            op.execute(
                f"CREATE TRIGGER receipt_tally_{event.lower()} AFTER {event} ON receipt "
                f"BEGIN {_UPSERT.format(row=row, step=step)}; END"
            )
        return
    op.execute(
        "CREATE FUNCTION receipt_tally() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'INSERT' THEN "
        + _UPSERT.format(row="NEW", step=1)
        + "; ELSE "
        + _UPSERT.format(row="OLD", step=-1)
        + "; END IF; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER receipt_tally AFTER INSERT OR DELETE ON receipt "
        "FOR EACH ROW EXECUTE FUNCTION receipt_tally()"
    )


def _forbid_changes(table: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
        return
    op.execute(
        f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{table} is append-only'; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS receipt_tally_insert")
        op.execute("DROP TRIGGER IF EXISTS receipt_tally_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS receipt_tally ON receipt")
        op.execute("DROP FUNCTION IF EXISTS receipt_tally()")
    op.drop_table("station_tally")
    for table in APPEND_ONLY:
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")
    op.drop_index("ix_receipt_business_day", table_name="receipt")
    op.drop_table("station_profile")
    op.drop_index("ix_disclosure_version_key", table_name="disclosure_version")
    op.drop_table("disclosure_version")
    op.drop_index("ix_incident_note_incident", table_name="incident_note")
    op.drop_table("incident_note")
    op.drop_table("console_audit")
    op.drop_table("console_session")
    op.drop_table("console_user")
