"""The Sync window's history table: rows of ``sync_run``, newest first, read-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from station_app.services.sync_history import SyncRunRecord
from station_app.ui import texts

AnyIndex = QModelIndex | QPersistentModelIndex


class SyncHistoryModel(QAbstractTableModel):
    """Rows of ``sync_run``, newest first; read-only."""

    STARTED, FINISHED, OUTCOME, SENT, ACKED = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runs: list[SyncRunRecord] = []
        self._headers = (
            self.tr("Started"),
            self.tr("Finished"),
            self.tr("Outcome"),
            self.tr("Entries sent"),
            self.tr("Acknowledged up to"),
        )

    def set_runs(self, runs: list[SyncRunRecord]) -> None:
        self.beginResetModel()
        self._runs = list(runs)
        self.endResetModel()

    def run_at(self, row: int) -> SyncRunRecord | None:
        return self._runs[row] if 0 <= row < len(self._runs) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's API)
        return 0 if parent.isValid() else len(self._runs)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        run = self.run_at(index.row()) if index.isValid() else None
        if run is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.STARTED:
                return texts.local_time(run.started_at)
            if col == self.FINISHED:
                return texts.local_time(run.finished_at)
            if col == self.OUTCOME:
                return texts.sync_outcome_name(run.outcome)
            if col == self.SENT:
                return str(run.entries_sent)
            if col == self.ACKED:
                return "" if run.acked_seq is None else str(run.acked_seq)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.OUTCOME and run.error:
            return run.error  # the technical detail, for whoever phones the association
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.SENT, self.ACKED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
