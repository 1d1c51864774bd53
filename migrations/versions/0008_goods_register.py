"""The goods register (issue 18): lots from in-kind donations, movements and their lines.

A lot's stock is kept by the database (a trigger adds each movement line; a CHECK keeps
it at zero or above; no other change of it is accepted).  The trigger SQL is a frozen
copy of ``station_app/storage/goods_tables.py`` at this revision (a test keeps them equal).

Revision ID: 0008
Revises: 0006 (the lead re-chains it after issue 17's 0007 at merge)
Create Date: 2026-12-02 04:00:00
"""

# ruff: noqa: E501
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TRIGGERS = (
    "CREATE TRIGGER goods_line_books AFTER INSERT ON goods_movement_line BEGIN UPDATE goods_lot SET on_hand_milli = on_hand_milli + NEW.delta_milli WHERE id = NEW.lot_id; END",
    "CREATE TRIGGER goods_lot_on_hand_by_lines BEFORE UPDATE OF on_hand_milli ON goods_lot WHEN NEW.on_hand_milli IS NOT OLD.quantity_milli + (SELECT coalesce(sum(delta_milli), 0) FROM goods_movement_line WHERE lot_id = OLD.id) BEGIN SELECT RAISE(ABORT, 'stock changes only by a movement'); END",
    "CREATE TRIGGER goods_lot_no_update BEFORE UPDATE OF uuid, donation_id, item, category, unit, quantity_milli, value_fen, valuation, expiry, location, business_day, received_at, operator_id, ledger_seq ON goods_lot BEGIN SELECT RAISE(ABORT, 'goods_lot rows are append-only'); END",
    "CREATE TRIGGER goods_movement_no_update BEFORE UPDATE OF uuid, kind, household_name, household_reference, social_worker, designation_code, destination, write_off_reason, reason, operator_id, witness_id, at, business_day, ledger_seq ON goods_movement BEGIN SELECT RAISE(ABORT, 'goods_movement rows are append-only'); END",
    "CREATE TRIGGER goods_sheet_returned_once BEFORE UPDATE OF sheet_returned_at, sheet_returned_by_id ON goods_movement WHEN OLD.sheet_returned_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a returned sheet stays returned'); END",
    "CREATE TRIGGER goods_movement_line_no_update BEFORE UPDATE ON goods_movement_line BEGIN SELECT RAISE(ABORT, 'goods_movement_line rows are append-only'); END",
    "CREATE TRIGGER goods_lot_no_delete BEFORE DELETE ON goods_lot BEGIN SELECT RAISE(ABORT, 'goods_lot rows are append-only'); END",
    "CREATE TRIGGER goods_movement_no_delete BEFORE DELETE ON goods_movement BEGIN SELECT RAISE(ABORT, 'goods_movement rows are append-only'); END",
    "CREATE TRIGGER goods_movement_line_no_delete BEFORE DELETE ON goods_movement_line BEGIN SELECT RAISE(ABORT, 'goods_movement_line rows are append-only'); END",
)


def upgrade() -> None:
    op.create_table(
        "goods_lot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("donation_id", sa.Integer(), nullable=True),
        sa.Column("item", sa.String(length=60), nullable=False),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("quantity_milli", sa.Integer(), nullable=False),
        sa.Column("value_fen", sa.Integer(), nullable=False),
        sa.Column("valuation", sa.String(length=12), nullable=False),
        sa.Column("expiry", sa.String(length=10), nullable=True),
        sa.Column("location", sa.String(length=40), nullable=False),
        sa.Column("business_day", sa.String(length=10), nullable=False),
        sa.Column("received_at", sa.String(length=20), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("ledger_seq", sa.Integer(), nullable=False),
        sa.Column("on_hand_milli", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "category IN ('food', 'medicine', 'other')", name=op.f("ck_goods_lot_category")
        ),
        sa.CheckConstraint(
            "valuation IN ('invoice', 'market', 'declared', 'not_valued')",
            name=op.f("ck_goods_lot_valuation"),
        ),
        sa.CheckConstraint("quantity_milli > 0", name=op.f("ck_goods_lot_quantity_positive")),
        sa.CheckConstraint(
            "(valuation = 'not_valued') = (value_fen = 0) AND value_fen >= 0",
            name=op.f("ck_goods_lot_value"),
        ),
        sa.CheckConstraint("on_hand_milli >= 0", name=op.f("ck_goods_lot_never_negative")),
        sa.ForeignKeyConstraint(
            ["donation_id"], ["donation.id"], name=op.f("fk_goods_lot_donation_id_donation")
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operator.id"], name=op.f("fk_goods_lot_operator_id_operator")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_lot")),
        sa.UniqueConstraint("uuid", name=op.f("uq_goods_lot_uuid")),
    )
    op.create_index("ix_goods_lot_item", "goods_lot", ["item"])
    op.create_index(
        "ix_goods_lot_in_stock_expiry",
        "goods_lot",
        ["expiry", "id"],
        sqlite_where=sa.text("on_hand_milli > 0"),
    )
    op.create_table(
        "goods_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("household_name", sa.String(length=40), nullable=True),
        sa.Column("household_reference", sa.String(length=40), nullable=True),
        sa.Column("social_worker", sa.String(length=40), nullable=True),
        sa.Column("designation_code", sa.String(length=40), nullable=True),
        sa.Column("destination", sa.String(length=100), nullable=True),
        sa.Column("write_off_reason", sa.String(length=10), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("witness_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.String(length=20), nullable=False),
        sa.Column("business_day", sa.String(length=10), nullable=False),
        sa.Column("ledger_seq", sa.Integer(), nullable=False),
        sa.Column("sheet_returned_at", sa.String(length=20), nullable=True),
        sa.Column("sheet_returned_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('distribution', 'designation', 'transfer', 'write_off', 'count')",
            name=op.f("ck_goods_movement_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operator.id"], name=op.f("fk_goods_movement_operator_id_operator")
        ),
        sa.ForeignKeyConstraint(
            ["witness_id"], ["operator.id"], name=op.f("fk_goods_movement_witness_id_operator")
        ),
        sa.ForeignKeyConstraint(
            ["sheet_returned_by_id"],
            ["operator.id"],
            name=op.f("fk_goods_movement_sheet_returned_by_id_operator"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_movement")),
        sa.UniqueConstraint("uuid", name=op.f("uq_goods_movement_uuid")),
    )
    op.create_index("ix_goods_movement_day", "goods_movement", ["business_day", "id"])
    op.create_table(
        "goods_movement_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("movement_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("delta_milli", sa.Integer(), nullable=False),
        sa.Column("book_milli", sa.Integer(), nullable=True),
        sa.Column("counted_milli", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["lot_id"], ["goods_lot.id"], name=op.f("fk_goods_movement_line_lot_id_goods_lot")
        ),
        sa.ForeignKeyConstraint(
            ["movement_id"],
            ["goods_movement.id"],
            name=op.f("fk_goods_movement_line_movement_id_goods_movement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_movement_line")),
        sa.UniqueConstraint("movement_id", "lot_id", name="uq_goods_line_lot"),
    )
    op.create_index(op.f("ix_goods_movement_line_lot_id"), "goods_movement_line", ["lot_id"])
    for sql in _TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    for sql in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {sql.split()[2]}")
    op.drop_table("goods_movement_line")
    op.drop_table("goods_movement")
    op.drop_table("goods_lot")
