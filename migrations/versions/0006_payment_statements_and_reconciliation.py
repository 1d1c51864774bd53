"""Payment statements and their reconciliation; the transaction reference of a donation.

Mobile and bank donations get the payment's transaction number (unique per kind and day
among live donations), and, when recorded from a statement, the time the money arrived
and the statement line.  Imported statements, their lines (payer identifiers masked),
each bank's column mapping, and each day's reconciliation are stored; statements and
reconciliations are history, so the database refuses edits and deletions of them.

Revision ID: 0006
Revises: 0004 (0005, issue 18, comes between once it is merged)
Create Date: 2026-12-01 23:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_HISTORY = ("statement_import", "statement_line", "statement_reconciliation", "reconciliation_item")


def _statement_tables() -> None:
    op.create_table(
        "statement_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("account", sa.String(length=30), nullable=False),
        sa.Column("variant", sa.String(length=10), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("first_day", sa.String(length=10), nullable=True),
        sa.Column("last_day", sa.String(length=10), nullable=True),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("new_lines", sa.Integer(), nullable=False),
        sa.Column("payments_fen", sa.Integer(), nullable=False),
        sa.Column("refunds_fen", sa.Integer(), nullable=False),
        sa.Column("outgoing_fen", sa.Integer(), nullable=False),
        sa.Column("fees_millifen", sa.Integer(), nullable=False),
        sa.Column("summary_checked", sa.Boolean(), nullable=False),
        sa.Column("kept_file", sa.String(length=200), nullable=True),
        sa.Column("imported_at", sa.String(length=20), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "source IN ('wechat', 'alipay', 'bank')", name=op.f("ck_statement_import_source")
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operator.id"], name=op.f("fk_statement_import_operator_id_operator")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_import")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_statement_import_fingerprint")),
    )
    op.create_table(
        "statement_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("account", sa.String(length=30), nullable=False),
        sa.Column("identity", sa.String(length=200), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("business_day", sa.String(length=10), nullable=False),
        sa.Column("occurred_at", sa.String(length=20), nullable=True),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("fee_millifen", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=True),
        sa.Column("order_reference", sa.String(length=64), nullable=True),
        sa.Column("payer_masked", sa.String(length=40), nullable=True),
        sa.CheckConstraint("amount_fen > 0", name=op.f("ck_statement_line_amount_positive")),
        sa.CheckConstraint("kind IN ('mobile', 'bank')", name=op.f("ck_statement_line_kind")),
        sa.CheckConstraint(
            "direction IN ('payment', 'refund', 'outgoing')",
            name=op.f("ck_statement_line_direction"),
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["statement_import.id"],
            name=op.f("fk_statement_line_import_id_statement_import"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_line")),
        sa.UniqueConstraint("source", "account", "identity", name="uq_statement_line_identity"),
    )
    op.create_index(
        "ix_statement_line_day", "statement_line", ["kind", "business_day", "direction"]
    )
    op.create_table(
        "bank_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bank", sa.String(length=30), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.String(length=20), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operator.id"], name=op.f("fk_bank_mapping_operator_id_operator")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_mapping")),
        sa.UniqueConstraint("bank", name=op.f("uq_bank_mapping_bank")),
    )
    op.create_table(
        "statement_reconciliation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("matched", sa.Integer(), nullable=False),
        sa.Column("not_recorded", sa.Integer(), nullable=False),
        sa.Column("not_on_statement", sa.Integer(), nullable=False),
        sa.Column("statement_fen", sa.Integer(), nullable=False),
        sa.Column("recorded_fen", sa.Integer(), nullable=False),
        sa.Column("refunds_fen", sa.Integer(), nullable=False),
        sa.Column("fees_millifen", sa.Integer(), nullable=False),
        sa.Column("reconciled_at", sa.String(length=20), nullable=False),
        sa.Column("coordinator_id", sa.Integer(), nullable=False),
        sa.Column("ledger_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["coordinator_id"],
            ["operator.id"],
            name=op.f("fk_statement_reconciliation_coordinator_id_operator"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_reconciliation")),
    )
    op.create_index(
        op.f("ix_statement_reconciliation_business_day"),
        "statement_reconciliation",
        ["business_day"],
    )
    op.create_table(
        "reconciliation_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reconciliation_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=10), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=True),
        sa.Column("donation_id", sa.Integer(), nullable=True),
        sa.Column("by_reference", sa.Boolean(), nullable=False),
        sa.Column("explanation", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "side IN ('matched', 'statement', 'records')", name=op.f("ck_reconciliation_item_side")
        ),
        sa.ForeignKeyConstraint(
            ["reconciliation_id"],
            ["statement_reconciliation.id"],
            name=op.f("fk_reconciliation_item_reconciliation_id_statement_reconciliation"),
        ),
        sa.ForeignKeyConstraint(
            ["line_id"],
            ["statement_line.id"],
            name=op.f("fk_reconciliation_item_line_id_statement_line"),
        ),
        sa.ForeignKeyConstraint(
            ["donation_id"],
            ["donation.id"],
            name=op.f("fk_reconciliation_item_donation_id_donation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reconciliation_item")),
    )
    op.create_index(
        op.f("ix_reconciliation_item_reconciliation_id"),
        "reconciliation_item",
        ["reconciliation_id"],
    )


def upgrade() -> None:
    _statement_tables()
    # Plain ADD COLUMN, never a batch rebuild: rebuilding the donation table would drop
    # its append-only triggers with it.
    op.execute("ALTER TABLE donation ADD COLUMN transaction_reference VARCHAR(64)")
    op.execute("ALTER TABLE donation ADD COLUMN paid_at VARCHAR(20)")
    op.execute(
        "ALTER TABLE donation ADD COLUMN statement_line_id INTEGER "
        "CONSTRAINT fk_donation_statement_line_id_statement_line "
        "REFERENCES statement_line (id)"
    )
    op.create_index(
        "uq_donation_reference",
        "donation",
        ["kind", "business_day", "transaction_reference"],
        unique=True,
        sqlite_where=sa.text("transaction_reference IS NOT NULL AND status = 'recorded'"),
    )
    op.create_index(
        "uq_donation_statement_line",
        "donation",
        ["statement_line_id"],
        unique=True,
        sqlite_where=sa.text("statement_line_id IS NOT NULL AND status = 'recorded'"),
    )
    op.execute(
        "CREATE TRIGGER donation_payment_no_update BEFORE UPDATE OF transaction_reference, "
        "paid_at, statement_line_id ON donation "
        "BEGIN SELECT RAISE(ABORT, 'donation rows are append-only'); END"
    )
    for table in _HISTORY:
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
        )


def downgrade() -> None:
    for table in _HISTORY:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
    op.execute("DROP TRIGGER IF EXISTS donation_payment_no_update")
    op.drop_index("uq_donation_statement_line", table_name="donation")
    op.drop_index("uq_donation_reference", table_name="donation")
    # SQLite >= 3.35 drops a column in place (no rebuild, the triggers stay).
    for column in ("statement_line_id", "paid_at", "transaction_reference"):
        op.execute(f"ALTER TABLE donation DROP COLUMN {column}")
    op.drop_table("reconciliation_item")
    op.drop_table("statement_reconciliation")
    op.drop_table("bank_mapping")
    op.drop_index("ix_statement_line_day", table_name="statement_line")
    op.drop_table("statement_line")
    op.drop_table("statement_import")
