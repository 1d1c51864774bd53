"""Changing console accounts: one's own password, and an officer (or the admin command)
deactivating or reactivating another account — each change audited in its transaction.

A password change needs the current password (a session left open on a shared PC must
not be enough to take the account over), counts a wrong one like a wrong login, and
ends the account's other sessions.  A deactivated account's sessions end at once (and
:func:`~association_server.console.sessions.session_user` checks ``active`` on every
request anyway); the last active officer cannot be deactivated, so the association never
locks itself out of its own console.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, func, select, update

from association_server import security
from association_server.clock import now_iso
from association_server.console import audit
from association_server.console.accounts import ConsoleUser, LoginLimits, too_many_attempts
from association_server.console.errors import ConsoleError
from association_server.console.tables import ConsoleSessionRow, ConsoleUserRow
from association_server.db import read_transaction, write_transaction
from station_app.domain.errors import ValidationError
from station_app.domain.passwords import hash_password, verify_password

_U, _S = ConsoleUserRow.__table__, ConsoleSessionRow.__table__


@dataclass(frozen=True, slots=True)
class Account:
    """A row of the accounts page."""

    id: int
    name: str
    role: str
    active: bool
    created_at: str


def accounts(engine: Engine) -> list[Account]:
    """Every account, active first, then by name (deactivated ones stay listed)."""
    with read_transaction(engine) as conn:
        rows = conn.execute(
            select(_U.c.id, _U.c.name, _U.c.role, _U.c.active, _U.c.created_at).order_by(
                _U.c.active.desc(), _U.c.name
            )
        ).all()
    return [Account(r.id, r.name, r.role, bool(r.active), r.created_at) for r in rows]


def _new_hash(password: str, again: str | None, name: str) -> str:
    if again is not None and again != password:
        raise ConsoleError("两次输入的新密码不一致。", "The two new passwords differ.")
    try:
        return hash_password(password, name=name)
    except ValidationError as err:
        raise ConsoleError(err.message_zh, err.message_en) from None


def _end_sessions(conn: Connection, user_id: int, *, keep: str | None = None) -> None:
    live = and_(_S.c.user_id == user_id, _S.c.ended_at.is_(None))
    if keep is not None:
        live = and_(live, _S.c.token_hash != security.digest(keep))
    conn.execute(update(_S).where(live).values(ended_at=now_iso()))


def change_own_password(
    engine: Engine,
    limits: LoginLimits,
    user: ConsoleUser,
    old: str,
    new: str,
    again: str,
    *,
    client: str,
    session_token: str,
) -> None:
    """``user`` sets a new password after proving the current one."""
    too_many_attempts(limits, user.name, client)
    with read_transaction(engine) as conn:
        stored = conn.execute(select(_U.c.password_hash).where(_U.c.id == user.id)).scalar()
    if stored is None or not verify_password(old[:200], stored):
        limits.fail(user.name, client)
        with write_transaction(engine) as conn:
            audit.record(conn, user.name, "user.password_refused", user.name, "", client)
        raise ConsoleError("当前密码不正确。", "The current password is wrong.", status=403)
    if new == old:
        raise ConsoleError("新密码须与当前密码不同。", "The new password must differ.")
    hashed = _new_hash(new, again, user.name)
    with write_transaction(engine) as conn:
        conn.execute(update(_U).where(_U.c.id == user.id).values(password_hash=hashed))
        _end_sessions(conn, user.id, keep=session_token)  # other browsers log in again
        audit.record(conn, user.name, "user.password", user.name, "", client)


def set_password(engine: Engine, name: str, password: str, *, by: str = "cli") -> None:
    """The admin command's reset (it runs with the database's own credentials)."""
    with write_transaction(engine) as conn:
        row = conn.execute(select(_U.c.id).where(_U.c.name == name.strip())).first()
        if row is None:
            raise ConsoleError(f"没有用户 {name}。", f"No user {name}.", status=404)
        hashed = _new_hash(password, None, name.strip())
        conn.execute(update(_U).where(_U.c.id == row.id).values(password_hash=hashed))
        _end_sessions(conn, row.id)
        audit.record(conn, by, "user.password_reset", name.strip(), "")


def set_active(
    engine: Engine,
    name: str,
    active: bool,
    *,
    by: ConsoleUser | None = None,
    client: str = "",
) -> None:
    """(De)activate the account ``name``: an officer's action, or the admin command's."""
    if by is not None:
        by.require_officer()
        if by.name == name:
            raise ConsoleError(
                "不能停用或启用自己的账户。", "You cannot deactivate or reactivate yourself."
            )
    with write_transaction(engine) as conn:
        row = conn.execute(select(_U).where(_U.c.name == name)).first()
        if row is None:
            raise ConsoleError(f"没有用户 {name[:60]}。", f"No user {name[:60]}.", status=404)
        if bool(row.active) == active:
            state = ("已是启用状态", "already active") if active else ("已停用", "already inactive")
            raise ConsoleError(f"用户 {name} {state[0]}。", f"{name} is {state[1]}.", status=409)
        if not active and row.role == "officer":
            others = conn.execute(
                select(func.count())
                .select_from(_U)
                .where(and_(_U.c.role == "officer", _U.c.active.is_(True), _U.c.id != row.id))
            ).scalar()
            if not others:
                raise ConsoleError(
                    "这是最后一位在用的主管，不能停用。",
                    "This is the last active officer; it cannot be deactivated.",
                    status=409,
                )
        conn.execute(update(_U).where(_U.c.id == row.id).values(active=active))
        if not active:
            _end_sessions(conn, row.id)
        action = "user.reactivate" if active else "user.deactivate"
        audit.record(conn, by.name if by else "cli", action, name, f"role={row.role}", client)
