"""Barcodes seen at the goods desk, and an index to find the acceptance rules in force.

``goods_barcode`` remembers a scanned code with the item it was saved as (plain local
data: it only fills the form, see ``storage/goods_tables.GoodsBarcode``).  The goods
acceptance rules are not a table: the coordinator's newest ``goods.rules_set`` ledger
entry is the rule, found through ``ix_ledger_entry_type_seq``.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 08:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "goods_barcode",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("item", sa.String(length=60), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("saved_at", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "category IN ('food', 'medicine', 'other')", name=op.f("ck_goods_barcode_category")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_goods_barcode")),
    )
    op.create_index("ix_ledger_entry_type_seq", "ledger_entry", ["type", "seq"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_ledger_entry_type_seq", table_name="ledger_entry")
    op.drop_table("goods_barcode")
