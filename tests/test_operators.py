"""Operator accounts: roles, passwords, and who may manage them."""

from __future__ import annotations

import sqlite3

import pytest

from station_app.domain.errors import ConflictError, PermissionDenied, ValidationError
from station_app.domain.passwords import hash_password, verify_password
from station_app.domain.roles import Role
from station_app.services.operators import (
    authenticate,
    create_operator,
    list_operators,
    set_operator_active,
)
from tests.conftest import Station


def test_password_hash_is_salted_scrypt() -> None:
    a, b = hash_password("secret99"), hash_password("secret99")
    assert a != b and a.startswith("scrypt$")
    assert verify_password("secret99", a) and not verify_password("secret98", a)
    assert not verify_password("x", "garbage")


def test_login(station: Station) -> None:
    op = authenticate(station.db, "王小明", "demo1234")
    assert op.role is Role.STAFF
    with pytest.raises(PermissionDenied) as info:
        authenticate(station.db, "王小明", "wrong-password")
    assert info.value.code == "login.failed"
    with pytest.raises(PermissionDenied):
        authenticate(station.db, "nobody", "demo1234")


def test_only_the_coordinator_manages_accounts(station: Station) -> None:
    with pytest.raises(PermissionDenied):
        create_operator(station.db, station.staff, "赵六", "staff", "abcdef12")
    with pytest.raises(PermissionDenied):
        create_operator(station.db, station.social_worker, "赵六", "staff", "abcdef12")
    new = create_operator(station.db, station.coordinator, "赵六", "social_worker", "abcdef12")
    assert new.role is Role.SOCIAL_WORKER
    with pytest.raises(ConflictError):
        create_operator(station.db, station.coordinator, "赵六", "staff", "abcdef12")
    with pytest.raises(ValidationError):
        create_operator(station.db, station.coordinator, "钱七", "staff", "123")
    with pytest.raises(PermissionDenied):
        create_operator(station.db, station.coordinator, "钱七", "boss", "abcdef12")


def test_deactivated_operator_cannot_log_in(station: Station) -> None:
    set_operator_active(station.db, station.coordinator, station.staff.id, False)
    with pytest.raises(PermissionDenied):
        authenticate(station.db, "王小明", "demo1234")
    assert "王小明" not in [o.name for o in list_operators(station.db)]
    with pytest.raises(ConflictError):
        set_operator_active(station.db, station.coordinator, station.coordinator.id, False)


def test_password_hash_never_reaches_the_ledger(station: Station) -> None:
    con = sqlite3.connect(station.paths.database)
    hashes = [r[0] for r in con.execute("SELECT password_hash FROM operator")]
    payloads = " ".join(r[0] for r in con.execute("SELECT payload FROM ledger_entry"))
    con.close()
    assert "scrypt" not in payloads
    assert all(h.split("$")[-1] not in payloads for h in hashes)
