"""Painting the pages of a PDF onto a QPrinter (print, print preview or a PDF file).

QtPdf renders each page to an image at the printer's resolution, capped at 300 dpi:
a 1200-dpi A5 page would be a 280 MB image, and 300 dpi is more than a receipt printer
or a QR scanner needs.  The printer's paper is set to the PDF page's own size with no
margins, so A5 and 80 mm roll layouts come out at their designed size.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300


class PdfPages:
    """A loaded PDF kept alive together with the buffer QtPdf reads from."""

    def __init__(self, data: bytes) -> None:
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            raise ValueError("the receipt PDF could not be read")

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def page_points(self, page: int) -> QSizeF:
        return self.document.pagePointSize(page)

    def prepare(self, printer: QPrinter) -> None:
        """Paper size = first page's size, no margins (called before painting)."""
        size = self.page_points(0)
        orientation = (
            QPageLayout.Orientation.Landscape
            if size.width() > size.height()
            else QPageLayout.Orientation.Portrait
        )
        page_size = QPageSize(
            QSizeF(min(size.width(), size.height()), max(size.width(), size.height())),
            QPageSize.Unit.Point,
            "",
            QPageSize.SizeMatchPolicy.FuzzyMatch,
        )
        printer.setPageLayout(
            QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        )
        printer.setFullPage(True)

    def paint(self, printer: QPrinter) -> None:
        """Paint every page, one printer page each."""
        self.prepare(printer)
        dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be started")
        try:
            for page in range(self.page_count):
                if page:
                    printer.newPage()
                pts = self.page_points(page)
                image = self.document.render(
                    page, QSize(round(pts.width() * dpi / 72), round(pts.height() * dpi / 72))
                )
                target = QRectF(0, 0, printer.width(), printer.height())
                painter.drawImage(target, image)
        finally:
            painter.end()
