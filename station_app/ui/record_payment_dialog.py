"""Recording a donation for a payment the statement shows and nobody recorded.

The amount, time and transaction number come from the statement and cannot be changed;
a name may be typed (anonymous otherwise) and a designation chosen.  The person who
records it proves who they are with their password in this dialog: the check and the
recording run one after the other in the writer pool.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.donations import UNDESIGNATED
from station_app.domain.errors import DomainError
from station_app.domain.money import format_fen
from station_app.services.donation_queries import list_designations
from station_app.services.operators import list_operators
from station_app.services.reconciliation import StatementLineView
from station_app.services.records import RecordedDonation
from station_app.services.sessions import OperatorSession, authenticate
from station_app.services.statement_recording import record_from_statement
from station_app.ui import texts
from station_app.ui.desk_context import DeskContext
from station_app.ui.error_label import error_label
from station_app.ui.forms import DATA_VALUE, buddy_form, password_field
from station_app.ui.statement_models import source_name


class RecordPaymentDialog(QDialog):
    """Emits ``recorded`` with the new donation."""

    recorded = Signal(object)  # RecordedDonation
    unexpected_error = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        line: StatementLineView,
        operator: OperatorSession,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._line = line
        self.setWindowTitle(self.tr("Record the payment as a donation"))
        when = texts.local_time(line.occurred_at) if line.occurred_at else line.business_day
        facts = QLabel(
            self.tr("{0} paid {1} on {2} (transaction no. {3}).").format(
                source_name(line.source, line.account),
                format_fen(line.amount_fen),
                when,
                line.reference or "—",
            )
        )
        facts.setWordWrap(True)
        self.donor = QLineEdit()
        self.donor.setMaxLength(40)
        self.donor.setPlaceholderText(self.tr("Leave empty for an anonymous donor"))
        self.designation = QComboBox()
        self.designation.setProperty(DATA_VALUE, True)
        for d in list_designations(ctx.db):
            self.designation.addItem(texts.designation_name(d.code, d.name), d.code)
        self.designation.setCurrentIndex(max(0, self.designation.findData(UNDESIGNATED)))
        self.operator = QComboBox()
        self.operator.setProperty(DATA_VALUE, True)
        for op in list_operators(ctx.db):
            self.operator.addItem(op.name, op.name)
        self.operator.setCurrentIndex(max(0, self.operator.findData(operator.name)))
        self.password = password_field()
        form = buddy_form(
            (
                (self.tr("&Donor:"), self.donor),
                (self.tr("Desi&gnation:"), self.designation),
                (self.tr("Recorded &by:"), self.operator),
                (self.tr("&Password:"), self.password),
            )
        )
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = self.buttons.addButton(
            self.tr("&Record and issue receipt"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(facts)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.donor.setFocus()

    def _submit(self) -> None:
        self.error.hide()
        ctx, line_id = self._ctx, self._line.id
        recorder = ctx.recorder
        if recorder is None:
            self._on_error(
                ctx.recorder_error
                or DomainError("keys.missing", "无法签发收据", "Receipts cannot be issued.")
            )
            return
        name, password = str(self.operator.currentData() or ""), self.password.text()
        donor, designation = self.donor.text(), str(self.designation.currentData() or UNDESIGNATED)

        def record() -> RecordedDonation:
            who = authenticate(ctx.db, name, password)
            return record_from_statement(
                recorder, who, line_id, donor_name=donor, designation_code=designation
            )

        self.record_button.setEnabled(False)
        ctx.workers.write(record, self._on_recorded, self._on_error)

    def _on_recorded(self, result: RecordedDonation) -> None:
        self.recorded.emit(result)
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self.record_button.setEnabled(True)
        self.error.setText(texts.error_text(exc, self._ctx.language))
        self.error.show()
        if isinstance(exc, DomainError) and exc.field == "password":
            self.password.selectAll()
            self.password.setFocus()
        elif not isinstance(exc, DomainError):
            self.unexpected_error.emit(exc)
