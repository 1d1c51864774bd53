"""The goods register's tables (issue 18): lots, movements and their lines.

A lot's ``on_hand_milli`` is kept by the database itself: inserting a movement line adds
its signed change to the lot (trigger ``goods_line_books``), a CHECK refuses a result
below zero, and any other change of ``on_hand_milli`` is refused unless it equals the
lot's received quantity plus the sum of its lines.  So the book always equals the sum
of the movements, whatever code (or hand-run SQL) writes.  Lots, movements and lines are
append-only; only a pickup sheet's "returned" mark is set, once.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from station_app.storage.models import Base


class GoodsLot(Base):
    __tablename__ = "goods_lot"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    donation_id: Mapped[int | None] = mapped_column(ForeignKey("donation.id"), default=None)
    item: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(10))
    unit: Mapped[str] = mapped_column(String(60))
    quantity_milli: Mapped[int] = mapped_column(Integer)
    value_fen: Mapped[int] = mapped_column(Integer)
    valuation: Mapped[str] = mapped_column(String(12))
    expiry: Mapped[str | None] = mapped_column(String(10), default=None)
    location: Mapped[str] = mapped_column(String(40))
    business_day: Mapped[str] = mapped_column(String(10))
    received_at: Mapped[str] = mapped_column(String(20))
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    ledger_seq: Mapped[int] = mapped_column(Integer)
    on_hand_milli: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint("category IN ('food', 'medicine', 'other')", name="category"),
        CheckConstraint(
            "valuation IN ('invoice', 'market', 'declared', 'not_valued')", name="valuation"
        ),
        CheckConstraint("quantity_milli > 0", name="quantity_positive"),
        CheckConstraint(
            "(valuation = 'not_valued') = (value_fen = 0) AND value_fen >= 0", name="value"
        ),
        CheckConstraint("on_hand_milli >= 0", name="never_negative"),
        Index("ix_goods_lot_item", "item"),
        Index("ix_goods_lot_day", "business_day", "id"),  # migration 0010
        Index(
            "ix_goods_lot_in_stock_expiry",
            "expiry",
            "id",
            sqlite_where=text("on_hand_milli > 0"),
        ),
    )


class GoodsMovement(Base):
    __tablename__ = "goods_movement"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(12))
    household_name: Mapped[str | None] = mapped_column(String(40), default=None)
    household_reference: Mapped[str | None] = mapped_column(String(40), default=None)
    social_worker: Mapped[str | None] = mapped_column(String(40), default=None)
    designation_code: Mapped[str | None] = mapped_column(String(40), default=None)
    destination: Mapped[str | None] = mapped_column(String(100), default=None)
    write_off_reason: Mapped[str | None] = mapped_column(String(10), default=None)
    reason: Mapped[str | None] = mapped_column(String(200), default=None)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))
    witness_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"), default=None)
    at: Mapped[str] = mapped_column(String(20))
    business_day: Mapped[str] = mapped_column(String(10))
    ledger_seq: Mapped[int] = mapped_column(Integer)
    sheet_returned_at: Mapped[str | None] = mapped_column(String(20), default=None)
    sheet_returned_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("operator.id"), default=None
    )
    __table_args__ = (
        CheckConstraint(
            "kind IN ('distribution', 'designation', 'transfer', 'write_off', 'count')",
            name="kind",
        ),
        Index("ix_goods_movement_day", "business_day", "id"),
    )


class GoodsMovementLine(Base):
    """One lot's change in a movement; a count's line also keeps book and counted."""

    __tablename__ = "goods_movement_line"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    movement_id: Mapped[int] = mapped_column(ForeignKey("goods_movement.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("goods_lot.id"), index=True)
    delta_milli: Mapped[int] = mapped_column(Integer)
    book_milli: Mapped[int | None] = mapped_column(Integer, default=None)
    counted_milli: Mapped[int | None] = mapped_column(Integer, default=None)
    reason: Mapped[str | None] = mapped_column(String(200), default=None)
    __table_args__ = (UniqueConstraint("movement_id", "lot_id", name="uq_goods_line_lot"),)


class GoodsBarcode(Base):
    """A scanned code and the item it was last saved with (migration 0009).

    Plain local data, not a record: a code only fills the item's name, unit and category
    on the form the next time it is scanned, and the person still sees and may change
    them before saving.  What is recorded (and ledgered) is the lot as saved, so a wrong
    or edited code costs a re-typed name, never a wrong amount; the code is therefore
    updated in place, kept out of the ledger and never synced.
    """

    __tablename__ = "goods_barcode"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    item: Mapped[str] = mapped_column(String(60))
    unit: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(10))
    saved_at: Mapped[str] = mapped_column(String(20))
    __table_args__ = (
        CheckConstraint("category IN ('food', 'medicine', 'other')", name="category"),
    )


def _refuse(message: str) -> str:
    return f"BEGIN SELECT RAISE(ABORT, '{message}'); END"


_LOT_FIXED = (
    "uuid, donation_id, item, category, unit, quantity_milli, value_fen, valuation, expiry, "
    "location, business_day, received_at, operator_id, ledger_seq"
)
_MOVEMENT_FIXED = (
    "uuid, kind, household_name, household_reference, social_worker, designation_code, "
    "destination, write_off_reason, reason, operator_id, witness_id, at, business_day, ledger_seq"
)

#: The goods triggers; migration 0008 holds a frozen copy (a test keeps the two equal).
GOODS_TRIGGERS: dict[str, str] = {
    "goods_line_books": (
        "CREATE TRIGGER goods_line_books AFTER INSERT ON goods_movement_line BEGIN "
        "UPDATE goods_lot SET on_hand_milli = on_hand_milli + NEW.delta_milli "
        "WHERE id = NEW.lot_id; END"
    ),
    "goods_lot_on_hand_by_lines": (
        "CREATE TRIGGER goods_lot_on_hand_by_lines BEFORE UPDATE OF on_hand_milli ON goods_lot "
        "WHEN NEW.on_hand_milli IS NOT OLD.quantity_milli + (SELECT coalesce(sum(delta_milli), 0) "
        "FROM goods_movement_line WHERE lot_id = OLD.id) "
        + _refuse("stock changes only by a movement")
    ),
    "goods_lot_no_update": (
        f"CREATE TRIGGER goods_lot_no_update BEFORE UPDATE OF {_LOT_FIXED} ON goods_lot "
        + _refuse("goods_lot rows are append-only")
    ),
    "goods_movement_no_update": (
        f"CREATE TRIGGER goods_movement_no_update BEFORE UPDATE OF {_MOVEMENT_FIXED} "
        "ON goods_movement " + _refuse("goods_movement rows are append-only")
    ),
    "goods_sheet_returned_once": (
        "CREATE TRIGGER goods_sheet_returned_once BEFORE UPDATE OF sheet_returned_at, "
        "sheet_returned_by_id ON goods_movement WHEN OLD.sheet_returned_at IS NOT NULL "
        + _refuse("a returned sheet stays returned")
    ),
    "goods_movement_line_no_update": (
        "CREATE TRIGGER goods_movement_line_no_update BEFORE UPDATE ON goods_movement_line "
        + _refuse("goods_movement_line rows are append-only")
    ),
}
for _table in ("goods_lot", "goods_movement", "goods_movement_line"):
    GOODS_TRIGGERS[f"{_table}_no_delete"] = (
        f"CREATE TRIGGER {_table}_no_delete BEFORE DELETE ON {_table} "
        + _refuse(f"{_table} rows are append-only")
    )
