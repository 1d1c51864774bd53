"""Goods in: one lot of an in-kind gift (item, quantity, unit, category, expiry, how it
is valued, where it is kept) and who gave it.  When a rule needs another person the
dialog shows the box for it after the first refusal: the coordinator's override (name,
password, reason) for food or medicine near expiry, a second person's name and password
for valuable goods.  The service decides; the dialog only collects.  A scanner's code
fills the item from the last time it was saved, and a new code is remembered with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.errors import DomainError
from station_app.domain.goods.lots import LotDraft
from station_app.services.goods_barcodes import KnownItem, look_up
from station_app.services.goods_receiving import GoodsIntake, receive_goods
from station_app.services.sessions import OperatorSession
from station_app.ui import texts
from station_app.ui.desk_context import DeskContext
from station_app.ui.error_label import error_label
from station_app.ui.goods.confirm_boxes import ConfirmBoxes
from station_app.ui.goods.goods_dialog import GoodsDialog
from station_app.ui.goods.scan_field import ScanField
from station_app.ui.qt_dates import to_date


class ReceiveDialog(GoodsDialog):
    # saved(object): the ReceivedGoods

    def __init__(
        self,
        ctx: DeskContext,
        operator: Callable[[], OperatorSession],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx, self._operator = ctx, operator
        self.setWindowTitle(self.tr("Receive goods"))
        db = ctx.db
        self.barcode = ScanField(ctx.workers, lambda code: look_up(db, code))
        self.barcode.known.connect(self._known)
        self.barcode.new_code.connect(self._new_code)
        self.item = QLineEdit()
        self.quantity = QLineEdit()
        self.unit = QLineEdit()
        self.category = QComboBox()
        for value, label in (
            ("other", self.tr("Other")),
            ("food", self.tr("Food")),
            ("medicine", self.tr("Medicine")),
        ):
            self.category.addItem(label, value)
        self.has_expiry = QCheckBox(self.tr("Has an &expiry date"))
        self.expiry = QDateEdit(QDate.currentDate().addYears(1))
        self.expiry.setCalendarPopup(True)
        self.expiry.setDisplayFormat("yyyy-MM-dd")
        self.valuation = QComboBox()
        for value, label in (
            ("not_valued", self.tr("Not valued (quantity only)")),
            ("invoice", self.tr("Invoice")),
            ("market", self.tr("Market price")),
            ("declared", self.tr("Donor's declaration")),
        ):
            self.valuation.addItem(label, value)
        self.value = QLineEdit()
        self.location = QLineEdit()
        self.donor = QLineEdit()
        self.anonymous = QCheckBox(self.tr("A&nonymous"))
        form = QFormLayout()
        form.addRow(self.tr("&Barcode"), self.barcode)
        self.code_note = QLabel()  # a new code is news, not a refusal: no red
        self.code_note.setWordWrap(True)
        self.code_note.hide()
        form.addRow("", self.code_note)
        form.addRow(self.tr("&Item"), self.item)
        form.addRow(self.tr("&Quantity"), self.quantity)
        form.addRow(self.tr("&Unit"), self.unit)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.has_expiry, self.expiry)
        form.addRow(self.tr("&Valued by"), self.valuation)
        form.addRow(self.tr("Va&lue (yuan)"), self.value)
        form.addRow(self.tr("&Kept at"), self.location)
        form.addRow(self.tr("&Donor"), self.donor)
        form.addRow("", self.anonymous)
        self.confirm = ConfirmBoxes()
        c = self.confirm
        self.override_box, self.second_box = c.override_box, c.second_box
        self.override_name, self.override_password = c.override_name, c.override_password
        self.override_reason = c.override_reason
        self.second_name, self.second_password = c.second_name, c.second_password
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.barcode.setFocus()  # a scanner types into the first field

    def _known(self, found: KnownItem) -> None:
        self.item.setText(found.item)
        self.unit.setText(found.unit)
        self.category.setCurrentIndex(max(0, self.category.findData(found.category)))
        self.error.hide()
        self.code_note.hide()
        self.quantity.setFocus()

    def _new_code(self, _code: str) -> None:
        self.code_note.setText(self.tr("A new code: type the item; it is remembered when saved."))
        self.code_note.show()
        self.item.setFocus()

    def _lot(self) -> LotDraft:
        return LotDraft(
            self.item.text(),
            self.quantity.text(),
            self.unit.text(),
            self.value.text(),
            self.valuation.currentData(),
            to_date(self.expiry.date()) if self.has_expiry.isChecked() else None,
            self.category.currentData(),
            self.location.text(),
        )

    def save(self) -> None:
        intake = GoodsIntake(
            (self._lot(),),
            donor_name=self.donor.text(),
            anonymous=self.anonymous.isChecked(),
            barcodes=(self.barcode.text(),),
        )
        override, second = self.confirm.override(), self.confirm.second()
        recorder = self._ctx.recorder
        if recorder is None:
            self._show(
                texts.error_text(self._ctx.recorder_error or RuntimeError(), self._ctx.language)
            )
            return
        session = self._operator()
        self.buttons.setEnabled(False)
        self._ctx.workers.write(
            lambda: receive_goods(recorder, session, intake, override=override, second=second),
            self._done,
            self._failed,
            owner=self,
        )

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.confirm.show_for(exc.code if isinstance(exc, DomainError) else "")
        self._show(texts.error_text(exc, self._ctx.language))
