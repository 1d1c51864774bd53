"""The stock-take (盘点): two people count, the book is compared per lot, every
difference has its reason, and the count becomes the book, in one transaction with its
``goods.counted`` entry.

The book is read inside the write transaction, so a movement between showing the list
and saving the count cannot be overwritten: the saved line keeps the book it was
compared with, and the change written is counted minus that book.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert

from station_app.domain.donations import typed_text
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ValidationError
from station_app.domain.goods.lots import MAX_QUANTITY_MILLI, format_quantity
from station_app.domain.goods.movements import MAX_REASON, MovementKind
from station_app.domain.roles import Action
from station_app.domain.station_time import local_date, to_iso, utc_now
from station_app.services.donation_recording import open_business_day
from station_app.services.goods_movements import lots_by_uuid
from station_app.services.ledger_writer import append_entry
from station_app.services.second_person import (
    SecondPersonRule,
    prove_second_person,
    require_other_person,
)
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage.database import StationDatabase
from station_app.storage.goods_tables import GoodsMovement, GoodsMovementLine
from station_app.storage.lookups import station_code
from station_app.storage.rows import inserted_id

Clock = Callable[[], datetime]
_MOV, _LINE = GoodsMovement.__table__, GoodsMovementLine.__table__


@dataclass(frozen=True, slots=True)
class CountLine:
    lot: str
    book_milli: int
    counted_milli: int
    reason: str | None

    @property
    def difference_milli(self) -> int:
        return self.counted_milli - self.book_milli


@dataclass(frozen=True, slots=True)
class StockTakeResult:
    stocktake: str
    entry_seq: int
    lines: tuple[CountLine, ...]

    @property
    def differences(self) -> int:
        return sum(1 for line in self.lines if line.difference_milli)


#: A stock-take is counted by two people.
SECOND_COUNTER = SecondPersonRule(
    "witness",
    "count.no_witness",
    "盘点需要第二位工作人员选择自己的姓名并输入密码",
    "The second counter must choose their name and enter their password.",
    "count.same_person",
    "盘点需要另一位工作人员用自己的密码确认",
    "A second person must confirm the count with their own password.",
)


def take_stock(
    db: StationDatabase,
    session: OperatorSession,
    witness_name: str,
    witness_password: str,
    counted: Mapping[str, int],
    reasons: Mapping[str, str] | None = None,
    *,
    clock: Clock = utc_now,
) -> StockTakeResult:
    """Save a count of the lots in ``counted`` (lot uuid → milli-units on the shelf)."""
    reasons = reasons or {}
    if not counted:
        raise ValidationError(
            "count.empty", "请至少清点一批物资", "Count at least one lot.", field="lines"
        )
    if any(not 0 <= q <= MAX_QUANTITY_MILLI for q in counted.values()):
        raise ValidationError(
            "count.bad_quantity", "清点数量不能为负数", "A count cannot be negative.", field="lines"
        )
    witness = prove_second_person(db, witness_name, witness_password, SECOND_COUNTER)
    now = clock().replace(microsecond=0)
    with db.write() as conn:
        operator = require_session(conn, session, Action.RECORD)
        second = require_other_person(conn, operator.id, witness, SECOND_COUNTER)
        found = lots_by_uuid(conn, list(counted))
        missing = [lot for lot in counted if lot not in found]
        if missing:
            raise ValidationError(
                "count.unknown_lot",
                "没有这批物资",
                f"No such lot: {missing[0][:40]}",
                field="lines",
            )
        lines: list[CountLine] = []
        for lot, qty in counted.items():
            book = found[lot][1]
            why = typed_text(reasons.get(lot, ""), "reason", "差异原因", "The reason") or None
            if qty != book and not why:
                raise ValidationError(
                    "count.no_reason",
                    f"账面 {format_quantity(book)}，实盘 {format_quantity(qty)}：差异需要写明原因",
                    f"Book {format_quantity(book)}, counted {format_quantity(qty)}: "
                    "a difference needs its reason.",
                    field=f"reason.{lot}",
                )
            lines.append(CountLine(lot, book, qty, why[:MAX_REASON] if why else None))
        at, code = to_iso(now), station_code(conn)
        business_day = open_business_day(conn, local_date(now))[0].isoformat()
        ids = {lot: found[lot][0] for lot in counted}
        stocktake, seq = write_count(
            conn,
            lines,
            ids,
            operator=(operator.id, operator.name),
            witness=(second.id, second.name),
            business_day=business_day,
            at=at,
            code=code,
        )
    return StockTakeResult(stocktake, seq, tuple(lines))


def write_count(
    conn: Connection,
    lines: list[CountLine],
    lot_ids: Mapping[str, int],
    *,
    operator: tuple[int, str],
    witness: tuple[int, str],
    business_day: str,
    at: str,
    code: str,
) -> tuple[str, int]:
    """The ``goods.counted`` entry, its movement and lines (caller's transaction, checked
    already); returns the stock-take's uuid and its ledger seq.  The day close uses it too."""
    stocktake = str(uuidlib.uuid4())
    entry = append_entry(
        conn,
        type=EntryType.GOODS_COUNTED,
        at=at,
        station_code=code,
        data={
            "stocktake": stocktake,
            "lines": [
                {
                    "lot": line.lot,
                    "book_milli": line.book_milli,
                    "counted_milli": line.counted_milli,
                    "reason": line.reason,
                }
                for line in lines
            ],
            "by": operator[1],
            "witness": witness[1],
            "business_day": business_day,
        },
    )
    movement_id = inserted_id(
        conn.execute(
            insert(_MOV).values(
                uuid=stocktake,
                kind=MovementKind.COUNT.value,
                operator_id=operator[0],
                witness_id=witness[0],
                at=at,
                business_day=business_day,
                ledger_seq=entry.seq,
            )
        )
    )
    conn.execute(
        insert(_LINE),
        [
            {
                "movement_id": movement_id,
                "lot_id": lot_ids[line.lot],
                "delta_milli": line.difference_milli,
                "book_milli": line.book_milli,
                "counted_milli": line.counted_milli,
                "reason": line.reason,
            }
            for line in lines
        ],
    )
    return stocktake, entry.seq
