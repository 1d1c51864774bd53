"""The goods part of the day close: the day's goods in and out, and the two people's count.

One row per item that came in or went out on the day (all its lots together): what came
in, what went out by kind, the book, a box for what was counted and one for the reason
of a difference.  Keyboard: type the count and press Enter; a count that differs from
the book moves to its reason, otherwise to the next item; after the last item Enter
goes on to the second person's password (``finished``).  Enter here never closes the
day by itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app.domain.errors import ValidationError
from station_app.domain.goods.day_goods import OUT_KINDS, DayGoods, ItemKey
from station_app.domain.goods.lots import format_quantity, parse_quantity
from station_app.domain.goods.movements import MovementKind


class _Entry(QLineEdit):
    """A line edit whose Enter moves on (``entered``) instead of reaching the dialog's
    default button: closing the day takes the password field's Enter or the button."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.entered.emit()
            return
        super().keyPressEvent(event)


class DayGoodsPane(QGroupBox):
    changed = Signal()  # a count or a reason was typed
    finished = Signal()  # Enter after the last item: go on to the password

    ITEM, UNIT, IN, OUT, BOOK, COUNTED, DIFFERENCE, REASON = range(8)
    SHOWN_ROWS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Goods in and out, and their count"), parent)
        self.goods: DayGoods | None = None
        self.keys: list[ItemKey] = []
        self.count_edits: list[_Entry] = []
        self.reason_edits: list[_Entry] = []
        self.scope = QLabel(self.tr("Reading the day's goods…"))
        self.scope.setWordWrap(True)
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Unit"),
                self.tr("In"),
                self.tr("Out"),
                self.tr("Book"),
                self.tr("Counted"),
                self.tr("Difference"),
                self.tr("Reason"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the boxes take the keys
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COUNTED, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(self.REASON, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(self.COUNTED, 110)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope)
        layout.addWidget(self.table)

    # -- filling -------------------------------------------------------------------------

    def set_goods(self, goods: DayGoods) -> None:
        """Show ``goods``; what was typed for an item is kept if the list is read again."""
        typed = {k: (c.text(), r.text()) for k, c, r in self._rows()}
        self.goods, self.keys = goods, goods.items
        self.count_edits, self.reason_edits = [], []
        self.table.setRowCount(len(self.keys))
        for row, key in enumerate(self.keys):
            item, unit = key
            moved = goods.moved_of(key)
            out = self.tr("; ").join(
                f"{self._kind_name(k)} {format_quantity(moved[k])}"
                for k in (*OUT_KINDS, MovementKind.COUNT)
                if k in moved
            )
            for col, text in (
                (self.ITEM, item),
                (self.UNIT, unit),
                (
                    self.IN,
                    format_quantity(goods.received_of(key)) if goods.received_of(key) else "—",
                ),
                (self.OUT, out or "—"),
                (self.BOOK, format_quantity(goods.book[key])),
                (self.DIFFERENCE, ""),
            ):
                cell = QTableWidgetItem(text)
                if col in (self.IN, self.BOOK, self.DIFFERENCE):
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, cell)
            count, reason = _Entry(), _Entry()
            count.setAccessibleName(self.tr("Counted {0}").format(item))
            count.setPlaceholderText(self.tr("count"))
            reason.setAccessibleName(self.tr("Reason for {0}").format(item))
            reason.setMaxLength(200)
            count.setText(typed.get(key, ("", ""))[0])
            reason.setText(typed.get(key, ("", ""))[1])
            count.textChanged.connect(self._typed)
            reason.textChanged.connect(self.changed)
            count.entered.connect(lambda r=row: self._count_entered(r))
            reason.entered.connect(lambda r=row: self._next(r))
            self.table.setCellWidget(row, self.COUNTED, count)
            self.table.setCellWidget(row, self.REASON, reason)
            self.count_edits.append(count)
            self.reason_edits.append(reason)
        if self.keys:
            self.scope.setText(
                self.tr(
                    "Count the %n item(s) that came in or went out on this day: all lots of "
                    "each item together, wherever they are kept. A difference needs its reason "
                    "and is booked as a stock-take. (The whole shelf is counted in the goods "
                    "area's stock-take.)",
                    "",
                    len(self.keys),
                )
            )
        else:
            self.scope.setText(self.tr("No goods came in or went out on this day."))
        self.table.setVisible(bool(self.keys))
        self._fit_height()
        self._typed()

    def _fit_height(self) -> None:
        """Tall enough for every item up to :data:`SHOWN_ROWS` (more scroll), so no item to
        count hides below the fold of a short table."""
        self.table.resizeRowsToContents()
        rows = min(len(self.keys), self.SHOWN_ROWS)
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(rows))
        self.table.setFixedHeight(max(height, 60))

    def _kind_name(self, kind: MovementKind) -> str:
        return {
            MovementKind.DISTRIBUTION: self.tr("handed out"),
            MovementKind.DESIGNATION: self.tr("to a project"),
            MovementKind.TRANSFER: self.tr("transferred"),
            MovementKind.WRITE_OFF: self.tr("written off"),
            MovementKind.COUNT: self.tr("stock-take"),
        }[kind]

    def _rows(self) -> list[tuple[ItemKey, _Entry, _Entry]]:
        return list(zip(self.keys, self.count_edits, self.reason_edits, strict=True))

    # -- typing --------------------------------------------------------------------------

    def _typed(self) -> None:
        for row, (key, count, _reason) in enumerate(self._rows()):
            milli = self._milli(count.text())
            cell = self.table.item(row, self.DIFFERENCE)
            if cell is None or self.goods is None:
                continue
            if milli is None:
                cell.setText("" if not count.text().strip() else self.tr("not a number"))
                continue
            diff = milli - self.goods.book[key]
            cell.setText(("+" if diff > 0 else "") + format_quantity(diff) if diff else "0")
        self.changed.emit()

    def _count_entered(self, row: int) -> None:
        milli = self._milli(self.count_edits[row].text())
        if (
            self.goods is not None
            and milli is not None
            and milli != self.goods.book[self.keys[row]]
        ):
            self.reason_edits[row].setFocus()
        else:
            self._next(row)

    def _next(self, row: int) -> None:
        if row + 1 < len(self.count_edits):
            self.count_edits[row + 1].setFocus()
        else:
            self.finished.emit()

    @staticmethod
    def _milli(text: str) -> int | None:
        text = text.strip()
        if text and set(text) <= set("0.") and text.count(".") <= 1:
            return 0
        return parse_quantity(text)

    # -- reading -------------------------------------------------------------------------

    def focus_first(self) -> bool:
        """Put the cursor in the first count; False when there is nothing to count."""
        if not self.count_edits:
            return False
        self.count_edits[0].setFocus()
        return True

    def focus_item(self, field: str) -> None:
        """Put the cursor on the item a refusal names (``goods.{item}/{unit}``)."""
        for (item, unit), count in zip(self.keys, self.count_edits, strict=True):
            if field == f"goods.{item}/{unit}":
                count.setFocus()
                return

    def differences(self) -> list[str]:
        """ "大米 -1 袋"-style lines for the differences typed so far, and the uncounted."""
        if self.goods is None:
            return []
        parts, uncounted = [], 0
        for key, count, _reason in self._rows():
            milli = self._milli(count.text())
            if milli is None:
                uncounted += 1
            elif milli != self.goods.book[key]:
                diff = milli - self.goods.book[key]
                parts.append(f"{key[0]} {'+' if diff > 0 else ''}{format_quantity(diff)} {key[1]}")
        if uncounted:
            parts.append(self.tr("%n item(s) of goods not counted", "", uncounted))
        return parts

    def counts(self) -> tuple[dict[ItemKey, int], dict[ItemKey, str]]:
        """What was counted (blank boxes left out: the service names them) and the reasons."""
        counted: dict[ItemKey, int] = {}
        reasons: dict[ItemKey, str] = {}
        for key, count, reason in self._rows():
            if not count.text().strip():
                continue
            milli = self._milli(count.text())
            if milli is None:
                count.setFocus()
                raise ValidationError(
                    "close.goods_bad_count",
                    f"{key[0]}的实盘数量应为数字",
                    f"The count of {key[0]} must be a number.",
                    field=f"goods.{key[0]}/{key[1]}",
                )
            counted[key] = milli
            if reason.text().strip():
                reasons[key] = reason.text()
        return counted, reasons
