"""Console sessions: a random token in a signed, HttpOnly, SameSite=Strict cookie.

The cookie is ``token.mac`` where ``mac`` is an HMAC-SHA256 of the token under a server
secret kept outside the database (a file, see :func:`load_secret`): a copied database
gives no session (only the token's SHA-256 is stored), and a cookie someone made up is
refused before the database is asked.  The database row makes logout and expiry real.

CSRF: every form carries a token derived from the session (HMAC of the session token),
and the cookie is SameSite=Strict; a POST without the right token changes nothing.
The login form, which has no session yet, is bound the same way to a short-lived
pre-login cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, and_, insert, select, update

from association_server import security
from association_server.clock import now_iso
from association_server.console.accounts import ConsoleUser
from association_server.console.tables import ConsoleSessionRow, ConsoleUserRow
from association_server.db import read_transaction, write_transaction
from station_app.domain.station_time import to_iso

log = logging.getLogger(__name__)
_S, _U = ConsoleSessionRow.__table__, ConsoleUserRow.__table__
COOKIE = "console_session"
LOGIN_COOKIE = "console_login"
SESSION_HOURS = 12


def load_secret(path: str | None) -> bytes:
    """The signing secret: read from ``path`` (created there, mode 0600, if missing).

    Without a path the secret is random per process: sessions then end when the receiver
    restarts and are not shared between processes, which is said in the log.
    """
    if not path:
        log.warning("console: no --console-secret-file; sessions last until this process ends")
        return secrets.token_bytes(32)
    target = Path(path)
    if not target.exists():
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32).hex().encode("ascii"))
    raw = target.read_bytes().strip()
    if len(raw) < 32:
        raise ValueError(f"console secret file {path} holds less than 32 characters")
    return raw


class SessionSigner:
    """Signs and checks cookies and CSRF tokens with the server secret."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, purpose: str, value: str) -> str:
        message = f"{purpose}|{value}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def cookie(self, token: str) -> str:
        return f"{token}.{self._mac('session', token)}"

    def token_from_cookie(self, cookie: str | None) -> str | None:
        if not cookie or len(cookie) > 200:
            return None
        token, _, mac = cookie.rpartition(".")
        if not token or not hmac.compare_digest(mac, self._mac("session", token)):
            return None
        return token

    def csrf(self, token: str) -> str:
        return self._mac("csrf", token)[:40]

    def csrf_ok(self, token: str, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(self.csrf(token), given or "")


def start_session(engine: Engine, user: ConsoleUser) -> str:
    """A new session for ``user``; returns its token (put in the cookie, signed)."""
    token = secrets.token_urlsafe(32)
    expires = to_iso(datetime.now(UTC) + timedelta(hours=SESSION_HOURS))
    with write_transaction(engine) as conn:
        conn.execute(
            insert(_S).values(
                token_hash=security.digest(token),
                user_id=user.id,
                created_at=now_iso(),
                expires_at=expires,
            )
        )
    return token


def session_user(engine: Engine, token: str) -> ConsoleUser | None:
    """Who a live session belongs to (not ended, not expired, account active)."""
    with read_transaction(engine) as conn:
        row = conn.execute(
            select(_U.c.id, _U.c.name, _U.c.role)
            .select_from(_S.join(_U, _U.c.id == _S.c.user_id))
            .where(
                and_(
                    _S.c.token_hash == security.digest(token),
                    _S.c.ended_at.is_(None),
                    _S.c.expires_at > now_iso(),
                    _U.c.active.is_(True),
                )
            )
        ).first()
    return ConsoleUser(row.id, row.name, row.role) if row else None


def end_session(engine: Engine, token: str) -> None:
    with write_transaction(engine) as conn:
        conn.execute(
            update(_S)
            .where(and_(_S.c.token_hash == security.digest(token), _S.c.ended_at.is_(None)))
            .values(ended_at=now_iso())
        )
