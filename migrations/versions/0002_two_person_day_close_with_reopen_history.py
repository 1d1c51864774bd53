"""Two-person day close with reopen history.

The first schema had one ``day_close`` row per day keyed by the day, which cannot record
a witness, the payment-statement confirmations, or a reopen followed by a second close.
The table is rebuilt with its own id; rows of the old shape are carried over (the
coordinator standing in as witness, statements taken as equal to the records).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 19:34:26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.rename_table("day_close", "day_close_v1")
    op.create_table(
        "day_close",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.String(length=10), nullable=False),
        sa.Column("expected_cash_fen", sa.Integer(), nullable=False),
        sa.Column("counted_cash_fen", sa.Integer(), nullable=False),
        sa.Column("expected_mobile_fen", sa.Integer(), nullable=False),
        sa.Column("confirmed_mobile_fen", sa.Integer(), nullable=False),
        sa.Column("expected_bank_fen", sa.Integer(), nullable=False),
        sa.Column("confirmed_bank_fen", sa.Integer(), nullable=False),
        sa.Column("in_kind_fen", sa.Integer(), nullable=False),
        sa.Column("in_kind_confirmed", sa.Boolean(), nullable=False),
        sa.Column("difference_fen", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("denominations", sa.Text(), nullable=True),
        sa.Column("coordinator_id", sa.Integer(), nullable=False),
        sa.Column("witness_id", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.String(length=20), nullable=False),
        sa.Column("ledger_seq", sa.Integer(), nullable=False),
        sa.Column("reopened_at", sa.String(length=20), nullable=True),
        sa.Column("reopened_by_id", sa.Integer(), nullable=True),
        sa.Column("reopen_reason", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["coordinator_id"], ["operator.id"], name=op.f("fk_day_close_coordinator_id_operator")
        ),
        sa.ForeignKeyConstraint(
            ["witness_id"], ["operator.id"], name=op.f("fk_day_close_witness_id_operator")
        ),
        sa.ForeignKeyConstraint(
            ["reopened_by_id"], ["operator.id"], name=op.f("fk_day_close_reopened_by_id_operator")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_close")),
    )
    op.create_index(op.f("ix_day_close_business_day"), "day_close", ["business_day"])
    op.create_index(
        "uq_day_close_open_day",
        "day_close",
        ["business_day"],
        unique=True,
        sqlite_where=sa.text("reopened_at IS NULL"),
    )
    op.execute(
        "INSERT INTO day_close (business_day, expected_cash_fen, counted_cash_fen, "
        "expected_mobile_fen, confirmed_mobile_fen, expected_bank_fen, confirmed_bank_fen, "
        "in_kind_fen, in_kind_confirmed, difference_fen, reason, coordinator_id, witness_id, "
        "closed_at, ledger_seq) "
        "SELECT business_day, expected_cash_fen, counted_cash_fen, 0, 0, 0, 0, 0, 1, "
        "difference_fen, reason, coordinator_id, coordinator_id, closed_at, 0 "
        "FROM day_close_v1"
    )
    op.drop_table("day_close_v1")
    # A close is history: it is never deleted, its figures never change, and it can be
    # reopened only once (a later close of the same day is a new row).
    op.execute(
        "CREATE TRIGGER day_close_no_delete BEFORE DELETE ON day_close "
        "BEGIN SELECT RAISE(ABORT, 'day_close rows are append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER day_close_no_update BEFORE UPDATE OF business_day, "
        "expected_cash_fen, counted_cash_fen, expected_mobile_fen, confirmed_mobile_fen, "
        "expected_bank_fen, confirmed_bank_fen, in_kind_fen, in_kind_confirmed, "
        "difference_fen, reason, denominations, coordinator_id, witness_id, closed_at, "
        "ledger_seq ON day_close "
        "BEGIN SELECT RAISE(ABORT, 'day_close rows are append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER day_close_reopen_once BEFORE UPDATE OF reopened_at ON day_close "
        "WHEN OLD.reopened_at IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'a reopened close stays reopened'); END"
    )


def downgrade() -> None:
    for trigger in ("day_close_reopen_once", "day_close_no_update", "day_close_no_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.rename_table("day_close", "day_close_v2")
    op.create_table(
        "day_close",
        sa.Column("business_day", sa.String(length=10), nullable=False),
        sa.Column("expected_cash_fen", sa.Integer(), nullable=False),
        sa.Column("counted_cash_fen", sa.Integer(), nullable=False),
        sa.Column("difference_fen", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("coordinator_id", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["coordinator_id"], ["operator.id"], name=op.f("fk_day_close_coordinator_id_operator")
        ),
        sa.PrimaryKeyConstraint("business_day", name=op.f("pk_day_close")),
    )
    op.execute(
        "INSERT INTO day_close SELECT business_day, expected_cash_fen, counted_cash_fen, "
        "difference_fen, reason, coordinator_id, closed_at FROM day_close_v2 "
        "WHERE reopened_at IS NULL"
    )
    op.drop_table("day_close_v2")
