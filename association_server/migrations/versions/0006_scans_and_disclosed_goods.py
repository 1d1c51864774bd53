"""Receipts donors scanned before their station synced them (the console's unsynced age),
the goods part of each published disclosure version, and the console's wrong-password
counts (shared by every receiver process).

``disclosure_version.goods`` is NULL for a version published before goods were part of
it: such a version showed no goods and keeps showing none (it stays as it was published).

Revision ID: a0006
Revises: a0005
Create Date: 2026-12-02 08:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a0006"
down_revision: str | None = "a0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "receipt_scan",
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("station_code", sa.String(32), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("issued_at", sa.String(20), nullable=False),
        sa.Column("first_seen_at", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_code"], ["station.code"], name=op.f("fk_receipt_scan_station_code_station")
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_receipt_scan")),
    )
    op.create_index("ix_receipt_scan_station", "receipt_scan", ["station_code", "issued_at"])
    op.add_column("disclosure_version", sa.Column("goods", sa.Text(), nullable=True))
    op.create_table(
        "console_login_failure",
        sa.Column("key", sa.String(130), nullable=False),
        sa.Column("window_start", sa.BigInteger(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_console_login_failure")),
    )
    op.create_index(
        op.f("ix_console_login_failure_expires_at"), "console_login_failure", ["expires_at"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_console_login_failure_expires_at"), table_name="console_login_failure")
    op.drop_table("console_login_failure")
    # Plain ALTER TABLE (SQLite 3.35+ has DROP COLUMN): a batch copy would lose the
    # append-only triggers of revision a0005.
    op.execute("ALTER TABLE disclosure_version DROP COLUMN goods")
    op.drop_index("ix_receipt_scan_station", table_name="receipt_scan")
    op.drop_table("receipt_scan")
