"""Setting up this PC as a station the first time the program starts.

It asks for what ``create_station`` needs and nothing more; the rules (station code
format, URL, names, password) are the service's, and its refusal is shown next to the
form.  The signing key goes to the keyring inside the service, before anything is
written, so a PC without a usable keyring is told so and nothing is half set up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.association_defaults import association_defaults
from station_app.services.records import StationInfo
from station_app.services.station_setup import StationSetup
from station_app.ui import texts
from station_app.ui.error_label import error_label
from station_app.ui.workers import Workers

CreateStation = Callable[[StationSetup], StationInfo]
MIN_PASSWORD = 8


class FirstRunDialog(QDialog):
    station_created = Signal(object)  # StationInfo

    def __init__(
        self,
        *,
        create: CreateStation,
        workers: Workers,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._create = create
        self._workers = workers
        self._language = language
        self.setWindowTitle(self.tr("Set up this station"))
        intro = QLabel(
            self.tr(
                "This PC is not set up as a donation station yet. Enter the details the "
                "association gave you. You become the station's coordinator."
            )
        )
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText("GZ-YX-0012")
        self.name = QLineEdit()
        self.district = QLineEdit()
        self.association_name = QLineEdit()
        # The name is printed on receipts, so it stays in Chinese in an English UI too.
        self.association_name.setText(association_defaults().name)
        self.association_url = QLineEdit()
        self.association_url.setPlaceholderText(
            self.tr("Optional: https://… (enrol later in Settings; the station works offline)")
        )
        self.coordinator = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)

        form = QFormLayout()
        for text, widget in (
            (self.tr("Station &code:"), self.code),
            (self.tr("Station &name:"), self.name),
            (self.tr("&District:"), self.district),
            (self.tr("&Association:"), self.association_name),
            (self.tr("Association &URL:"), self.association_url),
            (self.tr("Your na&me (coordinator):"), self.coordinator),
            (self.tr("&Password:"), self.password),
            (self.tr("Password a&gain:"), self.password_again),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)

        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Set up station"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def setup(self) -> StationSetup:
        return StationSetup(
            code=self.code.text().strip().upper(),
            name=self.name.text(),
            district=self.district.text(),
            association_url=self.association_url.text(),
            coordinator_name=self.coordinator.text(),
            coordinator_password=self.password.text(),
            association_name=self.association_name.text(),
        )

    def submit(self) -> None:
        if len(self.password.text()) < MIN_PASSWORD:
            self._show_error(self.tr("The password needs at least 8 characters."))
            return
        if self.password.text() != self.password_again.text():
            self._show_error(self.tr("The two passwords are not the same."))
            return
        self.ok.setEnabled(False)
        setup, create = self.setup(), self._create
        self._workers.write(lambda: create(setup), self._created, self._failed, owner=self)

    def _created(self, station: StationInfo) -> None:
        self.station_created.emit(station)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self._show_error(texts.error_text(exc, self._language))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
