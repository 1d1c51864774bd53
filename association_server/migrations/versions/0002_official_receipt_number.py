"""The association's official donation receipt (公益事业捐赠票据) number per receipt.

The station's voucher says the official receipt comes later and can be found by scanning
its QR code; this is where the association records it.

Revision ID: a0002
Revises: a0001
Create Date: 2026-11-22 20:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a0002"
down_revision: str | None = "a0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("receipt") as batch:
        batch.add_column(sa.Column("official_receipt_number", sa.String(60), nullable=True))
        batch.add_column(sa.Column("official_issued_at", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("receipt") as batch:
        batch.drop_column("official_issued_at")
        batch.drop_column("official_receipt_number")
