"""The station remembers the ETag of the designation list it last merged.

With it, a sync asks the association "has the list changed?" (``If-None-Match``) and
gets a short 304 when it has not, instead of the whole list on every sync.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 21:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("station", sa.Column("designations_etag", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("station") as batch:
        batch.drop_column("designations_etag")
