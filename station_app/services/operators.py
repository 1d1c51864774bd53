"""Operator accounts: creating them, changing a role or a password, switching them off.

Accounts are never deleted (donations name their operator); a person who leaves is made
inactive.  Every change is a ledger entry written *before* the row changes (the
database's triggers let an account change through only after its entry), and the entry
carries the password hash's fingerprint, never the hash, which never leaves the station.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from station_app.domain.donations import MAX_NAME, clean_text, typed_text
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ConflictError, ValidationError
from station_app.domain.passwords import fingerprint, hash_password
from station_app.domain.roles import Action, Role, parse_role
from station_app.domain.station_time import to_iso, utc_now
from station_app.services.ledger_writer import append_entry
from station_app.services.records import OperatorInfo
from station_app.services.sessions import OperatorSession, authenticate, require_session
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import station_code
from station_app.storage.models import Operator
from station_app.storage.rows import AnyRow, inserted_id

_OP = Operator.__table__


def _info(row: AnyRow) -> OperatorInfo:
    return OperatorInfo(row.id, row.name, Role(row.role), bool(row.active))


def insert_operator(
    conn: Connection,
    *,
    station_code: str,
    name: str,
    role: Role | str,
    password: str,
    created_by: str | None,
    at: str,
    demo: bool = False,
) -> OperatorInfo:
    """Add an account inside the caller's transaction (``demo``: the demo password)."""
    role = parse_role(str(role))
    name = typed_text(name, "name", "姓名", "The name")
    if not name:
        raise ValidationError("operator.no_name", "请填写姓名", "Enter a name.", field="name")
    if len(name) > MAX_NAME:
        raise ValidationError(
            "operator.name_too_long",
            f"姓名最多 {MAX_NAME} 个字",
            f"A name can have at most {MAX_NAME} characters.",
            field="name",
        )
    if conn.execute(select(_OP.c.id).where(_OP.c.name == name)).first():
        raise ConflictError(
            "operator.exists",
            f"已有名为“{name}”的账号",
            f"There is already an account named {name}.",
            field="name",
        )
    pw_hash = hash_password(password, name=name, demo=demo)
    new_id = inserted_id(
        conn.execute(
            insert(_OP).values(
                name=name, role=role.value, password_hash=pw_hash, active=True, created_at=at
            )
        )
    )
    append_entry(
        conn,
        type=EntryType.OPERATOR_CREATED,
        at=at,
        station_code=station_code,
        data={
            "name": name,
            "role": role.value,
            "by": created_by,
            "password_fingerprint": fingerprint(pw_hash),
        },
    )
    return OperatorInfo(new_id, name, role)


def _target(conn: Connection, operator_id: int) -> AnyRow:
    target = conn.execute(select(_OP).where(_OP.c.id == operator_id)).first()
    if target is None:
        raise ValidationError("operator.unknown", "找不到该账号", "No such account.")
    return target


def create_operator(
    db: StationDatabase,
    session: OperatorSession,
    name: str,
    role: Role | str,
    password: str,
    *,
    demo: bool = False,
) -> OperatorInfo:
    with db.write() as conn:
        actor = require_session(conn, session, Action.MANAGE_OPERATORS)
        return insert_operator(
            conn,
            station_code=station_code(conn),
            name=name,
            role=role,
            password=password,
            created_by=actor.name,
            at=to_iso(utc_now()),
            demo=demo,
        )


def set_operator_active(
    db: StationDatabase, session: OperatorSession, operator_id: int, active: bool
) -> None:
    with db.write() as conn:
        actor = require_session(conn, session, Action.MANAGE_OPERATORS)
        if actor.id == operator_id and not active:
            raise ConflictError(
                "operator.self_disable",
                "不能停用自己的账号",
                "You cannot switch off your own account.",
            )
        target = _target(conn, operator_id)
        if bool(target.active) == active:
            return
        append_entry(
            conn,
            type=EntryType.OPERATOR_ACTIVATED if active else EntryType.OPERATOR_DEACTIVATED,
            at=to_iso(utc_now()),
            station_code=station_code(conn),
            data={"name": target.name, "by": actor.name},
        )
        conn.execute(update(_OP).where(_OP.c.id == operator_id).values(active=active))


def change_role(
    db: StationDatabase, session: OperatorSession, operator_id: int, role: Role | str
) -> OperatorInfo:
    """Give an account another role; the coordinator cannot demote themself (someone
    must stay able to manage the station)."""
    role = parse_role(str(role))
    with db.write() as conn:
        actor = require_session(conn, session, Action.MANAGE_OPERATORS)
        target = _target(conn, operator_id)
        if target.role == role.value:
            return _info(target)
        if actor.id == operator_id:
            raise ConflictError(
                "operator.self_demote",
                "不能更改自己的角色,请由另一位站点负责人操作",
                "You cannot change your own role; another coordinator must do it.",
            )
        append_entry(
            conn,
            type=EntryType.OPERATOR_ROLE_CHANGED,
            at=to_iso(utc_now()),
            station_code=station_code(conn),
            data={
                "name": target.name,
                "role": role.value,
                "previous_role": target.role,
                "by": actor.name,
            },
        )
        conn.execute(update(_OP).where(_OP.c.id == operator_id).values(role=role.value))
        return OperatorInfo(target.id, target.name, role, bool(target.active))


def _set_password(conn: Connection, target: AnyRow, new_hash: str, *, by: str, reset: bool) -> None:
    name: str = target.name
    append_entry(
        conn,
        type=EntryType.OPERATOR_PASSWORD_CHANGED,
        at=to_iso(utc_now()),
        station_code=station_code(conn),
        data={
            "name": name,
            "by": by,
            "reset": reset,
            "password_fingerprint": fingerprint(new_hash),
        },
    )
    conn.execute(update(_OP).where(_OP.c.name == name).values(password_hash=new_hash))


def change_own_password(
    db: StationDatabase, session: OperatorSession, current: str, new: str
) -> OperatorSession:
    """The person's own new password, proven by the current one; returns the new session
    (the old one stops working with the old password)."""
    proven = authenticate(db, session.name, current)
    if proven.id != session.id:
        raise ValidationError("operator.unknown", "找不到该账号", "No such account.")
    new_hash = hash_password(new, name=session.name)  # slow: before the lock
    with db.write() as conn:
        require_session(conn, proven)
        _set_password(conn, _target(conn, session.id), new_hash, by=session.name, reset=False)
    return authenticate(db, session.name, new)


def reset_password(
    db: StationDatabase, session: OperatorSession, operator_id: int, new: str
) -> None:
    """The coordinator sets another person's password (they forgot it)."""
    with db.read() as conn:
        target = _target(conn, operator_id)
    new_hash = hash_password(new, name=target.name)
    with db.write() as conn:
        actor = require_session(conn, session, Action.MANAGE_OPERATORS)
        if actor.id == operator_id:
            raise ConflictError(
                "operator.self_reset",
                "请用“修改密码”更改自己的密码",
                "Use Change password for your own password.",
            )
        _set_password(conn, _target(conn, operator_id), new_hash, by=actor.name, reset=True)


def list_operators(db: StationDatabase, *, include_inactive: bool = False) -> list[OperatorInfo]:
    """Names and roles (the login list shows the names); no secrets."""
    with db.read() as conn:
        q = select(_OP.c.id, _OP.c.name, _OP.c.role, _OP.c.active).order_by(_OP.c.id)
        if not include_inactive:
            q = q.where(_OP.c.active.is_(True))
        return [_info(r) for r in conn.execute(q)]


def find_operator(db: StationDatabase, name: str) -> OperatorInfo | None:
    with db.read() as conn:
        row = conn.execute(
            select(_OP.c.id, _OP.c.name, _OP.c.role, _OP.c.active).where(
                _OP.c.name == clean_text(name)
            )
        ).first()
    return _info(row) if row else None
