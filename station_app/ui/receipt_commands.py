"""What the desk does with an issued receipt: preview, print, details and void.

The list's buttons, the last-receipt box, the menu and the shortcuts all come here, so a
receipt is printed, looked at or voided one way whichever of them the person used (a
reprint always asks and prints as a copy; see ``printing/receipt_printing.py``).  Reading
runs on the slow pool and the void on the one writer; the dialogs are window-modal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from station_app.domain.roles import can_void
from station_app.services.donation_queries import donation_detail
from station_app.services.print_history import PrintEvent, print_history
from station_app.services.receipt_actions import void_donation
from station_app.services.records import DonationDetail
from station_app.services.sessions import OperatorSession
from station_app.ui import texts
from station_app.ui.desk_context import DeskContext
from station_app.ui.donation_detail_dialog import DonationDetailDialog
from station_app.ui.donations_view import DonationsPanel
from station_app.ui.last_receipt_box import LastReceiptBox
from station_app.ui.printing.receipt_printing import ReceiptPrinting
from station_app.ui.void_dialog import VoidDialog


class ReceiptCommands(QObject):
    message = Signal(str)  # for the status bar
    changed = Signal()  # a print or void was recorded: lists and totals re-read
    refused = Signal(str, object)  # title, exception (a refusal or a bug; the window sorts)

    def __init__(
        self,
        ctx: DeskContext,
        owner: QWidget,
        *,
        panel: DonationsPanel,
        last_box: LastReceiptBox,
        printing: ReceiptPrinting,
        operator: Callable[[], OperatorSession],
    ) -> None:
        super().__init__(owner)
        self._ctx = ctx
        self._owner = owner
        self._panel = panel
        self._last_box = last_box
        self._printing = printing
        self._operator = operator
        self._void_dialog: VoidDialog | None = None
        panel.detail_requested.connect(self.show_detail)
        panel.reprint_requested.connect(self.print_receipt)
        panel.void_requested.connect(self.ask_void)
        last_box.preview_requested.connect(self.preview)
        last_box.print_requested.connect(self.print_receipt)
        last_box.save_requested.connect(printing.save_pdf)
        printing.printed.connect(self._on_printed)
        printing.failed.connect(lambda exc: self.refused.emit(self.tr("Receipt not printed"), exc))

    def _selected_or_last(self) -> str | None:
        row = self._panel.selected_row()
        if row is not None:
            return row.receipt_number
        last = self._last_box.last
        return last.receipt_number if last is not None else None

    def preview_selected_or_last(self) -> None:
        number = self._selected_or_last()
        if number is not None:
            self.preview(number)

    def print_selected_or_last(self) -> None:
        number = self._selected_or_last()
        if number is not None:
            self.print_receipt(number)

    def preview(self, number: str) -> None:
        self._printing.preview(number)

    def print_receipt(self, number: str) -> None:
        """The list's print button and the last receipt's: the same flow (a copy asks)."""
        self._printing.print_receipt(number)

    def _on_printed(self, number: str, count: int) -> None:
        self.message.emit(self.tr("Receipt {0} printed (copy {1}).").format(number, count))
        self.changed.emit()

    def show_detail(self, number: str) -> None:
        db = self._ctx.db
        self._ctx.workers.run_slow(
            lambda: (donation_detail(db, number), print_history(db, number)),
            self._open_detail,
            lambda exc: self.refused.emit(self.tr("Not possible"), exc),
        )

    def _open_detail(self, found: tuple[DonationDetail, list[PrintEvent]]) -> None:
        dialog = DonationDetailDialog(found[0], self._owner, prints=found[1])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def ask_void(self, number: str) -> None:
        if not can_void(self._operator().role):
            return  # the button does not exist for them; the service refuses too
        row = self._panel.selected_row()
        if row is None or row.receipt_number != number:
            return
        dialog = VoidDialog(row, self._owner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reason_given.connect(lambda reason: self._void(dialog, number, reason))
        dialog.finished.connect(lambda _r: setattr(self, "_void_dialog", None))
        self._void_dialog = dialog
        dialog.open()

    @property
    def void_dialog(self) -> VoidDialog | None:
        return self._void_dialog

    def _void(self, dialog: VoidDialog, number: str, reason: str) -> None:
        db, session = self._ctx.db, self._operator()

        def done(_r: object) -> None:
            dialog.finish()
            self.message.emit(self.tr("Receipt {0} is void.").format(number))
            self.changed.emit()

        def failed(exc: BaseException) -> None:  # a refusal: the workers report anything else
            dialog.show_error(texts.error_text(exc, self._ctx.language))

        self._ctx.workers.write(
            lambda: void_donation(db, session, number, reason), done, failed, owner=dialog
        )
