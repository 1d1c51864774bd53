"""An index to find the goods lots received on a business day or in a period.

The day close's goods in, the received-per-period report and the disclosure sheet's goods
select lots by ``business_day``. Without an index each of them reads every lot the
station ever received (about 100 ms at 100,000 lots, ``bench/bench_goods.py``).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 17:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_goods_lot_day", "goods_lot", ["business_day", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_goods_lot_day", table_name="goods_lot")
