"""The reports view: totals by period, kind, designation and operator, with a chart.

Reading and PDF work run in the background pool; the chart is QtCharts (part of
PySide6) and can be saved as PNG; lists export to CSV (with BOM, for Excel) or XLSX.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.money import format_fen
from station_app.domain.station_time import local_date, utc_now
from station_app.services.donation_export import export_donations
from station_app.services.report_documents import disclosure_pdf, monthly_report_pdf
from station_app.services.reports import Period, ReportSummary, report
from station_app.services.sessions import OperatorSession
from station_app.ui import texts
from station_app.ui.desk_context import DeskContext
from station_app.ui.qt_dates import one_tab_stop
from station_app.ui.totals_model import TotalsModel


def _to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ReportsView(QWidget):
    """Shows a date range's report; emits ``saved`` with each file written."""

    saved = Signal(str)
    failed = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        parent: QWidget | None = None,
        *,
        session: Callable[[], OperatorSession],
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._session = session
        self._summary: ReportSummary | None = None
        # The station's calendar, not the PC's time zone: a PC set to UTC would otherwise
        # leave today's donations (already tomorrow in Guangzhou) out of the default range.
        station_today = local_date(utc_now())
        today = QDate(station_today.year, station_today.month, station_today.day)
        self.date_from = QDateEdit(QDate(today.year(), today.month(), 1))
        self.date_to = QDateEdit(today)
        one_tab_stop(self.date_from, self.date_to)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.period = QComboBox()
        self.period.addItem(self.tr("By day"), Period.DAY.value)
        self.period.addItem(self.tr("By week"), Period.WEEK.value)
        self.period.addItem(self.tr("By month"), Period.MONTH.value)
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.clicked.connect(self.load)

        top = QHBoxLayout()
        for label, w in ((self.tr("From"), self.date_from), (self.tr("To"), self.date_to)):
            lbl = QLabel(label)
            lbl.setBuddy(w)
            top.addWidget(lbl)
            top.addWidget(w)
        top.addWidget(self.period)
        top.addWidget(self.show_button)
        top.addStretch(1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.by_period = TotalsModel(self.tr("Period"), parent=self)
        self.by_kind = TotalsModel(self.tr("Kind"), lambda r: texts.kind_name(r.key), self)
        self.by_designation = TotalsModel(self.tr("Designation"), parent=self)
        self.by_operator = TotalsModel(self.tr("Operator"), parent=self)
        grid = QGridLayout()
        for i, (title, model) in enumerate(
            (
                (self.tr("By period"), self.by_period),
                (self.tr("By kind"), self.by_kind),
                (self.tr("By designation"), self.by_designation),
                (self.tr("By operator"), self.by_operator),
            )
        ):
            box = QGroupBox(title)
            view = QTableView()
            view.setModel(model)
            view.verticalHeader().hide()
            view.horizontalHeader().setStretchLastSection(True)
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            QVBoxLayout(box).addWidget(view)
            grid.addWidget(box, i // 2, i % 2)

        self.chart = QChart()
        self.chart.setTitle(self.tr("Donations by period (yuan)"))
        self.chart.legend().hide()
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)

        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Save chart as PNG…"), self.save_chart),
            (self.tr("Export list as CSV…"), lambda: self.export_list("csv")),
            (self.tr("Export list as Excel…"), lambda: self.export_list("xlsx")),
            (self.tr("Monthly report PDF…"), self.save_monthly),
            (self.tr("Disclosure sheet PDF…"), self.save_disclosure),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 2)
        layout.addWidget(self.chart_view, 1)
        layout.addLayout(buttons)
        # Said here, in the window the person is looking at (issue 17: no message said
        # an export worked; the desk's status bar is behind this window).
        self.saved_note = QLabel()
        self.saved_note.setWordWrap(True)
        self.saved_note.setStyleSheet("color: #1b5e20;")
        self.saved_note.hide()
        layout.addWidget(self.saved_note)
        self.saved.connect(self._say_saved)

    def _say_saved(self, path: str) -> None:
        self.saved_note.setText(self.tr("Saved: {0}").format(path))
        self.saved_note.show()

    def range(self) -> tuple[date, date]:
        return _to_date(self.date_from.date()), _to_date(self.date_to.date())

    def load(self) -> None:
        day_from, day_to = self.range()
        period = Period(self.period.currentData())
        db = self._ctx.db
        self._ctx.workers.run_slow(
            lambda: report(db, day_from, day_to, period),
            self.show_summary,
            self.failed.emit,
            owner=self,
        )

    def show_summary(self, summary: ReportSummary) -> None:
        self._summary = summary
        self.summary.setText(
            self.tr(
                "{0} donations, {1}; {2} receipts issued, {3} voided ({4}), {5} reprints"
            ).format(
                summary.count,
                format_fen(summary.amount_fen),
                summary.receipts,
                summary.voids,
                format_fen(summary.voided_fen),
                summary.reprints,
            )
        )
        self.by_period.set_rows(summary.by_period)
        self.by_kind.set_rows(summary.by_kind)
        self.by_designation.set_rows(summary.by_designation)
        self.by_operator.set_rows(summary.by_operator)
        self._draw_chart(summary)

    def _draw_chart(self, summary: ReportSummary) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        bars = QBarSet(self.tr("Amount"))
        for row in summary.by_period:
            bars.append(row.amount_fen / 100)  # display only; the tables hold exact fen
        series = QBarSeries()
        series.append(bars)
        self.chart.addSeries(series)
        x = QBarCategoryAxis()
        # Within one year the year adds nothing but width: 2026-03-09 → 03-09.
        years = {row.label[:4] for row in summary.by_period}
        x.append([row.label[5:] if len(years) == 1 else row.label for row in summary.by_period])
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        y = QValueAxis()
        y.setLabelFormat("%.0f")
        top = max((row.amount_fen for row in summary.by_period), default=100) / 100
        y.setRange(0, top * 1.1 or 1)
        y.applyNiceNumbers()
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y)

    def chart_png(self, path: Path) -> Path:
        if not self.chart_view.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path

    # -- saving ----------------------------------------------------------------------

    def _ask_path(self, title: str, name: str, filters: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, title, str(self._ctx.paths.root / name), filters
        )
        return Path(chosen) if chosen else None

    def save_chart(self) -> None:
        path = self._ask_path(self.tr("Save chart"), "chart.png", "PNG (*.png)")
        if path:
            self.chart_png(path)
            self.saved.emit(str(path))

    def export_list(self, kind: str, path: Path | None = None) -> None:
        day_from, day_to = self.range()
        path = path or self._ask_path(
            self.tr("Export list"),
            f"donations.{kind}",
            "CSV (*.csv)" if kind == "csv" else "Excel (*.xlsx)",
        )
        if path is None:
            return
        db, lang, session = self._ctx.db, self._ctx.language, self._session()

        def work() -> str:
            export_donations(db, session, path, day_from=day_from, day_to=day_to, language=lang)
            return str(path)

        self._ctx.workers.run_slow(work, self.saved.emit, self.failed.emit, owner=self)

    def save_monthly(self, path: Path | None = None) -> None:
        day_from, _ = self.range()
        path = path or self._ask_path(
            self.tr("Monthly report"), f"monthly-{day_from:%Y-%m}.pdf", "PDF (*.pdf)"
        )
        if path is None:
            return
        db, station = self._ctx.db, self._ctx.station
        self._write_pdf(
            path, lambda: monthly_report_pdf(db, station, day_from.year, day_from.month)
        )

    def save_disclosure(self, path: Path | None = None) -> None:
        day_from, day_to = self.range()
        path = path or self._ask_path(
            self.tr("Disclosure sheet"), f"disclosure-{day_from}-{day_to}.pdf", "PDF (*.pdf)"
        )
        if path is None:
            return
        db, station = self._ctx.db, self._ctx.station
        self._write_pdf(path, lambda: disclosure_pdf(db, station, day_from, day_to))

    def _write_pdf(self, path: Path, make: Callable[[], bytes]) -> None:
        def work() -> str:
            path.write_bytes(make())
            return str(path)

        self._ctx.workers.run_slow(work, self.saved.emit, self.failed.emit, owner=self)
