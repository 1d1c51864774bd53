"""Checking the station's ledger chain end to end, streaming, without loading it whole."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from station_app.domain.ledger import ChainBreak, verify_chain
from station_app.services.ledger_writer import iter_entries
from station_app.storage.database import StationDatabase
from station_app.storage.models import Station


@dataclass(frozen=True, slots=True)
class LedgerReport:
    entries: int
    head_hash: str | None
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_ledger(db: StationDatabase) -> LedgerReport:
    with db.read() as conn:
        code = conn.execute(select(Station.__table__.c.code)).scalar()
        count, head = 0, None

        def counted():  # type: ignore[no-untyped-def]
            nonlocal count, head
            for entry in iter_entries(conn):
                count += 1
                head = entry.hash
                yield entry

        try:
            broken = verify_chain(counted(), station=code)
        except DBAPIError as exc:  # e.g. bytes that are no longer valid UTF-8
            broken = ChainBreak(count + 1, f"entry cannot be read ({exc.orig})")
    return LedgerReport(count, head, broken)
