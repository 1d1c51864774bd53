"""Who gave: the donor's name (or 匿名), whether it is an organisation, a phone number.

Rows of the donation form's layout, kept together because they depend on each other:
ticking 匿名 empties nothing but disables the name and the organisation box (an
anonymous gift cannot be an organisation's), and unticking it puts the cursor back in
the name.  ``name_fixed`` tells the form the refusal about the name no longer holds.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit


class DonorRows(QObject):
    name_fixed = Signal()

    def __init__(self, form: QFormLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.donor = QLineEdit()
        self.donor.setMaxLength(40)
        self.donor.setPlaceholderText(self.tr("Name of person or organisation"))
        self.anonymous = QCheckBox(self.tr("Anony&mous"))
        self.anonymous.toggled.connect(self._on_anonymous)
        self.donor.textChanged.connect(lambda _t: self.name_fixed.emit())
        self.organisation = QCheckBox(self.tr("Or&ganisation"))
        self.organisation.setToolTip(
            self.tr("A company or other body: named in full on the disclosure sheet")
        )
        row = QHBoxLayout()
        row.addWidget(self.donor, 1)
        row.addWidget(self.anonymous)
        row.addWidget(self.organisation)
        label = QLabel(self.tr("&Donor:"))
        label.setBuddy(self.donor)
        form.addRow(label, row)
        self.phone = QLineEdit()
        self.phone.setMaxLength(20)
        self.phone.setPlaceholderText(self.tr("Optional; for contacting the donor, never printed"))
        phone_label = QLabel(self.tr("&Phone:"))
        phone_label.setBuddy(self.phone)
        form.addRow(phone_label, self.phone)

    def _on_anonymous(self, checked: bool) -> None:
        self.donor.setEnabled(not checked)
        self.organisation.setEnabled(not checked)
        if checked:
            self.organisation.setChecked(False)
            self.name_fixed.emit()
        else:
            self.donor.setFocus()

    def is_organisation(self) -> bool:
        return self.organisation.isChecked() and not self.anonymous.isChecked()

    def clear(self) -> None:
        self.donor.clear()
        self.anonymous.setChecked(False)
        self.organisation.setChecked(False)
        self.phone.clear()

    def state(self) -> dict[str, Any]:
        return {
            "donor": self.donor.text(),
            "anonymous": self.anonymous.isChecked(),
            "organisation": self.organisation.isChecked(),
            "phone": self.phone.text(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.donor.setText(state.get("donor", ""))
        self.anonymous.setChecked(bool(state.get("anonymous")))
        self.organisation.setChecked(bool(state.get("organisation")))
        self.phone.setText(state.get("phone", ""))
