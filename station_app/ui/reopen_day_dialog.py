"""Reopening a closed day: a coordinator, a reason, and the day's state shown first.

A reopen is itself ledgered (who, when, why), and the day must be closed again before
its records are final; this dialog only asks and shows, the service decides.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.station_time import local_date, utc_now
from station_app.services.day_close import (
    DayState,
    day_state,
    reopen_day,
)
from station_app.services.sessions import OperatorSession
from station_app.ui import texts
from station_app.ui.colours import ERROR_STYLE, WARN_STYLE
from station_app.ui.desk_context import DeskContext
from station_app.ui.forms import buddy_form
from station_app.ui.qt_dates import one_tab_stop, to_date, to_qdate


class ReopenDayDialog(QDialog):
    """Choose a closed day and give the reason; the reopen goes to the writer pool."""

    reopened = Signal(object, int)  # date, ledger seq
    unexpected_error = Signal(object)

    def __init__(
        self, ctx: DeskContext, coordinator: OperatorSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._coordinator = coordinator
        self._state: DayState | None = None
        self.setWindowTitle(self.tr("Reopen a closed day"))
        intro = QLabel(
            self.tr(
                "Reopening lets records and voids be dated into the day again. It is written "
                "to the ledger with your name and the reason; close the day again afterwards."
            )
        )
        intro.setWordWrap(True)
        today = local_date(utc_now())
        self.day = QDateEdit(to_qdate(today))
        one_tab_stop(self.day)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(to_qdate(today))
        self.day.dateChanged.connect(self._read_state)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Required: why the day is reopened"))
        self.reason.textChanged.connect(self._update_button)
        form = buddy_form(((self.tr("&Day:"), self.day), (self.tr("&Reason:"), self.reason)))
        form.addRow(self.state_label)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.reopen_button = buttons.addButton(
            self.tr("&Reopen the day"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self._update_button()
        self._read_state()

    def chosen_day(self) -> date:
        return to_date(self.day.date())

    def _read_state(self) -> None:
        db, day = self._ctx.db, self.chosen_day()
        self._state = None
        self._update_button()
        self._ctx.workers.run_slow(
            lambda: day_state(db, day), self._show_state, self._failed, owner=self
        )

    def _show_state(self, state: DayState) -> None:
        if state.day != self.chosen_day():
            return  # an answer for a date no longer chosen
        self._state = state
        if state.closed:
            self.state_label.setText(
                self.tr("{0} was closed at {1} by {2}, confirmed by {3}.").format(
                    state.day.isoformat(),
                    texts.local_time(state.closed_at),
                    state.coordinator or "",
                    state.witness or "",
                )
            )
            self.state_label.setStyleSheet("")
        else:
            self.state_label.setText(
                self.tr("{0} is not closed; there is nothing to reopen.").format(
                    state.day.isoformat()
                )
            )
            self.state_label.setStyleSheet(WARN_STYLE)
        self._update_button()

    def _update_button(self) -> None:
        closed = self._state is not None and self._state.closed
        self.reopen_button.setEnabled(closed and bool(self.reason.text().strip()))

    def _submit(self) -> None:
        if not self.reopen_button.isEnabled():
            return
        self.error.clear()
        self.reopen_button.setEnabled(False)
        db, who, day, reason = (
            self._ctx.db,
            self._coordinator,
            self.chosen_day(),
            self.reason.text(),
        )
        self._ctx.workers.write(
            lambda: reopen_day(db, who, day, reason),
            lambda seq: self._done(day, seq),
            self._failed,
            owner=self,
        )

    def _done(self, day: date, seq: int) -> None:
        self.reopened.emit(day, seq)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(texts.error_text(exc, self._ctx.language))
        self._update_button()
