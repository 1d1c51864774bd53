"""Settings: language, receipt layout, printer, idle lock, the station and its
enrolment, one's own password, the goods rules, and (coordinator) accounts.

Preferences are only returned to the caller (``accepted_settings``), which saves them and
rebuilds the main window when the language changed — no live retranslation.  Account
changes are business actions: they go through the operators service on the writer pool
and are ledgered.  Enrolment (coordinator) talks to the association, so it runs in the
slow pool; the token it earns goes straight to the keyring and is never shown.  The
accounts tab (``settings_accounts``) and the goods rules tab (``settings_goods_rules``)
are their own widgets, each doing its business actions itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from station_app.association_defaults import association_defaults
from station_app.domain.roles import can_close_day, can_manage_operators
from station_app.keystore import KeyStore
from station_app.printing.layouts import LAYOUTS, ReceiptLayout, is_layout
from station_app.services.enrolment import Enrolment, EnrolmentKeys, enrol_station
from station_app.services.operators import (
    change_own_password,
)
from station_app.services.records import StationInfo
from station_app.services.sessions import OperatorSession
from station_app.storage.database import StationDatabase
from station_app.ui import texts, zoom
from station_app.ui.colours import ERROR_COLOUR, ERROR_STYLE, OK_COLOUR, OK_STYLE
from station_app.ui.forms import DATA_VALUE
from station_app.ui.settings_accounts import AccountsTab
from station_app.ui.settings_goods_rules import GoodsRulesTab
from station_app.ui.settings_store import Settings
from station_app.ui.workers import Workers

log = logging.getLogger(__name__)


class SyncKeys(EnrolmentKeys, Protocol):
    """The keyring as enrolment needs it, plus whether a token is already there."""

    def get_sync_token(self) -> str | None: ...


class SettingsDialog(QDialog):
    accepted_settings = Signal(object)  # Settings
    session_changed = Signal(object)  # OperatorSession, after the person changed their password
    station_changed = Signal(object)  # StationInfo, after an enrolment at another address

    def __init__(
        self,
        *,
        settings: Settings,
        station: StationInfo,
        operator: OperatorSession,
        db: StationDatabase,
        workers: Workers,
        printers: Callable[[], list[str]] = QPrinterInfo.availablePrinterNames,
        keys: Callable[[], SyncKeys] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._keys = keys or (lambda: KeyStore(station.code))
        self._settings = settings
        self._station = station
        self._db = db
        self._workers = workers
        self._operator = operator
        self._language = settings.domain_language
        self.setWindowTitle(self.tr("Settings"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(settings, printers()), self.tr("&General"))
        self.tabs.addTab(self._station_tab(station), self.tr("S&tation"))
        self.tabs.addTab(self._password_tab(), self.tr("My &password"))
        self.operators_tab: AccountsTab | None = None
        if can_manage_operators(operator.role):
            self.operators_tab = AccountsTab(
                db=db, workers=workers, operator=operator, language=self._language
            )
            self.tabs.addTab(self.operators_tab, self.tr("&Accounts"))
        self.goods_rules = GoodsRulesTab(
            db=db, workers=workers, operator=operator, language=self._language
        )
        self.tabs.addTab(self.goods_rules, self.tr("&Goods rules"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(560, 420)

    # -- tabs ------------------------------------------------------------------------

    def _general_tab(self, s: Settings, printers: list[str]) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language = QComboBox()
        # Each language is named in itself, so a person who cannot read the current
        # language still finds theirs.
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setProperty(DATA_VALUE, True)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.layout_choice = QComboBox()
        for layout in LAYOUTS:
            self.layout_choice.addItem(texts.layout_name(layout), layout)
        self.layout_choice.setCurrentIndex(max(0, self.layout_choice.findData(s.receipt_layout)))
        self.printer = QComboBox()
        self.printer.addItem(self.tr("System default printer"), "")
        for name in printers:
            self.printer.addItem(name, name)
        self.printer.setCurrentIndex(max(0, self.printer.findData(s.printer_name)))
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setValue(s.idle_lock_minutes)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("Never"))
        self.zoom = QComboBox()  # this PC's text size: applies at once, kept in QSettings
        for step in zoom.STEPS:
            self.zoom.addItem(f"{step} %", step)
        self.zoom.setCurrentIndex(max(0, self.zoom.findData(zoom.saved_zoom())))
        self.zoom.activated.connect(lambda i: zoom.set_zoom(int(self.zoom.itemData(i))))
        for text, widget in (
            (self.tr("&Language:"), self.language),
            (self.tr("Text si&ze:"), self.zoom),
            (self.tr("Receipt &layout:"), self.layout_choice),
            (self.tr("&Printer:"), self.printer),
            (self.tr("Lock after &idle:"), self.idle),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        note = QLabel(self.tr("A new language applies when this window closes."))
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _station_tab(self, station: StationInfo) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        for text, value in (
            (self.tr("Station code:"), station.code),
            (self.tr("Station name:"), station.name),
            (self.tr("District:"), station.district),
            (self.tr("Association:"), station.association_name),
        ):
            v = QLineEdit(value)
            v.setReadOnly(True)
            v.setProperty(DATA_VALUE, True)
            form.addRow(text, v)
        # The coordinator may point the station at another address; it takes effect (and
        # is ledgered) only when an enrolment there succeeds.  A station not enrolled yet
        # is offered this build's association address.
        self.association_url = QLineEdit(
            station.association_url or association_defaults().public_url
        )
        self.association_url.setReadOnly(not can_close_day(self._operator.role))
        self.association_url.setProperty(DATA_VALUE, True)
        form.addRow(self.tr("Association URL:"), self.association_url)
        if station.association_url:
            said = self.tr(
                "These were fixed when the station was enrolled; the association changes "
                "them when it enrols the station again."
            )
        else:  # set up offline: the address shown is this build's, not yet the station's
            said = self.tr(
                "Not enrolled yet: the address above is the city association's, where the "
                "station will enrol. Until then receipts' QR codes point there too."
            )
        hint = QLabel(said)
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(self._enrolment_box())
        return page

    def _enrolment_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Enrolment with the association"))
        form = QFormLayout(box)
        self.enrolment_state = QLabel(self.tr("Checking…"))
        self.enrolment_state.setWordWrap(True)
        form.addRow(self.enrolment_state)
        self.enrol_code: QLineEdit | None = None
        self.enrol_button: QPushButton | None = None
        self.enrol_result = QLabel()
        self.enrol_result.setWordWrap(True)
        self.enrol_result.hide()
        if can_close_day(self._operator.role):  # the coordinator answers for the station
            self.enrol_code = QLineEdit()
            self.enrol_code.setPlaceholderText(self.tr("From the association; used once"))
            self.enrol_button = QPushButton(self.tr("&Enrol"))
            self.enrol_button.clicked.connect(self.enrol)
            self.enrol_code.returnPressed.connect(self.enrol)
            row = QHBoxLayout()
            row.addWidget(self.enrol_code, 1)
            row.addWidget(self.enrol_button)
            label = QLabel(self.tr("Enrolment &code:"))
            label.setBuddy(self.enrol_code)
            form.addRow(label, row)
        form.addRow(self.enrol_result)
        self._read_enrolment()
        return box

    # -- enrolment -------------------------------------------------------------------

    def _read_enrolment(self) -> None:
        keys = self._keys
        self._workers.run_slow(
            lambda: bool(keys().get_sync_token()),
            self._show_enrolled,
            self._enrol_failed,
            owner=self,
        )

    def _show_enrolled(self, enrolled: bool) -> None:
        if enrolled:
            self.enrolment_state.setText(
                self.tr("This station is enrolled and can sync with the association.")
            )
        elif self.enrol_code is None:  # staff: there is no code box to type into
            self.enrolment_state.setText(
                self.tr(
                    "This station is not enrolled yet: it works offline. A coordinator "
                    "enrols it here with the association's one-time code."
                )
            )
        else:
            self.enrolment_state.setText(
                self.tr(
                    "This station is not enrolled yet. Enter the one-time enrolment code "
                    "the association gave you, then press Enrol."
                )
            )

    def enrol(self) -> None:
        """Swap the one-time code for a sync token (kept in the keyring by the service)."""
        if self.enrol_code is None or self.enrol_button is None:
            return
        code = self.enrol_code.text()
        if not code.strip():
            self._show_enrol_result(self.tr("Enter the enrolment code first."), ok=False)
            return
        db, keys, session = self._db, self._keys, self._operator
        self.enrol_button.setEnabled(False)
        self._show_enrol_result(self.tr("Contacting the association…"), ok=None)
        url = self.association_url.text().strip() or None
        self._workers.run_network(
            lambda: enrol_station(db, keys(), session, code, association_url=url),
            self._enrolled,
            self._enrol_failed,
            owner=self,
        )

    def _enrolled(self, result: Enrolment) -> None:
        if self.enrol_code is not None:
            self.enrol_code.clear()
        if self.enrol_button is not None:
            self.enrol_button.setEnabled(True)
        self._show_enrol_result(
            self.tr("Enrolled: the association accepted station {0}. It can sync now.").format(
                result.station_code
            ),
            ok=True,
        )
        self._show_enrolled(True)
        if result.association_url != self._station.association_url:
            self._station = replace(self._station, association_url=result.association_url)
            self.association_url.setText(result.association_url)
            self.station_changed.emit(self._station)

    def _enrol_failed(self, exc: BaseException) -> None:
        if self.enrol_button is not None:
            self.enrol_button.setEnabled(True)
        self._show_enrol_result(texts.error_text(exc, self._language), ok=False)

    def _show_enrol_result(self, text: str, *, ok: bool | None) -> None:
        colour = {True: OK_COLOUR, False: ERROR_COLOUR, None: ""}[ok]
        self.enrol_result.setStyleSheet(f"color: {colour};" if colour else "")
        self.enrol_result.setText(text)
        self.enrol_result.show()

    def _password_tab(self) -> QWidget:
        """Every person changes their own password, proven by the current one."""
        page = QWidget()
        form = QFormLayout(page)
        self.current_password = QLineEdit()
        self.changed_password = QLineEdit()
        self.changed_again = QLineEdit()
        for edit in (self.current_password, self.changed_password, self.changed_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.change_password_button = QPushButton(self.tr("&Change my password"))
        self.change_password_button.clicked.connect(self._change_own_password)
        self.changed_again.returnPressed.connect(self._change_own_password)
        self.password_result = QLabel()
        self.password_result.setWordWrap(True)
        self.password_result.hide()
        form.addRow(self.tr("Current password:"), self.current_password)
        form.addRow(self.tr("New password:"), self.changed_password)
        form.addRow(self.tr("New password again:"), self.changed_again)
        form.addRow("", self.change_password_button)
        form.addRow(self.password_result)
        return page

    def _change_own_password(self) -> None:
        current, new = self.current_password.text(), self.changed_password.text()
        if new != self.changed_again.text():
            self._show_password_result(self.tr("The two new passwords differ."), ok=False)
            return
        db, session = self._db, self._operator

        def done(fresh: OperatorSession) -> None:
            self._operator = fresh
            for edit in (self.current_password, self.changed_password, self.changed_again):
                edit.clear()
            self._show_password_result(self.tr("Your password was changed."), ok=True)
            self.session_changed.emit(fresh)

        self.change_password_button.setEnabled(False)
        self._workers.write(
            lambda: change_own_password(db, session, current, new),
            done,
            lambda exc: self._show_password_result(texts.error_text(exc, self._language), ok=False),
            owner=self,
        )

    def _show_password_result(self, text: str, *, ok: bool) -> None:
        self.change_password_button.setEnabled(True)
        self.password_result.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.password_result.setText(text)
        self.password_result.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field that has its own action (the enrolment code, a password) does
        that action only; it must not also press OK and close the dialog."""
        own = (self.enrol_code, self.current_password, self.changed_password, self.changed_again)
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() in keys and self.focusWidget() in own:
            event.accept()
            return
        super().keyPressEvent(event)

    # -- result ----------------------------------------------------------------------

    def chosen(self) -> Settings:
        return replace(
            self._settings,
            language=str(self.language.currentData()),
            receipt_layout=_chosen_layout(self.layout_choice.currentData()),
            printer_name=str(self.printer.currentData() or ""),
            idle_lock_minutes=self.idle.value(),
        ).normalised()

    def _accept(self) -> None:
        self.accepted_settings.emit(self.chosen())
        self.accept()


def _chosen_layout(data: object) -> ReceiptLayout:
    return data if is_layout(data) else "a5"
