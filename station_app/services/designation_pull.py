"""Merging the association's designations into the station's list.

Donations refer to designations by code, so a designation is never deleted here: one
the association dropped or switched off is deactivated (no longer offered in the form,
still shown on old records).  ``undesignated`` always stays.  A change is one
transaction with a ``designations.set`` ledger entry, like the list made at set-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from station_app.domain.donations import UNDESIGNATED
from station_app.domain.entry_types import EntryType
from station_app.domain.station_time import to_iso, utc_now
from station_app.services.ledger_writer import append_entry
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import station_code
from station_app.storage.models import Designation, Station
from station_app.sync.protocol import RemoteDesignation

_D = Designation.__table__
_ST = Station.__table__


@dataclass(frozen=True, slots=True)
class MergeReport:
    added: int
    changed: int
    deactivated: int

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.deactivated)


def designations_etag(db: StationDatabase) -> str | None:
    """The ETag of the list last merged, to ask the association whether it changed."""
    with db.read() as conn:
        return conn.execute(select(_ST.c.designations_etag)).scalar()


def merge_designations(
    db: StationDatabase, remote: Sequence[RemoteDesignation], etag: str | None = None
) -> MergeReport:
    """Merge ``remote`` and remember its ``etag``, in one transaction."""
    wanted = {d.code: d for d in remote if d.code != UNDESIGNATED}
    added = changed = deactivated = 0
    if not wanted:
        # An association that publishes no list yet does not mean "withdraw them all".
        return MergeReport(0, 0, 0)
    with db.write() as conn:
        remembered = etag if etag and len(etag) <= 100 else None  # a sane ETag only
        conn.execute(update(_ST).where(_ST.c.id == 1).values(designations_etag=remembered))
        local = {r.code: r for r in conn.execute(select(_D))}
        for code, d in wanted.items():
            row = local.get(code)
            values = {
                "name": d.name,
                "category": d.category,
                "active": d.active,
                "sort_order": d.sort_order,
            }
            if row is None:
                conn.execute(insert(_D).values(code=code, **values))
                added += 1
            elif (row.name, row.category, bool(row.active), row.sort_order) != tuple(
                values.values()
            ):
                conn.execute(update(_D).where(_D.c.code == code).values(**values))
                changed += 1
        for code, row in local.items():
            if code != UNDESIGNATED and code not in wanted and row.active:
                conn.execute(update(_D).where(_D.c.code == code).values(active=False))
                deactivated += 1
        report = MergeReport(added, changed, deactivated)
        if report.any:
            rows = conn.execute(select(_D).order_by(_D.c.sort_order, _D.c.code)).all()
            append_entry(
                conn,
                type=EntryType.DESIGNATIONS_SET,
                at=to_iso(utc_now()),
                station_code=station_code(conn),
                data={
                    "designations": [
                        {
                            "code": r.code,
                            "name": r.name,
                            "category": r.category,
                            "active": bool(r.active),
                        }
                        for r in rows
                    ]
                },
            )
    return report
