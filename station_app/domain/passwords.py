"""Operator passwords: the rules a new one must meet, and how it is kept (scrypt).

Station PCs are shared office machines; a copied database must not give away the
passwords, so only a salted, deliberately slow hash is stored (scrypt, N=2^15, r=8:
about 32 MiB and a tenth of a second per check, which is nothing for a person logging
in and a lot for someone guessing).  Hashes made with weaker settings still verify and
are replaced at the next successful login (:func:`needs_rehash`).

The ledger never carries a hash, only its :func:`fingerprint`: a SHA-256 of the whole
stored string.  The salt is inside that string, so the fingerprint gives a guesser
nothing to work with, while the row check can still tell that a hash was swapped.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from station_app.domain.errors import ValidationError

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024  # scrypt needs 128 * N * r bytes = 32 MiB; OpenSSL's default cap is 32
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
#: The password every demo account has (README); refused for any other account.
DEMO_PASSWORD = "demo1234"
_COMMON = frozenset(
    {
        DEMO_PASSWORD,
        "12345678",
        "123456789",
        "1234567890",
        "87654321",
        "password",
        "password1",
        "qwertyui",
        "qwerty123",
        "abcd1234",
        "abc12345",
        "11111111",
        "88888888",
        "66666666",
        "a1234567",
        "iloveyou",
        "woaini1314",
        "admin123",
        "admin888",
    }
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _refuse(code: str, zh: str, en: str) -> ValidationError:
    return ValidationError(f"password.{code}", zh, en, field="password")


def check_password_rules(password: str, *, name: str = "", demo: bool = False) -> None:
    """Refuse a password that is short, common, or the person's own name.

    ``demo`` is only for the accounts of the demo station, which share
    :data:`DEMO_PASSWORD` so a newcomer can try every role.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise _refuse(
            "too_short",
            f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符",
            f"A password needs at least {MIN_PASSWORD_LENGTH} characters.",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise _refuse(
            "too_long",
            f"密码最多 {MAX_PASSWORD_LENGTH} 个字符",
            f"A password can have at most {MAX_PASSWORD_LENGTH} characters.",
        )
    if demo and password == DEMO_PASSWORD:
        return
    lowered = password.lower()
    if lowered in _COMMON or len(set(password)) == 1:
        raise _refuse(
            "too_common",
            "这个密码太常见,很容易被猜到,请换一个",
            "This password is too common and easy to guess; choose another.",
        )
    if name and name.strip() and name.strip().lower() in lowered:
        raise _refuse(
            "contains_name",
            "密码不能包含自己的姓名",
            "A password must not contain the person's name.",
        )


def hash_password(password: str, *, name: str = "", demo: bool = False) -> str:
    check_password_rules(password, name=name, demo=demo)
    salt = os.urandom(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        maxmem=_MAXMEM,
        dklen=32,
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, digest = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
        cost = int(n)
        if not 2**10 <= cost <= 2**20:
            return False  # a tampered row must not make every login take minutes
        candidate = hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=cost,
            r=int(r),
            p=int(p),
            maxmem=4 * _MAXMEM,
            dklen=len(digest),
        )
    except (ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(candidate, digest)


def needs_rehash(stored: str) -> bool:
    """True for a hash made with weaker settings than today's."""
    try:
        scheme, n, r, p, _salt, _digest = stored.split("$")
        return scheme != "scrypt" or (int(n), int(r), int(p)) < (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    except ValueError:
        return True


def fingerprint(stored_hash: str) -> str:
    """What the ledger says about a password hash: enough to notice a swap, nothing more."""
    return hashlib.sha256(stored_hash.encode("utf-8")).hexdigest()
