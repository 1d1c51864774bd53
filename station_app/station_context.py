"""Opening "the station" for a command or the GUI: its data folder, database and keys.

Both the CLI and the UI start here, so they agree on where things are and in which
order they are checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from station_app.domain.errors import DomainError
from station_app.keystore import KeyStore
from station_app.paths import DataPaths
from station_app.services.records import StationInfo
from station_app.services.restore import remove_unfinished_restores
from station_app.services.station_setup import load_station
from station_app.startup_check import Health, check_database
from station_app.storage.database import StationDatabase


@dataclass
class StationContext:
    paths: DataPaths
    db: StationDatabase
    station: StationInfo | None

    def keystore(self, station_code: str | None = None) -> KeyStore:
        code = station_code or (self.station.code if self.station else None)
        if code is None:
            raise RuntimeError("no station is set up yet")
        return KeyStore(code)

    def close(self) -> None:
        self.db.close()


def keyring_signing_key(station_code: str) -> bytes | None:
    """The station's signing key, or None when the keyring cannot give it (then the
    start-up check cannot trust its verified point and checks everything)."""
    try:
        return KeyStore(station_code).get_signing_key()
    except DomainError:
        return None


class DatabaseDamaged(DomainError):
    """The station database failed its start-up check; it is never silently recreated."""


def open_station(paths: DataPaths, *, check: bool = True) -> StationContext:
    """Check, then open; a damaged database is refused with what to do, never replaced.

    ``check=False`` is for the diagnostic commands (``ledger verify``) that must be able
    to look at a database with a broken chain and say where it breaks.
    """
    paths.ensure()
    remove_unfinished_restores(paths)
    report = check_database(paths, keyring_signing_key) if check else None
    if report is not None and report.state is Health.DAMAGED:
        raise DatabaseDamaged(
            "database.damaged",
            f"站点数据库已损坏:{report.reason_zh}。请用 station-app backup --list 查看备份,"
            "再用 station-app restore 恢复,或启动程序按提示恢复",
            f"The station database is damaged: {report.reason_en}. List backups with "
            "`station-app backup --list` and restore one with `station-app restore`, or start "
            "the program and follow its restore offer.",
        )
    db = StationDatabase.open(paths.database, backup_dir=paths.backups)
    return StationContext(paths, db, load_station(db))
