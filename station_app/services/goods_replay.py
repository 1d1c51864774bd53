"""Rebuilding the goods rows from their ledger entries, for a restore that carries
forward what the backup lacks (:mod:`station_app.services.ledger_replay` calls this).

The ledger holds what the association may see, so a carried distribution keeps the
household's masked name (王**), its reference and the social worker, not the full name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, insert, select, update

from station_app.domain.entry_types import EntryType
from station_app.storage.goods_tables import GoodsLot, GoodsMovement, GoodsMovementLine
from station_app.storage.models import Donation, Operator
from station_app.storage.rows import inserted_id

_LOT, _MOV, _LINE = GoodsLot.__table__, GoodsMovement.__table__, GoodsMovementLine.__table__
_OP, _DON = Operator.__table__, Donation.__table__


def _person(conn: Connection, name: str) -> int:
    person: int = conn.execute(select(_OP.c.id).where(_OP.c.name == name)).scalar_one()
    return person


def _lot_ids(conn: Connection, lines: list[Mapping[str, Any]]) -> dict[str, int]:
    wanted = [line["lot"] for line in lines]
    return dict(conn.execute(select(_LOT.c.uuid, _LOT.c.id).where(_LOT.c.uuid.in_(wanted))).all())


def _movement(conn: Connection, seq: int, at: str, data: Mapping[str, Any], **values: Any) -> int:
    return inserted_id(
        conn.execute(
            insert(_MOV).values(at=at, business_day=data["business_day"], ledger_seq=seq, **values)
        )
    )


def replay_goods(conn: Connection, seq: int, type_: str, at: str, data: Mapping[str, Any]) -> None:
    """Write the rows one goods entry stands for (the entry itself is already appended)."""
    if type_ == EntryType.GOODS_RECEIVED:
        donation_id = None
        if data["donation"] is not None:
            donation_id = conn.execute(
                select(_DON.c.id).where(_DON.c.uuid == data["donation"])
            ).scalar_one()
        operator = _person(conn, data["operator"])
        conn.execute(
            insert(_LOT),
            [
                {
                    "uuid": lot["lot"],
                    "donation_id": donation_id,
                    "item": lot["item"],
                    "category": lot["category"],
                    "unit": lot["unit"],
                    "quantity_milli": lot["quantity_milli"],
                    "value_fen": lot["value_fen"],
                    "valuation": lot["valuation"],
                    "expiry": lot["expiry"],
                    "location": lot["location"],
                    "business_day": data["business_day"],
                    "received_at": at,
                    "operator_id": operator,
                    "ledger_seq": seq,
                    "on_hand_milli": lot["quantity_milli"],
                }
                for lot in data["lots"]
            ],
        )
    elif type_ == EntryType.GOODS_MOVED:
        household = data["household"] or {}
        movement_id = _movement(
            conn,
            seq,
            at,
            data,
            uuid=data["movement"],
            kind=data["kind"],
            household_name=household.get("masked"),
            household_reference=household.get("reference"),
            social_worker=data["social_worker"],
            designation_code=data["designation"],
            destination=data["destination"],
            write_off_reason=data["write_off_reason"],
            reason=data["reason"],
            operator_id=_person(conn, data["operator"]),
        )
        ids = _lot_ids(conn, data["lines"])
        conn.execute(
            insert(_LINE),
            [
                {
                    "movement_id": movement_id,
                    "lot_id": ids[line["lot"]],
                    "delta_milli": -line["quantity_milli"],
                }
                for line in data["lines"]
            ],
        )
    elif type_ == EntryType.GOODS_COUNTED:
        movement_id = _movement(
            conn,
            seq,
            at,
            data,
            uuid=data["stocktake"],
            kind="count",
            operator_id=_person(conn, data["by"]),
            witness_id=_person(conn, data["witness"]),
        )
        ids = _lot_ids(conn, data["lines"])
        conn.execute(
            insert(_LINE),
            [
                {
                    "movement_id": movement_id,
                    "lot_id": ids[line["lot"]],
                    "delta_milli": line["counted_milli"] - line["book_milli"],
                    "book_milli": line["book_milli"],
                    "counted_milli": line["counted_milli"],
                    "reason": line["reason"],
                }
                for line in data["lines"]
            ],
        )
    elif type_ == EntryType.GOODS_RULES_SET:
        return  # the entry itself is the rule in force (services/goods_rules.py): no rows
    elif type_ == EntryType.GOODS_SHEET_RETURNED:
        conn.execute(
            update(_MOV)
            .where(_MOV.c.uuid == data["movement"])
            .values(sheet_returned_at=at, sheet_returned_by_id=_person(conn, data["by"]))
        )
