"""The receiver's copy of each station's goods register (issue 18): lots, movements,
lines; derived from the stored ``goods.*`` entries, which stay the record."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, Join, String, and_
from sqlalchemy.orm import Mapped, mapped_column

from association_server.models import Base


class GoodsLotRow(Base):
    __tablename__ = "goods_lot"
    station_code: Mapped[str] = mapped_column(ForeignKey("station.code"), primary_key=True)
    lot: Mapped[str] = mapped_column(String(36), primary_key=True)
    item: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(10))
    unit: Mapped[str] = mapped_column(String(60))
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    value_fen: Mapped[int] = mapped_column(BigInteger)
    valuation: Mapped[str] = mapped_column(String(12))
    expiry: Mapped[str | None] = mapped_column(String(10))
    location: Mapped[str] = mapped_column(String(40))
    receipt: Mapped[str | None] = mapped_column(String(40))
    business_day: Mapped[str] = mapped_column(String(10))
    seq: Mapped[int] = mapped_column(BigInteger)
    on_hand_milli: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (Index("ix_goods_lot_station_day", "station_code", "business_day"),)


class GoodsMovementRow(Base):
    __tablename__ = "goods_movement"
    station_code: Mapped[str] = mapped_column(ForeignKey("station.code"), primary_key=True)
    movement: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    household_masked: Mapped[str | None] = mapped_column(String(40))
    household_reference: Mapped[str | None] = mapped_column(String(40))
    social_worker: Mapped[str | None] = mapped_column(String(40))
    designation: Mapped[str | None] = mapped_column(String(40))
    destination: Mapped[str | None] = mapped_column(String(100))
    write_off_reason: Mapped[str | None] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(String(200))
    operator: Mapped[str] = mapped_column(String(40))
    business_day: Mapped[str] = mapped_column(String(10))
    seq: Mapped[int] = mapped_column(BigInteger)
    sheet_returned_at: Mapped[str | None] = mapped_column(String(20))
    __table_args__ = (Index("ix_goods_movement_station_day", "station_code", "business_day"),)


class GoodsLineRow(Base):
    """One lot's signed change in a movement (a count's line: counted minus book)."""

    __tablename__ = "goods_movement_line"
    station_code: Mapped[str] = mapped_column(ForeignKey("station.code"), primary_key=True)
    movement: Mapped[str] = mapped_column(String(36), primary_key=True)
    lot: Mapped[str] = mapped_column(String(36), primary_key=True)
    delta_milli: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (Index("ix_goods_line_station_lot", "station_code", "lot"),)


def lines_with_movement_and_lot() -> Join:
    """``goods_movement_line`` joined to its movement and its lot, each within the same
    station: what every "what left which lot, when" query reads."""
    line, movement, lot = GoodsLineRow.__table__, GoodsMovementRow.__table__, GoodsLotRow.__table__
    return line.join(
        movement,
        and_(
            movement.c.station_code == line.c.station_code, movement.c.movement == line.c.movement
        ),
    ).join(lot, and_(lot.c.station_code == line.c.station_code, lot.c.lot == line.c.lot))
