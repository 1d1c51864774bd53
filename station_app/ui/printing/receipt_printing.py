"""Preview, print or save a receipt, then count the paper that now exists.

The flow for every action is the same: produce the PDF in the slow pool (never on the
GUI thread), show a dialog with ``open()`` (non-blocking, so the rest of the program and
the tests keep running), and only when the PDF was handed to the printer or written to
a file, call ``record_print`` through the one writer.  Cancelling counts nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from station_app.printing.layouts import ReceiptLayout
from station_app.services.receipt_actions import record_print
from station_app.services.records import StationInfo
from station_app.services.sessions import OperatorSession
from station_app.storage.database import StationDatabase
from station_app.ui.printing.paper_dialogs import PaperDialogs
from station_app.ui.printing.receipt_source import ReceiptPdf, archive_copy, produce_receipt_pdf
from station_app.ui.workers import Workers

log = logging.getLogger(__name__)


class ReceiptPrinting(QObject):
    """One per main window; knows how to turn a receipt number into paper or a file."""

    #: A PDF was produced (number, pdf bytes) — before any dialog is shown.
    pdf_ready = Signal(str, bytes)
    #: A copy was printed or saved and counted (number, new print count).
    printed = Signal(str, int)
    #: Something was refused or failed (the exception); the window shows it.
    failed = Signal(object)
    #: A dialog was opened (for tests and screenshots).
    dialog_opened = Signal(QDialog)

    def __init__(
        self,
        parent: QWidget,
        *,
        db: StationDatabase,
        station: Callable[[], StationInfo],
        receipts_dir: Path,
        workers: Workers,
        session: Callable[[], OperatorSession],
        layout: Callable[[], ReceiptLayout],
        printer_name: Callable[[], str],
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._db = db
        self._station = station
        self._receipts_dir = receipts_dir
        self._workers = workers
        self._session = session
        self._layout = layout
        self._paper = PaperDialogs(parent, printer_name)
        self._paper.failed.connect(self.failed)
        self._paper.dialog_opened.connect(self.dialog_opened)

    # -- the three actions ----------------------------------------------------------

    def preview(self, number: str) -> None:
        self._produce(number, self._show_preview)

    def print_receipt(self, number: str) -> None:
        """The original if it was never printed; else a copy, only after asking."""
        self._produce(number, lambda pdf: self._confirm_copy(pdf, self._show_print_dialog))

    def save_pdf(self, number: str, path: Path | None = None) -> None:
        """Ask for a file name (or use ``path``), write the PDF there, count it.  A copy
        asked for by a person (no ``path``) is confirmed first, as for paper."""
        if path is not None:
            self._produce(number, lambda pdf: self._ask_file(pdf, path))
            return
        self._produce(
            number, lambda pdf: self._confirm_copy(pdf, lambda p: self._ask_file(p, None))
        )

    def _confirm_copy(self, pdf: ReceiptPdf, then: Callable[[ReceiptPdf], None]) -> None:
        """A second paper for the same gift is never made silently: the person is told
        it prints as a copy (补打 / COPY) and agrees, or nothing happens."""
        if pdf.print_number <= 1:
            then(pdf)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Print a copy?"),
            self.tr(
                "Receipt {0} has already been printed {1} time(s). This prints copy {2}, "
                "marked 补打 / COPY, not a second original."
            ).format(pdf.number, pdf.print_number - 1, pdf.print_number),
            parent=self._window,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        go = box.addButton(self.tr("Print the &copy"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.finished.connect(lambda _r: then(pdf) if box.clickedButton() is go else None)
        box.open()
        self.dialog_opened.emit(box)

    # -- steps ------------------------------------------------------------------------

    def _produce(self, number: str, then: Callable[[ReceiptPdf], None]) -> None:
        db, station, layout = self._db, self._station(), self._layout()

        def done(pdf: ReceiptPdf) -> None:
            self.pdf_ready.emit(pdf.number, pdf.data)
            then(pdf)

        self._workers.run_slow(
            lambda: produce_receipt_pdf(db, station, number, layout),
            done,
            self.failed.emit,
        )

    def _show_preview(self, pdf: ReceiptPdf) -> None:
        title = (
            self.tr("Receipt {0}").format(pdf.number)
            if pdf.print_number <= 1
            else self.tr("Receipt {0}: copy {1} (补打 / COPY)").format(pdf.number, pdf.print_number)
        )
        self._paper.preview(pdf.data, title, lambda: self._count(pdf))

    def _show_print_dialog(self, pdf: ReceiptPdf) -> None:
        title = self.tr("Print receipt {0}").format(pdf.number)
        self._paper.print(pdf.data, title, lambda: self._count(pdf))

    def _ask_file(self, pdf: ReceiptPdf, path: Path | None) -> None:
        if path is not None:
            self._write_file(pdf, path)
            return
        dialog = QFileDialog(self._window, self.tr("Save receipt as PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"{pdf.number}.pdf")
        dialog.fileSelected.connect(lambda name: self._write_file(pdf, Path(name)))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _write_file(self, pdf: ReceiptPdf, path: Path) -> None:
        try:
            path.write_bytes(pdf.data)
        except OSError as exc:
            self.failed.emit(exc)
            return
        self._count(pdf)

    def _count(self, pdf: ReceiptPdf) -> None:
        """Archive the copy that now exists, then count it (one writer, in order)."""
        db, session, receipts = self._db, self._session(), self._receipts_dir

        def archive_and_count() -> int:
            archive_copy(receipts, pdf)
            return record_print(db, session, pdf.number)

        self._workers.write(
            archive_and_count,
            lambda count: self.printed.emit(pdf.number, int(count)),
            self.failed.emit,
        )
