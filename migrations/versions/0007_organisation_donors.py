"""Organisation donors: a donation remembers whether its donor is a company or body.

The disclosure sheet names organisations in full and masks private persons, so the
station must know which is which when the gift is recorded; it never changes after.
(The transaction reference of issue 17's list came with 0006, issue 19.)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 04:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch rebuild: rebuilding the donation table would drop
    # its append-only triggers with it.
    op.execute("ALTER TABLE donation ADD COLUMN donor_is_organisation BOOLEAN NOT NULL DEFAULT 0")
    op.execute(
        "CREATE TRIGGER donation_organisation_no_update BEFORE UPDATE OF "
        "donor_is_organisation ON donation "
        "BEGIN SELECT RAISE(ABORT, 'donation rows are append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS donation_organisation_no_update")
    op.execute("ALTER TABLE donation DROP COLUMN donor_is_organisation")
