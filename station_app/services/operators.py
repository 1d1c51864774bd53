"""Operator accounts: creating them, checking a login, switching them off.

Accounts are never deleted (donations name their operator); a person who leaves is made
inactive.  Creating an account is ledgered without the password hash, which never leaves
the station.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from station_app.domain.donations import MAX_NAME, clean_text
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ConflictError, PermissionDenied, ValidationError
from station_app.domain.passwords import hash_password, verify_password
from station_app.domain.roles import Role, parse_role, require_coordinator
from station_app.domain.station_time import to_iso, utc_now
from station_app.services.ledger_writer import append_entry
from station_app.services.views import OperatorInfo
from station_app.storage import raw_sql
from station_app.storage.database import StationDatabase
from station_app.storage.models import Operator, Station

_OP = Operator.__table__


def _station_code(conn: Connection) -> str:
    return conn.execute(select(Station.__table__.c.code)).scalar_one()


def _info(row: object) -> OperatorInfo:
    return OperatorInfo(row.id, row.name, Role(row.role), bool(row.active))  # type: ignore[attr-defined]


def insert_operator(
    conn: Connection,
    *,
    station_code: str,
    name: str,
    role: Role | str,
    password: str,
    created_by: str | None,
    at: str,
) -> OperatorInfo:
    """Add an account inside the caller's transaction."""
    role = parse_role(str(role))
    name = clean_text(name)
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
    pw_hash = hash_password(password)
    new_id = conn.execute(
        insert(_OP).values(
            name=name, role=role.value, password_hash=pw_hash, active=True, created_at=at
        )
    ).inserted_primary_key[0]
    append_entry(
        conn,
        type=EntryType.OPERATOR_CREATED,
        at=at,
        station_code=station_code,
        data={"name": name, "role": role.value, "by": created_by},
    )
    return OperatorInfo(new_id, name, role)


def load_operator(conn: Connection, operator_id: int) -> OperatorInfo:
    """The acting operator, re-read inside the transaction; inactive ones may not act."""
    row = raw_sql.operator_row(conn, operator_id)
    if row is None or not row[3]:
        raise PermissionDenied(
            "operator.inactive",
            "该账号不存在或已停用",
            "This account does not exist or is switched off.",
        )
    return OperatorInfo(row[0], row[1], Role(row[2]), True)


def create_operator(
    db: StationDatabase, actor_id: int, name: str, role: Role | str, password: str
) -> OperatorInfo:
    with db.write() as conn:
        actor = load_operator(conn, actor_id)
        require_coordinator(actor.role, "管理账号", "manage accounts")
        return insert_operator(
            conn,
            station_code=_station_code(conn),
            name=name,
            role=role,
            password=password,
            created_by=actor.name,
            at=to_iso(utc_now()),
        )


def set_operator_active(db: StationDatabase, actor_id: int, operator_id: int, active: bool) -> None:
    with db.write() as conn:
        actor = load_operator(conn, actor_id)
        require_coordinator(actor.role, "管理账号", "manage accounts")
        if actor.id == operator_id and not active:
            raise ConflictError(
                "operator.self_disable",
                "不能停用自己的账号",
                "You cannot switch off your own account.",
            )
        target = conn.execute(select(_OP).where(_OP.c.id == operator_id)).first()
        if target is None:
            raise ValidationError("operator.unknown", "找不到该账号", "No such account.")
        conn.execute(update(_OP).where(_OP.c.id == operator_id).values(active=active))
        append_entry(
            conn,
            type=EntryType.OPERATOR_ACTIVATED if active else EntryType.OPERATOR_DEACTIVATED,
            at=to_iso(utc_now()),
            station_code=_station_code(conn),
            data={"name": target.name, "by": actor.name},
        )


def authenticate(db: StationDatabase, name: str, password: str) -> OperatorInfo:
    """The operator for a correct name and password; one vague refusal otherwise."""
    with db.read() as conn:
        row = conn.execute(select(_OP).where(_OP.c.name == clean_text(name))).first()
    if row is None or not row.active or not verify_password(password, row.password_hash):
        raise PermissionDenied(
            "login.failed",
            "姓名或密码不正确",
            "The name or password is not correct.",
            field="password",
        )
    return _info(row)


def list_operators(db: StationDatabase, *, include_inactive: bool = False) -> list[OperatorInfo]:
    with db.read() as conn:
        q = select(_OP).order_by(_OP.c.id)
        if not include_inactive:
            q = q.where(_OP.c.active.is_(True))
        return [_info(r) for r in conn.execute(q)]


def find_operator(db: StationDatabase, name: str) -> OperatorInfo | None:
    with db.read() as conn:
        row = conn.execute(select(_OP).where(_OP.c.name == clean_text(name))).first()
    return _info(row) if row else None
