"""The one assertion every sync test ends with: equal ledgers, no duplicates."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from association_server import admin
from association_server.models import LedgerRow
from tests.sync.harness import SyncStation


def assert_equal_ledgers(station: SyncStation, engine: Engine) -> None:
    ours = station.entries()
    theirs = admin.stored_entries(engine, station.code)
    assert len(theirs) == len(ours)
    assert theirs == ours  # entry for entry, hash for hash
    t = LedgerRow.__table__
    with engine.connect() as conn:
        rows, distinct = conn.execute(
            select(func.count(), func.count(func.distinct(t.c.seq))).where(
                t.c.station_code == station.code
            )
        ).one()
    assert rows == distinct == len(ours)
    assert station.unsynced() == 0
