"""Initial receiver schema: stations and their cursors, ledgers, receipts, designations.

Revision ID: a0001
Revises:
Create Date: 2026-11-23 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "station",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_at", sa.String(20), nullable=False),
        sa.Column("enrollment_code_hash", sa.String(64), nullable=True),
        sa.Column("enrollment_expires_at", sa.String(20), nullable=True),
        sa.Column("public_key", sa.String(100), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=True),
        sa.Column("enrolled_at", sa.String(20), nullable=True),
        sa.Column("acked_seq", sa.BigInteger(), nullable=False),
        sa.Column("acked_hash", sa.String(64), nullable=False),
        sa.Column("last_received_at", sa.String(20), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_station")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_station_token_hash")),
    )
    op.create_table(
        "ledger_entry",
        sa.Column("station_code", sa.String(32), nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("station_at", sa.String(32), nullable=True),
        sa.Column("received_at", sa.String(20), nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_code"], ["station.code"], name=op.f("fk_ledger_entry_station_code_station")
        ),
        sa.PrimaryKeyConstraint("station_code", "seq", name=op.f("pk_ledger_entry")),
    )
    op.create_table(
        "receipt",
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("station_code", sa.String(32), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("issued_at", sa.String(20), nullable=False),
        sa.Column("signature", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(10), nullable=True),
        sa.Column("donor_masked", sa.String(60), nullable=True),
        sa.Column("designation", sa.String(40), nullable=True),
        sa.Column("voided_at", sa.String(20), nullable=True),
        sa.Column("void_reason", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(
            ["station_code"], ["station.code"], name=op.f("fk_receipt_station_code_station")
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_receipt")),
    )
    op.create_table(
        "designation",
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_designation")),
    )
    op.create_table(
        "incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_code", sa.String(32), nullable=False),
        sa.Column("detected_at", sa.String(20), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
    )
    op.create_index("ix_incident_station", "incident", ["station_code", "id"])


def downgrade() -> None:
    op.drop_index("ix_incident_station", table_name="incident")
    op.drop_table("incident")
    op.drop_table("designation")
    op.drop_table("receipt")
    op.drop_table("ledger_entry")
    op.drop_table("station")
