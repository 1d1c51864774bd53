"""Goods going out: a distribution, a designation, a transfer or a write-off, each one
transaction of the movement, its lines and its ``goods.moved`` entry.

Stock is checked twice: here, against the lots read inside the write transaction (so
the person gets a sentence naming the lot), and by the database (a CHECK on the lot's
stock, kept by a trigger from the lines), so no path can take a lot below zero.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, select, update

from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ConflictError, ValidationError
from station_app.domain.goods.movements import (
    MovementDraft,
    MovementKind,
    StockBook,
    ValidMovement,
    validate_movement,
)
from station_app.domain.roles import Action, Role, require_coordinator
from station_app.domain.station_time import local_date, to_iso, utc_now
from station_app.services.donation_recording import active_designation_codes, open_business_day
from station_app.services.ledger_writer import append_entry
from station_app.services.records import OperatorInfo
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage import raw_sql
from station_app.storage.database import StationDatabase
from station_app.storage.goods_tables import GoodsLot, GoodsMovement, GoodsMovementLine
from station_app.storage.lookups import station_code
from station_app.storage.models import Operator

Clock = Callable[[], datetime]
_LOT, _MOV, _LINE = GoodsLot.__table__, GoodsMovement.__table__, GoodsMovementLine.__table__
_OP = Operator.__table__
#: Movements whose paper goes out and comes back signed.
SHEET_KINDS = frozenset({MovementKind.DISTRIBUTION, MovementKind.TRANSFER})


@dataclass(frozen=True, slots=True)
class MovementResult:
    movement: str  # uuid
    movement_id: int
    entry_seq: int
    business_day: str
    sheet_number: str | None  # the pickup or transfer sheet's number


def sheet_number(code: str, kind: MovementKind, movement_id: int) -> str:
    """``GZ-YX-0012-LQ-000042``: 领取单 (pickup) or DB (调拨单, transfer), per station."""
    return f"{code}-{'LQ' if kind is MovementKind.DISTRIBUTION else 'DB'}-{movement_id:06d}"


def lots_by_uuid(conn: Connection, uuids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """uuid → (row id, stock on hand) for the lots named (unknown ones are left out).

    Plain driver SQL: this is on the path of every movement (see bench/bench_goods.py)."""
    wanted = list(uuids)
    marks = ",".join("?" * len(wanted))
    rows = raw_sql.cursor(conn).execute(
        f"SELECT uuid, id, on_hand_milli FROM goods_lot WHERE uuid IN ({marks})", wanted
    )
    return {uuid: (row_id, have) for uuid, row_id, have in rows}


def _social_worker(conn: Connection, name: str) -> None:
    row = conn.execute(select(_OP.c.role, _OP.c.active).where(_OP.c.name == name)).first()
    if row is None or not row.active or row.role == Role.STAFF:
        raise ValidationError(
            "movement.not_a_social_worker",
            f"“{name}”不是本站在用的社工或负责人账号",
            f"{name} is not an active social worker or coordinator of this station.",
            field="social_worker",
        )


def _check(conn: Connection, move: ValidMovement, operator: OperatorInfo) -> dict[str, int]:
    if move.kind is MovementKind.WRITE_OFF:
        require_coordinator(operator.role, "报损", "write goods off")
    if move.recipient is not None:
        _social_worker(conn, move.recipient.social_worker)
    if move.designation_code is not None and move.designation_code not in (
        active_designation_codes(conn)
    ):
        raise ValidationError(
            "movement.unknown_designation",
            "所选的定向项目不存在或已停用",
            "The chosen project does not exist or is closed.",
            field="designation",
        )
    found = lots_by_uuid(conn, [lot for lot, _ in move.lines])
    book = StockBook({lot: have for lot, (_, have) in found.items()})
    book.check((lot, -qty) for lot, qty in move.lines)
    return {lot: row_id for lot, (row_id, _) in found.items()}


def write_movement(
    conn: Connection,
    *,
    code: str,
    operator: OperatorInfo,
    move: ValidMovement,
    now: datetime,
) -> MovementResult:
    """Check and insert one movement with its entry (caller's transaction)."""
    ids = _check(conn, move, operator)
    at = to_iso(now)
    business_day = open_business_day(conn, local_date(now))[0].isoformat()
    movement = str(uuidlib.uuid4())
    recipient = move.recipient
    entry = append_entry(
        conn,
        type=EntryType.GOODS_MOVED,
        at=at,
        station_code=code,
        data={
            "movement": movement,
            "kind": move.kind.value,
            "lines": [{"lot": lot, "quantity_milli": qty} for lot, qty in move.lines],
            "household": {"masked": recipient.masked, "reference": recipient.reference}
            if recipient
            else None,
            "social_worker": recipient.social_worker if recipient else None,
            "designation": move.designation_code,
            "destination": move.destination,
            "write_off_reason": move.write_off_reason.value if move.write_off_reason else None,
            "reason": move.reason,
            "operator": operator.name,
            "business_day": business_day,
        },
    )
    driver = raw_sql.cursor(conn)
    movement_id = driver.execute(
        "INSERT INTO goods_movement (uuid, kind, household_name, household_reference, "
        "social_worker, designation_code, destination, write_off_reason, reason, operator_id, "
        "at, business_day, ledger_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            movement,
            move.kind.value,
            recipient.name if recipient else None,
            recipient.reference if recipient else None,
            recipient.social_worker if recipient else None,
            move.designation_code,
            move.destination,
            move.write_off_reason.value if move.write_off_reason else None,
            move.reason,
            operator.id,
            at,
            business_day,
            entry.seq,
        ),
    ).lastrowid
    assert movement_id is not None
    driver.executemany(
        "INSERT INTO goods_movement_line (movement_id, lot_id, delta_milli) VALUES (?, ?, ?)",
        [(movement_id, ids[lot], -qty) for lot, qty in move.lines],
    )
    number = sheet_number(code, move.kind, movement_id) if move.kind in SHEET_KINDS else None
    return MovementResult(movement, movement_id, entry.seq, business_day, number)


def move_goods(
    db: StationDatabase, session: OperatorSession, draft: MovementDraft, *, clock: Clock = utc_now
) -> MovementResult:
    """Validate, then write the movement in one durable transaction."""
    move = validate_movement(draft)
    with db.write() as conn:
        operator = require_session(conn, session, Action.RECORD)
        return write_movement(
            conn,
            code=station_code(conn),
            operator=operator,
            move=move,
            now=clock().replace(microsecond=0),
        )


def mark_sheet_returned(
    db: StationDatabase, session: OperatorSession, movement: str, *, clock: Clock = utc_now
) -> None:
    """The signed pickup (or transfer) sheet came back: ledgered, then marked, once."""
    at = to_iso(clock().replace(microsecond=0))
    with db.write() as conn:
        operator = require_session(conn, session, Action.RECORD)
        row = conn.execute(
            select(_MOV.c.id, _MOV.c.kind, _MOV.c.sheet_returned_at).where(_MOV.c.uuid == movement)
        ).first()
        if row is None or MovementKind(row.kind) not in SHEET_KINDS:
            raise ValidationError(
                "sheet.unknown", "没有这张领取单或调拨单", "There is no such sheet.", field="sheet"
            )
        if row.sheet_returned_at is not None:
            raise ConflictError(
                "sheet.already_returned",
                "这张单据已登记为签字交回",
                "This sheet is already marked as returned.",
            )
        append_entry(
            conn,
            type=EntryType.GOODS_SHEET_RETURNED,
            at=at,
            station_code=station_code(conn),
            data={"movement": movement, "by": operator.name},
        )
        conn.execute(
            update(_MOV)
            .where(and_(_MOV.c.id == row.id, _MOV.c.sheet_returned_at.is_(None)))
            .values(sheet_returned_at=at, sheet_returned_by_id=operator.id)
        )
