"""The keystore refuses to keep the station's secrets in plaintext unless told to.

Each test points HOME (and the XDG data dir) at its own temporary directory and sets the
keyring backend explicitly; the fixture restores the process-wide keyring afterwards, so
no test leaks its choice to another.  Nothing here touches the real user's keyring.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest
from keyring.backends import fail, null
from keyrings.alt.file import PlaintextKeyring

from station_app.domain.signing import generate_private_key
from station_app.keystore import ALLOW_PLAINTEXT_ENV, KeyringUnavailable, KeyStore

STATION = "GZ-YX-0012"


@pytest.fixture(autouse=True)
def isolated_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Private HOME, no inherited backend/opt-in variables, global keyring restored."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.delenv(ALLOW_PLAINTEXT_ENV, raising=False)
    previous = keyring.get_keyring()
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def use_backend(backend: keyring.backend.KeyringBackend) -> None:
    keyring.set_keyring(backend)


def test_plaintext_backend_is_refused_without_opt_in(tmp_path: Path) -> None:
    use_backend(PlaintextKeyring())
    store = KeyStore(STATION)
    with pytest.raises(KeyringUnavailable) as info:
        store.set_signing_key(generate_private_key())
    err = info.value
    assert err.code == "keystore.plaintext_refused"
    assert ALLOW_PLAINTEXT_ENV in err.message("zh") and ALLOW_PLAINTEXT_ENV in err.message("en")
    assert "Windows" in err.message("en") and "GNOME Keyring" in err.message("en")
    assert "钥匙串" in err.message("zh")
    with pytest.raises(KeyringUnavailable):
        store.get_sync_token()
    with pytest.raises(KeyringUnavailable):
        store.backend_name()
    assert not list(tmp_path.rglob("keyring_pass.cfg")), "nothing may be written"


def test_plaintext_refused_when_explicitly_false_even_with_env(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ALLOW_PLAINTEXT_ENV, "1")
    use_backend(PlaintextKeyring())
    with pytest.raises(KeyringUnavailable):
        KeyStore(STATION, allow_plaintext=False).get_signing_key()


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_plaintext_works_when_allowed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, how: str
) -> None:
    use_backend(PlaintextKeyring())
    if how == "argument":
        store = KeyStore(STATION, allow_plaintext=True)
    else:
        monkeypatch.setenv(ALLOW_PLAINTEXT_ENV, "1")
        store = KeyStore(STATION)
    assert store.backend_name() == "keyrings.alt.file.PlaintextKeyring"
    assert store.get_signing_key() is None
    assert store.get_sync_token() is None

    key = generate_private_key()
    store.set_signing_key(key)
    store.set_sync_token("tok-123")
    # A fresh object reads what the first stored (as the app does after a restart).
    again = KeyStore(STATION, allow_plaintext=True)
    assert again.get_signing_key() == key
    assert again.get_sync_token() == "tok-123"
    assert KeyStore("GZ-YX-0099", allow_plaintext=True).get_signing_key() is None

    again.delete_sync_token()
    assert again.get_sync_token() is None
    again.delete_sync_token()  # deleting what is gone is not an error
    assert again.get_signing_key() == key

    stored = list(tmp_path.rglob("keyring_pass.cfg"))
    assert stored and all(p.is_relative_to(tmp_path) for p in stored)
    assert "GZ_2DYX_2D0012" in stored[0].read_text()  # the ini-escaped service name


def test_fail_backend_gives_clear_error_not_crash() -> None:
    use_backend(fail.Keyring())
    store = KeyStore(STATION)
    for call in (
        store.get_signing_key,
        store.get_sync_token,
        store.delete_sync_token,
        store.backend_name,
        lambda: store.set_sync_token("t"),
        lambda: store.set_signing_key(generate_private_key()),
    ):
        with pytest.raises(KeyringUnavailable) as info:
            call()
        assert info.value.code == "keystore.no_backend"
        assert "Credential Manager" in info.value.message("en")
        assert "KWallet" in info.value.message("zh")
    # Opting into plaintext does not conjure a keyring out of nothing.
    with pytest.raises(KeyringUnavailable):
        KeyStore(STATION, allow_plaintext=True).get_signing_key()


def test_null_backend_is_refused_even_with_opt_in() -> None:
    use_backend(null.Keyring())
    with pytest.raises(KeyringUnavailable) as info:
        KeyStore(STATION, allow_plaintext=True).set_sync_token("t")
    assert info.value.code == "keystore.null_backend"


class _LockedKeyring(keyring.backend.KeyringBackend):
    """A secure-looking backend that fails like a locked GNOME Keyring."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


def test_locked_keyring_becomes_keyring_unavailable() -> None:
    store = KeyStore(STATION, backend=_LockedKeyring())
    with pytest.raises(KeyringUnavailable) as info:
        store.get_signing_key()
    assert info.value.code == "keystore.access_failed"
    with pytest.raises(KeyringUnavailable):
        store.set_sync_token("t")


class _MemoryKeyring(keyring.backend.KeyringBackend):
    """Stands in for a real OS keyring (Windows Credential Manager, Secret Service)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.data[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("missing") from None


def test_secure_backend_needs_no_opt_in_and_secrets_are_not_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    memory = _MemoryKeyring()
    use_backend(memory)
    store = KeyStore(STATION)
    key = generate_private_key()
    with caplog.at_level(logging.DEBUG):
        store.set_signing_key(key)
        store.set_sync_token("secret-token-value")
        assert store.get_signing_key() == key
    assert ("donation-station-desk/GZ-YX-0012", "signing-key") in memory.data
    assert "secret-token-value" not in caplog.text
    assert memory.data[("donation-station-desk/GZ-YX-0012", "signing-key")] not in caplog.text
    assert "secret" not in repr(store)


def test_corrupt_stored_key_and_bad_input_are_refused() -> None:
    memory = _MemoryKeyring()
    store = KeyStore(STATION, backend=memory)
    memory.set_password(store.service, "signing-key", "not-a-key")
    with pytest.raises(KeyringUnavailable) as info:
        store.get_signing_key()
    assert info.value.code == "keystore.corrupt_key"
    with pytest.raises(ValueError):
        store.set_signing_key(b"short")
    with pytest.raises(ValueError):
        store.set_sync_token("")
