"""What a sync run tells the desk and the CLI while it runs and when it ends.

Kept apart from the run itself (``sync_service``) so that the UI and the history can
name a result without importing the HTTP client and its machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from station_app.sync.sync_messages import Outcome


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """What the UI's progress bar shows after each acknowledged batch."""

    sent: int  # entries sent in this run (resends included)
    acked_seq: int  # receiver holds the ledger up to here
    head_seq: int  # the station's last entry


@dataclass(frozen=True, slots=True)
class SyncResult:
    outcome: Outcome
    entries_sent: int
    acked_seq: int | None
    head_seq: int
    message_zh: str
    message_en: str
    refusal_code: str | None = None
    clock_skew_s: float | None = None
    warnings_zh: tuple[str, ...] = field(default=())
    warnings_en: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    def message(self, language: str = "zh") -> str:
        return self.message_en if language.startswith("en") else self.message_zh
