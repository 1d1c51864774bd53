"""Putting a finished PDF on paper: the print preview and the print dialog.

Receipts and goods pickup sheets (领取单) print the same way: the PDF that reportlab made
is what the printer gets (painted page by page through QtPdf, see ``pdf_paint.py``), so the
paper matches the archived file.  Dialogs open with ``open()``, never ``exec()``; the
printer and the pages are kept until the dialog is gone (a print dialog does not own its
QPrinter, and painting reads the pages), and ``on_printed`` runs only when pages were
really handed to the printer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from station_app.ui.printing.pdf_paint import PdfPages

Printed = Callable[[], None]


class PaperDialogs(QObject):
    #: Painting failed (the printer could not start): the exception.
    failed = Signal(object)
    #: A dialog was opened (for tests and screenshots).
    dialog_opened = Signal(QDialog)

    def __init__(self, parent: QWidget, printer_name: Callable[[], str]) -> None:
        super().__init__(parent)
        self._window = parent
        self._printer_name = printer_name
        self._open: dict[int, tuple[QPrinter, PdfPages]] = {}

    def _printer(self, pages: PdfPages) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self._printer_name():
            printer.setPrinterName(self._printer_name())
        pages.prepare(printer)  # the PDF page's own paper size, no margins
        return printer

    def preview(self, data: bytes, title: str, on_printed: Printed) -> None:
        """The pages as they will print; the preview's own Print button prints them."""
        pages = PdfPages(data)
        printer = self._printer(pages)
        dialog = QPrintPreviewDialog(printer, self._window)
        self._open[id(dialog)] = (printer, pages)
        dialog.setWindowTitle(title)
        dialog.resize(900, 700)
        dialog.paintRequested.connect(pages.paint)
        # Accepted means the preview's own Print button printed the pages.
        dialog.finished.connect(lambda result: self._after(dialog, result, on_printed))
        dialog.open()
        self.dialog_opened.emit(dialog)

    def print(self, data: bytes, title: str, on_printed: Printed) -> None:
        """The printer dialog; the pages are painted when the person presses Print."""
        pages = PdfPages(data)
        printer = self._printer(pages)
        dialog = QPrintDialog(printer, self._window)
        self._open[id(dialog)] = (printer, pages)
        dialog.setWindowTitle(title)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                try:
                    pages.paint(printer)
                except OSError as exc:
                    self.failed.emit(exc)
                    result = QDialog.DialogCode.Rejected
            self._after(dialog, result, on_printed)

        dialog.finished.connect(finished)
        QDialog.open(dialog)  # QPrintDialog.open(receiver, member) hides the plain one
        self.dialog_opened.emit(dialog)

    def _after(self, dialog: QDialog, result: int, on_printed: Printed) -> None:
        if result == QDialog.DialogCode.Accepted:
            on_printed()
        self._window.window().activateWindow()  # the keys are the window's again
        dialog.deleteLater()
        # Release printer and pages only after the dialog is gone.
        key = id(dialog)
        dialog.destroyed.connect(lambda: self._open.pop(key, None))
