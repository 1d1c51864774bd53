"""A restore never erases what was issued after the backup (issue 13, item 2)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from station_app.domain.errors import PermissionDenied
from station_app.services import backups
from station_app.services.ledger_check import verify_ledger
from station_app.services.receipt_actions import record_print
from station_app.services.receipt_documents import archive_pdf, receipt_pdf
from station_app.startup_check import Health, check_database
from station_app.station_context import keyring_signing_key, open_station
from station_app.storage.database import StationDatabase
from tests.conftest import Station
from tests.helpers.db_snapshot import table_dump
from tests.ops.helpers import PAGE, fill, overwrite, restore_as_coordinator


def _print(station: Station, number: str) -> None:
    """Print a receipt as the desk does: archive the PDF, then count the print."""
    pdf = receipt_pdf(station.db, station.info, number, "a5")
    archive_pdf(station.paths.receipts, number, 1, "a5", pdf)
    record_print(station.db, station.social_worker, number)


def _serial(number: str) -> int:
    return int(number[-6:])


def _restored_entry(database) -> dict:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(database)
    try:
        (payload,) = con.execute(
            "SELECT payload FROM ledger_entry WHERE type = 'station.restored'"
        ).fetchone()
    finally:
        con.close()
    return json.loads(payload)["data"]


def test_records_made_after_the_backup_are_carried_into_the_restore(station: Station) -> None:
    n_before = fill(station, 4)
    backup = backups.make_backup(station.paths, "manual")
    n_after = fill(station, 3)
    for number in n_after:
        _print(station, number)
    before = table_dump(station.paths.database)
    station.db.close()

    result = restore_as_coordinator(station.paths, backup.path)

    assert result.carried > 3 and result.previous_readable and result.receipt_floor == {}
    after = table_dump(station.paths.database)
    receipts = {r[1]: r for r in after["receipt"]}
    assert set(n_before + n_after) <= set(receipts)
    assert all(receipts[n][7] == 1 for n in n_after)  # the prints came along too
    assert len(after["donation"]) == len(before["donation"]) == 7
    old_ledger = [r[:6] for r in before["ledger_entry"]]
    assert [r[:6] for r in after["ledger_entry"]][: len(old_ledger)] == old_ledger  # same chain
    assert after["ledger_entry"][-1][2] == "station.restored"
    data = _restored_entry(station.paths.database)
    assert data["by"] == "陈主任" and data["previous_readable"] is True
    assert data["carried_entries"] == result.carried
    assert result.kept_copy is not None and result.kept_copy.parent == station.paths.set_aside
    assert table_dump(result.kept_copy)["donation"] == before["donation"]

    ctx = open_station(station.paths)
    try:
        assert verify_ledger(ctx.db).ok
        recorder_number = _next_number(ctx)
    finally:
        ctx.close()
    assert _serial(recorder_number) == 8  # N + M + 1


def _next_number(ctx) -> str:  # type: ignore[no-untyped-def]
    from station_app.domain.donations import DonationDraft
    from station_app.domain.passwords import DEMO_PASSWORD
    from station_app.services.donation_recording import DonationRecorder
    from station_app.services.receipt_signing import ReceiptSigner
    from station_app.services.sessions import authenticate

    recorder = DonationRecorder(ctx.db, ReceiptSigner.from_keystore(ctx.keystore()))
    who = authenticate(ctx.db, "王小明", DEMO_PASSWORD)
    draft = DonationDraft(kind="cash", amount="1", anonymous=True)
    return recorder.record(who, draft).receipt_number


def test_an_unreadable_current_file_is_ledgered_and_numbering_goes_past_it(
    station: Station,
) -> None:
    fill(station, 4)
    backup = backups.make_backup(station.paths, "manual")
    lost = fill(station, 5)
    _print(station, lost[2])  # the 7th receipt was handed over on paper
    station.db.close()
    overwrite(station.paths.database, 0, 2 * PAGE)  # the header is gone: not a database
    assert check_database(station.paths).state is Health.DAMAGED

    result = restore_as_coordinator(station.paths, backup.path)

    assert not result.previous_readable and result.carried == 0
    data = _restored_entry(station.paths.database)
    assert data["previous_readable"] is False
    year = lost[-1][-11:-7]
    # The raw bytes of the damaged file still name the 9th number; the receipts folder
    # the 7th. Numbering continues above the highest any source knows.
    assert data["receipt_floor"] == {year: 9}
    assert set(data["floor_sources"]) >= {"set_aside_file"}
    assert result.quarantined is not None and result.quarantined.parent == station.paths.set_aside
    ctx = open_station(station.paths)
    try:
        assert verify_ledger(ctx.db).ok
        assert _serial(_next_number(ctx)) == 10
    finally:
        ctx.close()


def test_the_receipts_folder_alone_sets_the_floor(station: Station) -> None:
    fill(station, 2)
    backup = backups.make_backup(station.paths, "manual")
    lost = fill(station, 2)
    _print(station, lost[1])
    station.db.close()
    station.paths.database.unlink()  # the old PC's disk is gone; only the PDFs were copied
    for side in ("-wal", "-shm"):
        station.paths.database.with_name(station.paths.database.name + side).unlink(missing_ok=True)

    result = restore_as_coordinator(station.paths, backup.path, expected_station="GZ-YX-0012")

    assert not result.previous_existed and not result.previous_readable
    data = _restored_entry(station.paths.database)
    assert data["receipt_floor"] == {lost[1][-11:-7]: 4}
    assert data["floor_sources"] == ["receipts_folder"]


def test_a_restore_rebuilds_rows_someone_edited(station: Station) -> None:
    """Rows are rebuilt from the ledger, so restoring repairs a hand-edited amount."""
    fill(station, 2)
    backup = backups.make_backup(station.paths, "manual")
    later = fill(station, 1)[0]
    station.db.close()
    con = sqlite3.connect(station.paths.database)
    try:
        con.execute("DROP TRIGGER donation_no_update")
        con.execute("UPDATE donation SET amount_fen = 1 WHERE id = 3")
        con.commit()
    finally:
        con.close()
    assert check_database(station.paths, keyring_signing_key).state is Health.DAMAGED

    result = restore_as_coordinator(station.paths, backup.path)

    assert result.carried >= 1 and result.quarantined is not None  # the edited file kept
    with StationDatabase.open(station.paths.database) as db:
        assert verify_ledger(db).ok
        amount = (
            db.engine.connect()
            .exec_driver_sql(
                "SELECT d.amount_fen FROM donation d JOIN receipt r ON r.donation_id = d.id "
                f"WHERE r.number = '{later}'"
            )
            .scalar()
        )
    assert amount == 10000  # 100 yuan, as recorded and ledgered
    assert check_database(station.paths, keyring_signing_key).state is Health.OK


def test_only_the_coordinator_restores(station: Station) -> None:
    fill(station, 1)
    backup = backups.make_backup(station.paths, "manual")
    before = table_dump(station.paths.database)
    station.db.close()
    from station_app.domain.passwords import DEMO_PASSWORD
    from station_app.services.restore import restore

    with pytest.raises(PermissionDenied) as refused:
        restore(station.paths, backup.path, operator="李社工", password=DEMO_PASSWORD)
    assert refused.value.code == "permission.coordinator_only"
    with pytest.raises(PermissionDenied):
        restore(station.paths, backup.path, operator="陈主任", password="not-the-password")
    after = table_dump(station.paths.database)
    assert {k: v for k, v in after.items() if k != "login_throttle"} == {
        k: v for k, v in before.items() if k != "login_throttle"
    }
    assert list(station.paths.set_aside.iterdir()) == []
