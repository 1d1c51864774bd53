"""What the windows of one running desk share, handed to them explicitly.

Not a global (``aqt.mw`` and qutebrowser's ``objreg`` are the cautionary tales): each
window gets this small bundle in its constructor, and tests build one around the
``station`` fixture.  It holds handles, not behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from station_app.domain.errors import DomainError
from station_app.paths import DataPaths
from station_app.services.donation_recording import DonationRecorder
from station_app.services.records import StationInfo
from station_app.storage.database import StationDatabase
from station_app.ui.settings_store import Settings, SettingsStore
from station_app.ui.workers import Workers

if TYPE_CHECKING:
    from station_app.ui.sync_controller import SyncController


@dataclass
class DeskContext:
    paths: DataPaths
    db: StationDatabase
    station: StationInfo
    workers: Workers
    settings_store: SettingsStore
    settings: Settings
    #: None when the signing key could not be read; ``recorder_error`` says why.
    recorder: DonationRecorder | None
    recorder_error: DomainError | None = None
    #: The desk's one sync runner (``sync_controller.sync_controller_for`` makes it): kept
    #: here, not in a window, so a running sync outlives a window rebuilt for a language.
    sync: SyncController | None = None

    @property
    def language(self) -> str:
        """The ``DomainError.message`` language ("zh" or "en")."""
        return self.settings.domain_language
