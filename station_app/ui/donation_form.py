"""The donation form: record a gift without touching the mouse.

Tab order follows the paper form (kind, amount, the transaction number of a mobile or
bank payment, items, donor, anonymous, phone, designation, note); Enter anywhere
records; every label has an Alt accelerator.  The amount shows its Chinese capitals
while it is typed (what the receipt will print) and a refusal appears in a red line
under the form, with the cursor put back in the field it concerns.  The form is only
cleared after a successful record, so a lock or a change of operator never loses what
was half typed.

Its parts live beside it: the amount and its capitals (``amount_rows``), the in-kind
item lines with each lot's details and the goods rules' boxes (``item_lines_editor``),
the donor (``donor_rows``) and the designation search (``designation_choice``).  This
module arranges them and records.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.donations import UNDESIGNATED, DonationDraft
from station_app.domain.errors import DomainError, ValidationError
from station_app.domain.money import parse_amount
from station_app.services.records import DesignationInfo, RecordedDonation
from station_app.ui import texts
from station_app.ui.amount_rows import AmountRows
from station_app.ui.designation_choice import DesignationChoice
from station_app.ui.donor_rows import DonorRows
from station_app.ui.error_label import error_label
from station_app.ui.goods.scan_field import LookUp
from station_app.ui.item_lines_editor import ItemLinesEditor
from station_app.ui.workers import Workers

RecordFn = Callable[[DonationDraft], RecordedDonation]


class DonationForm(QWidget):
    """Records through ``record`` (run on the writer pool) and reports ``recorded``."""

    recorded = Signal(object)  # RecordedDonation
    unexpected_error = Signal(object)  # an exception that is not a refusal

    def __init__(
        self,
        *,
        workers: Workers,
        record: RecordFn,
        designations: list[DesignationInfo],
        language: str,
        look_up_code: LookUp | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``look_up_code``: what a scanned code was saved as (``goods_barcodes.look_up``
        on the desk's database); without it every scanned code is new."""
        super().__init__(parent)
        self._workers = workers
        self._look_up_code = look_up_code
        self._record = record
        self._language = language
        self._busy = False
        self._error_field = ""  # the field the shown refusal is about
        self._build(designations)
        self._on_kind_changed()

    # -- building --------------------------------------------------------------------

    def _build(self, designations: list[DesignationInfo]) -> None:
        box = QGroupBox(self.tr("New donation"), self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.kind = QComboBox()
        for kind in texts.KINDS:
            self.kind.addItem(texts.kind_name(kind), kind)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        form.addRow(self._label(self.tr("&Kind:"), self.kind), self.kind)

        self.amount_rows = AmountRows(form, self._language, self)
        self.amount, self.amount_label = self.amount_rows.amount, self.amount_rows.label
        self.capitals, self.amount_error = self.amount_rows.capitals, self.amount_rows.error
        self.amount.textChanged.connect(self._on_amount_changed)

        self.reference = QLineEdit()
        self.reference.setMaxLength(64)
        self.reference.setPlaceholderText(self.tr("Optional: the number on the payer's phone"))
        self.reference.setToolTip(
            self.tr("Matches the donation to its line on the payment statement")
        )
        self.reference_label = self._label(self.tr("Transaction &no.:"), self.reference)
        form.addRow(self.reference_label, self.reference)

        self.items_box = ItemLinesEditor(self._workers, self._look_up_code)
        self.items_model = self.items_box.model
        self.items_box.total_changed.connect(self._update_items_total)
        self.items = self.items_box.table
        self.add_item, self.remove_item = self.items_box.add_button, self.items_box.remove_button
        self.items_total = self.items_box.total
        self.confirm = self.items_box.confirm
        self.items_label = self._label(self.tr("I&tems:"), self.items)
        form.addRow(self.items_label, self.items_box)

        self.donor_rows = DonorRows(form, self)
        self.donor_rows.name_fixed.connect(lambda: self._clear_errors_about("donor_name"))
        self.donor, self.anonymous = self.donor_rows.donor, self.donor_rows.anonymous
        self.organisation, self.phone = self.donor_rows.organisation, self.donor_rows.phone

        self.designation = DesignationChoice(designations)
        form.addRow(self._label(self.tr("D&esignation:"), self.designation), self.designation)

        self.note = QLineEdit()
        self.note.setMaxLength(200)
        form.addRow(self._label(self.tr("N&ote:"), self.note), self.note)

        self.error = error_label()

        style = self.style()
        self.submit_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
            self.tr("&Record and issue receipt"),
        )
        self.submit_button.setToolTip(self.tr("Records the donation (Enter)"))
        self.submit_button.setMinimumHeight(34)
        self.submit_button.clicked.connect(self.submit)
        self.clear_button = QPushButton(self.tr("C&lear form"))
        self.clear_button.clicked.connect(self.clear)

        actions = QHBoxLayout()
        actions.addWidget(self.clear_button)
        actions.addStretch(1)
        actions.addWidget(self.submit_button)

        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addLayout(actions)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)

        typed = (self.amount, self.reference, self.donor, self.phone, self.note)
        for w in (*typed, self.designation, self.items_box.location, *self.confirm.edits()):
            w.installEventFilter(self)  # Enter records
        head: tuple[QWidget, ...] = (self.kind, self.amount, self.reference, self.items)
        for first, then in pairwise((*head, self.add_item, self.remove_item)):
            self.setTabOrder(first, then)
        self.items_box.chain_tab_order(self.remove_item, self.donor)
        tail: tuple[QWidget, ...] = (self.donor, self.anonymous, self.organisation, self.phone)
        for first, then in pairwise((*tail, self.designation, self.note, self.submit_button)):
            self.setTabOrder(first, then)
        self.setTabOrder(self.submit_button, self.clear_button)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # -- live feedback ---------------------------------------------------------------

    def _on_kind_changed(self) -> None:
        in_kind = self.kind.currentData() == "in_kind"
        has_reference = self.kind.currentData() in ("mobile", "bank")
        self.reference.setVisible(has_reference)
        self.reference_label.setVisible(has_reference)
        self.amount.setEnabled(not in_kind)
        self.items_box.setVisible(in_kind)
        self.items_label.setVisible(in_kind)
        if in_kind and self.items_model.rowCount() == 0:
            self.items_model.add_line()
        self._on_amount_changed()

    def _on_amount_changed(self) -> None:
        if self.kind.currentData() == "in_kind":
            self.amount_rows.clear_error()
            self._update_items_total()
        else:
            self.amount_rows.show_typed()

    def _update_items_total(self) -> None:
        if self.kind.currentData() == "in_kind":
            self.amount_rows.show_fen(self.items_model.total_fen())

    def add_item_line(self) -> None:
        if self.kind.currentData() == "in_kind":
            self.items_box.add_line()

    def set_designations(self, designations: list[DesignationInfo]) -> None:
        """Replace the choices (after a sync pulled the association's list)."""
        self.designation.set_designations(designations)

    # -- Enter records ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self.designation.popup_open()
        ):
            self.submit()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)

    # -- recording -------------------------------------------------------------------

    def draft(self) -> DonationDraft:
        """What is typed, as the domain's draft (not yet validated)."""
        kind = str(self.kind.currentData())
        return DonationDraft(
            kind=kind,
            amount="" if kind == "in_kind" else self.amount.text(),
            donor_name=self.donor.text(),
            anonymous=self.anonymous.isChecked(),
            phone=self.phone.text(),
            designation_code=self.designation.code(),
            note=self.note.text(),
            items=self.items_model.drafts() if kind == "in_kind" else (),
            transaction_reference=self.reference.text() if kind in ("mobile", "bank") else "",
            organisation=self.donor_rows.is_organisation(),
            override=self.confirm.override() if kind == "in_kind" else None,
            second=self.confirm.second() if kind == "in_kind" else None,
        )

    def is_busy(self) -> bool:
        return self._busy

    def submit(self) -> None:
        if self._busy:
            return
        self._clear_errors()
        draft = self.draft()
        if draft.kind == "in_kind" and (empty := self.items_box.empty_line()) is not None:
            self._show_refusal(
                ValidationError(
                    "item.empty_line",
                    f"第 {empty + 1} 行物资是空的：请填写，或按“删除物资”删去",
                    f"Item line {empty + 1} is empty: fill it in or remove it.",
                    field=f"items.{empty}",
                )
            )
            return
        if draft.kind != "in_kind":
            try:
                parse_amount(draft.amount)  # the same rule the service applies, at once
            except ValidationError as err:
                self._show_refusal(err)
                return
        self._set_busy(True)
        record = self._record
        self._workers.write(lambda: record(draft), self._on_recorded, self._on_failed)

    def _on_recorded(self, result: RecordedDonation) -> None:
        self._set_busy(False)
        self.clear()
        self.recorded.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        """A refusal (the workers send anything else to the error reporter)."""
        self._set_busy(False)
        if isinstance(exc, DomainError):
            self._show_refusal(exc)
            # A goods rule asks for the coordinator or a second person: said by its box.
            if self.confirm.show_for(exc.code, exc.message(self._language)):
                self.error.hide()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.submit_button.setEnabled(not busy)

    def _clear_errors(self) -> None:
        self.error.hide()
        self.amount_rows.clear_error()
        self._error_field = ""

    def _clear_errors_about(self, field: str) -> None:
        """The person fixed what the refusal named (ticked 匿名, typed the name): the red
        line goes, rather than staying to contradict the form."""
        if getattr(self, "_error_field", "").split(".")[0] == field:
            self.error.hide()
            self._error_field = ""

    def _show_refusal(self, err: DomainError) -> None:
        message = err.message(self._language)
        field = err.field or ""
        if field == "amount":
            self.amount_rows.show_error(message)
            self.amount.setFocus()
            self.amount.selectAll()
            return
        self.error.setText(message)
        self.error.show()
        self._error_field = field
        target: dict[str, QWidget] = {
            "donor_name": self.donor,
            "phone": self.phone,
            "designation": self.designation,
            "note": self.note,
            "kind": self.kind,
            "items": self.items,
            "transaction_reference": self.reference,
        }
        target["lots"] = self.items  # the goods rules name a line as a lot (issue 18)
        widget = target.get(field.split(".")[0])
        line = field.split(".")[1] if "." in field else ""
        if field.split(".")[0] in ("items", "lots") and line.isdigit():
            self.items.setCurrentIndex(self.items_model.index(int(line), 0))
        if widget is not None:
            widget.setFocus()

    def error_message(self) -> str:
        """The refusal currently shown (empty if none) — for the window and tests."""
        for label in (self.amount_error, self.error, self.confirm.why):
            if not label.isHidden() and label.text():
                return label.text()
        return ""

    def clear(self) -> None:
        """Empty the form for the next donor: the next donor starts from cash and
        undesignated, so nobody's choice carries over unseen to someone else's gift."""
        self.kind.setCurrentIndex(0)
        self.designation.select(UNDESIGNATED)
        self.amount.clear()
        self.reference.clear()
        self.donor_rows.clear()
        self.note.clear()
        self.items_box.reset()
        if self.kind.currentData() == "in_kind":
            self.items_model.add_line()
        self._clear_errors()
        self.capitals.setText("")
        self.amount.setFocus() if self.amount.isEnabled() else self.items.setFocus()

    def has_input(self) -> bool:
        """Something a person typed that is not saved yet (closing or locking asks)."""
        typed = (self.amount, self.donor, self.phone, self.note)
        return any(w.text().strip() for w in typed) or bool(self.items_model.drafts())

    # -- keeping a half-filled form across a window rebuild --------------------------

    def state(self) -> dict[str, Any]:
        return {
            "kind": self.kind.currentData(),
            "amount": self.amount.text(),
            "reference": self.reference.text(),
            **self.donor_rows.state(),
            "designation": self.designation.currentText(),
            "designation_code": self.designation.code(),  # names differ by language
            "note": self.note.text(),
            "items": self.items_model.lines(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        index = self.kind.findData(state.get("kind"))
        if index >= 0:
            self.kind.setCurrentIndex(index)
        self.amount.setText(state.get("amount", ""))
        self.reference.setText(state.get("reference", ""))
        self.donor_rows.restore(state)
        self.designation.setEditText(state.get("designation", ""))
        if self.designation.findData(state.get("designation_code")) >= 0:
            self.designation.select(str(state["designation_code"]))
        self.note.setText(state.get("note", ""))
        if state.get("items"):
            self.items_model.set_lines(state["items"])
