"""Settings, the goods rules tab: how long food and medicine must still keep, and the
value above which a second person counts and confirms (issue 18).

Everyone sees the rules in force and who set them when; only the coordinator can change
them, and the service checks that again (``services/goods_rules.py``): a change is a
ledger entry, saved by its own button at once, never by the dialog's OK with the
desk's preferences.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSpinBox, QWidget

from station_app.domain.goods.acceptance import MAX_MONTHS
from station_app.domain.money import DEFAULT_CEILING_FEN, FEN_PER_YUAN
from station_app.domain.roles import Action, may
from station_app.domain.station_time import local_text
from station_app.services.goods_rules import RulesInForce, goods_rules, set_goods_rules
from station_app.services.sessions import OperatorSession
from station_app.storage.database import StationDatabase
from station_app.ui import texts
from station_app.ui.colours import ERROR_STYLE, OK_STYLE
from station_app.ui.workers import Workers


class GoodsRulesTab(QWidget):
    def __init__(
        self,
        *,
        db: StationDatabase,
        workers: Workers,
        operator: OperatorSession,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._workers, self._operator = db, workers, operator
        self._language = language
        self.may_change = may(operator.role, Action.SET_GOODS_RULES)
        self.months = QSpinBox()
        self.months.setRange(0, MAX_MONTHS)
        self.months.setSuffix(self.tr(" months"))
        self.above = QSpinBox()
        self.above.setRange(0, DEFAULT_CEILING_FEN // FEN_PER_YUAN)
        self.above.setSingleStep(500)
        self.above.setGroupSeparatorShown(True)
        self.above.setSuffix(self.tr(" yuan"))
        self.in_force = QLabel(self.tr("Reading the rules…"))
        self.in_force.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Sa&ve rules"))
        self.save_button.clicked.connect(self.save)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.hide()
        form = QFormLayout(self)
        for text, widget in (
            (self.tr("Food and medicine must keep at least (&M):"), self.months),
            (self.tr("Second person confirms goods a&bove:"), self.above),
        ):
            label = QLabel(text)
            label.setWordWrap(True)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.in_force)
        if self.may_change:
            form.addRow("", self.save_button)
        else:
            note = QLabel(self.tr("Only the coordinator can change these rules."))
            note.setWordWrap(True)
            form.addRow(note)
        form.addRow(self.result)
        for w in (self.months, self.above, self.save_button):
            w.setEnabled(False)  # until the rules in force are read
        workers.run_slow(lambda: goods_rules(db), self._show, self._failed, owner=self)

    def _show(self, rules: RulesInForce) -> None:
        self.months.setValue(rules.rules.min_months_to_expiry)
        self.above.setValue(rules.rules.second_person_above_fen // FEN_PER_YUAN)
        for w in (self.months, self.above, self.save_button):
            w.setEnabled(self.may_change)
        if rules.set_by is None or rules.set_at is None:
            self.in_force.setText(self.tr("These are the standard rules; nobody changed them."))
        else:
            self.in_force.setText(
                self.tr("In force since {0}, set by {1}.").format(
                    local_text(rules.set_at), rules.set_by
                )
            )

    def save(self) -> None:
        if not self.may_change:
            return
        db, session = self._db, self._operator
        months, fen = self.months.value(), self.above.value() * FEN_PER_YUAN
        self.save_button.setEnabled(False)
        self._workers.write(
            lambda: set_goods_rules(
                db, session, min_months_to_expiry=months, second_person_above_fen=fen
            ),
            self._saved,
            self._failed,
            owner=self,
        )

    def _saved(self, rules: RulesInForce) -> None:
        self._show(rules)
        self._result(self.tr("The goods rules were saved."), ok=True)

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(self.may_change)
        self._result(texts.error_text(exc, self._language), ok=False)

    def _result(self, text: str, *, ok: bool) -> None:
        self.result.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.result.setText(text)
        self.result.show()
