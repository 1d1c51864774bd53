"""The people a goods rule calls for, asked for only once the rule has spoken.

Food or medicine near expiry needs the coordinator's override (name, password, reason);
goods above the value threshold need a second person's name and password.  Both the
goods window's receive dialog and the donation form show these boxes after the
service's refusal names the rule (its code), and send what was typed with the next try;
the service checks the passwords and roles.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from station_app.domain.confirmation import Confirmation
from station_app.ui.error_label import error_label

#: The refusal codes that open a box (``services/goods_acceptance.py``).
OVERRIDE_CODE = "goods.expiry_too_close"
SECOND_CODE = "goods.second_person"


def _password() -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    return box


class ConfirmBoxes(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.override_box = QGroupBox(self.tr("Coordinator accepts goods near expiry"))
        self.override_name, self.override_password = QLineEdit(), _password()
        self.override_reason = QLineEdit()
        self.override_reason.setMaxLength(200)
        over = QFormLayout(self.override_box)
        over.addRow(self.tr("Coordinator"), self.override_name)
        over.addRow(self.tr("Password"), self.override_password)
        over.addRow(self.tr("Reason"), self.override_reason)
        self.second_box = QGroupBox(self.tr("Second person counts and confirms"))
        self.second_name, self.second_password = QLineEdit(), _password()
        second = QFormLayout(self.second_box)
        second.addRow(self.tr("Name"), self.second_name)
        second.addRow(self.tr("Password"), self.second_password)
        self.why = error_label()  # the rule's words, beside the box it opened
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.why)
        layout.addWidget(self.override_box)
        layout.addWidget(self.second_box)
        self.reset()

    def edits(self) -> tuple[QLineEdit, ...]:
        return (
            self.override_name,
            self.override_password,
            self.override_reason,
            self.second_name,
            self.second_password,
        )

    def show_for(self, code: str, message: str = "") -> bool:
        """Open the box a refusal's rule calls for, say why, and put the cursor in it."""
        box, first = {
            OVERRIDE_CODE: (self.override_box, self.override_name),
            SECOND_CODE: (self.second_box, self.second_name),
        }.get(code, (None, None))
        if box is None or first is None:
            return False
        self.show()
        box.show()
        self.why.setText(message)
        self.why.setVisible(bool(message))
        first.setFocus()
        return True

    def override(self) -> Confirmation | None:
        if self.override_box.isHidden():
            return None
        return Confirmation(
            self.override_name.text(), self.override_password.text(), self.override_reason.text()
        )

    def second(self) -> Confirmation | None:
        if self.second_box.isHidden():
            return None
        return Confirmation(self.second_name.text(), self.second_password.text())

    def reset(self) -> None:
        """Closed and empty: the next gift's rules ask again (a password never lingers)."""
        for edit in self.edits():
            edit.clear()
        self.override_box.hide()
        self.second_box.hide()
        self.why.hide()
        self.hide()
