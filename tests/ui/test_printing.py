"""Preview, print and save: the PDF comes from the receipt service, the count comes after.

The receipt service is the real one; the tests only listen to which copies it was asked
for (print number and layout), to prove the count follows the paper, not the click.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.services.donation_queries import donation_detail
from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.ui.conftest import type_text, wait_idle

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def receipt_service(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int]]:
    """The real receipt service, with every call it gets written down."""
    from station_app.services import receipt_documents

    calls: list[tuple[str, str, int]] = []
    real = receipt_documents.receipt_pdf

    def listening(db, station, number, layout, *, print_number):  # type: ignore[no-untyped-def]
        calls.append((number, layout, print_number))
        return real(db, station, number, layout, print_number=print_number)

    monkeypatch.setattr(receipt_documents, "receipt_pdf", listening)
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
    assert list(station.paths.receipts.rglob(f"{number}*.pdf"))  # the copy is archived
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
    assert QApplication.focusWidget() is window.last_box.preview_button  # Enter previews at once
    with qtbot.waitSignal(window.printing.dialog_opened, timeout=15_000) as opened:
        qtbot.keyClick(window.last_box.preview_button, Qt.Key.Key_Space)
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
        station.staff,
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


# The failure itself is the warning this test expects.
@pytest.mark.qt_log_ignore(r"^QPainter::begin\(\): Returned false", extend=True)
def test_a_printer_failure_keeps_the_record_and_counts_nothing(
    qtbot: QtBot, open_window: OpenWindow, station: Station, tmp_path: Path
) -> None:
    """A printer that cannot start (here: output into a folder that does not exist)."""
    window = open_window(station.coordinator)
    number = _record_by_keys(qtbot, window)
    with qtbot.waitSignal(window.printing.dialog_opened, timeout=15_000) as opened:
        window.printing.print_receipt(number)
    dialog = opened.args[0]
    printer: QPrinter = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no-such-folder" / "out.pdf"))
    with qtbot.waitSignal(window.printing.failed, timeout=15_000):
        dialog.done(QDialog.DialogCode.Accepted)
    wait_idle(qtbot, window._ctx.workers)
    assert _print_count(station, number) == 0
    assert donation_detail(station.db, number).row.status == "recorded"
    # The receipt can be printed again once the printer works.
    out = tmp_path / "again.pdf"
    with qtbot.waitSignal(window.printing.dialog_opened, timeout=15_000) as opened:
        window.printing.print_receipt(number)
    dialog = opened.args[0]
    dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer().setOutputFileName(str(out))
    with qtbot.waitSignal(window.printing.printed, timeout=15_000):
        dialog.done(QDialog.DialogCode.Accepted)
    assert out.read_bytes().startswith(b"%PDF") and _print_count(station, number) == 1
