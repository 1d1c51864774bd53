"""The funds and projects the association offers every station (the stations pull them).

Plain functions on an engine or a connection, for the admin command line, the console
and tests; a designation is never deleted, since donations at stations refer to it.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, func, insert, select, update

from association_server.clock import now_iso
from association_server.db import read_transaction, write_transaction
from association_server.errors import AdminError
from association_server.models import DesignationRow

_D = DesignationRow.__table__
CATEGORIES = ("fund", "project", "undesignated")


def insert_designation(
    conn: Connection, code: str, name: str, category: str, *, sort_order: int | None = None
) -> None:
    """A new, active fund or project, last in the list unless told where."""
    order = sort_order
    if order is None:
        order = (conn.execute(select(func.max(_D.c.sort_order))).scalar() or 0) + 1
    conn.execute(
        insert(_D).values(
            code=code,
            name=name,
            category=category,
            active=True,
            sort_order=order,
            updated_at=now_iso(),
        )
    )


def put_designation(
    engine: Engine, code: str, name: str, category: str, *, sort_order: int | None = None
) -> None:
    """Add a fund or project, or rename/recategorise one (it becomes active)."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise AdminError("A designation needs a code and a name.")
    if category not in CATEGORIES:
        raise AdminError(f"Category must be one of {', '.join(CATEGORIES)}.")
    with write_transaction(engine) as conn:
        existing = conn.execute(select(_D).where(_D.c.code == code)).first()
        if existing is None:
            insert_designation(conn, code, name, category, sort_order=sort_order)
        else:
            conn.execute(
                update(_D)
                .where(_D.c.code == code)
                .values(
                    name=name,
                    category=category,
                    active=True,
                    sort_order=existing.sort_order if sort_order is None else sort_order,
                    updated_at=now_iso(),
                )
            )


def set_designation_active(engine: Engine, code: str, active: bool) -> None:
    """Designations are never deleted: donations at stations refer to them."""
    with write_transaction(engine) as conn:
        result = conn.execute(
            update(_D).where(_D.c.code == code).values(active=active, updated_at=now_iso())
        )
        if result.rowcount != 1:
            raise AdminError(f"No designation {code}.")


def list_designations(engine: Engine) -> list[dict[str, object]]:
    with read_transaction(engine) as conn:
        rows = conn.execute(
            select(_D.c.code, _D.c.name, _D.c.category, _D.c.active, _D.c.sort_order).order_by(
                _D.c.sort_order, _D.c.code
            )
        ).all()
    return [
        {
            "code": r.code,
            "name": r.name,
            "category": r.category,
            "active": bool(r.active),
            "sort_order": r.sort_order,
        }
        for r in rows
    ]
