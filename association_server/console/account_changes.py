"""Changing console accounts: one's own password; an officer (or the admin command)
creating an account, resetting another's password, deactivating or reactivating one —
each change audited in its transaction.

A password change needs the current password (a session left open on a shared PC must
not be enough to take the account over), counts a wrong one like a wrong login, and
ends the account's other sessions.  A deactivated account's sessions end at once (and
:func:`~association_server.console.sessions.session_user` checks ``active`` on every
request anyway); the last active officer cannot be deactivated, so the association never
locks itself out of its own console.  An officer's changes to other accounts need the
officer's own password in the same form, checked and throttled like a login: a session
cookie left in a browser, or stolen, is not enough to create an officer or to take over
someone's account by resetting its password.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, func, select, update

from association_server import security
from association_server.clock import now_iso
from association_server.console import audit
from association_server.console.accounts import (
    ConsoleUser,
    LoginLimits,
    add_user,
    too_many_attempts,
)
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
    if again is not None:
        _same_twice(password, again)
    try:
        return hash_password(password, name=name)
    except ValidationError as err:
        raise ConsoleError(err.message_zh, err.message_en) from None


def _end_sessions(conn: Connection, user_id: int, *, keep: str | None = None) -> None:
    live = and_(_S.c.user_id == user_id, _S.c.ended_at.is_(None))
    if keep is not None:
        live = and_(live, _S.c.token_hash != security.digest(keep))
    conn.execute(update(_S).where(live).values(ended_at=now_iso()))


def _prove_password(
    engine: Engine, limits: LoginLimits, user: ConsoleUser, password: str, client: str
) -> None:
    """Refuse (403, counted and audited like a failed login) unless ``password`` is the
    signed-in user's own."""
    too_many_attempts(limits, user.name, client)
    with read_transaction(engine) as conn:
        stored = conn.execute(
            select(_U.c.password_hash).where(and_(_U.c.id == user.id, _U.c.active.is_(True)))
        ).scalar()
    if stored is None or not verify_password(password[:200], stored):
        limits.fail(user.name, client)
        with write_transaction(engine) as conn:
            audit.record(conn, user.name, "user.password_refused", user.name, "", client)
        raise ConsoleError("当前密码不正确。", "The current password is wrong.", status=403)


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
    _prove_password(engine, limits, user, old, client)
    if new == old:
        raise ConsoleError("新密码须与当前密码不同。", "The new password must differ.")
    hashed = _new_hash(new, again, user.name)
    with write_transaction(engine) as conn:
        conn.execute(update(_U).where(_U.c.id == user.id).values(password_hash=hashed))
        _end_sessions(conn, user.id, keep=session_token)  # other browsers log in again
        audit.record(conn, user.name, "user.password", user.name, "", client)


def _same_twice(password: str, again: str) -> None:
    if password != again:
        raise ConsoleError("两次输入的新密码不一致。", "The two new passwords differ.")


def create_account(
    engine: Engine,
    limits: LoginLimits,
    by: ConsoleUser,
    *,
    name: str,
    role: str,
    password: str,
    again: str,
    own_password: str,
    client: str,
) -> int:
    """An officer creates a colleague's account, proving their own password first."""
    by.require_officer()
    _prove_password(engine, limits, by, own_password, client)
    _same_twice(password, again)
    return add_user(engine, name, password, role, by=by.name, client=client)


def reset_password(
    engine: Engine,
    limits: LoginLimits,
    by: ConsoleUser,
    *,
    name: str,
    password: str,
    again: str,
    own_password: str,
    client: str,
) -> None:
    """An officer sets a new password for a colleague who forgot theirs (their sessions
    end); one's own password is changed with the current one instead."""
    by.require_officer()
    if name.strip() == by.name:
        raise ConsoleError(
            "自己的密码请在上方“修改我的密码”中修改。",
            "Change your own password with the form above.",
        )
    _prove_password(engine, limits, by, own_password, client)
    _same_twice(password, again)
    set_password(engine, name, password, by=by.name, client=client)


def set_password(
    engine: Engine, name: str, password: str, *, by: str = "cli", client: str = ""
) -> None:
    """Set ``name``'s password and end its sessions: the admin command's reset (it runs
    with the database's own credentials) and, through :func:`reset_password`, an
    officer's."""
    with write_transaction(engine) as conn:
        row = conn.execute(select(_U.c.id).where(_U.c.name == name.strip())).first()
        if row is None:
            raise ConsoleError(f"没有用户 {name}。", f"No user {name}.", status=404)
        hashed = _new_hash(password, None, name.strip())
        conn.execute(update(_U).where(_U.c.id == row.id).values(password_hash=hashed))
        _end_sessions(conn, row.id)
        audit.record(conn, by, "user.password_reset", name.strip(), "", client)


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
