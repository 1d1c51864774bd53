"""Setting up a bank's statement columns once: which column holds the date, the amount…

The coordinator picks each column from the names in the file's own header row, so no
name is typed wrong; the mapping is saved for the bank (in the writer pool) and the
file is then imported with it.  Only the date and the amount are required.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.errors import DomainError
from station_app.domain.statements.bank import DEFAULT_INCOMING, BankMapping
from station_app.services.bank_mappings import save_bank_mapping
from station_app.services.sessions import OperatorSession
from station_app.ui import texts
from station_app.ui.desk_context import DeskContext
from station_app.ui.error_label import error_label
from station_app.ui.forms import DATA_VALUE, buddy_form


class BankMappingDialog(QDialog):
    """Choose the columns of ``columns`` (a file's header); emits ``saved`` with the mapping."""

    saved = Signal(object)  # BankMapping
    unexpected_error = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        operator: OperatorSession,
        columns: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._operator = operator
        self.setWindowTitle(self.tr("Set up a bank's statement columns"))
        intro = QLabel(
            self.tr(
                "Say once which column of this bank's statement holds what; the program "
                "remembers it for every later statement of the bank."
            )
        )
        intro.setWordWrap(True)
        self.bank = QLineEdit()
        self.bank.setMaxLength(30)
        self.bank.setPlaceholderText(self.tr("e.g. ICBC Haizhu branch"))
        none = self.tr("(none)")
        self.date = self._choice(columns, None)
        self.time = self._choice(columns, none)
        self.amount = self._choice(columns, None)
        self.direction = self._choice(columns, none)
        self.incoming = QLineEdit(" ".join(DEFAULT_INCOMING[:6]))
        self.counterparty = self._choice(columns, none)
        self.reference = self._choice(columns, none)
        self._guess(columns)
        form = buddy_form(
            (
                (self.tr("&Bank:"), self.bank),
                (self.tr("&Date column:"), self.date),
                (self.tr("&Time column:"), self.time),
                (self.tr("&Amount column (money in):"), self.amount),
                (self.tr("Di&rection column:"), self.direction),
                (self.tr("Words for money &in:"), self.incoming),
                (self.tr("&Counterparty column:"), self.counterparty),
                (self.tr("Transaction &no. column:"), self.reference),
            )
        )
        hint = QLabel(
            self.tr(
                "Without a direction column, a positive amount is money in. The counterparty "
                "is kept only masked."
            )
        )
        hint.setWordWrap(True)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (intro,):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.bank.setFocus()

    @staticmethod
    def _choice(columns: Sequence[str], none: str | None) -> QComboBox:
        box = QComboBox()
        box.setProperty(DATA_VALUE, True)  # the file's own column names
        if none is not None:
            box.addItem(none, "")
        for name in columns:
            box.addItem(name, name)
        return box

    def _guess(self, columns: Sequence[str]) -> None:
        """Preselect the usual names, so most banks need no change at all."""
        guesses = (
            (self.date, ("交易日期", "记账日期", "日期", "交易时间")),
            (self.time, ("交易时间", "时间")),
            (self.amount, ("收入金额", "贷方发生额", "贷方金额", "收入", "交易金额", "金额")),
            (self.direction, ("借贷标志", "借贷方向", "收支方向", "借贷")),
            (self.counterparty, ("对方户名", "对方名称", "对方账户名称", "交易对方")),
            (self.reference, ("交易流水号", "流水号", "凭证号", "交易参考号")),
        )
        taken: set[str] = set()
        for box, names in guesses:
            for name in names:
                if name in columns and name not in taken:
                    box.setCurrentIndex(box.findData(name))
                    taken.add(name)
                    break

    def mapping(self) -> BankMapping:
        def chosen(box: QComboBox) -> str | None:
            return str(box.currentData() or "") or None

        return BankMapping(
            bank=self.bank.text(),
            date=chosen(self.date) or "",
            time=chosen(self.time),
            amount=chosen(self.amount) or "",
            direction=chosen(self.direction),
            incoming=tuple(self.incoming.text().replace("，", " ").replace(",", " ").split()),
            counterparty=chosen(self.counterparty),
            reference=chosen(self.reference),
        )

    def _submit(self) -> None:
        self.error.hide()
        mapping, db, who = self.mapping(), self._ctx.db, self._operator
        self.buttons.setEnabled(False)
        self._ctx.workers.write(
            lambda: save_bank_mapping(db, who, mapping), self._on_saved, self._on_error
        )

    def _on_saved(self, mapping: BankMapping) -> None:
        self.saved.emit(mapping)
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(texts.error_text(exc, self._ctx.language))
        self.error.show()
        if not isinstance(exc, DomainError):
            self.unexpected_error.emit(exc)
