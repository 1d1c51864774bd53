"""Statements and the accountability rules of issue 13: rows checked against the ledger,
triggers in place, and a restore that carries a reconciled day forward."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest

from station_app.domain.donations import DonationKind
from station_app.services import backups
from station_app.services.day_close import CloseRequest, close_day
from station_app.services.donation_queries import donation_detail
from station_app.services.ledger_check import verify_ledger
from station_app.services.reconciliation import reconcile, reconcile_day
from station_app.services.statement_import import import_statement
from station_app.services.statement_recording import record_from_statement
from station_app.storage.database import StationDatabase
from tests.conftest import Station
from tests.ops.helpers import restore_as_coordinator
from tests.statements.helpers import WECHAT_ALL
from tests.statements.station_day import record_the_wechat_day

DAY = date(2026, 11, 3)


def _close_the_day(station: Station) -> None:
    keys = reconcile_day(station.db, DAY)[DonationKind.MOBILE].unmatched_keys()
    close_day(
        station.db,
        station.coordinator,
        "李社工",
        "demo1234",
        CloseRequest(DAY, None, 0, explanations=dict.fromkeys(keys, "已核实")),
        clock=lambda: datetime(2026, 11, 4, 2, tzinfo=UTC),
    )


def test_statement_rows_are_append_only_and_their_triggers_are_checked(station: Station) -> None:
    record_the_wechat_day(station)
    import_statement(station.db, station.coordinator, WECHAT_ALL)
    _close_the_day(station)
    assert verify_ledger(station.db).ok
    con = sqlite3.connect(station.paths.database)
    for sql in (
        "UPDATE statement_line SET amount_fen = 1",
        "DELETE FROM statement_import",
        "UPDATE statement_reconciliation SET not_recorded = 0",
        "DELETE FROM reconciliation_item",
        "UPDATE donation SET transaction_reference = 'X' WHERE transaction_reference IS NOT NULL",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute(sql)
    con.execute("DROP TRIGGER statement_line_no_update")
    con.commit()
    con.close()
    report = verify_ledger(station.db)
    assert not report.ok and "statement_line_no_update" in str(report.problems)


def test_a_reference_edited_behind_the_desks_back_is_named(station: Station) -> None:
    recorded = record_the_wechat_day(station)["200"]
    con = sqlite3.connect(station.paths.database)
    con.execute("DROP TRIGGER donation_payment_no_update")
    con.execute("UPDATE donation SET transaction_reference = '4200009999' WHERE id = 4")
    con.commit()
    con.close()
    report = verify_ledger(station.db)
    problems = str(report.problems)
    assert not report.ok and recorded.receipt_number in problems
    assert "transaction_reference" in problems


def test_a_restore_carries_the_reconciled_day_and_the_references_forward(
    station: Station,
) -> None:
    record_the_wechat_day(station)
    backup = backups.make_backup(station.paths)
    import_statement(station.db, station.coordinator, WECHAT_ALL)
    line = reconcile(station.db, DAY, DonationKind.MOBILE).not_recorded[0]
    recorded = record_from_statement(station.recorder, station.staff, line.id)
    _close_the_day(station)
    station.db.close()

    restore_as_coordinator(station.paths, backup.path)

    with StationDatabase.open(station.paths.database) as db:
        assert verify_ledger(db).ok
        detail = donation_detail(db, recorded.receipt_number)
        assert detail.row.transaction_reference == "4200002213202611031234567806"
        assert detail.paid_at == "2026-11-03T08:05:09Z"
        con = sqlite3.connect(station.paths.database)
        types = [t for (t,) in con.execute("SELECT type FROM ledger_entry ORDER BY seq")]
        con.close()
        assert types[-3:] == ["statement.reconciled", "day.closed", "station.restored"]
        # The statement lines are not in the ledger: the file can be imported again.
        assert import_statement(db, station.coordinator, WECHAT_ALL).new_lines == 8
