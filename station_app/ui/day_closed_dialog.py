"""What the coordinator sees once a day is closed: the totals, the filed summary PDF.

Shown by :class:`~station_app.ui.day_end.DayEnd` after the close has committed and the
follow-up (summary PDF filed, backup taken) has run; it says where the PDF is, offers
to preview and print it for signatures, and warns when the backup failed (a warning
only: the close is already safe in the database).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.money import format_fen
from station_app.services.day_close import CloseResult
from station_app.services.day_close_followup import FollowUp
from station_app.ui.colours import ERROR_STYLE, OK_STYLE, WARN_STYLE
from station_app.ui.forms import DATA_VALUE
from station_app.ui.printing.pdf_paint import PdfPages


class DayClosedDialog(QDialog):
    """After a close: where the summary PDF is, whether the backup worked, and paper."""

    def __init__(
        self,
        result: CloseResult,
        follow_up: FollowUp,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf_path = follow_up.summary_pdf
        self._preview: tuple[QPrinter, PdfPages] | None = None
        self.setWindowTitle(self.tr("Day {0} closed").format(result.day.isoformat()))
        style = self.style()

        heading = QLabel(
            self.tr("<b>{0} is closed.</b> Confirmed by {1} and {2}.").format(
                result.day.isoformat(), result.coordinator, result.witness
            )
        )
        heading.setWordWrap(True)
        diff = result.differences.total_fen
        totals = QLabel(
            self.tr("Counted cash {0}; difference from the records {1}.").format(
                format_fen(result.counted.cash_fen), format_fen(diff)
            )
        )
        totals.setWordWrap(True)
        differing = sum(1 for g in result.goods if g.difference_milli)
        self.goods_label = QLabel(
            self.tr("No goods came in or went out.")
            if not result.goods
            else self.tr("Goods: %n item(s) counted", "", len(result.goods))
            + self.tr("; ")
            + (
                self.tr("%n differ(s) from the book, booked as a stock-take.", "", differing)
                if differing
                else self.tr("all agree with the book.")
            )
        )
        self.goods_label.setWordWrap(True)
        where = QLabel(
            self.tr(
                "The day-close summary was saved as a PDF. Print it, have both people sign "
                "it, and keep it with the day's papers:"
            )
        )
        where.setWordWrap(True)
        self.path_label = QLabel(str(self.pdf_path))
        self.path_label.setProperty(DATA_VALUE, True)
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        if follow_up.backup_error is not None:
            self.backup_label.setText(
                self.tr(
                    "Warning: the automatic backup after the close did not work. The close "
                    "itself is saved. {0}"
                ).format(follow_up.backup_error.message(language))
            )
            self.backup_label.setStyleSheet(WARN_STYLE)
        elif follow_up.backup is not None:
            self.backup_label.setText(
                self.tr("A checked backup was made: {0}").format(follow_up.backup.path.name)
            )
            self.backup_label.setStyleSheet(OK_STYLE)
        else:
            self.backup_label.hide()

        self.open_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView), self.tr("&Open")
        )
        self.print_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton), self.tr("&Print…")
        )
        self.save_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
            self.tr("Save a &copy…"),
        )
        self.open_button.clicked.connect(self.open_pdf)
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button.clicked.connect(self.save_copy)
        buttons = QDialogButtonBox()
        for b in (self.open_button, self.print_button, self.save_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)

        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        layout = QVBoxLayout(self)
        for w in (
            heading, totals, self.goods_label, where, self.path_label, self.backup_label,
            self.error,
        ):  # fmt: skip
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.print_button.setFocus()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def open_pdf(self) -> None:
        """In the PC's own PDF viewer (the file is already in the data folder)."""
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf_path))):
            self._show_error(self.tr("No program to open PDF files was found on this PC."))

    def print_pdf(self) -> None:
        """A print preview of the summary, so the coordinator sees the page before paper."""
        try:
            pages = PdfPages(self.pdf_path.read_bytes())
        except (OSError, ValueError) as exc:
            self._show_error(str(exc))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        pages.prepare(printer)
        dialog = QPrintPreviewDialog(printer, self)
        self._preview = (printer, pages)  # alive as long as the preview paints
        dialog.setWindowTitle(self.tr("Print the day-close summary"))
        dialog.resize(900, 700)
        dialog.paintRequested.connect(pages.paint)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def save_copy(self, target: Path | None = None) -> None:
        """A copy elsewhere (a USB stick for the association); the archived one stays."""
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save a copy"), self.pdf_path.name, self.tr("PDF files (*.pdf)")
            )
            if not chosen:
                return
            target = Path(chosen)
        try:
            shutil.copyfile(self.pdf_path, target)
        except OSError as exc:
            self._show_error(str(exc))
