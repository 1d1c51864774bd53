"""The desk's own preferences in a small JSON file, replaced atomically.

Mu and Anki both lost settings to a crash in the middle of writing them in place, so the
file is written to a temporary sibling, flushed to disk, and moved over the old one.
Only preferences live here: no secrets (those are in the keyring), no business data
(that is in the station database and its ledger).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from station_app.printing.layouts import ReceiptLayout, is_layout

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True, slots=True)
class Settings:
    language: str = "zh_CN"  # Simplified Chinese is the default
    receipt_layout: ReceiptLayout = "a5"
    idle_lock_minutes: int = 10  # 0 switches the lock off
    printer_name: str = ""  # empty: the system's default printer
    last_operator: str = ""  # pre-selected at login; a name, not a secret

    @property
    def domain_language(self) -> str:
        """The ``DomainError.message`` language code for this UI language."""
        return "en" if self.language == "en" else "zh"

    def normalised(self) -> Settings:
        """Unknown or out-of-range values fall back to defaults instead of failing."""
        d = Settings()
        minutes = self.idle_lock_minutes
        return replace(
            self,
            language=self.language if self.language in LANGUAGES else d.language,
            receipt_layout=(
                self.receipt_layout if is_layout(self.receipt_layout) else d.receipt_layout
            ),
            idle_lock_minutes=(
                minutes
                if isinstance(minutes, int)
                and not isinstance(minutes, bool)
                and 0 <= minutes <= 240
                else d.idle_lock_minutes
            ),
            printer_name=str(self.printer_name or ""),
            last_operator=str(self.last_operator or ""),
        )


class SettingsStore:
    """Loads and saves :class:`Settings` at one path (``DataPaths.settings``)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Settings:
        """The saved settings; defaults if the file is missing or unreadable."""
        try:
            raw: Any = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Settings()
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", self.path, exc)
            return Settings()
        if not isinstance(raw, dict):
            return Settings()
        known = {f.name for f in fields(Settings)}
        return Settings(**{k: v for k, v in raw.items() if k in known}).normalised()

    def save(self, settings: Settings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(asdict(settings.normalised()), ensure_ascii=False, indent=2)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
