"""Console accounts: creating staff, checking a password with throttling, and roles.

Passwords are kept as on the station (:mod:`station_app.domain.passwords`, scrypt with
the same rules), so one policy covers every password of the project.  Wrong passwords
are counted per account name and per client address (in the database, so several
receiver processes share the count: :mod:`association_server.console.login_limits`), and
a locked name or address is refused after one indexed read, before any hash is
computed, so guessing costs the guesser time and the server next to nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, insert, select, update

from association_server.clock import now_iso
from association_server.console import audit
from association_server.console.errors import ConsoleError, NotAllowed
from association_server.console.login_limits import Limiter, SharedFailureLimiter
from association_server.console.tables import ROLES, ConsoleUserRow
from association_server.db import read_transaction, write_transaction
from association_server.enrol_limits import FailureLimiter
from station_app.domain.errors import ValidationError
from station_app.domain.passwords import hash_password, needs_rehash, verify_password
from station_app.storage.rows import inserted_id

_U = ConsoleUserRow.__table__
#: (failures, window seconds, lockout seconds) per account name and per client address.
NAME_LIMIT = (5, 600.0, 900.0)
CLIENT_LIMIT = (20, 600.0, 900.0)
#: Computed once so an unknown name costs as much as a known one (no timing oracle).
_DUMMY_HASH = "scrypt$32768$8$1$" + "A" * 22 + "==$" + "A" * 43 + "="


@dataclass(frozen=True, slots=True)
class ConsoleUser:
    id: int
    name: str
    role: str

    @property
    def officer(self) -> bool:
        return self.role == "officer"

    def require_officer(self) -> None:
        if not self.officer:
            raise NotAllowed()


@dataclass
class LoginLimits:
    """Wrong passwords allowed per account name and per client address."""

    names: Limiter
    clients: Limiter

    @classmethod
    def default(cls) -> LoginLimits:
        """Counted in this process's memory (one process, and tests of the rules)."""
        return cls(FailureLimiter(*NAME_LIMIT), FailureLimiter(*CLIENT_LIMIT))

    @classmethod
    def shared(cls, engine: Engine) -> LoginLimits:
        """Counted in the database: what the console uses, so every process agrees."""
        return cls(
            SharedFailureLimiter(engine, "name", *NAME_LIMIT),
            SharedFailureLimiter(engine, "client", *CLIENT_LIMIT),
        )

    def retry_after(self, name: str, client: str) -> int:
        return max(self.names.retry_after(name.lower()), self.clients.retry_after(client))

    def fail(self, name: str, client: str) -> None:
        self.names.fail(name.lower())
        self.clients.fail(client)


def _clean_name(name: str) -> str:
    name = name.strip()
    if not 1 <= len(name) <= 60 or not name.isprintable():
        raise ConsoleError(
            "用户名需为 1 至 60 个可见字符。", "A name has 1 to 60 visible characters."
        )
    return name


def add_user(
    engine: Engine, name: str, password: str, role: str, *, by: str = "cli", client: str = ""
) -> int:
    """Create a staff account: the first officer comes from the admin command, later
    ones from an officer on the accounts page (``account_changes.create_account``)."""
    name = _clean_name(name)
    if role not in ROLES:
        raise ConsoleError("角色须为 viewer 或 officer。", "The role must be viewer or officer.")
    try:
        stored = hash_password(password, name=name)
    except ValidationError as err:
        raise ConsoleError(err.message_zh, err.message_en) from None
    with write_transaction(engine) as conn:
        if conn.execute(select(_U.c.id).where(_U.c.name == name)).first():
            raise ConsoleError(f"用户 {name} 已存在。", f"User {name} already exists.", status=409)
        user_id = inserted_id(
            conn.execute(
                insert(_U).values(
                    name=name, role=role, password_hash=stored, active=True, created_at=now_iso()
                )
            )
        )
        audit.record(conn, by, "user.add", name, f"role={role}", client)
    return int(user_id)


def too_many_attempts(limits: LoginLimits, name: str, client: str) -> None:
    """Refuse at once (429) while the name or the address is locked out."""
    wait = limits.retry_after(name, client)
    if wait:
        raise ConsoleError(
            f"尝试次数过多，请 {wait} 秒后再试。",
            f"Too many attempts; try again in {wait} seconds.",
            status=429,
        )


def authenticate(
    engine: Engine, limits: LoginLimits, name: str, password: str, client: str
) -> ConsoleUser:
    """The account for ``name`` if ``password`` is right; refused (and counted) otherwise."""
    name = name.strip()[:60]
    too_many_attempts(limits, name, client)
    with read_transaction(engine) as conn:
        row = conn.execute(select(_U).where(_U.c.name == name)).first()
    ok = verify_password(password[:200], row.password_hash if row else _DUMMY_HASH)
    if row is None or not ok or not row.active:
        limits.fail(name, client)
        with write_transaction(engine) as conn:
            audit.record(conn, name or "-", "login.failed", name or "-", "", client)
        raise ConsoleError("用户名或密码不正确。", "Wrong name or password.", status=401)
    with write_transaction(engine) as conn:
        if needs_rehash(row.password_hash):
            conn.execute(
                update(_U)
                .where(_U.c.id == row.id)
                .values(password_hash=hash_password(password, name=name))
            )
        audit.record(conn, row.name, "login", row.name, "", client)
    return ConsoleUser(row.id, row.name, row.role)


def list_users(engine: Engine) -> list[ConsoleUser]:
    with read_transaction(engine) as conn:
        rows = conn.execute(select(_U).where(_U.c.active.is_(True)).order_by(_U.c.name)).all()
    return [ConsoleUser(r.id, r.name, r.role) for r in rows]
