"""One payment kind's reconciliation on screen: a summary line and its four lists.

Lines received but not recorded, donations recorded but not on the statement, the
matched pairs, and money that went back (refunds, fees); a line can be recorded as a
donation from here.  ``statements_window`` shows one pane per reconciled kind.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.money import format_fen
from station_app.services.reconciliation import Reconciliation, StatementLineView
from station_app.ui.colours import ERROR_STYLE, OK_STYLE
from station_app.ui.statement_models import (
    ItemRole,
    MatchedModel,
    MoneyBackModel,
    NotOnStatementModel,
    NotRecordedModel,
    source_name,
)


def _table(model: QAbstractItemModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setTabKeyNavigation(False)
    view.setMinimumHeight(72)
    return view


class KindPane(QWidget):
    """One kind's reconciliation: a summary line and its four lists."""

    record_requested = Signal(object)  # StatementLineView

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # Two lines, always whole: the tables give way, never the summary.
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 2 + 4)
        self.not_recorded_model = NotRecordedModel(self)
        self.not_on_statement_model = NotOnStatementModel(self)
        self.matched_model = MatchedModel(self)
        self.money_back_model = MoneyBackModel(self)
        self.not_recorded = _table(self.not_recorded_model)
        self.not_on_statement = _table(self.not_on_statement_model)
        self.matched = _table(self.matched_model)
        self.money_back = _table(self.money_back_model)
        self.not_recorded.activated.connect(lambda _i: self.request_record())
        self.not_recorded.installEventFilter(self)
        self.record_button = QPushButton(self.tr("&Record as a donation…"))
        self.record_button.setToolTip(self.tr("For the chosen payment (Enter)"))
        self.record_button.clicked.connect(self.request_record)
        self.not_recorded_box = QGroupBox()
        box_layout = QVBoxLayout(self.not_recorded_box)
        box_layout.addWidget(self.not_recorded)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.record_button)
        box_layout.addLayout(row)
        self.not_on_statement_box = QGroupBox()
        QVBoxLayout(self.not_on_statement_box).addWidget(self.not_on_statement)
        self.matched_box = QGroupBox()
        QVBoxLayout(self.matched_box).addWidget(self.matched)
        self.money_back_box = QGroupBox()
        QVBoxLayout(self.money_back_box).addWidget(self.money_back)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.not_recorded_box, 2)
        layout.addWidget(self.not_on_statement_box, 2)
        layout.addWidget(self.matched_box, 3)
        layout.addWidget(self.money_back_box, 1)
        self.show_reconciliation(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.not_recorded
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.request_record()
            return True
        return super().eventFilter(watched, event)

    def show_reconciliation(self, recon: Reconciliation | None) -> None:
        self.not_recorded_model.set_items(recon.not_recorded if recon else ())
        self.not_on_statement_model.set_items(recon.not_on_statement if recon else ())
        self.matched_model.set_items(recon.matched if recon else ())
        self.money_back_model.set_items(recon.money_back if recon else ())
        self.not_recorded_box.setTitle(
            self.tr("On the statement, not recorded ({0})").format(
                self.not_recorded_model.rowCount()
            )
        )
        self.not_on_statement_box.setTitle(
            self.tr("Recorded, not on the statement ({0})").format(
                self.not_on_statement_model.rowCount()
            )
        )
        self.matched_box.setTitle(self.tr("Matched ({0})").format(self.matched_model.rowCount()))
        self.money_back_box.setTitle(
            self.tr("Refunds and money out, not donations ({0})").format(
                self.money_back_model.rowCount()
            )
        )
        self.record_button.setEnabled(self.not_recorded_model.rowCount() > 0)
        if self.not_recorded_model.rowCount():
            self.not_recorded.selectRow(0)
        if recon is None:
            self.summary.setText(self.tr("Reading…"))
            self.summary.setStyleSheet("")
            return
        files = ", ".join(
            f"{source_name(s.source, s.account)} ({s.file_name})" for s in recon.statements
        )
        if recon.empty:
            self.summary.setText(self.tr("Nothing to reconcile: no payment and no donation."))
            self.summary.setStyleSheet("")
            return
        self.summary.setText(
            self.tr(
                "Statements {0} · records {1} · {2} matched, {3} not recorded, "
                "{4} not on the statement.\nFrom: {5}"
            ).format(
                format_fen(recon.statement_fen),
                format_fen(recon.recorded_fen),
                len(recon.matched),
                len(recon.not_recorded),
                len(recon.not_on_statement),
                files or self.tr("no statement imported for this day"),
            )
        )
        self.summary.setStyleSheet(OK_STYLE if recon.balanced else ERROR_STYLE)

    def selected_line(self) -> StatementLineView | None:
        index = self.not_recorded.currentIndex()
        if not index.isValid():
            return None
        item = self.not_recorded_model.data(index, ItemRole)
        return item if isinstance(item, StatementLineView) else None

    def request_record(self) -> None:
        line = self.selected_line()
        if line is not None:
            self.record_requested.emit(line)
