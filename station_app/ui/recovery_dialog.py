"""What the person sees when the station database is damaged at start.

The program has already moved the damaged file aside (``startup_check.quarantine``) and
looked for the newest good backup; this dialog only explains that, in plain words, and
offers the three ways on: restore that backup, choose another one, or quit and call the
IT helper.  It never creates an empty database.  The restore itself is the service's
(``services.restore.restore``), passed in as a callable so the dialog can be tested
without files; a restore is the coordinator's action, so the dialog asks for their name
and password and the service checks them.  A refusal (a wrong password, another
station's backup, a damaged one) is shown in the dialog, which stays open so another
try can be made.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.errors import DomainError
from station_app.domain.station_time import STATION_TZ
from station_app.services.backups import BackupInfo
from station_app.services.restore import RestoreResult
from station_app.startup_check import HealthReport
from station_app.ui.colours import ERROR_STYLE

RestoreBackup = Callable[[Path, str, str], RestoreResult]  # backup, coordinator, password
ChooseFile = Callable[[QWidget, Path], Path | None]
#: How to run the (slow) restore: ``run(fn, on_done, on_error)``; the desk passes its
#: writer pool, so the window stays responsive; tests may run it in place.
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], Any]


def run_here(
    fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]
) -> None:
    try:
        result = fn()
    except BaseException as exc:  # handed to on_error like a worker would
        on_error(exc)
        return
    on_done(result)


def choose_backup_file(parent: QWidget, start_dir: Path) -> Path | None:
    """The standard file dialog, opened in the backups folder."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("RecoveryDialog", "Choose a backup"),
        str(start_dir),
        QCoreApplication.translate("RecoveryDialog", "Station backups (*.sqlite3);;All files (*)"),
    )
    return Path(name) if name else None


class RecoveryDialog(QDialog):
    """Accepted after a successful restore (see :attr:`restored`); rejected on quit."""

    def __init__(
        self,
        *,
        report: HealthReport,
        damaged_file: Path | None,
        newest: BackupInfo | None,
        backups_dir: Path,
        restore: RestoreBackup,
        language: str,
        choose_file: ChooseFile = choose_backup_file,
        run: Runner = run_here,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._restore = restore
        self._run = run
        self._choose_file = choose_file
        self._backups_dir = backups_dir
        self._language = language
        self._newest = newest
        self.restored: RestoreResult | None = None
        self.setWindowTitle(self.tr("The station database is damaged"))

        intro = QLabel(
            self.tr(
                "The program found a problem with this station's database and did not "
                "open it, so that no record is lost or overwritten."
            )
        )
        self.reason = QLabel(report.reason(language))
        self.reason.setObjectName("reason")
        self.damaged = QLabel(
            self.tr("The damaged file was kept, unchanged, as:\n{0}").format(damaged_file)
            if damaged_file is not None
            else ""
        )
        self.damaged.setVisible(damaged_file is not None)
        if newest is not None:
            when = newest.created_at.astimezone(STATION_TZ).strftime("%Y-%m-%d %H:%M")
            offer = self.tr(
                "The newest good backup is from {0} ({1} ledger entries). Records made "
                "after it are not in it."
            ).format(when, newest.entries)
        else:
            offer = self.tr(
                "No good backup was found in {0}. Choose a backup file (for example from "
                "a USB stick), or quit and call the IT helper."
            ).format(backups_dir)
        self.offer = QLabel(offer)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setVisible(False)
        for label in (intro, self.reason, self.damaged, self.offer, self.error):
            label.setWordWrap(True)
        self.coordinator = QLineEdit()
        self.coordinator.setObjectName("coordinator")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        who = QFormLayout()
        name_label = QLabel(self.tr("Coordinator's &name:"))
        name_label.setBuddy(self.coordinator)
        password_label = QLabel(self.tr("&Password:"))
        password_label.setBuddy(self.password)
        who.addRow(name_label, self.coordinator)
        who.addRow(password_label, self.password)

        self.restore_newest_button = QPushButton(self.tr("&Restore the newest good backup"))
        self.restore_newest_button.setEnabled(newest is not None)
        self.restore_newest_button.clicked.connect(self._restore_newest)
        self.choose_button = QPushButton(self.tr("&Choose a backup…"))
        self.choose_button.clicked.connect(self._choose)
        self.quit_button = QPushButton(self.tr("&Quit"))
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_newest_button)
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)

        layout = QVBoxLayout(self)
        for label in (intro, self.reason, self.damaged, self.offer):
            layout.addWidget(label)
        layout.addLayout(who)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        (self.restore_newest_button if newest else self.choose_button).setDefault(True)

    def _restore_newest(self) -> None:
        if self._newest is not None:
            self._try_restore(self._newest.path)

    def _choose(self) -> None:
        chosen = self._choose_file(self, self._backups_dir)
        if chosen is not None:
            self._try_restore(chosen)

    def _try_restore(self, backup: Path) -> None:
        name, password = self.coordinator.text().strip(), self.password.text()
        if not name or not password:
            self.error.setText(
                self.tr("Only the coordinator can restore: enter their name and password.")
            )
            self.error.setVisible(True)
            (self.password if name else self.coordinator).setFocus()
            return
        self._busy(True)
        self.error.setText(self.tr("Restoring and checking the backup… this can take a minute."))
        self.error.setVisible(True)
        self._run(lambda: self._restore(backup, name, password), self._done, self._refused)

    def _busy(self, busy: bool) -> None:
        for button in (self.restore_newest_button, self.choose_button, self.quit_button):
            button.setEnabled(not busy)
        if not busy:
            self.restore_newest_button.setEnabled(self._newest is not None)

    def _done(self, result: RestoreResult) -> None:
        self._busy(False)
        self.restored = result
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._busy(False)
        self.password.clear()
        if not isinstance(exc, DomainError):
            raise exc  # a bug: the error reporter shows it
        self.error.setText(exc.message(self._language))
        self.error.setVisible(True)
