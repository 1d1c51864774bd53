"""Moving a station's secrets to a new PC: export sealed, import checked.

Import accepts the key only if it matches the public key in this PC's (restored)
station database, so a wrong file, or another station's key, is refused before it
reaches the keyring.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from station_app.domain import signing
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import DomainError, ValidationError
from station_app.domain.key_envelope import (
    StationSecrets,
    envelope_station,
    open_envelope,
    seal,
)
from station_app.domain.roles import Action
from station_app.domain.station_time import to_iso, utc_now
from station_app.private_files import write_private_file
from station_app.services.ledger_writer import append_entry
from station_app.services.records import StationInfo
from station_app.services.sessions import OperatorSession, require_session
from station_app.services.station_setup import load_station
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import station_code


class SecretStore(Protocol):
    def get_signing_key(self) -> bytes | None: ...
    def set_signing_key(self, key: bytes) -> None: ...
    def get_sync_token(self) -> str | None: ...
    def set_sync_token(self, token: str) -> None: ...


def _station(db: StationDatabase) -> StationInfo:
    station = load_station(db)
    if station is None:
        raise DomainError(
            "station.none",
            "这台电脑还没有站点数据,请先恢复站点备份",
            "There is no station here yet; restore the station's backup first.",
        )
    return station


def _ledger(
    db: StationDatabase, session: OperatorSession, type: EntryType, with_token: bool
) -> None:
    with db.write() as conn:
        actor = require_session(conn, session, Action.MOVE_KEYS)
        append_entry(
            conn,
            type=type,
            at=to_iso(utc_now()),
            station_code=station_code(conn),
            data={"by": actor.name, "with_token": with_token},
        )


def export_keys(
    db: StationDatabase,
    keys: SecretStore,
    session: OperatorSession,
    target: Path,
    passphrase: str,
) -> Path:
    """Seal the keys into ``target`` (the coordinator's action, ledgered before the file
    exists, so a copy of the key never leaves unrecorded)."""
    station = _station(db)
    with db.read() as conn:
        require_session(conn, session, Action.MOVE_KEYS)
    key = keys.get_signing_key()
    if key is None:
        raise DomainError(
            "keys.missing",
            "本机钥匙串中没有本站的签名密钥",
            "This PC's keyring holds no signing key for the station.",
        )
    token = keys.get_sync_token()
    data = seal(
        StationSecrets(key, token),
        passphrase,
        station_code=station.code,
        public_key=station.public_key,
    )
    _ledger(db, session, EntryType.KEYS_EXPORTED, token is not None)
    tmp = target.with_name(target.name + ".part")
    write_private_file(tmp, data)
    tmp.replace(target)
    return target


def import_keys(
    db: StationDatabase,
    keys: SecretStore,
    session: OperatorSession,
    source: Path,
    passphrase: str,
) -> str:
    """Put the sealed secrets into this PC's keyring; returns the station code."""
    station = _station(db)
    with db.read() as conn:
        require_session(conn, session, Action.MOVE_KEYS)
    data = source.read_bytes()
    code, public = envelope_station(data)
    if code != station.code or public != station.public_key:
        raise ValidationError(
            "keys.other_station",
            f"这个密钥文件属于 {code},不是本站 {station.code}",
            f"This key file belongs to {code}, not to {station.code}.",
        )
    secrets = open_envelope(data, passphrase)
    if signing.encode_key(signing.public_key_of(secrets.signing_key)) != station.public_key:
        raise ValidationError(
            "keys.mismatch",
            "密钥与本站记录的公钥不符,已拒绝",
            "The key does not match the station's public key; refused.",
        )
    keys.set_signing_key(secrets.signing_key)
    if secrets.sync_token:
        keys.set_sync_token(secrets.sync_token)
    _ledger(db, session, EntryType.KEYS_IMPORTED, bool(secrets.sync_token))
    return station.code
