"""Each bank's column mapping, set once by the coordinator and remembered by the station.

A mapping is configuration, not a record: saving one for a bank that has one replaces
it (who saved it and when is kept), and nothing is ledgered.  What a mapping reads is
checked where it matters, when a statement is imported.
"""

from __future__ import annotations

import json

from sqlalchemy import insert, select, update

from station_app.domain.roles import Action
from station_app.domain.statements.bank import BankMapping, validate_mapping
from station_app.domain.station_time import to_iso, utc_now
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage.database import StationDatabase
from station_app.storage.models import BankMappingRow

_MAP = BankMappingRow.__table__


def list_bank_mappings(db: StationDatabase) -> list[BankMapping]:
    with db.read() as conn:
        rows = conn.execute(select(_MAP.c.mapping).order_by(_MAP.c.bank)).scalars().all()
    return [BankMapping.from_dict(json.loads(text)) for text in rows]


def save_bank_mapping(
    db: StationDatabase, session: OperatorSession, mapping: BankMapping
) -> BankMapping:
    """Remember ``mapping`` for its bank (replacing an earlier one); coordinator only."""
    mapping = validate_mapping(mapping)
    text = json.dumps(mapping.as_dict(), ensure_ascii=False, sort_keys=True)
    with db.write() as conn:
        actor = require_session(conn, session, Action.RECONCILE)
        values = {"mapping": text, "saved_at": to_iso(utc_now()), "operator_id": actor.id}
        known = conn.execute(select(_MAP.c.id).where(_MAP.c.bank == mapping.bank)).scalar()
        if known is None:
            conn.execute(insert(_MAP).values(bank=mapping.bank, **values))
        else:
            conn.execute(update(_MAP).where(_MAP.c.id == known).values(**values))
    return mapping
