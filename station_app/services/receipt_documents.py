"""Receipt PDFs: the view of a receipt as recorded, rendered, and archived.

Every copy is rendered from the database as it stands (so a reprint of a voided receipt
says 作废), and the original is archived under the data folder on first print, so the
PDF a donor took home can be produced again byte for byte.
"""

from __future__ import annotations

from pathlib import Path

from station_app.association_defaults import receipt_address
from station_app.domain.donations import DonationKind
from station_app.domain.receipt_qr import receipt_url
from station_app.domain.station_time import from_iso
from station_app.printing.layouts import ReceiptLayout
from station_app.printing.receipt_view import ReceiptItem, ReceiptView
from station_app.services.donation_queries import donation_detail
from station_app.services.goods_documents import not_valued_items
from station_app.services.records import StationInfo
from station_app.services.station_setup import load_station
from station_app.storage.database import StationDatabase


def receipt_view(
    db: StationDatabase, station: StationInfo, number: str, *, print_number: int | None = None
) -> ReceiptView:
    """The receipt as its next printed copy shows it (``print_number`` defaults to that).

    The QR's address is read from the station's row now, whatever ``station`` a window
    kept: after an enrolment elsewhere every receipt points at the address in use, and
    before any enrolment at this build's public association address (``receipt_address``).
    """
    current = load_station(db)
    if current is not None:
        station = current
    d = donation_detail(db, number)
    row = d.row
    return ReceiptView(
        station_name=station.name,
        station_code=station.code,
        association_name=station.association_name,
        receipt_number=row.receipt_number,
        issued_at=from_iso(d.issued_at),
        donor_display=row.donor_name or "匿名",
        kind=DonationKind(row.kind),
        amount_fen=row.amount_fen,
        designation_name=row.designation_name,
        operator_name=row.operator_name,
        qr_url=receipt_url(
            receipt_address(station.association_url),
            row.receipt_number,
            d.signature,
            amount_fen=row.amount_fen,
            issued_at=d.issued_at,
        ),
        items=tuple(ReceiptItem(i.description, i.quantity, i.unit, i.value_fen) for i in d.items)
        + not_valued_items(db, row.id),  # issue 18: goods by quantity only, value 0
        print_number=print_number if print_number is not None else row.print_count + 1,
        voided=row.voided,
        void_reason=d.void_reason,
        note=d.note,
        transaction_reference=row.transaction_reference,
    )


def receipt_pdf(
    db: StationDatabase,
    station: StationInfo,
    number: str,
    layout: ReceiptLayout,
    *,
    print_number: int | None = None,
) -> bytes:
    from station_app.printing.receipt_pdf import render_receipt_pdf  # reportlab: only now

    return render_receipt_pdf(receipt_view(db, station, number, print_number=print_number), layout)


def archive_path(receipts_dir: Path, number: str, print_number: int, layout: ReceiptLayout) -> Path:
    year = number.rsplit("-", 2)[-2]
    suffix = "" if print_number == 1 else f"-copy{print_number}"
    return receipts_dir / year / f"{number}{suffix}-{layout}.pdf"


def archive_pdf(
    receipts_dir: Path, number: str, print_number: int, layout: ReceiptLayout, pdf: bytes
) -> Path:
    """Keep a produced copy; written to a temporary name first so no half file remains."""
    target = archive_path(receipts_dir, number, print_number, layout)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    tmp.write_bytes(pdf)
    tmp.replace(target)
    return target
