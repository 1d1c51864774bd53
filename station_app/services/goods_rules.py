"""The goods acceptance rules in force, and the coordinator changing them.

The rules (how many months food and medicine must still keep, the value above which a
second person confirms) are the station's, not a desk preference: a staff member who
could lower them could accept what the city's practice refuses.  So a change is a
``goods.rules_set`` ledger entry written by the coordinator, proved by a password in
that call, and the newest such entry *is* the rule; there is no row to edit behind the
ledger's back, and a restore carries the rules with the ledger.  Until the coordinator
sets them, the defaults of :class:`~station_app.domain.goods.acceptance.GoodsRules` apply.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ValidationError
from station_app.domain.goods.acceptance import MAX_MONTHS, GoodsRules
from station_app.domain.money import DEFAULT_CEILING_FEN, format_fen_plain
from station_app.domain.roles import Action
from station_app.domain.station_time import to_iso, utc_now
from station_app.services.ledger_writer import append_entry
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import station_code
from station_app.storage.models import LedgerEntryRow

_L = LedgerEntryRow.__table__


@dataclass(frozen=True, slots=True)
class RulesInForce:
    rules: GoodsRules
    set_by: str | None  # None: the defaults, never set
    set_at: str | None  # UTC, ISO


def rules_in(conn: Connection) -> RulesInForce:
    """The newest ``goods.rules_set`` entry's rules (one index probe), or the defaults."""
    payload = conn.execute(
        select(_L.c.payload)
        .where(_L.c.type == EntryType.GOODS_RULES_SET.value)
        .order_by(_L.c.seq.desc())
        .limit(1)
    ).scalar()
    if payload is None:
        return RulesInForce(GoodsRules(), None, None)
    body = json.loads(payload)
    data = body["data"]
    rules = GoodsRules(data["min_months_to_expiry"], data["second_person_above_fen"])
    return RulesInForce(rules, data["by"], body["at"])


def goods_rules(db: StationDatabase) -> RulesInForce:
    with db.read() as conn:
        return rules_in(conn)


def set_goods_rules(
    db: StationDatabase,
    session: OperatorSession,
    *,
    min_months_to_expiry: int,
    second_person_above_fen: int,
    clock: Callable[[], datetime] = utc_now,
) -> RulesInForce:
    """The coordinator sets both rules; ledgered with who and when.  Unchanged rules
    write nothing."""
    if not 0 <= min_months_to_expiry <= MAX_MONTHS:
        raise ValidationError(
            "goods_rules.bad_months",
            f"保质期要求应在 0 至 {MAX_MONTHS} 个月之间",
            f"The expiry margin must be 0 to {MAX_MONTHS} months.",
            field="min_months_to_expiry",
        )
    if not 0 <= second_person_above_fen <= DEFAULT_CEILING_FEN:
        raise ValidationError(
            "goods_rules.bad_value",
            f"需第二人确认的金额应在 0 至 {format_fen_plain(DEFAULT_CEILING_FEN)} 元之间",
            f"The second-person value must be 0 to {format_fen_plain(DEFAULT_CEILING_FEN)} yuan.",
            field="second_person_above_fen",
        )
    rules = GoodsRules(min_months_to_expiry, second_person_above_fen)
    with db.write() as conn:
        operator = require_session(conn, session, Action.SET_GOODS_RULES)
        current = rules_in(conn)
        if current.rules == rules and current.set_by is not None:
            return current
        at = to_iso(clock().replace(microsecond=0))
        append_entry(
            conn,
            type=EntryType.GOODS_RULES_SET,
            at=at,
            station_code=station_code(conn),
            data={
                "min_months_to_expiry": min_months_to_expiry,
                "second_person_above_fen": second_person_above_fen,
                "by": operator.name,
            },
        )
        return RulesInForce(rules, operator.name, at)
