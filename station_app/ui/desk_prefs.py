"""Preferences of this PC's screen, not of the station: zoom and window places.

They belong to the computer (its screen size, the eyes of who sits there), so they live
in QSettings under the user's configuration folder, never in the station's data folder
that a restore or a new PC brings along.  The path is looked up at each use, so a test
that gives the process another HOME gets its own file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths


def desk_settings() -> QSettings:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    path = Path(base) / "DonationStationDesk" / "desk.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)
