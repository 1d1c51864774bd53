"""Who acted is proven in the call, and nothing issued is changed unseen (issue 13).

Each test performs an attack from the issue exactly, through the services or on the
SQLite file as someone with the station PC's account would, and shows it refused with a
clear message and nothing written, or detected and named.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from station_app.domain.donations import DonationDraft
from station_app.domain.errors import ConflictError, PermissionDenied, ValidationError
from station_app.domain.passwords import DEMO_PASSWORD, fingerprint, hash_password
from station_app.services.ledger_check import verify_ledger
from station_app.services.operators import (
    change_own_password,
    change_role,
    create_operator,
    reset_password,
    set_operator_active,
)
from station_app.services.receipt_actions import void_donation
from station_app.services.sessions import FREE_ATTEMPTS, OperatorSession, authenticate
from station_app.startup_check import Health, check_database
from station_app.station_context import keyring_signing_key
from tests.conftest import Station
from tests.helpers.db_snapshot import row_counts

CASH = DonationDraft(kind="cash", amount="100", donor_name="张三")


def _sql(station: Station, *statements: str) -> None:
    """Run SQL on the file as a person with the sqlite3 shell would (the app is closed)."""
    station.db.close()
    con = sqlite3.connect(station.paths.database)
    try:
        for s in statements:
            con.execute(s)
        con.commit()
    finally:
        con.close()


# -- 1. who acts is proven in the call -------------------------------------------------


def test_a_bare_operator_id_is_not_a_login(station: Station) -> None:
    number = station.recorder.record(station.staff, CASH).receipt_number
    before = row_counts(station.paths.database)
    for forged in (1, "陈主任", station.coordinator.info):
        with pytest.raises(PermissionDenied) as refused:
            void_donation(station.db, forged, number, "金额登记错误")  # type: ignore[arg-type]
        assert refused.value.code == "session.required"
    with pytest.raises(PermissionDenied):
        create_operator(station.db, 1, "黑客", "coordinator", "long-enough-1")  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        station.recorder.record(1, CASH)  # type: ignore[arg-type]
    assert row_counts(station.paths.database) == before


def test_a_session_cannot_be_made_without_authenticate(station: Station) -> None:
    with pytest.raises(TypeError):
        OperatorSession(1, "陈主任", station.coordinator.role, "0" * 64, "GZ-YX-0012")
    with pytest.raises(TypeError):
        dataclasses.replace(station.staff, role=station.coordinator.role)


def test_a_staff_session_is_refused_by_the_void_service(station: Station) -> None:
    number = station.recorder.record(station.staff, CASH).receipt_number
    for who in (station.staff, station.social_worker):
        with pytest.raises(PermissionDenied) as refused:
            void_donation(station.db, who, number, "金额登记错误")
        assert refused.value.code == "permission.coordinator_only"
        assert "coordinator" in refused.value.message_en
    void_donation(station.db, station.coordinator, number, "金额登记错误")


def test_a_role_the_database_no_longer_holds_does_not_count(station: Station) -> None:
    """The role that counts is the one in the database now, not the one at login."""
    promoted = change_role(station.db, station.coordinator, station.staff.id, "coordinator")
    assert promoted.role == "coordinator"
    number = station.recorder.record(station.staff, CASH).receipt_number
    void_donation(station.db, station.staff, number, "重复登记一笔")  # promoted: allowed
    change_role(station.db, station.coordinator, station.staff.id, "staff")
    other = station.recorder.record(station.staff, CASH).receipt_number
    with pytest.raises(PermissionDenied):
        void_donation(station.db, station.staff, other, "重复登记一笔")


def test_a_session_ends_when_the_password_is_reset_or_the_account_switched_off(
    station: Station,
) -> None:
    reset_password(station.db, station.coordinator, station.staff.id, "new-secret-2026")
    with pytest.raises(PermissionDenied) as expired:
        station.recorder.record(station.staff, CASH)
    assert expired.value.code == "session.expired"
    fresh = authenticate(station.db, "王小明", "new-secret-2026")
    station.recorder.record(fresh, CASH)
    set_operator_active(station.db, station.coordinator, fresh.id, False)
    with pytest.raises(PermissionDenied):
        station.recorder.record(fresh, CASH)
    with pytest.raises(PermissionDenied):
        authenticate(station.db, "王小明", "new-secret-2026")


# -- 3. operators are append-only like donations ---------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE operator SET role = 'coordinator' WHERE name = '王小明'",
        "UPDATE operator SET password_hash = (SELECT password_hash FROM operator "
        "WHERE name = '陈主任') WHERE name = '王小明'",
        "UPDATE operator SET active = 0 WHERE name = '陈主任'",
        "UPDATE operator SET name = '陈主任2' WHERE name = '陈主任'",
        "DELETE FROM operator WHERE name = '王小明'",
        "UPDATE receipt SET print_count = 0",
        "UPDATE station SET association_url = 'http://127.0.0.1:9'",
        "DELETE FROM ledger_entry WHERE seq = (SELECT max(seq) FROM ledger_entry)",
        "INSERT INTO ledger_entry (seq, uuid, type, payload, prev_hash, hash) "
        "VALUES (1000, 'x', 'donation.voided', '{}', 'x', 'x')",
    ],
)
def test_hand_run_sql_on_accounts_and_records_is_refused(station: Station, statement: str) -> None:
    station.recorder.record(station.staff, CASH)
    station.db.close()
    before = row_counts(station.paths.database)
    with pytest.raises(sqlite3.IntegrityError):
        _sql(station, statement)
    assert row_counts(station.paths.database) == before


def test_every_account_change_is_ledgered_with_who_did_it(station: Station) -> None:
    created = create_operator(station.db, station.coordinator, "赵志愿", "staff", "volunteer-pw-1")
    change_role(station.db, station.coordinator, created.id, "social_worker")
    reset_password(station.db, station.coordinator, created.id, "volunteer-pw-2")
    zhao = authenticate(station.db, "赵志愿", "volunteer-pw-2")
    change_own_password(station.db, zhao, "volunteer-pw-2", "volunteer-pw-3")
    set_operator_active(station.db, station.coordinator, created.id, False)
    with station.db.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT type, json_extract(payload, '$.data.by'), "
            "json_extract(payload, '$.data.reset') FROM ledger_entry "
            "WHERE json_extract(payload, '$.data.name') = '赵志愿' ORDER BY seq"
        ).all()
        stored = conn.exec_driver_sql(
            "SELECT password_hash FROM operator WHERE name = '赵志愿'"
        ).scalar()
        last_fp = conn.exec_driver_sql(
            "SELECT json_extract(payload, '$.data.password_fingerprint') FROM ledger_entry "
            "WHERE type = 'operator.password_changed' ORDER BY seq DESC LIMIT 1"
        ).scalar()
    assert [tuple(r) for r in rows] == [
        ("operator.created", "陈主任", None),
        ("operator.role_changed", "陈主任", None),
        ("operator.password_changed", "陈主任", 1),
        ("operator.password_changed", "赵志愿", 0),
        ("operator.deactivated", "陈主任", None),
    ]
    assert last_fp == fingerprint(stored) and stored not in str(rows)
    assert verify_ledger(station.db).ok


def test_the_coordinator_cannot_lock_themself_out(station: Station) -> None:
    with pytest.raises(ConflictError):
        change_role(station.db, station.coordinator, station.coordinator.id, "staff")
    with pytest.raises(ConflictError):
        set_operator_active(station.db, station.coordinator, station.coordinator.id, False)
    with pytest.raises(PermissionDenied):
        change_role(station.db, station.social_worker, station.staff.id, "coordinator")


# -- 4. rows checked against the ledger ------------------------------------------------


def test_a_dropped_trigger_and_an_edited_amount_are_named(station: Station) -> None:
    """``DROP TRIGGER donation_no_update; UPDATE donation SET amount_fen=100``."""
    numbers = [station.recorder.record(station.staff, CASH).receipt_number for _ in range(3)]
    _sql(
        station,
        "DROP TRIGGER donation_no_update",
        f"UPDATE donation SET amount_fen = 100 WHERE id = (SELECT donation_id FROM receipt "
        f"WHERE number = '{numbers[1]}')",
    )
    report = check_database(station.paths, keyring_signing_key)
    assert report.state is Health.DAMAGED
    assert "donation_no_update" in report.reason_en
    from station_app.storage.database import StationDatabase

    with StationDatabase.open(station.paths.database) as db:
        full = verify_ledger(db)
    assert not full.ok
    assert any(numbers[1] in en and "amount_fen" in en for _zh, en in full.problems)


def test_an_edit_hidden_behind_a_recreated_trigger_is_found_by_the_full_check(
    station: Station,
) -> None:
    from station_app.storage.append_only import EXPECTED_TRIGGERS
    from station_app.storage.database import StationDatabase

    number = station.recorder.record(station.staff, CASH).receipt_number
    _sql(
        station,
        "DROP TRIGGER donation_no_update",
        "UPDATE donation SET donor_name = '李四'",
        EXPECTED_TRIGGERS["donation_no_update"],
    )
    with StationDatabase.open(station.paths.database) as db:
        full = verify_ledger(db)
    assert not full.ok and not full.missing_triggers
    assert full.mismatches[0].record == number and full.mismatches[0].field == "donor_name"


def test_a_copied_password_hash_is_noticed(station: Station) -> None:
    _sql(
        station,
        "DROP TRIGGER operator_change_ledgered",
        "UPDATE operator SET password_hash = (SELECT password_hash FROM operator "
        "WHERE name = '陈主任') WHERE name = '王小明'",
        "DROP TRIGGER operator_no_update",
        "UPDATE operator SET role = 'coordinator' WHERE name = '李社工'",
    )
    from station_app.storage.database import StationDatabase

    with StationDatabase.open(station.paths.database) as db:
        full = verify_ledger(db)
    found = {(m.table, m.record, m.field) for m in full.mismatches}
    assert ("operator", "王小明", "password") in found
    assert ("operator", "李社工", "role") in found


def test_start_up_checks_only_what_is_new_and_notices_a_moved_point(station: Station) -> None:
    """The verified point makes start-up incremental; a hand-edited point is not trusted."""
    for _ in range(3):
        station.recorder.record(station.staff, CASH)
    station.db.close()
    first = check_database(station.paths, keyring_signing_key)
    assert first.state is Health.OK
    con = sqlite3.connect(station.paths.database)
    try:
        seq, marks = con.execute("SELECT seq, watermarks FROM verified_point").fetchone()
    finally:
        con.close()
    assert seq == first.entries and '"donation":3' in marks
    # Someone edits a row and moves the point past it without the key: the MAC breaks,
    # so the next start checks everything and finds the edit.
    _sql(
        station,
        "DROP TRIGGER donation_no_update",
        "UPDATE donation SET amount_fen = 1 WHERE id = 3",
        "CREATE TRIGGER donation_no_update BEFORE UPDATE OF uuid ON donation BEGIN SELECT 1; END",
        "UPDATE verified_point SET watermarks = replace(watermarks, '\"donation\":3', "
        "'\"donation\":4')",
    )
    report = check_database(station.paths, keyring_signing_key)
    assert report.state is Health.DAMAGED


# -- 6. passwords worth the name -------------------------------------------------------


def test_password_rules(station: Station) -> None:
    for weak, code in (
        ("short1", "password.too_short"),
        ("12345678", "password.too_common"),
        (DEMO_PASSWORD, "password.too_common"),
        ("aaaaaaaaaa", "password.too_common"),
        ("赵志愿赵志愿2026", "password.contains_name"),
    ):
        with pytest.raises(ValidationError) as refused:
            create_operator(station.db, station.coordinator, "赵志愿", "staff", weak)
        assert refused.value.code == code, weak
    with pytest.raises(ValidationError):
        reset_password(station.db, station.coordinator, station.staff.id, DEMO_PASSWORD)
    assert hash_password("long-enough-1").startswith("scrypt$32768$8$1$")


def test_guessing_is_throttled_and_the_lockout_ledgered(station: Station) -> None:
    clock = [datetime(2026, 12, 1, 8, 0, tzinfo=UTC)]

    def now() -> datetime:
        return clock[0]

    for _ in range(FREE_ATTEMPTS - 1):
        with pytest.raises(PermissionDenied) as wrong:
            authenticate(station.db, "陈主任", "guess-guess-1", clock=now)
        assert wrong.value.code == "login.failed"
    with pytest.raises(PermissionDenied) as locked:
        authenticate(station.db, "陈主任", "guess-guess-1", clock=now, channel="cli")
    assert locked.value.code == "login.throttled"
    with pytest.raises(PermissionDenied) as still:
        authenticate(station.db, "陈主任", DEMO_PASSWORD, clock=now)  # even the right one
    assert still.value.code == "login.throttled"
    clock[0] += timedelta(seconds=31)
    assert authenticate(station.db, "陈主任", DEMO_PASSWORD, clock=now).name == "陈主任"
    with station.db.read() as conn:
        entry = conn.exec_driver_sql(
            "SELECT json_extract(payload, '$.data.failures'), "
            "json_extract(payload, '$.data.channel') FROM ledger_entry "
            "WHERE type = 'operator.locked_out'"
        ).one()
        left = conn.exec_driver_sql("SELECT count(*) FROM login_throttle").scalar()
    assert tuple(entry) == (FREE_ATTEMPTS, "cli") and left == 0
    assert verify_ledger(station.db).ok


def test_the_daily_full_check_finds_what_start_up_does_not(station: Station) -> None:
    """An old row edited behind a recreated trigger passes the incremental start-up
    check; the daily full check finds it, and the next start refuses the database."""
    from station_app.services.database_check import full_check_if_due
    from station_app.storage.append_only import EXPECTED_TRIGGERS

    for _ in range(3):
        station.recorder.record(station.staff, CASH)
    station.db.close()
    key = keyring_signing_key("GZ-YX-0012")
    assert check_database(station.paths, keyring_signing_key).state is Health.OK  # full: first
    assert full_check_if_due(station.paths.database, key) is None  # not due again today
    later = datetime.now(UTC) + timedelta(days=1, minutes=1)
    again = full_check_if_due(station.paths.database, key, now=later)
    assert again is not None and again.ok
    _sql(
        station,
        "DROP TRIGGER donation_no_update",
        "UPDATE donation SET amount_fen = 1 WHERE id = 1",
        EXPECTED_TRIGGERS["donation_no_update"],
    )
    assert check_database(station.paths, keyring_signing_key).state is Health.OK  # unseen
    day_after = later + timedelta(days=1, minutes=1)
    found = full_check_if_due(station.paths.database, key, now=day_after)
    assert found is not None and not found.ok and "amount_fen" in (found.problem_en or "")
    assert check_database(station.paths, keyring_signing_key).state is Health.DAMAGED
