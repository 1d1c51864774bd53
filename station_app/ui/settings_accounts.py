"""Settings, the accounts tab (coordinator): the station's people, switched off and on,
passwords reset, new accounts added.

Every change is a business action of the operators service on the writer pool, and is
ledgered there; the list is read on the slow pool.  Accounts are never deleted (records
name their operator), so the list shows the inactive ones too.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.roles import Role
from station_app.services.operators import (
    create_operator,
    list_operators,
    reset_password,
    set_operator_active,
)
from station_app.services.records import OperatorInfo
from station_app.services.sessions import OperatorSession
from station_app.storage.database import StationDatabase
from station_app.ui import texts
from station_app.ui.colours import ERROR_STYLE
from station_app.ui.operators_model import OperatorsModel
from station_app.ui.workers import Workers


class AccountsTab(QWidget):
    def __init__(
        self,
        *,
        db: StationDatabase,
        workers: Workers,
        operator: OperatorSession,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._workers, self._operator = db, workers, operator
        self._language = language
        self.operators_model = OperatorsModel(self)
        self.operators = QTableView()
        self.operators.setModel(self.operators_model)
        self.operators.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.operators.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.operators.horizontalHeader().setStretchLastSection(True)
        self.operators.verticalHeader().hide()
        self.toggle_active = QPushButton(self.tr("Switch account o&ff/on"))
        self.toggle_active.clicked.connect(self._toggle_active)
        self.reset_password_edit = QLineEdit()
        self.reset_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset_password_edit.setPlaceholderText(self.tr("New password for the chosen account"))
        self.reset_button = QPushButton(self.tr("&Reset password"))
        self.reset_button.clicked.connect(self._reset_password)

        self.new_name = QLineEdit()
        self.new_role = QComboBox()
        for role in (Role.STAFF, Role.SOCIAL_WORKER, Role.COORDINATOR):
            self.new_role.addItem(texts.role_name(role), role.value)
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        add = QPushButton(self.tr("A&dd account"))
        add.clicked.connect(self._add_operator)
        self.operators_error = QLabel()
        self.operators_error.setStyleSheet(ERROR_STYLE)
        self.operators_error.setWordWrap(True)
        self.operators_error.hide()

        new_form = QFormLayout()
        new_form.addRow(self.tr("Name:"), self.new_name)
        new_form.addRow(self.tr("Role:"), self.new_role)
        new_form.addRow(self.tr("Password:"), self.new_password)
        row = QHBoxLayout()
        row.addWidget(self.toggle_active)
        row.addStretch(1)
        row.addWidget(add)
        reset_row = QHBoxLayout()
        reset_row.addWidget(self.reset_password_edit, 1)
        reset_row.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.operators, 1)
        layout.addLayout(reset_row)
        layout.addLayout(new_form)
        layout.addLayout(row)
        layout.addWidget(self.operators_error)
        self._load_operators()

    def _reset_password(self) -> None:
        op = self.operators_model.operator_at(self.operators.currentIndex().row())
        if op is None:
            self._show_operator_error_text(self.tr("Choose the account in the list first."))
            return
        db, actor, new = self._db, self._operator, self.reset_password_edit.text()

        def done(_r: object) -> None:
            self.reset_password_edit.clear()
            self.operators_error.setText(
                self.tr("The password of {0} was reset; tell them the new one.").format(op.name)
            )
            self.operators_error.show()

        self._workers.write(
            lambda: reset_password(db, actor, op.id, new),
            done,
            self._show_operator_error,
            owner=self,
        )

    def _load_operators(self) -> None:
        db = self._db
        self._workers.run_slow(
            lambda: list_operators(db, include_inactive=True),
            self.operators_model.set_operators,
            self._show_operator_error,
            owner=self,
        )

    def _add_operator(self) -> None:
        db, actor = self._db, self._operator
        name, role = self.new_name.text(), str(self.new_role.currentData())
        password = self.new_password.text()

        def done(_op: OperatorInfo) -> None:
            self.new_name.clear()
            self.new_password.clear()
            self.operators_error.hide()
            self._load_operators()

        self._workers.write(
            lambda: create_operator(db, actor, name, role, password),
            done,
            self._show_operator_error,
            owner=self,
        )

    def _toggle_active(self) -> None:
        op = self.operators_model.operator_at(self.operators.currentIndex().row())
        if op is None:
            return
        db, actor = self._db, self._operator
        self._workers.write(
            lambda: set_operator_active(db, actor, op.id, not op.active),
            lambda _r: self._load_operators(),
            self._show_operator_error,
            owner=self,
        )

    def _show_operator_error(self, exc: BaseException) -> None:
        self._show_operator_error_text(texts.error_text(exc, self._language))

    def _show_operator_error_text(self, message: str) -> None:
        self.operators_error.setText(message)
        self.operators_error.show()
