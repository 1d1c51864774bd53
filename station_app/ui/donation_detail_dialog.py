"""One donation in full, from the list: its facts, its receipt's state and its print history.

Opened by double-clicking a row (or Details…); read-only, because a record is never
edited: the way to correct it is a void and a new donation.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.donations import mask_phone
from station_app.domain.money import format_fen
from station_app.services.print_history import PrintEvent
from station_app.services.records import DonationDetail
from station_app.ui import texts
from station_app.ui.forms import DATA_VALUE


class DonationDetailDialog(QDialog):
    """Everything about one donation, read-only."""

    def __init__(
        self,
        detail: DonationDetail,
        parent: QWidget | None = None,
        *,
        prints: Sequence[PrintEvent] = (),
    ) -> None:
        super().__init__(parent)
        row = detail.row
        self.setWindowTitle(self.tr("Donation {0}").format(row.receipt_number))
        form = QFormLayout()

        def add(label: str, value: str) -> None:
            v = QLabel(value)
            v.setProperty(DATA_VALUE, True)
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            v.setWordWrap(True)
            form.addRow(label, v)

        add(self.tr("Receipt no.:"), row.receipt_number)
        add(self.tr("Status:"), texts.status_name(row.status))
        add(self.tr("Recorded at:"), texts.local_time(row.recorded_at))
        add(self.tr("Business day:"), row.business_day)
        add(self.tr("Kind:"), texts.kind_name(row.kind))
        add(self.tr("Amount:"), format_fen(row.amount_fen))
        if row.transaction_reference:
            add(self.tr("Transaction no.:"), row.transaction_reference)
        if detail.paid_at:  # recorded from a statement line: when the money arrived
            add(self.tr("Paid at (statement):"), texts.local_time(detail.paid_at))
        add(self.tr("Donor:"), row.donor_name or texts.anonymous())
        add(self.tr("Phone:"), mask_phone(detail.donor_phone))
        add(self.tr("Designation:"), row.designation_name)
        add(self.tr("Note:"), detail.note or "")
        add(self.tr("Operator:"), row.operator_name)
        add(self.tr("Printed:"), self.tr("%n time(s)", "", row.print_count))
        for event in prints:  # who made each paper, and when (from the ledger)
            add(
                self.tr("Original:")
                if event.print_number == 1
                else self.tr("Copy {0}:").format(event.print_number),
                f"{texts.local_time(event.at)} · {event.operator}",
            )
        if row.imported:
            add(self.tr("Paper receipt:"), row.paper_receipt_number or "")
        if detail.voided_at:
            add(self.tr("Voided at:"), texts.local_time(detail.voided_at))
            add(self.tr("Voided by:"), detail.voided_by or "")
            add(self.tr("Reason:"), detail.void_reason or "")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if detail.items:
            table = QTableWidget(len(detail.items), 4)
            table.setHorizontalHeaderLabels(
                [self.tr("Item"), self.tr("Quantity"), self.tr("Unit"), self.tr("Value")]
            )
            for r, item in enumerate(detail.items):
                for c, text in enumerate(
                    (item.description, item.quantity, item.unit, format_fen(item.value_fen))
                ):
                    table.setItem(r, c, QTableWidgetItem(text))
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setStretchLastSection(True)
            table.verticalHeader().hide()
            layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        layout.addWidget(buttons)
        self.resize(460, 420)
