"""The donation form: record a gift without touching the mouse.

Tab order follows the paper form (kind, amount, the transaction number of a mobile or
bank payment, items, donor, anonymous, phone, designation, note); Enter anywhere
records; every label has an Alt accelerator.  The amount shows its Chinese capitals
while it is typed (what the receipt will print) and a refusal appears in a red line
under the form, with the cursor put back in the field it concerns.  The form is only
cleared after a successful record, so a lock or a change of operator never loses what
was half typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.capitals import to_capitals
from station_app.domain.donations import UNDESIGNATED, DonationDraft
from station_app.domain.errors import DomainError, ValidationError
from station_app.domain.money import format_fen, parse_amount
from station_app.services.records import DesignationInfo, RecordedDonation
from station_app.ui import texts
from station_app.ui.error_label import ERROR_STYLE, error_label
from station_app.ui.forms import DATA_VALUE
from station_app.ui.item_lines_model import ItemLinesModel
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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workers = workers
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

        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("e.g. 100 or 1,000.50"))
        self.amount.setMaxLength(30)
        self.amount.textChanged.connect(self._on_amount_changed)
        self.amount_label = self._label(self.tr("&Amount (¥):"), self.amount)
        form.addRow(self.amount_label, self.amount)

        self.capitals = QLabel()
        self.capitals.setProperty(DATA_VALUE, True)
        self.capitals.setWordWrap(True)  # a long capitals line wraps, never widens the form
        self.capitals.setMinimumHeight(self.capitals.fontMetrics().height())
        form.addRow("", self.capitals)
        self.amount_error = QLabel()
        self.amount_error.setStyleSheet(ERROR_STYLE)
        self.amount_error.setWordWrap(True)
        self.amount_error.hide()
        form.addRow("", self.amount_error)

        self.reference = QLineEdit()
        self.reference.setMaxLength(64)
        self.reference.setPlaceholderText(self.tr("Optional: the number on the payer's phone"))
        self.reference.setToolTip(
            self.tr("Matches the donation to its line on the payment statement")
        )
        self.reference_label = self._label(self.tr("Transaction &no.:"), self.reference)
        form.addRow(self.reference_label, self.reference)

        self.items_box = QWidget()
        items_layout = QVBoxLayout(self.items_box)
        items_layout.setContentsMargins(0, 0, 0, 0)
        self.items_model = ItemLinesModel(self)
        self.items_model.dataChanged.connect(self._update_items_total)
        self.items_model.rowsInserted.connect(self._update_items_total)
        self.items_model.rowsRemoved.connect(self._update_items_total)
        self.items = QTableView()
        self.items.setModel(self.items_model)
        self.items.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.items.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Every column in view: quantity, unit and value never hide behind a scroll bar.
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.verticalHeader().setDefaultSectionSize(26)
        self.items.setMinimumHeight(110)
        self.items.setTabKeyNavigation(True)
        buttons = QHBoxLayout()
        style = self.style()
        self.add_item = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder), self.tr("Add &item")
        )
        self.add_item.setToolTip(self.tr("Add an item line (Ctrl+I)"))
        self.add_item.clicked.connect(self.add_item_line)
        self.remove_item = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon), self.tr("Remo&ve item")
        )
        self.remove_item.clicked.connect(self._remove_current_item)
        self.items_total = QLabel()
        buttons.addWidget(self.add_item)
        buttons.addWidget(self.remove_item)
        buttons.addStretch(1)
        buttons.addWidget(self.items_total)
        items_layout.addWidget(self.items)
        items_layout.addLayout(buttons)
        self.items_label = self._label(self.tr("I&tems:"), self.items)
        form.addRow(self.items_label, self.items_box)
        QShortcut(QKeySequence("Ctrl+I"), self, self.add_item_line)

        donor_row = QHBoxLayout()
        self.donor = QLineEdit()
        self.donor.setMaxLength(40)
        self.donor.setPlaceholderText(self.tr("Name of person or organisation"))
        self.anonymous = QCheckBox(self.tr("Anony&mous"))
        self.anonymous.toggled.connect(self._on_anonymous)
        self.donor.textChanged.connect(lambda _t: self._clear_errors_about("donor_name"))
        self.organisation = QCheckBox(self.tr("Or&ganisation"))
        self.organisation.setToolTip(
            self.tr("A company or other body: named in full on the disclosure sheet")
        )
        donor_row.addWidget(self.donor, 1)
        donor_row.addWidget(self.anonymous)
        donor_row.addWidget(self.organisation)
        form.addRow(self._label(self.tr("&Donor:"), self.donor), donor_row)

        self.phone = QLineEdit()
        self.phone.setMaxLength(20)
        self.phone.setPlaceholderText(self.tr("Optional; for contacting the donor, never printed"))
        form.addRow(self._label(self.tr("&Phone:"), self.phone), self.phone)

        self.designation = QComboBox()
        self.designation.setEditable(True)
        self.designation.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.designation.setProperty(DATA_VALUE, True)
        self.designation.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for d in designations:
            self.designation.addItem(texts.designation_name(d.code, d.name), d.code)
        completer = QCompleter(self.designation.model(), self.designation)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.designation.setCompleter(completer)
        designation_edit = self.designation.lineEdit()
        if designation_edit is not None:
            designation_edit.setPlaceholderText(self.tr("Type to search"))
        self._select_designation(UNDESIGNATED)
        form.addRow(self._label(self.tr("D&esignation:"), self.designation), self.designation)

        self.note = QLineEdit()
        self.note.setMaxLength(200)
        form.addRow(self._label(self.tr("N&ote:"), self.note), self.note)

        self.error = error_label()

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

        for w in (self.amount, self.reference, self.donor, self.phone, self.note, self.designation):
            w.installEventFilter(self)
        self.setTabOrder(self.kind, self.amount)
        self.setTabOrder(self.amount, self.reference)
        self.setTabOrder(self.reference, self.items)
        self.setTabOrder(self.items, self.add_item)
        self.setTabOrder(self.add_item, self.remove_item)
        self.setTabOrder(self.remove_item, self.donor)
        self.setTabOrder(self.donor, self.anonymous)
        self.setTabOrder(self.anonymous, self.organisation)
        self.setTabOrder(self.organisation, self.phone)
        self.setTabOrder(self.phone, self.designation)
        self.setTabOrder(self.designation, self.note)
        self.setTabOrder(self.note, self.submit_button)
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
        self.amount_error.hide()
        self.capitals.show()
        if self.kind.currentData() == "in_kind":
            self._update_items_total()
            return
        text = self.amount.text()
        if not text.strip():
            self.capitals.setText("")
            return
        try:
            fen = parse_amount(text)
        except ValidationError as err:
            self.capitals.setText("")
            self._show_amount_error(err.message(self._language))
            return
        self.capitals.setText(f"{format_fen(fen)}  {to_capitals(fen)}")

    def _update_items_total(self) -> None:
        if self.kind.currentData() != "in_kind":
            return
        total = self.items_model.total_fen()
        if total is None:
            self.items_total.setText(self.tr("Total: —"))
            self.capitals.setText("")
        else:
            self.items_total.setText(self.tr("Total: {0}").format(format_fen(total)))
            self.capitals.setText(f"{format_fen(total)}  {to_capitals(total)}" if total else "")

    def _show_amount_error(self, message: str) -> None:
        # In the capitals' place, not under an empty line where the capitals would be.
        self.capitals.hide()
        self.amount_error.setText(message)
        self.amount_error.show()

    def _on_anonymous(self, checked: bool) -> None:
        self.donor.setEnabled(not checked)
        self.organisation.setEnabled(not checked)
        if checked:
            self.organisation.setChecked(False)
            self._clear_errors_about("donor_name")
        if not checked:
            self.donor.setFocus()

    def add_item_line(self) -> None:
        if self.kind.currentData() != "in_kind":
            return
        last = self.items_model.rowCount() - 1
        # An empty last line is the one to fill: never a second blank line below it.
        row = last if last >= 0 and self.items_model.is_empty(last) else self.items_model.add_line()
        index = self.items_model.index(row, 0)
        self.items.setCurrentIndex(index)
        self.items.setFocus()

    def _remove_current_item(self) -> None:
        self.items_model.remove_line(self.items.currentIndex().row())

    def set_designations(self, designations: list[DesignationInfo]) -> None:
        """Replace the choices (after a sync pulled the association's list), keeping the
        current choice when it still exists."""
        current = self.designation.currentData()
        self.designation.blockSignals(True)
        self.designation.clear()
        for d in designations:
            self.designation.addItem(texts.designation_name(d.code, d.name), d.code)
        self.designation.blockSignals(False)
        still_there = current is not None and self.designation.findData(current) >= 0
        self._select_designation(current if still_there else UNDESIGNATED)

    def _select_designation(self, code: str) -> None:
        index = self.designation.findData(code)
        if index >= 0:
            self.designation.setCurrentIndex(index)

    # -- Enter records ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            completer = self.designation.completer()
            popup = completer.popup() if completer is not None else None
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                popup is not None and popup.isVisible()
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
            designation_code=self._designation_code(),
            note=self.note.text(),
            items=self.items_model.drafts() if kind == "in_kind" else (),
            transaction_reference=self.reference.text() if kind in ("mobile", "bank") else "",
            organisation=self.organisation.isChecked() and not self.anonymous.isChecked(),
        )

    def _designation_code(self) -> str:
        text = self.designation.currentText().strip()
        index = self.designation.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            return text  # refused by the rules with "does not exist"
        return str(self.designation.itemData(index))

    def is_busy(self) -> bool:
        return self._busy

    def submit(self) -> None:
        if self._busy:
            return
        self._clear_errors()
        draft = self.draft()
        if draft.kind == "in_kind" and (empty := self._empty_item_line()) is not None:
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

    def _empty_item_line(self) -> int | None:
        """An empty line among filled ones is refused, never silently dropped (the one
        empty line of an empty table is the rules' "no items" refusal)."""
        model = self.items_model
        if model.rowCount() < 2:
            return None
        return next((r for r in range(model.rowCount()) if model.is_empty(r)), None)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.submit_button.setEnabled(not busy)

    def _clear_errors(self) -> None:
        self.error.hide()
        self.amount_error.hide()
        self.capitals.show()
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
            self._show_amount_error(message)
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
        widget = target.get(field.split(".")[0])
        if field.startswith("items.") and field.split(".")[1].isdigit():
            self.items.setCurrentIndex(self.items_model.index(int(field.split(".")[1]), 0))
        if widget is not None:
            widget.setFocus()

    def error_message(self) -> str:
        """The refusal currently shown (empty if none) — for the window and tests."""
        for label in (self.amount_error, self.error):
            if not label.isHidden() and label.text():
                return label.text()
        return ""

    def clear(self) -> None:
        """Empty the form for the next donor: the next donor starts from cash and
        undesignated, so nobody's choice carries over unseen to someone else's gift."""
        self.kind.setCurrentIndex(0)
        self._select_designation(UNDESIGNATED)
        self.amount.clear()
        self.reference.clear()
        self.donor.clear()
        self.anonymous.setChecked(False)
        self.organisation.setChecked(False)
        self.phone.clear()
        self.note.clear()
        self.items_model.clear()
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
            "donor": self.donor.text(),
            "anonymous": self.anonymous.isChecked(),
            "organisation": self.organisation.isChecked(),
            "phone": self.phone.text(),
            "designation": self.designation.currentText(),
            "designation_code": self._designation_code(),  # names differ by language
            "note": self.note.text(),
            "items": self.items_model.lines(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        index = self.kind.findData(state.get("kind"))
        if index >= 0:
            self.kind.setCurrentIndex(index)
        self.amount.setText(state.get("amount", ""))
        self.reference.setText(state.get("reference", ""))
        self.donor.setText(state.get("donor", ""))
        self.anonymous.setChecked(bool(state.get("anonymous")))
        self.organisation.setChecked(bool(state.get("organisation")))
        self.phone.setText(state.get("phone", ""))
        self.designation.setEditText(state.get("designation", ""))
        if self.designation.findData(state.get("designation_code")) >= 0:
            self._select_designation(str(state["designation_code"]))
        self.note.setText(state.get("note", ""))
        if state.get("items"):
            self.items_model.set_lines(state["items"])
