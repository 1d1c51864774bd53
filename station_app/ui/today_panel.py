"""Today at a glance, under the form: how many gifts, the totals by kind, the cash the
box should hold, and how much the association has not received yet.

Read in the slow pool at every refresh of the window (after a record, a void, a sync),
so it never drifts from the database and never blocks typing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from station_app.domain.money import format_fen
from station_app.services.desk_lookups import TodaySummary, today_summary
from station_app.storage.database import StationDatabase
from station_app.ui import texts
from station_app.ui.forms import DATA_VALUE
from station_app.ui.workers import Workers


class TodayPanel(QGroupBox):
    def __init__(
        self, *, db: StationDatabase, workers: Workers, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Today"), parent)
        self._db = db
        self._workers = workers
        self.summary: TodaySummary | None = None
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.count = self._value()
        self.by_kind = self._value()
        self.by_kind.setWordWrap(True)
        self.cash = self._value()
        self.unsynced = self._value()
        self.unsynced.setWordWrap(True)
        form.addRow(self.tr("Donations:"), self.count)
        form.addRow(self.tr("By kind:"), self.by_kind)
        form.addRow(self.tr("Cash in the box:"), self.cash)
        form.addRow(self.tr("Not yet synced:"), self.unsynced)

    @staticmethod
    def _value() -> QLabel:
        label = QLabel("—")
        label.setProperty(DATA_VALUE, True)
        return label

    def refresh(self) -> None:
        db = self._db
        self._workers.run_slow(lambda: today_summary(db), self.show_summary, owner=self)

    def show_summary(self, s: TodaySummary) -> None:
        self.summary = s
        self.setTitle(self.tr("Today ({0})").format(s.business_day))
        self.count.setText(
            self.tr("%n donation(s), {0}", "", s.count).format(format_fen(s.total_fen))
        )
        separator = self.tr(", ")
        self.by_kind.setText(
            separator.join(
                f"{texts.kind_name(kind)} {n} · {format_fen(s.by_kind[kind][1])}"
                for kind in texts.KINDS
                if (n := s.by_kind.get(kind, (0, 0))[0])
            )
            or "—"
        )
        self.cash.setText(format_fen(s.cash_expected_fen))
        self.unsynced.setText(
            self.tr("%n donation(s)", "", s.unsynced_donations)
            + separator
            + self.tr("%n record(s) in all", "", s.unsynced_entries)
        )
