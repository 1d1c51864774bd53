"""Operator passwords, hashed with scrypt from the standard library.

Station PCs are shared office machines; a copied database must not give away the
passwords, so only a salted, deliberately slow hash is stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from station_app.domain.errors import ValidationError

_N, _R, _P = 2**14, 8, 1
MIN_PASSWORD_LENGTH = 6


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password.too_short",
            f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符",
            f"A password needs at least {MIN_PASSWORD_LENGTH} characters.",
            field="password",
        )


def hash_password(password: str) -> str:
    check_password_rules(password)
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, digest = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
        candidate = hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(digest)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, digest)
