"""Goods out of the stock: distribute to a household, give to a project, transfer to the
association's warehouse, or write off.  Keyboard first: the quantity has the focus,
Tab walks the fields, Enter saves, Esc cancels.  The service checks everything again
(stock, roles, the social worker); a refusal shows in the dialog and nothing is written.

Goods handed on are taken first-expiring first across every lot of the item (the plan
shows which lots before saving), so ten bags of rice can come from two lots; the person
may keep to the lot they chose instead.  A write-off is of the chosen lot only: it is that
lot that expired or was damaged.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.goods.fefo import LotStock, choose_lots
from station_app.domain.goods.lots import format_quantity, parse_quantity
from station_app.domain.goods.movements import MovementDraft, MovementKind, WriteOffReason
from station_app.services.goods_movements import move_goods
from station_app.services.goods_queries import StockRow, item_lots
from station_app.services.operators import list_operators
from station_app.services.records import DesignationInfo
from station_app.services.sessions import OperatorSession
from station_app.ui.desk_context import DeskContext
from station_app.ui.error_label import error_label
from station_app.ui.goods.goods_dialog import GoodsDialog


class MovementDialog(GoodsDialog):
    # saved(object): the MovementResult

    def __init__(
        self,
        ctx: DeskContext,
        operator: Callable[[], OperatorSession],
        kind: MovementKind,
        lot: StockRow,
        designations: list[DesignationInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx, self._operator, self.kind, self.lot = ctx, operator, kind, lot
        titles = {
            MovementKind.DISTRIBUTION: self.tr("Distribute to a household"),
            MovementKind.DESIGNATION: self.tr("Give to a project"),
            MovementKind.TRANSFER: self.tr("Transfer to the association's warehouse"),
            MovementKind.WRITE_OFF: self.tr("Write off"),
        }
        self.setWindowTitle(titles[kind])
        form = QFormLayout()
        have = f"{format_quantity(lot.on_hand_milli)} {lot.unit}"
        form.addRow(self.tr("Lot"), QLabel(f"{lot.item} · {have}"))
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("at most {0}").format(have))
        form.addRow(self.tr("&Quantity"), self.quantity)
        self._lots: list[LotStock] = []  # the item's lots, once read
        self.first_expiring = QRadioButton(self.tr("&First-expiring lots of this item"))
        self.only_this = QRadioButton(self.tr("O&nly this lot"))
        self.only_this.setChecked(True)
        self.first_expiring.setEnabled(False)  # until the item's lots are read
        self.plan = QLabel()
        self.plan.setWordWrap(True)
        if kind is not MovementKind.WRITE_OFF:
            form.addRow(self.tr("Take from"), self.first_expiring)
            form.addRow("", self.only_this)
            form.addRow("", self.plan)
            db = ctx.db
            ctx.workers.run_slow(
                lambda: item_lots(db, lot.item, lot.unit), self._set_lots, self._failed, owner=self
            )
        self.quantity.textChanged.connect(lambda _t: self._show_plan())
        self.first_expiring.toggled.connect(lambda _c: self._show_plan())
        self.household_name = QLineEdit()
        self.household_reference = QLineEdit()
        self.social_worker = QComboBox()
        self.designation = QComboBox()
        self.destination = QLineEdit(self.tr("Association warehouse"))
        self.write_off_reason = QComboBox()
        self.reason = QLineEdit()
        if kind is MovementKind.DISTRIBUTION:
            form.addRow(self.tr("&Recipient"), self.household_name)
            form.addRow(self.tr("Household &reference"), self.household_reference)
            for person in list_operators(ctx.db):
                if person.role.value != "staff":
                    self.social_worker.addItem(person.name, person.name)
            form.addRow(self.tr("Social &worker"), self.social_worker)
        elif kind is MovementKind.DESIGNATION:
            for d in designations:
                if d.code != "undesignated":
                    self.designation.addItem(d.name, d.code)
            form.addRow(self.tr("&Project"), self.designation)
        elif kind is MovementKind.TRANSFER:
            form.addRow(self.tr("&Warehouse"), self.destination)
        else:
            for value, label in (
                (WriteOffReason.EXPIRED, self.tr("Expired")),
                (WriteOffReason.DAMAGED, self.tr("Damaged")),
                (WriteOffReason.LOST, self.tr("Lost")),
            ):
                self.write_off_reason.addItem(label, value.value)
            form.addRow(self.tr("&Why"), self.write_off_reason)
        if kind in (MovementKind.WRITE_OFF, MovementKind.DESIGNATION):
            form.addRow(self.tr("Re&ason"), self.reason)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.quantity.setFocus()

    def _set_lots(self, lots: list[LotStock]) -> None:
        self._lots = lots
        if len(lots) > 1:
            total = format_quantity(sum(s.on_hand_milli for s in lots))
            self.first_expiring.setText(
                self.tr("&First-expiring lots of this item ({0} lots, {1} {2})").format(
                    len(lots), total, self.lot.unit
                )
            )
            self.first_expiring.setEnabled(True)
            self.first_expiring.setChecked(True)
        self._show_plan()

    def lines(self, milli: int) -> list[tuple[str, int]]:
        """(lot, milli-units) to take: first-expiring across the item's lots, or this lot."""
        if self.first_expiring.isChecked() and self._lots:
            return choose_lots(self._lots, milli)
        return [(self.lot.lot, min(milli, self.lot.on_hand_milli))]

    def _show_plan(self) -> None:
        milli = parse_quantity(self.quantity.text())
        if milli is None or not self.first_expiring.isChecked():
            self.plan.clear()
            return
        expiry = {s.lot: s.expiry for s in self._lots}
        lines = [self.tr("Takes:")]
        for lot, taken in self.lines(milli):
            amount, when = format_quantity(taken), expiry.get(lot)
            lines.append(
                "· "
                + (
                    self.tr("{0} {1} from the lot expiring {2}").format(
                        amount, self.lot.unit, when.isoformat()
                    )
                    if when is not None
                    else self.tr("{0} {1} from a lot with no expiry date").format(
                        amount, self.lot.unit
                    )
                )
            )
        self.plan.setText("\n".join(lines))
        self.adjustSize()  # the plan may have grown by a line

    def draft(self) -> MovementDraft | None:
        milli = parse_quantity(self.quantity.text())
        if milli is None:
            self._show(self.tr("Enter a positive quantity (up to 3 decimals)."))
            self.quantity.setFocus()
            return None
        lines = self.lines(milli)
        have = sum(taken for _lot, taken in lines)
        if have < milli:
            self._show(
                self.tr("Only {0} {1} in stock; nothing was written.").format(
                    format_quantity(have), self.lot.unit
                )
            )
            self.quantity.setFocus()
            return None
        return MovementDraft(
            self.kind.value,
            tuple(lines),
            household_name=self.household_name.text(),
            household_reference=self.household_reference.text(),
            social_worker=self.social_worker.currentData() or "",
            designation_code=self.designation.currentData() or "",
            destination=self.destination.text(),
            write_off_reason=self.write_off_reason.currentData() or "",
            reason=self.reason.text(),
        )

    def save(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        self.buttons.setEnabled(False)
        session, db = self._operator(), self._ctx.db
        self._ctx.workers.write(
            lambda: move_goods(db, session, draft), self._done, self._failed, owner=self
        )
