"""The officers' audit: every change made through the console (and every login), kept.

Written in the same transaction as the change it describes, so a change without its
audit row cannot exist; the table refuses updates and deletes (revision a0005).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, insert, select

from association_server.clock import now_iso
from association_server.console.tables import ConsoleAuditRow
from association_server.db import read_transaction

_A = ConsoleAuditRow.__table__


def record(
    conn: Connection, user: str, action: str, target: str, detail: str = "", client: str = ""
) -> None:
    """Append one audit row in the caller's transaction."""
    conn.execute(
        insert(_A).values(
            at=now_iso(),
            user_name=user[:60],
            action=action[:40],
            target=target[:120],
            detail=detail[:2000],
            client=client[:64],
        )
    )


def recent(engine: Engine, limit: int = 200) -> list[dict[str, object]]:
    with read_transaction(engine) as conn:
        rows = conn.execute(select(_A).order_by(_A.c.id.desc()).limit(limit)).all()
    return [dict(r._mapping) for r in rows]
