"""Issue 17, printing and voiding: Ctrl+P prints, a copy is never printed without asking
(and says it prints as a copy), the detail shows who printed when, and a void reason is
picked from presets or typed, at least MIN_REASON characters (the service checks too)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from station_app.domain.donations import DonationDraft
from station_app.domain.errors import ValidationError
from station_app.services.donation_queries import donation_detail
from station_app.services.receipt_actions import void_donation
from station_app.ui.donation_detail_dialog import DonationDetailDialog
from station_app.ui.main_window import MainWindow
from tests.conftest import Station
from tests.ui.conftest import wait_idle

OpenWindow = Callable[..., MainWindow]
CTRL = Qt.KeyboardModifier.ControlModifier


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def _print_to_file(qtbot: QtBot, window: MainWindow, dialog: QPrintDialog, out: Path) -> None:
    printer: QPrinter = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    with qtbot.waitSignal(window.printing.printed, timeout=15_000):
        dialog.done(QDialog.DialogCode.Accepted)


def test_ctrl_p_prints_and_a_copy_always_asks(
    qtbot: QtBot, open_window: OpenWindow, station: Station, tmp_path: Path
) -> None:
    number = station.recorder.record(
        station.staff, DonationDraft(kind="cash", amount="30", donor_name="钱七")
    ).receipt_number
    window = open_window(station.staff, "en")
    _activate(qtbot, window)
    assert window.panel.select_receipt(number)
    assert window.panel.reprint_button.text() == "Print…"  # never printed: the original
    focus = QApplication.focusWidget() or window
    with qtbot.waitSignal(window.printing.dialog_opened, timeout=15_000) as opened:
        qtbot.keyClick(focus, Qt.Key.Key_P, CTRL)
    assert isinstance(opened.args[0], QPrintDialog)  # the original: no question
    _print_to_file(qtbot, window, opened.args[0], tmp_path / "original.pdf")
    wait_idle(qtbot, window._ctx.workers)
    assert donation_detail(station.db, number).row.print_count == 1
    assert window.panel.reprint_button.text() == "Reprint…"

    # The list's button: a copy asks first, and says what it prints. Escape: nothing.
    with qtbot.waitSignal(window.printing.dialog_opened, timeout=15_000) as opened:
        qtbot.keyClick(window.panel.reprint_button, Qt.Key.Key_Space)
    box = opened.args[0]
    assert isinstance(box, QMessageBox) and "copy 2" in box.text() and "COPY" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    wait_idle(qtbot, window._ctx.workers)
    assert not any(
        isinstance(w, QPrintDialog) and w.isVisible() for w in window.findChildren(QDialog)
    )

    _activate(qtbot, window)
    with qtbot.waitSignal(window.printing.dialog_opened, timeout=15_000) as opened:
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_P, CTRL)
    box = opened.args[0]
    assert isinstance(box, QMessageBox)
    go = next(b for b in box.buttons() if "copy" in b.text())
    with qtbot.waitSignal(window.printing.dialog_opened, timeout=15_000) as opened:
        qtbot.keyClick(go, Qt.Key.Key_Space)
    _print_to_file(qtbot, window, opened.args[0], tmp_path / "copy.pdf")
    wait_idle(qtbot, window._ctx.workers)
    assert donation_detail(station.db, number).row.print_count == 2

    # The detail says who printed each paper and when.
    _activate(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: bool(window.findChildren(DonationDetailDialog)), timeout=10_000)
    detail = window.findChildren(DonationDetailDialog)[0]
    texts = [w.text() for w in detail.findChildren(QLabel)]
    assert "Original:" in texts and "Copy 2:" in texts
    assert sum(t.endswith("· 王小明") for t in texts) == 2


def test_void_reason_from_a_preset_and_a_minimum_length(
    qtbot: QtBot, open_window: OpenWindow, station: Station
) -> None:
    number = station.recorder.record(
        station.staff, DonationDraft(kind="cash", amount="88", donor_name="赵六")
    ).receipt_number
    window = open_window(station.coordinator, "en")
    assert window.panel.select_receipt(number)
    qtbot.keyClick(window.panel.void_button, Qt.Key.Key_Space)
    dialog = window.receipts.void_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "oops")
    assert dialog.ok.isEnabled()  # four characters
    dialog.reason.clear()
    qtbot.keyClicks(dialog.reason, "no")
    assert not dialog.ok.isEnabled()  # too short
    dialog.presets.setFocus()
    qtbot.keyClick(dialog.presets, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = dialog.presets.view()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.reason_text() == "Recorded twice by mistake"
    assert dialog.focusWidget() is dialog.reason
    qtbot.keyClicks(dialog.reason, " (also 000007)")
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.receipts.void_dialog is None, timeout=10_000)
    detail = donation_detail(station.db, number)
    assert detail.row.status == "voided"
    assert detail.void_reason == "Recorded twice by mistake (also 000007)"
    # The service refuses a short reason whatever the desk shows.
    other = station.recorder.record(
        station.staff, DonationDraft(kind="cash", amount="1", anonymous=True)
    ).receipt_number
    with pytest.raises(ValidationError):
        void_donation(station.db, station.coordinator, other, "no")
