"""The goods register (issue 18): each station's lots, movements and lines, derived
from its ``goods.*`` entries, so "what did station X receive and hand out in November"
is an indexed query.

Revision ID: a0004
Revises: a0003 (the lead re-chains it with issue 20's a0005 at merge)
Create Date: 2026-12-02 04:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a0004"
down_revision: str | None = "a0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _station(table: str) -> sa.Column[str]:
    return sa.Column("station_code", sa.String(length=32), nullable=False)


def upgrade() -> None:
    op.create_table(
        "goods_lot",
        _station("goods_lot"),
        sa.Column("lot", sa.String(length=36), nullable=False),
        sa.Column("item", sa.String(length=60), nullable=False),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("quantity_milli", sa.BigInteger(), nullable=False),
        sa.Column("value_fen", sa.BigInteger(), nullable=False),
        sa.Column("valuation", sa.String(length=12), nullable=False),
        sa.Column("expiry", sa.String(length=10), nullable=True),
        sa.Column("location", sa.String(length=40), nullable=False),
        sa.Column("receipt", sa.String(length=40), nullable=True),
        sa.Column("business_day", sa.String(length=10), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("on_hand_milli", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_code"], ["station.code"], name=op.f("fk_goods_lot_station_code_station")
        ),
        sa.PrimaryKeyConstraint("station_code", "lot", name=op.f("pk_goods_lot")),
    )
    op.create_index("ix_goods_lot_station_day", "goods_lot", ["station_code", "business_day"])
    op.create_table(
        "goods_movement",
        _station("goods_movement"),
        sa.Column("movement", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("household_masked", sa.String(length=40), nullable=True),
        sa.Column("household_reference", sa.String(length=40), nullable=True),
        sa.Column("social_worker", sa.String(length=40), nullable=True),
        sa.Column("designation", sa.String(length=40), nullable=True),
        sa.Column("destination", sa.String(length=100), nullable=True),
        sa.Column("write_off_reason", sa.String(length=10), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("operator", sa.String(length=40), nullable=False),
        sa.Column("business_day", sa.String(length=10), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("sheet_returned_at", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(
            ["station_code"], ["station.code"], name=op.f("fk_goods_movement_station_code_station")
        ),
        sa.PrimaryKeyConstraint("station_code", "movement", name=op.f("pk_goods_movement")),
    )
    op.create_index(
        "ix_goods_movement_station_day", "goods_movement", ["station_code", "business_day"]
    )
    op.create_table(
        "goods_movement_line",
        _station("goods_movement_line"),
        sa.Column("movement", sa.String(length=36), nullable=False),
        sa.Column("lot", sa.String(length=36), nullable=False),
        sa.Column("delta_milli", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_code"],
            ["station.code"],
            name=op.f("fk_goods_movement_line_station_code_station"),
        ),
        sa.PrimaryKeyConstraint(
            "station_code", "movement", "lot", name=op.f("pk_goods_movement_line")
        ),
    )
    op.create_index("ix_goods_line_station_lot", "goods_movement_line", ["station_code", "lot"])


def downgrade() -> None:
    op.drop_table("goods_movement_line")
    op.drop_table("goods_movement")
    op.drop_table("goods_lot")
