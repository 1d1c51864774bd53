"""Opening "the station" for a command or the GUI: its data folder, database and keys.

Both the CLI and the UI start here, so they agree on where things are and in which
order they are checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from station_app.keystore import KeyStore
from station_app.paths import DataPaths
from station_app.services.station_setup import load_station
from station_app.services.views import StationInfo
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


def open_station(paths: DataPaths) -> StationContext:
    paths.ensure()
    db = StationDatabase.open(paths.database, backup_dir=paths.backups)
    return StationContext(paths, db, load_station(db))
