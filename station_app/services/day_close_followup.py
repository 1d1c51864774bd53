"""What follows a day close: the signed-off summary PDF is archived and a backup is made.

Kept apart from the close itself so that a slow disk never holds the write lock: the
close commits first; then, in the background, the PDF is filed under ``day-close/`` and
a checked backup is taken (one that fails its checks is reported, not kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from station_app.domain.errors import DomainError
from station_app.paths import DataPaths
from station_app.services.backups import BackupInfo, backup_after_day_close
from station_app.services.records import StationInfo
from station_app.services.report_documents import day_close_pdf
from station_app.storage.database import StationDatabase


@dataclass(frozen=True, slots=True)
class FollowUp:
    summary_pdf: Path
    backup: BackupInfo | None
    backup_error: DomainError | None


def day_close_pdf_path(paths: DataPaths, day: date) -> Path:
    return paths.root / "day-close" / f"{day.year}" / f"day-close-{day.isoformat()}.pdf"


def after_day_close(
    paths: DataPaths, db: StationDatabase, station: StationInfo, day: date
) -> FollowUp:
    target = day_close_pdf_path(paths, day)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    tmp.write_bytes(day_close_pdf(db, station, day))
    tmp.replace(target)
    auto = backup_after_day_close(paths)
    return FollowUp(target, auto.backup, auto.error)
