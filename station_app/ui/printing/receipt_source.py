"""Where receipt PDFs come from: the ``receipt_documents`` service.

The service builds the :class:`ReceiptView` inside its own read and renders it with
reportlab.  It is imported lazily so that the desk still starts (and says why printing
is unavailable) on a checkout where the printing service is not installed yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from station_app.domain.errors import DomainError
from station_app.printing.layouts import ReceiptLayout
from station_app.services.donation_queries import donation_detail
from station_app.services.records import StationInfo
from station_app.storage.database import StationDatabase


class ReceiptPdfUnavailable(DomainError):
    """The receipt printing service is not part of this installation."""


@dataclass(frozen=True, slots=True)
class ReceiptPdf:
    number: str
    print_number: int  # 1 for the original, 2… for copies (补打)
    layout: ReceiptLayout
    data: bytes


def archive_copy(receipts_dir: Path, pdf: ReceiptPdf) -> Path | None:
    """Keep the copy that became paper or a file (the service decides where)."""
    try:
        from station_app.services.receipt_documents import archive_pdf
    except ImportError:
        return None
    return archive_pdf(receipts_dir, pdf.number, pdf.print_number, pdf.layout, pdf.data)


def receipt_documents_available() -> bool:
    try:
        from station_app.services import receipt_documents  # noqa: F401
    except ImportError:
        return False
    return True


def produce_receipt_pdf(
    db: StationDatabase, station: StationInfo, number: str, layout: ReceiptLayout
) -> ReceiptPdf:
    """The PDF of the next paper copy of ``number`` (runs in a worker thread).

    The copy's number is the print count plus one, so a reprint says 补打/copy; the count
    itself is only raised by ``record_print`` once the paper or file really exists.
    """
    try:
        from station_app.services.receipt_documents import receipt_pdf
    except ImportError:
        raise ReceiptPdfUnavailable(
            "receipt.pdf_unavailable",
            "本安装缺少收据打印组件，暂时无法预览或打印收据",
            "Receipt printing is not installed in this copy of the program yet.",
        ) from None
    print_number = donation_detail(db, number).row.print_count + 1
    data = receipt_pdf(db, station, number, layout, print_number=print_number)
    return ReceiptPdf(number, print_number, layout, data)
