"""Who is acting: a session that only a checked password can make.

Every service that changes or reveals records takes an :class:`OperatorSession`, and
:func:`authenticate` is the only way to get one: the name and password are checked in
that call.  A service re-reads the account inside its own transaction
(:func:`require_session`), so a session stops working the moment the account is
switched off or its password is changed or reset, and the role that counts is the one
the database holds now, not the one the UI remembers.

Guessing is slowed down: after :data:`FREE_ATTEMPTS` wrong passwords for a name, each
further try waits (30 s, doubling, at most 15 minutes), in the desk and the CLI alike,
and every lockout is ledgered so the association sees it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, insert, select, update

from station_app.domain.donations import MAX_NAME, clean_text
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import PermissionDenied
from station_app.domain.passwords import (
    fingerprint,
    hash_password,
    needs_rehash,
    verify_password,
)
from station_app.domain.roles import Action, Role, require
from station_app.domain.station_time import from_iso, to_iso, utc_now
from station_app.services.ledger_writer import append_entry
from station_app.services.records import OperatorInfo
from station_app.storage import raw_sql
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import station_code_or_none
from station_app.storage.models import LoginThrottle, Operator
from station_app.storage.rows import AnyRow

_OP, _TH = Operator.__table__, LoginThrottle.__table__
Clock = Callable[[], datetime]

FREE_ATTEMPTS = 5
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(minutes=15)
# Sessions are sealed with a secret of this process: one made any other way than by
# authenticate() (or copied with a field changed) does not construct.
_SEAL_KEY = os.urandom(32)
# A real hash to check wrong names against, so a missing account costs as long as a
# wrong password (no telling which names exist by the time it takes).
_DUMMY_HASH = (
    "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
)


@dataclass(frozen=True, slots=True)
class OperatorSession:
    """A person who proved who they are, for one station.

    ``credential`` is the fingerprint of the password hash the login was checked
    against; it ties the session to that password.
    """

    id: int
    name: str
    role: Role
    credential: str = field(repr=False)
    station_code: str | None
    _seal: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        expected = _seal_of(self.id, self.name, self.role, self.credential, self.station_code)
        if not hmac.compare_digest(self._seal, expected):
            raise TypeError("an OperatorSession is made only by authenticate()")

    @property
    def info(self) -> OperatorInfo:
        return OperatorInfo(self.id, self.name, self.role, True)


def _seal_of(op_id: int, name: str, role: Role, credential: str, code: str | None) -> str:
    text = "\x00".join((str(op_id), name, str(role), credential, code or ""))
    return hmac.new(_SEAL_KEY, text.encode("utf-8"), hashlib.sha256).hexdigest()


def _login_failed() -> PermissionDenied:
    return PermissionDenied(
        "login.failed", "姓名或密码不正确", "The name or password is not correct.", field="password"
    )


def _throttled(until: datetime, now: datetime) -> PermissionDenied:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    return PermissionDenied(
        "login.throttled",
        f"密码错误次数过多,请 {minutes} 分钟后再试。如忘记密码,请站点负责人重置",
        f"Too many wrong passwords; try again in {minutes} minute(s). If the password is "
        "forgotten, ask the coordinator to reset it.",
        field="password",
    )


def lock_length(failures: int) -> timedelta | None:
    """How long a name is locked after ``failures`` wrong passwords in a row."""
    if failures < FREE_ATTEMPTS:
        return None
    return min(LONGEST_LOCK, FIRST_LOCK * (1 << (failures - FREE_ATTEMPTS)))


def _record_failure(db: StationDatabase, name: str, now: datetime, channel: str) -> datetime | None:
    at = to_iso(now)
    with db.write() as conn:
        row = conn.execute(select(_TH).where(_TH.c.name == name)).first()
        failures = (row.failures if row else 0) + 1
        length = lock_length(failures)
        until = to_iso(now + length) if length else None
        values = {"failures": failures, "locked_until": until, "last_failure_at": at}
        if row is None:
            conn.execute(insert(_TH).values(name=name, **values))
        else:
            conn.execute(update(_TH).where(_TH.c.name == name).values(**values))
        code = station_code_or_none(conn)
        if until is not None and code is not None:
            append_entry(
                conn,
                type=EntryType.OPERATOR_LOCKED_OUT,
                at=at,
                station_code=code,
                data={"name": name, "failures": failures, "until": until, "channel": channel},
            )
    return now + length if length else None


def _after_success(db: StationDatabase, row: AnyRow, password: str, now: datetime) -> str:
    """Clear the name's failures; move an old-style hash to today's settings.

    Returns the password hash the session is bound to.
    """
    stored: str = row.password_hash
    name: str = row.name
    rehash = needs_rehash(stored)
    with db.write() as conn:
        conn.execute(delete(_TH).where(_TH.c.name == name))
        if rehash:
            fresh = hash_password(password, name=name, demo=True)  # already in use: keep it
            append_entry(
                conn,
                type=EntryType.OPERATOR_PASSWORD_CHANGED,
                at=to_iso(now),
                station_code=station_code_or_none(conn) or "",
                data={
                    "name": name,
                    "by": name,
                    "reset": False,
                    "password_fingerprint": fingerprint(fresh),
                },
            )
            conn.execute(update(_OP).where(_OP.c.name == name).values(password_hash=fresh))
            return fresh
    return stored


def authenticate(
    db: StationDatabase,
    name: str,
    password: str,
    *,
    channel: str = "desk",
    clock: Clock = utc_now,
) -> OperatorSession:
    """A session for a correct name and password; one vague refusal otherwise.

    The slow hash runs outside any write lock.  ``channel`` ("desk" or "cli") is what a
    lockout entry says the guessing came through.
    """
    typed = clean_text(name)[:MAX_NAME]
    now = clock().replace(microsecond=0)
    with db.read() as conn:
        row = conn.execute(select(_OP).where(_OP.c.name == typed)).first()
        throttle = conn.execute(select(_TH.c.locked_until).where(_TH.c.name == typed)).first()
        code = station_code_or_none(conn)
    if throttle is not None and throttle.locked_until:
        until = from_iso(throttle.locked_until)
        if until > now:
            raise _throttled(until, now)
    good = verify_password(password, row.password_hash if row is not None else _DUMMY_HASH)
    if row is None or not row.active or not good:
        if typed:
            locked_until = _record_failure(db, typed, now, channel)
            if locked_until is not None:
                raise _throttled(locked_until, now)
        raise _login_failed()
    bound = row.password_hash
    if throttle is not None or needs_rehash(bound):
        bound = _after_success(db, row, password, now)
    role, credential = Role(row.role), fingerprint(bound)
    return OperatorSession(
        row.id, row.name, role, credential, code, _seal_of(row.id, row.name, role, credential, code)
    )


def session_expired() -> PermissionDenied:
    return PermissionDenied(
        "session.expired",
        "登录已失效(账号已停用或密码已更改),请重新登录",
        "This login is no longer valid (the account was switched off or its password "
        "changed); please log in again.",
    )


def require_session(
    conn: Connection, session: OperatorSession, action: Action | None = None
) -> OperatorInfo:
    """The acting person, re-read in the caller's transaction, allowed ``action``.

    Refuses anything that is not a session from :func:`authenticate`, an account that
    is gone, switched off or has another password now, and a role the rules of
    :mod:`station_app.domain.roles` do not allow.
    """
    if not isinstance(session, OperatorSession):
        raise PermissionDenied(
            "session.required",
            "这项操作需要先用自己的姓名和密码登录",
            "This action needs a login with your own name and password.",
        )
    row = raw_sql.operator_with_hash(conn, session.id)  # on the hot path of every action
    if row is None:
        raise session_expired()
    op_id, name, role_text, active, password_hash = row
    if not active or name != session.name or fingerprint(password_hash) != session.credential:
        raise session_expired()
    role = Role(role_text)
    if action is not None:
        require(role, action)
    return OperatorInfo(op_id, name, role, True)
