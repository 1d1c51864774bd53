"""Where a station's data lives.

One module decides it, so tests and portable installs can redirect everything with
``--data-dir`` or ``STATION_APP_DATA_DIR`` and never touch a real station's files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from station_app.private_files import make_private_dir, tighten_top_level

ENV_DATA_DIR = "STATION_APP_DATA_DIR"
APP_NAME = "DonationStationDesk"


@dataclass(frozen=True, slots=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "station.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def receipts(self) -> Path:
        return self.root / "receipts"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def statements(self) -> Path:
        """Statement files the coordinator chose to keep (made only when one is kept)."""
        return self.root / "statements"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def set_aside(self) -> Path:
        """Databases a restore replaced, kept for good (never pruned, never needed)."""
        return self.root / "set-aside"

    def ensure(self) -> DataPaths:
        """Create the folders, readable only by their owner (see ``private_files``)."""
        tighten_top_level(self.root)
        for d in (self.root, self.backups, self.receipts, self.logs, self.set_aside):
            make_private_dir(d)
        return self


def data_paths(explicit: str | os.PathLike[str] | None = None) -> DataPaths:
    """The data directory: the explicit option, else the environment, else the platform's."""
    chosen = explicit or os.environ.get(ENV_DATA_DIR)
    root = Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return DataPaths(root.expanduser().resolve())
