"""One search box for the desk: a donor's name (all dates, with completion from earlier
donors) or a receipt, typed or scanned.

A USB scanner is a keyboard: it types the QR code's URL and presses Enter.  So Enter
first asks whether the text is a receipt (a URL or a full number) and opens it; anything
else is a name, and the donor's history opens, newest first, with the totals.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.money import format_fen
from station_app.services.desk_lookups import (
    donor_history,
    donor_names,
    receipt_exists,
    scanned_receipt,
)
from station_app.services.records import DonationRow
from station_app.storage.database import StationDatabase
from station_app.ui import texts
from station_app.ui.workers import Workers


class DonorSearchBox(QLineEdit):
    """Emits ``receipt_requested`` for a receipt, opens a :class:`DonorHistoryDialog` else."""

    receipt_requested = Signal(str)
    not_found = Signal(str)  # a sentence for the status bar

    def __init__(
        self, *, db: StationDatabase, workers: Workers, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._workers = workers
        self.history: DonorHistoryDialog | None = None
        self._searching = ""  # the text being looked up (a second Enter does not repeat it)
        self.setPlaceholderText(self.tr("Donor or receipt (scan the QR)"))
        self.setToolTip(
            self.tr("A donor's name finds every gift on any date; a scanned receipt opens it")
        )
        self.setClearButtonEnabled(True)
        self.setMaxLength(400)
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        # Choosing a name opens the history at once (the popup takes that Enter itself).
        completer.activated.connect(self._name_chosen)
        self.returnPressed.connect(self.search)

    def _name_chosen(self, name: str) -> None:
        self.setText(name)
        self.search()

    def load_names(self) -> None:
        db = self._db
        self._workers.run_slow(lambda: donor_names(db), self._names.setStringList, owner=self)

    def search(self) -> None:
        text = self.text().strip()
        popup = self.completer().popup()
        if popup is not None:
            popup.hide()
        if not text or self._searching == text:
            return
        self._searching = text
        number = scanned_receipt(text)
        db = self._db
        if number is not None:
            self._workers.run_slow(
                lambda: receipt_exists(db, number),
                lambda found: self._receipt_found(number, found),
                self._failed,
                owner=self,
            )
            return
        self._workers.run_slow(
            lambda: donor_history(db, text),
            lambda rows: self._show_history(text, rows),
            self._failed,
            owner=self,
        )

    def _failed(self, _exc: BaseException) -> None:
        self._searching = ""  # the workers report a bug; the box stays usable

    def _receipt_found(self, number: str, found: bool) -> None:
        self._searching = ""
        if found:
            self.clear()  # ready for the next scan
            self.receipt_requested.emit(number)
        else:
            self.not_found.emit(self.tr("No receipt {0} at this station.").format(number))
            self.selectAll()

    def _show_history(self, name: str, rows: list[DonationRow]) -> None:
        self._searching = ""
        if self.history is not None:
            self.history.close()
        dialog = DonorHistoryDialog(name, rows, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.receipt_requested.connect(self.receipt_requested)
        dialog.destroyed.connect(lambda: setattr(self, "history", None))
        self.history = dialog
        dialog.open()


class DonorHistoryDialog(QDialog):
    """A donor's gifts on every date; Enter or a double click opens one."""

    receipt_requested = Signal(str)

    def __init__(self, name: str, rows: list[DonationRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.setWindowTitle(self.tr("Donations of “{0}”").format(name))
        live = [r for r in rows if not r.voided]
        self.summary = summary = QLabel(
            self.tr(
                "%n donation(s) on any date, {0} in all (voided ones left out)", "", len(live)
            ).format(format_fen(sum(r.amount_fen for r in live)))
            if rows
            else self.tr("No donor matches “{0}”.").format(name)
        )
        summary.setWordWrap(True)
        headers = [
            self.tr("Day"),
            self.tr("Donor"),
            self.tr("Kind"),
            self.tr("Amount"),
            self.tr("Designation"),
            self.tr("Receipt no."),
            self.tr("Status"),
        ]
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        for r, row in enumerate(rows):
            values = (
                row.business_day,
                row.donor_name or texts.anonymous(),
                texts.kind_name(row.kind),
                format_fen(row.amount_fen),
                row.designation_name,
                row.receipt_number,
                texts.status_name(row.status),
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._open_row)
        self.table.doubleClicked.connect(self._open_row)
        if rows:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.table.setFocus()

    def _open_row(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            self.receipt_requested.emit(self.rows[row].receipt_number)
