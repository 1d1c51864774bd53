"""A station whose database died and was restored from an older backup syncs on.

The real station (issue 13's restore, its receipt-number floor) and the real receiver:
the station's chain forks at its ``station.restored`` entry, the receiver accepts the
fork there, keeps the entries it supersedes and every receipt it already had, raises one
incident, and both ledgers are equal afterwards.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from association_server import admin
from association_server.models import ReceiptRow, SupersededEntryRow
from station_app.services import backups
from station_app.services.station_sync import sync_station
from station_app.storage.database import StationDatabase
from tests.ops.helpers import PAGE, overwrite, restore_as_coordinator
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation


def test_a_station_restored_without_its_old_ledger_syncs_on(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = make_station(deployment)
    st.record(3)
    assert sync_station(st.db, st.keys, base_url=deployment.url).ok
    backup = backups.make_backup(st.paths, "manual")
    kept = len(st.entries())
    st.record(4)  # these reach the association; then the PC's disk fails
    assert sync_station(st.db, st.keys, base_url=deployment.url).ok
    received = admin.stored_entries(deployment.engine, st.code)
    st.db.close()
    overwrite(st.paths.database, 0, 2 * PAGE)
    result = restore_as_coordinator(st.paths, backup.path)
    assert not result.previous_readable
    st.db = StationDatabase.open(st.paths.database, backup_dir=st.paths.backups)
    st.record(2)

    synced = sync_station(st.db, st.keys, base_url=deployment.url)

    assert synced.ok, synced.message_en
    assert_equal_ledgers(st, deployment.engine)
    assert [str(i["code"]) for i in admin.list_incidents(deployment.engine, st.code)] == [
        "ledger_forked"
    ]
    superseded = SupersededEntryRow.__table__
    receipts = ReceiptRow.__table__
    with deployment.engine.connect() as conn:
        archived = conn.execute(
            select(superseded.c.seq, superseded.c.hash)
            .where(superseded.c.station_code == st.code)
            .order_by(superseded.c.seq)
        ).all()
        held = conn.execute(select(func.count()).where(receipts.c.station_code == st.code)).scalar()
    assert [(a.seq, a.hash) for a in archived] == [(e.seq, e.hash) for e in received[kept:]]
    assert held == 3 + 4 + 2  # the lost donations' receipts stay valid; numbering went on
    numbers = [r["receipt"] for r in st.receipts()]
    assert numbers[-2:] == [f"{st.code}-{numbers[0][-11:-7]}-{n:06d}" for n in (8, 9)]
