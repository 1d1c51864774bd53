"""The station's secrets sealed with a passphrase, for moving a station to a new PC.

The signing key lets its holder print receipts that verify as genuine, so it never
travels as plain text: it is encrypted with AES-256-GCM under a key derived from the
coordinator's passphrase by scrypt.  The station code and public key are bound in as
associated data, so an envelope cannot be passed off as another station's.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from station_app.domain.errors import ValidationError

FORMAT = "donation-station-desk/keys-v1"
MIN_PASSPHRASE = 10
_N, _R, _P = 2**15, 8, 1


@dataclass(frozen=True, slots=True)
class StationSecrets:
    signing_key: bytes
    sync_token: str | None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(passphrase: str, salt: bytes, n: int = _N, r: int = _R, p: int = _P) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(station_code: str, public_key: str) -> bytes:
    return f"{FORMAT}|{station_code}|{public_key}".encode()


def seal(secrets: StationSecrets, passphrase: str, *, station_code: str, public_key: str) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            "keys.short_passphrase",
            f"口令至少需要 {MIN_PASSPHRASE} 个字符",
            f"The passphrase needs at least {MIN_PASSPHRASE} characters.",
            field="passphrase",
        )
    salt, nonce = os.urandom(16), os.urandom(12)
    plain = json.dumps(
        {"signing_key": _b64(secrets.signing_key), "sync_token": secrets.sync_token}
    ).encode()
    sealed = AESGCM(_derive(passphrase, salt)).encrypt(nonce, plain, _aad(station_code, public_key))
    return json.dumps(
        {
            "format": FORMAT,
            "station": station_code,
            "public_key": public_key,
            "kdf": {"name": "scrypt", "n": _N, "r": _R, "p": _P, "salt": _b64(salt)},
            "nonce": _b64(nonce),
            "ciphertext": _b64(sealed),
        },
        indent=1,
    ).encode()


def envelope_station(data: bytes) -> tuple[str, str]:
    """(station code, public key) named by an envelope, without opening it."""
    try:
        doc = json.loads(data)
        if doc.get("format") != FORMAT:
            raise ValueError
        return str(doc["station"]), str(doc["public_key"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ValidationError(
            "keys.bad_file",
            "这不是本程序导出的密钥文件",
            "This is not a key file exported by this program.",
        ) from None


def open_envelope(data: bytes, passphrase: str) -> StationSecrets:
    station, public_key = envelope_station(data)
    doc = json.loads(data)
    try:
        kdf = doc["kdf"]
        key = _derive(
            passphrase, base64.b64decode(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        )
        plain = AESGCM(key).decrypt(
            base64.b64decode(doc["nonce"]),
            base64.b64decode(doc["ciphertext"]),
            _aad(station, public_key),
        )
    except InvalidTag:
        raise ValidationError(
            "keys.wrong_passphrase",
            "口令不正确,或密钥文件已被改动",
            "The passphrase is wrong, or the key file was changed.",
            field="passphrase",
        ) from None
    except (ValueError, KeyError, TypeError):
        raise ValidationError(
            "keys.bad_file", "密钥文件已损坏", "The key file is damaged."
        ) from None
    inner = json.loads(plain)
    return StationSecrets(base64.b64decode(inner["signing_key"]), inner.get("sync_token"))
