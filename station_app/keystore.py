"""The station's secrets in the operating system's keyring — the only module using ``keyring``.

Two secrets live here: the station's Ed25519 signing key (whoever has it can print receipts
that verify as genuine) and the bearer token for syncing to the association.  Neither may
end up in a readable file by accident.  That is a real risk: merely having ``keyrings.alt``
installed makes ``PlaintextKeyring`` (base64 in ``~/.local/share``) the default keyring on
a Linux PC without GNOME Keyring/KWallet, silently.  So this module refuses plaintext and
"null" backends unless the user explicitly opted in, and turns every keyring failure into a
:class:`KeyringUnavailable` with a sentence the coordinator can act on.

Secret values are never logged, put in exception messages or in ``repr``.
"""

from __future__ import annotations

import logging
import os

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer as _chainer
from keyring.backends import fail as _fail
from keyring.backends import null as _null

from station_app.domain.errors import DomainError
from station_app.domain.signing import decode_key, encode_key

__all__ = ["ALLOW_PLAINTEXT_ENV", "KeyStore", "KeyringUnavailable"]

log = logging.getLogger(__name__)

#: Set to ``1`` to accept a plaintext file keyring (e.g. a kiosk PC without a desktop
#: keyring, where the disk itself is protected).  A deliberate, visible choice.
ALLOW_PLAINTEXT_ENV = "STATION_APP_ALLOW_PLAINTEXT_KEYRING"

_SERVICE_PREFIX = "donation-station-desk"
_SIGNING_KEY = "signing-key"
_SYNC_TOKEN = "sync-token"
_KEY_LENGTH = 32

_HOW_TO_FIX_ZH = (
    "请安装并解锁系统钥匙串（Windows 凭据管理器；Linux 上的 GNOME Keyring 或 KWallet；"
    "macOS 钥匙串）后重新打开本程序。若确需把密钥以明文文件保存，请设置环境变量 "
    f"{ALLOW_PLAINTEXT_ENV}=1 后再启动。"
)
_HOW_TO_FIX_EN = (
    "Install and unlock the system keyring (Windows Credential Manager; GNOME Keyring or "
    "KWallet on Linux; the macOS Keychain), then reopen the program. To knowingly keep the "
    f"keys in a plaintext file instead, start the program with {ALLOW_PLAINTEXT_ENV}=1."
)


class KeyringUnavailable(DomainError):
    """The station's secrets cannot be kept safely (no keyring, locked, or plaintext only)."""


def _plaintext_allowed_by_env() -> bool:
    return os.environ.get(ALLOW_PLAINTEXT_ENV, "").strip().lower() in ("1", "true", "yes")


def _describe(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_plaintext(backend: KeyringBackend) -> bool:
    """Backends that store secrets readable by anyone who can read the user's files."""
    return "plaintext" in type(backend).__name__.lower()


def _effective_backend(backend: KeyringBackend) -> KeyringBackend:
    """The backend that really stores our secrets.

    keyring's chainer writes to its highest-priority backend and reads from the first that
    answers; judging the chainer itself would hide a plaintext backend inside it.  We use
    the backend writes would go to directly, so reads and writes agree.
    """
    if isinstance(backend, _chainer.ChainerBackend):
        members = list(backend.backends)
        return members[0] if members else _fail.Keyring()
    return backend


class KeyStore:
    """The signing key and sync token of one station terminal, held in the system keyring.

    ``allow_plaintext`` ``None`` means "ask the environment" (``STATION_APP_ALLOW_PLAINTEXT_
    KEYRING=1``); tests and the CLI may pass ``True``/``False`` explicitly.  ``backend``
    lets a caller (tests) inject a keyring backend instead of the process-wide default.
    The backend is checked on every call, not cached, so a keyring unlocked or configured
    after start-up is picked up without restarting.
    """

    def __init__(
        self,
        station_code: str,
        *,
        allow_plaintext: bool | None = None,
        backend: KeyringBackend | None = None,
    ) -> None:
        if not station_code or not station_code.strip():
            raise ValueError("station_code is required")
        self.station_code = station_code.strip()
        self.service = f"{_SERVICE_PREFIX}/{self.station_code}"
        self._allow_plaintext = allow_plaintext
        self._backend = backend

    def __repr__(self) -> str:
        return f"KeyStore(service={self.service!r})"

    # -- backend choice --------------------------------------------------------------

    @property
    def plaintext_allowed(self) -> bool:
        """Whether a plaintext backend was explicitly accepted (argument, else environment)."""
        if self._allow_plaintext is not None:
            return self._allow_plaintext
        return _plaintext_allowed_by_env()

    def _raw_backend(self) -> KeyringBackend:
        if self._backend is not None:
            return self._backend
        try:
            return keyring.get_keyring()
        except Exception as exc:  # keyring's own initialisation can fail in many ways
            log.warning("keyring initialisation failed: %s", type(exc).__name__)
            return _fail.Keyring()

    def _usable_backend(self) -> KeyringBackend:
        """The backend to use, or :class:`KeyringUnavailable` saying why there is none."""
        backend = _effective_backend(self._raw_backend())
        name = _describe(backend)
        if isinstance(backend, _fail.Keyring):
            raise KeyringUnavailable(
                "keystore.no_backend",
                "找不到可用的系统钥匙串，无法安全保存本站点的签名密钥和同步令牌。" + _HOW_TO_FIX_ZH,
                "No usable system keyring was found, so the station's signing key and sync "
                "token cannot be stored safely. " + _HOW_TO_FIX_EN,
            )
        if isinstance(backend, _null.Keyring):
            # Storing the signing key in the null keyring would lose it silently, so this is
            # refused even when plaintext is allowed.
            raise KeyringUnavailable(
                "keystore.null_backend",
                "当前的钥匙串设置为“空”（null），保存的密钥会丢失。" + _HOW_TO_FIX_ZH,
                "The keyring is configured as 'null', which discards what is stored. "
                + _HOW_TO_FIX_EN,
            )
        if _is_plaintext(backend) and not self.plaintext_allowed:
            raise KeyringUnavailable(
                "keystore.plaintext_refused",
                f"唯一可用的钥匙串（{name}）会把密钥以明文保存在文件中，已拒绝使用。"
                + _HOW_TO_FIX_ZH,
                f"The only available keyring ({name}) keeps secrets in a plaintext file, so "
                "it was refused. " + _HOW_TO_FIX_EN,
            )
        return backend

    def backend_name(self) -> str:
        """Dotted class name of the keyring in use (for the settings page and logs).

        Raises :class:`KeyringUnavailable` when there is no acceptable backend, so the
        settings page can show the reason instead of a misleading name.
        """
        return _describe(self._usable_backend())

    # -- primitive operations --------------------------------------------------------

    def _failure(self, exc: Exception, action_zh: str, action_en: str) -> KeyringUnavailable:
        # Only the exception type is logged: some backends echo values in messages.
        log.warning("keyring %s failed for %s: %s", action_en, self.service, type(exc).__name__)
        return KeyringUnavailable(
            "keystore.access_failed",
            f"{action_zh}失败：系统钥匙串无法访问或已锁定（{type(exc).__name__}）。"
            + _HOW_TO_FIX_ZH,
            f"Could not {action_en}: the system keyring is not reachable or is locked "
            f"({type(exc).__name__}). " + _HOW_TO_FIX_EN,
        )

    def _get(self, username: str) -> str | None:
        backend = self._usable_backend()
        try:
            return backend.get_password(self.service, username)
        except keyring.errors.KeyringError as exc:
            raise self._failure(exc, "读取密钥", "read the station's secrets") from None

    def _set(self, username: str, value: str) -> None:
        backend = self._usable_backend()
        try:
            backend.set_password(self.service, username, value)
        except (keyring.errors.KeyringError, NotImplementedError) as exc:
            raise self._failure(exc, "保存密钥", "save the station's secrets") from None
        log.info("stored %s for %s in %s", username, self.service, _describe(backend))

    # -- public API ------------------------------------------------------------------

    def get_signing_key(self) -> bytes | None:
        """The raw 32-byte Ed25519 private key, or ``None`` before enrolment."""
        text = self._get(_SIGNING_KEY)
        if text is None:
            return None
        try:
            key = decode_key(text)
        except ValueError:
            key = b""
        if len(key) != _KEY_LENGTH:
            raise KeyringUnavailable(
                "keystore.corrupt_key",
                "钥匙串中保存的签名密钥已损坏，无法使用。请联系慈善会重新登记本站点。",
                "The signing key stored in the keyring is damaged and cannot be used. "
                "Ask the association to enrol this station again.",
            )
        return key

    def set_signing_key(self, key: bytes) -> None:
        """Store the raw 32-byte private key (base64 text in the keyring)."""
        if not isinstance(key, bytes | bytearray) or len(key) != _KEY_LENGTH:
            raise ValueError("a signing key is exactly 32 raw bytes")
        self._set(_SIGNING_KEY, encode_key(bytes(key)))

    def get_sync_token(self) -> str | None:
        """The association's bearer token, or ``None`` if not enrolled / after sign-out."""
        return self._get(_SYNC_TOKEN)

    def set_sync_token(self, token: str) -> None:
        """Store the bearer token returned by enrolment."""
        if not isinstance(token, str) or not token:
            raise ValueError("a sync token is a non-empty string")
        self._set(_SYNC_TOKEN, token)

    def delete_sync_token(self) -> None:
        """Forget the sync token (e.g. re-enrolment); a missing token is not an error."""
        backend = self._usable_backend()
        try:
            backend.delete_password(self.service, _SYNC_TOKEN)
        except keyring.errors.PasswordDeleteError:
            return
        except keyring.errors.KeyringError as exc:
            raise self._failure(exc, "删除同步令牌", "delete the sync token") from None
