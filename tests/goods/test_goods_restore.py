"""A restore carries goods recorded after the backup forward (lots, movements, counts)."""

from __future__ import annotations

from station_app.services import backups
from station_app.services.goods_queries import book_mismatches
from station_app.services.goods_rules import goods_rules
from station_app.services.ledger_check import verify_ledger
from station_app.storage.database import StationDatabase
from tests.conftest import Station
from tests.goods.helpers import exercise_goods
from tests.helpers.db_snapshot import table_dump
from tests.ops.helpers import restore_as_coordinator


def test_goods_after_the_backup_are_carried_into_the_restore(station: Station) -> None:
    backup = backups.make_backup(station.paths, "manual")
    exercise_goods(station)
    before = table_dump(station.paths.database)
    station.db.close()

    result = restore_as_coordinator(station.paths, backup.path)

    assert result.carried >= 4
    after = table_dump(station.paths.database)
    assert after["goods_lot"] == before["goods_lot"]
    assert len(after["goods_movement_line"]) == len(before["goods_movement_line"])
    stock = [(r[1], r[-1]) for r in after["goods_lot"]]
    assert stock == [(r[1], r[-1]) for r in before["goods_lot"]]
    moved = {r[1]: r for r in after["goods_movement"]}
    assert {r[1] for r in before["goods_movement"]} == set(moved)
    assert any(r[3] == "王**" for r in moved.values())  # the masked name came along
    with StationDatabase.open(station.paths.database) as db:
        with db.read() as conn:
            assert book_mismatches(conn) == []
        assert verify_ledger(db).ok
        # The coordinator's goods rules are the ledger's, so they come along too.
        rules = goods_rules(db)
        assert (rules.rules.min_months_to_expiry, rules.set_by) == (3, "陈主任")
