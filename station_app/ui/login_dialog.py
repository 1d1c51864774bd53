"""Logging in, at start and when the desk is unlocked.

The password check (scrypt) deliberately takes a noticeable fraction of a second, so it
runs in the slow pool and the dialog stays responsive.  A wrong password gets the
service's one vague sentence, never which of the two was wrong.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from station_app.services.records import StationInfo
from station_app.services.sessions import OperatorSession
from station_app.ui import texts
from station_app.ui.error_label import error_label
from station_app.ui.forms import DATA_VALUE
from station_app.ui.workers import Workers

Authenticate = Callable[[str, str], OperatorSession]


class LoginDialog(QDialog):
    logged_in = Signal(object)  # OperatorSession

    def __init__(
        self,
        *,
        station: StationInfo,
        operator_names: list[str],
        authenticate: Authenticate,
        workers: Workers,
        language: str,
        preselect: str = "",
        locked: bool = False,
        switching_from: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._authenticate = authenticate
        self._workers = workers
        self._language = language
        self.setWindowTitle(
            self.tr("Switch user")
            if switching_from
            else self.tr("Desk locked")
            if locked
            else self.tr("Log in")
        )
        self.setWindowIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogYesButton))
        heading = QLabel(f"<b>{station.name}</b><br>{station.code}")
        heading.setProperty(DATA_VALUE, True)
        intro = QLabel(
            self.tr("{0} logged out. The next person chooses their name and logs in.").format(
                switching_from
            )
            if switching_from
            else self.tr("The desk was locked. Log in to continue; the open form is kept.")
            if locked
            else self.tr("Choose your name and enter your password.")
        )
        intro.setWordWrap(True)

        self.operator = QComboBox()
        self.operator.setEditable(False)
        self.operator.addItems(operator_names)
        self.operator.setProperty(DATA_VALUE, True)
        if preselect and preselect in operator_names:
            self.operator.setCurrentText(preselect)
        elif switching_from in operator_names and len(operator_names) > 1:
            # The next person is someone else: start from another name than the last.
            others = [n for n in operator_names if n != switching_from]
            self.operator.setCurrentText(others[0])
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        op_label = QLabel(self.tr("&Operator:"))
        op_label.setBuddy(self.operator)
        pw_label = QLabel(self.tr("&Password:"))
        pw_label.setBuddy(self.password)
        form.addRow(op_label, self.operator)
        form.addRow(pw_label, self.password)

        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Log in"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("&Quit program") if locked else self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self.password.setFocus()

    def try_login(self) -> None:
        name, password = self.operator.currentText(), self.password.text()
        if not password:
            self._show_error(self.tr("Enter your password."))
            return
        self.ok.setEnabled(False)
        check = self._authenticate
        # A failed login is written down (throttling), so it goes to the one writer.
        self._workers.write(lambda: check(name, password), self._success, self._failure, owner=self)

    def _success(self, operator: OperatorSession) -> None:
        self.ok.setEnabled(True)
        self.password.clear()
        self.logged_in.emit(operator)
        self.accept()

    def _failure(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.password.selectAll()
        self.password.setFocus()
        self._show_error(texts.error_text(exc, self._language))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
