"""The Sync window: send the ledger to the association, watch it go, read the history.

The run and its automatic retries are the desk's :class:`SyncController`
(``sync_controller.py``); this window only shows them and starts or cancels them, so
closing it never stops a sync.  A station not enrolled yet (an offline first run, the
demo) is told so up front and offered no Sync button that could only fail.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.errors import DomainError
from station_app.keystore import KeyStore
from station_app.services.records import StationInfo
from station_app.services.sync_history import SyncOverview, SyncRunRecord, sync_overview
from station_app.services.sync_result import SyncProgress, SyncResult
from station_app.ui import texts
from station_app.ui.colours import (
    ERROR_COLOUR,
    ERROR_STYLE,
    OK_COLOUR,
    OK_STYLE,
    WARN_COLOUR,
    WARN_STYLE,
)
from station_app.ui.desk_context import DeskContext
from station_app.ui.forms import DATA_VALUE
from station_app.ui.sync_controller import SyncController
from station_app.ui.sync_history_model import SyncHistoryModel

AnyIndex = QModelIndex | QPersistentModelIndex


def _enrolled(code: str) -> bool | None:
    """Whether the keyring holds the association's token; None when it cannot say (a
    locked keyring: the sync itself then says why)."""
    try:
        return bool(KeyStore(code).get_sync_token())
    except DomainError:
        return None


class SyncPanel(QDialog):
    """Progress, outcome, warnings and history of syncs; Sync and Cancel buttons.

    Closing the window does not stop a sync; reopening it shows the run still going.
    """

    unexpected_error = Signal(object)  # reading the history failed with a bug

    def __init__(
        self, ctx: DeskContext, controller: SyncController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._controller = controller
        self._overview: SyncOverview | None = None
        self.enrolled: bool | None = None  # not read yet
        self._reading = False
        self.setWindowTitle(self.tr("Sync with the association"))
        style = self.style()

        intro = QLabel(
            self.tr(
                "Sends this station's records to the association, in order and exactly once. "
                "Records already received are never sent twice; an interrupted sync "
                "continues where it stopped."
            )
        )
        intro.setWordWrap(True)
        self.not_enrolled = QLabel(
            self.tr(
                "This station is not enrolled with the association yet, so it cannot sync. "
                "The coordinator enters the enrolment code from the association in "
                "Settings → Station; until then everything is kept here."
            )
        )
        self.not_enrolled.setWordWrap(True)
        self.not_enrolled.setStyleSheet(WARN_STYLE)
        self.not_enrolled.hide()
        self.address = QLabel()
        self.show_address(ctx.station)
        self.address.setProperty(DATA_VALUE, True)
        self.address.setStyleSheet("color: #555555;")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("%v / %m")
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARN_STYLE)
        self.warnings.hide()

        self.sync_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload), self.tr("&Sync now")
        )
        self.sync_button.clicked.connect(self.start_sync)
        self.cancel_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_BrowserStop), self.tr("&Cancel sync")
        )
        self.cancel_button.clicked.connect(self.cancel_sync)
        self.close_button = QPushButton(self.tr("C&lose"))
        self.close_button.clicked.connect(self.close)
        self.retry = QLabel()
        self.retry.setStyleSheet(WARN_STYLE)
        self.cancel_retry_button = QPushButton(self.tr("S&top retrying"))
        self.cancel_retry_button.clicked.connect(controller.cancel_retry)

        self.history_model = SyncHistoryModel(self)
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.verticalHeader().hide()
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setAlternatingRowColors(True)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SyncHistoryModel.OUTCOME, QHeaderView.ResizeMode.Stretch)
        history_box = QGroupBox(self.tr("Recent syncs"))
        QVBoxLayout(history_box).addWidget(self.history)

        status_box = QGroupBox(self.tr("Progress"))
        status_layout = QVBoxLayout(status_box)
        status_layout.addWidget(self.progress)
        status_layout.addWidget(self.counts)
        status_layout.addWidget(self.outcome)
        status_layout.addWidget(self.warnings)
        retry_row = QHBoxLayout()
        retry_row.addWidget(self.retry, 1)
        retry_row.addWidget(self.cancel_retry_button)
        status_layout.addLayout(retry_row)

        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.not_enrolled)
        layout.addWidget(self.address)
        layout.addWidget(status_box)
        layout.addLayout(buttons)
        layout.addWidget(history_box, 1)
        self.resize(720, 520)

        controller.started.connect(self._on_started)
        controller.progressed.connect(self._on_progress)
        controller.finished.connect(self._on_finished)
        controller.failed.connect(self._on_failed)
        controller.retry_countdown.connect(self._on_countdown)
        self._on_countdown(controller.retry_in)
        self._show_buttons()
        if controller.running:
            self._on_started()
            if controller.last_progress is not None:
                self._on_progress(controller.last_progress)
        elif controller.last_result is not None:
            self._show_result(controller.last_result)
        self.refresh()

    def show_address(self, station: StationInfo) -> None:
        url = station.association_url or self.tr("(no address yet)")
        self.address.setText(f"{station.association_name} · {url}")

    def changeEvent(self, event: QEvent) -> None:
        """Read again when the person comes back to the window (they may have enrolled in
        Settings meanwhile, or a sync may have run)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh()

    # -- reading ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the ledger position and the history again (slow pool, one at a time)."""
        if self._reading:
            return
        self._reading = True
        db, code = self._ctx.db, self._ctx.station.code
        self._ctx.workers.run_slow(
            lambda: (sync_overview(db), _enrolled(code)),
            self._on_overview,
            self._on_read_failed,
            owner=self,
        )

    def _on_overview(self, read: tuple[SyncOverview, bool | None]) -> None:
        overview, self.enrolled = read
        self._reading = False
        self._overview = overview
        self.not_enrolled.setVisible(self.enrolled is False)
        self._show_buttons()
        self.history_model.set_runs(overview.runs)
        if not self._controller.running:
            self._set_bar(overview.acked_seq, overview.head_seq)
            self.counts.setText(self._waiting_text(overview))
            if self._controller.last_result is None and not self.outcome.text():
                self._show_last_run(overview.runs)

    def _waiting_text(self, overview: SyncOverview) -> str:
        return self.tr(
            "The association has acknowledged {0} of this station's {1} records; "
            "%n waiting to be sent.",
            "",
            overview.pending,
        ).format(overview.acked_seq, overview.head_seq)

    def _show_last_run(self, runs: list[SyncRunRecord]) -> None:
        last = next((r for r in runs if r.finished_at is not None), None)
        if last is None:
            self.outcome.setText(self.tr("This station has not synced yet."))
            self.outcome.setStyleSheet("")
            return
        self.outcome.setText(
            self.tr("Last sync {0}: {1}.").format(
                texts.local_time(last.finished_at), texts.sync_outcome_name(last.outcome)
            )
        )
        self.outcome.setStyleSheet(OK_STYLE if last.outcome == "ok" else "")

    # -- running ---------------------------------------------------------------------

    def start_sync(self) -> None:
        if not self._controller.start():
            self.outcome.setText(self.tr("A sync is already running; wait for it to finish."))

    def cancel_sync(self) -> None:
        self._controller.cancel()
        self.outcome.setText(
            self.tr("Cancelling… the batch being sent is finished first, so nothing is lost.")
        )
        self.outcome.setStyleSheet("")
        self._show_buttons()

    def _show_buttons(self) -> None:
        running = self._controller.running
        self.sync_button.setEnabled(not running and self.enrolled is not False)
        self.cancel_button.setEnabled(running and not self._controller.cancelling)

    def _set_bar(self, acked: int, head: int) -> None:
        self.progress.setRange(0, max(head, 1))
        self.progress.setValue(min(max(acked, 0), max(head, 1)))

    @Slot()
    def _on_started(self) -> None:
        self.outcome.setText(self.tr("Syncing… connecting to the association."))
        self.outcome.setStyleSheet("")
        self.warnings.hide()
        self._show_buttons()

    @Slot(object)
    def _on_progress(self, progress: SyncProgress) -> None:
        self._set_bar(progress.acked_seq, progress.head_seq)
        self.counts.setText(
            self.tr("Sent {0} records in this sync; the association holds {1} of {2}.").format(
                progress.sent, progress.acked_seq, progress.head_seq
            )
        )
        if not self._controller.cancelling:
            self.outcome.setText(self.tr("Syncing…"))

    @Slot(object)
    def _on_finished(self, result: SyncResult) -> None:
        self._show_result(result)
        self._show_buttons()
        self.refresh()

    def _show_result(self, result: SyncResult) -> None:
        if result.acked_seq is not None and result.head_seq:
            self._set_bar(result.acked_seq, result.head_seq)
            self.counts.setText(
                self.tr("Sent {0} records in this sync; the association holds {1} of {2}.").format(
                    result.entries_sent, result.acked_seq, result.head_seq
                )
            )
        self.outcome.setText(result.message(self._ctx.language))
        colour = OK_COLOUR if result.ok else ERROR_COLOUR
        if result.outcome.nothing_wrong:
            colour = WARN_COLOUR  # nothing is wrong with the records: try again later
        self.outcome.setStyleSheet(f"color: {colour};")
        warnings = result.warnings_en if self._ctx.language == "en" else result.warnings_zh
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        """A sync that raised (keyring trouble, or a bug the main window reports)."""
        self.outcome.setText(texts.error_text(exc, self._ctx.language))
        self.outcome.setStyleSheet(ERROR_STYLE)
        self._show_buttons()

    @Slot(int)
    def _on_countdown(self, seconds: int) -> None:
        waiting = seconds >= 0
        self.retry.setVisible(waiting)
        self.cancel_retry_button.setVisible(waiting)
        if waiting:
            self.retry.setText(
                self.tr("The program will try again by itself in {0} s.").format(seconds)
            )

    def _on_read_failed(self, exc: BaseException) -> None:
        self._reading = False
        self.outcome.setText(texts.error_text(exc, self._ctx.language))
