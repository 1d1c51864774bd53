"""Preview, print and save: the PDF comes from the receipt service, the count comes after.

Until ``station_app.services.receipt_documents`` exists, the flow is tested against a
stand-in with the same signature that renders with the real reportlab renderer; the
end-to-end assertion against the real service is skipped only while it is missing.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.printing.receipt_pdf import render_receipt_pdf
from station_app.printing.receipt_view import ReceiptItem, ReceiptView
from station_app.services.donation_queries import donation_detail
from station_app.services.views import StationInfo
from station_app.storage.database import StationDatabase
from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.ui.conftest import type_text, wait_idle

OpenWindow = Callable[..., MainWindow]
HAVE_SERVICE = importlib.util.find_spec("station_app.services.receipt_documents") is not None


def _stand_in_receipt_pdf(
    db: StationDatabase, station: StationInfo, number: str, layout: str, print_number: int
) -> bytes:
    d = donation_detail(db, number)
    view = ReceiptView(
        station_name=station.name,
        station_code=station.code,
        association_name=station.association_name,
        receipt_number=number,
        issued_at=datetime.strptime(d.issued_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC),
        donor_display=d.row.donor_name or "匿名",
        kind=d.row.kind,  # type: ignore[arg-type]
        amount_fen=d.row.amount_fen,
        designation_name=d.row.designation_name,
        operator_name=d.row.operator_name,
        qr_url=f"{station.association_url}/r/{number}?s={d.signature}",
        items=tuple(ReceiptItem(i.description, i.quantity, i.unit, i.value_fen) for i in d.items),
        print_number=print_number,
        voided=d.row.voided,
    )
    return render_receipt_pdf(view, layout)  # type: ignore[arg-type]


@pytest.fixture
def receipt_service(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int]]:
    """The real service if installed, else the stand-in; records every call."""
    calls: list[tuple[str, str, int]] = []
    if HAVE_SERVICE:
        from station_app.services import receipt_documents

        real = receipt_documents.receipt_pdf

        def spy(db, station, number, layout, *, print_number):  # type: ignore[no-untyped-def]
            calls.append((number, layout, print_number))
            return real(db, station, number, layout, print_number=print_number)

        monkeypatch.setattr(receipt_documents, "receipt_pdf", spy)
    else:
        module = types.ModuleType("station_app.services.receipt_documents")

        def fake(db, station, number, layout, *, print_number):  # type: ignore[no-untyped-def]
            calls.append((number, layout, print_number))
            return _stand_in_receipt_pdf(db, station, number, layout, print_number)

        module.receipt_pdf = fake  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "station_app.services.receipt_documents", module)
    return calls


def _record_by_keys(qtbot: QtBot, window: MainWindow) -> str:
    type_text(qtbot, window.form.amount, "66")
    type_text(qtbot, window.form.donor, "钱七")
    qtbot.keyClick(window.form.donor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_recorded is not None, timeout=10_000)
    wait_idle(qtbot, window._ctx.workers)
    return window.last_recorded.receipt_number  # type: ignore[union-attr]


def _print_count(station: Station, number: str) -> int:
    return donation_detail(station.db, number).row.print_count


def test_saved_pdf_is_the_service_pdf_and_is_counted_after(
    qtbot: QtBot,
    open_window: OpenWindow,
    station: Station,
    receipt_service: list,
    tmp_path: Path,
) -> None:
    window = open_window(station.staff)
    number = _record_by_keys(qtbot, window)
    target = tmp_path / "copy.pdf"
    with qtbot.waitSignal(window.printing.printed, timeout=15_000) as printed:
        window.printing.save_pdf(number, target)
    assert printed.args == [number, 1]
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert receipt_service == [(number, "a5", 1)]
    assert _print_count(station, number) == 1
    if HAVE_SERVICE:  # the copy that became a file is archived too
        assert list(station.paths.receipts.rglob(f"{number}*.pdf"))
    # A reprint is produced as copy number 2 (the PDF says 补打) and counted as such.
    with qtbot.waitSignal(window.printing.printed, timeout=15_000) as printed:
        window.printing.save_pdf(number, tmp_path / "copy2.pdf")
    assert receipt_service[-1] == (number, "a5", 2)
    assert printed.args == [number, 2]


def test_cancelled_preview_counts_nothing(
    qtbot: QtBot, open_window: OpenWindow, station: Station, receipt_service: list
) -> None:
    window = open_window(station.staff)
    number = _record_by_keys(qtbot, window)
    assert QApplication.focusWidget() is window.preview_button  # Enter previews at once
    with qtbot.waitSignal(window.printing.dialog_opened, timeout=15_000) as opened:
        qtbot.keyClick(window.preview_button, Qt.Key.Key_Space)
    dialog = opened.args[0]
    assert isinstance(dialog, QPrintPreviewDialog)
    assert number in dialog.windowTitle()
    dialog.reject()
    wait_idle(qtbot, window._ctx.workers)
    assert _print_count(station, number) == 0


def test_print_dialog_paints_the_pdf_then_counts(
    qtbot: QtBot,
    open_window: OpenWindow,
    station: Station,
    receipt_service: list,
    tmp_path: Path,
) -> None:
    """No printers here: the QPrinter writes a PDF file, which proves the pages were painted."""
    number = station.recorder.record(
        station.staff.id,
        DonationDraft(
            kind="in_kind",
            donor_name="孙八",
            items=(ItemDraft("棉被", "4", "床", "480"),),
        ),
    ).receipt_number
    window = open_window(station.coordinator)
    window._ctx.settings = window._ctx.settings.__class__(receipt_layout="roll80")
    with qtbot.waitSignal(window.printing.dialog_opened, timeout=15_000) as opened:
        window.printing.print_receipt(number)
    dialog = opened.args[0]
    assert isinstance(dialog, QPrintDialog)
    printer: QPrinter = dialog.printer()
    out = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    with qtbot.waitSignal(window.printing.printed, timeout=15_000):
        dialog.done(QDialog.DialogCode.Accepted)
    assert out.read_bytes().startswith(b"%PDF")
    assert receipt_service == [(number, "roll80", 1)]
    assert _print_count(station, number) == 1
    # The 80 mm layout printed on 80 mm paper, not on the printer's default A4.
    assert abs(printer.pageLayout().fullRect().width() - 226.77) < 2


@pytest.mark.skipif(not HAVE_SERVICE, reason="station_app.services.receipt_documents not there")
def test_real_receipt_service_produces_the_pdf(
    qtbot: QtBot, open_window: OpenWindow, station: Station, tmp_path: Path
) -> None:
    window = open_window(station.staff)
    number = _record_by_keys(qtbot, window)
    with qtbot.waitSignal(window.printing.pdf_ready, timeout=15_000) as ready:
        window.printing.save_pdf(number, tmp_path / "r.pdf")
    assert ready.args[0] == number
    assert ready.args[1].startswith(b"%PDF")
    wait_idle(qtbot, window._ctx.workers)
    assert _print_count(station, number) == 1
