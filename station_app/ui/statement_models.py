"""Qt models of a day's reconciliation: the matched pairs, each unmatched side, the money
that went back, and (for the day close) the unmatched items with their explanations.

Each model is handed plain values from ``services/reconciliation.py`` and knows nothing
of the database, so it is tested without a widget (``qtmodeltester``).  Payer
identifiers arrive masked; the models show them as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from station_app.domain.money import format_fen
from station_app.services.reconciliation import (
    MatchedPair,
    Reconciliation,
    RecordedView,
    StatementLineView,
)
from station_app.ui import texts

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
#: The row's value object (a StatementLineView, RecordedView or MatchedPair).
ItemRole = Qt.ItemDataRole.UserRole + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def source_name(source: str, account: str = "") -> str:
    names = {
        "wechat": QCoreApplication.translate("StatementModels", "WeChat Pay"),
        "alipay": QCoreApplication.translate("StatementModels", "Alipay"),
        "bank": account or QCoreApplication.translate("StatementModels", "Bank"),
    }
    return names.get(source, source)


def direction_name(direction: str) -> str:
    if direction == "refund":
        return QCoreApplication.translate("StatementModels", "Refund")
    if direction == "outgoing":
        return QCoreApplication.translate("StatementModels", "Money out")
    return QCoreApplication.translate("StatementModels", "Payment")


def _line_time(line: StatementLineView) -> str:
    return texts.local_time(line.occurred_at) if line.occurred_at else line.business_day


class _ListModel(QAbstractTableModel, Generic[T]):
    """Rows of one kind of value, each column a function of the value."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def cells(self, item: T) -> tuple[str, ...]:
        raise NotImplementedError

    #: Columns holding amounts (right-aligned).
    amount_columns: frozenset[int] = frozenset()

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    def item(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def items(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            names = self.headers()
            return names[section] if 0 <= section < len(names) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None or not 0 <= index.column() < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(item)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.amount_columns:
            return int(_RIGHT.value)
        if role == ItemRole:
            return item
        return None


class NotRecordedModel(_ListModel[StatementLineView]):
    """Payments on a statement that no donation stands for."""

    amount_columns = frozenset({1})

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("StatementModels", "Paid at"),
            QCoreApplication.translate("StatementModels", "Amount"),
            QCoreApplication.translate("StatementModels", "Transaction no."),
            QCoreApplication.translate("StatementModels", "Payer"),
            QCoreApplication.translate("StatementModels", "Statement"),
        )

    def cells(self, x: StatementLineView) -> tuple[str, ...]:
        return (
            _line_time(x),
            format_fen(x.amount_fen),
            x.reference or "",
            x.payer_masked or "",
            source_name(x.source, x.account),
        )


class NotOnStatementModel(_ListModel[RecordedView]):
    """Donations recorded that no statement line stands for."""

    amount_columns = frozenset({2})

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("StatementModels", "Receipt no."),
            QCoreApplication.translate("StatementModels", "Recorded at"),
            QCoreApplication.translate("StatementModels", "Amount"),
            QCoreApplication.translate("StatementModels", "Donor"),
            QCoreApplication.translate("StatementModels", "Transaction no."),
        )

    def cells(self, x: RecordedView) -> tuple[str, ...]:
        return (
            x.receipt_number,
            texts.local_time(x.recorded_at),
            format_fen(x.amount_fen),
            x.donor_name or texts.anonymous(),
            x.transaction_reference or "",
        )


class MatchedModel(_ListModel[MatchedPair]):
    amount_columns = frozenset({1})

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("StatementModels", "Paid at"),
            QCoreApplication.translate("StatementModels", "Amount"),
            QCoreApplication.translate("StatementModels", "Receipt no."),
            QCoreApplication.translate("StatementModels", "Recorded at"),
            QCoreApplication.translate("StatementModels", "Matched by"),
        )

    def cells(self, p: MatchedPair) -> tuple[str, ...]:
        how = (
            QCoreApplication.translate("StatementModels", "Transaction no.")
            if p.by_reference
            else QCoreApplication.translate("StatementModels", "Amount and time")
        )
        return (
            _line_time(p.line),
            format_fen(p.line.amount_fen),
            p.donation.receipt_number,
            texts.local_time(p.donation.recorded_at),
            how,
        )


class MoneyBackModel(_ListModel[StatementLineView]):
    """Refunds and money out: on the statement, never donations."""

    amount_columns = frozenset({2})

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("StatementModels", "Time"),
            QCoreApplication.translate("StatementModels", "What"),
            QCoreApplication.translate("StatementModels", "Amount"),
            QCoreApplication.translate("StatementModels", "Transaction no."),
        )

    def cells(self, x: StatementLineView) -> tuple[str, ...]:
        return (
            _line_time(x),
            direction_name(x.direction),
            format_fen(x.amount_fen),
            x.reference or "",
        )


class UnmatchedModel(QAbstractTableModel):
    """The day close's list: every unmatched item of both kinds, with an explanation the
    coordinator types (the only editable column)."""

    EXPLANATION = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, StatementLineView | RecordedView]] = []  # (kind, item)
        self._explanations: dict[str, str] = {}

    def set_reconciliations(self, reconciliations: Sequence[Reconciliation]) -> None:
        self.beginResetModel()
        rows: list[tuple[str, StatementLineView | RecordedView]] = []
        for r in reconciliations:
            rows.extend((r.kind.value, line) for line in r.not_recorded)
            rows.extend((r.kind.value, recorded) for recorded in r.not_on_statement)
        self._rows = rows
        keys = {item.key for _, item in self._rows}
        self._explanations = {k: v for k, v in self._explanations.items() if k in keys}
        self.endResetModel()

    def explanations(self) -> dict[str, str]:
        return {k: v for k, v in self._explanations.items() if v.strip()}

    def explain(self, rows: Sequence[int], text: str) -> None:
        for row in rows:
            if 0 <= row < len(self._rows):
                self._explanations[self._rows[row][1].key] = text
                index = self.index(row, self.EXPLANATION)
                self.dataChanged.emit(index, index)

    def unexplained(self) -> int:
        return sum(1 for _, item in self._rows if not self._explanations.get(item.key, "").strip())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            QCoreApplication.translate("StatementModels", "Unmatched"),
            QCoreApplication.translate("StatementModels", "Time"),
            QCoreApplication.translate("StatementModels", "Amount"),
            QCoreApplication.translate("StatementModels", "Receipt or transaction no."),
            QCoreApplication.translate("StatementModels", "Explanation (required)"),
        )
        return names[section] if 0 <= section < len(names) else None

    def _cells(self, kind: str, item: StatementLineView | RecordedView) -> tuple[str, ...]:
        if isinstance(item, StatementLineView):
            side = QCoreApplication.translate(
                "StatementModels", "{0}: on the statement, not recorded"
            ).format(texts.kind_name(kind))
            return (side, _line_time(item), format_fen(item.amount_fen), item.reference or "")
        side = QCoreApplication.translate(
            "StatementModels", "{0}: recorded, not on the statement"
        ).format(texts.kind_name(kind))
        return (
            side,
            texts.local_time(item.recorded_at),
            format_fen(item.amount_fen),
            item.receipt_number,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        kind, item = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == self.EXPLANATION:
                return self._explanations.get(item.key, "")
            return self._cells(kind, item)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(_RIGHT.value)
        if role == ItemRole:
            return item
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.EXPLANATION:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.EXPLANATION
            or role != Qt.ItemDataRole.EditRole
        ):
            return False
        self._explanations[self._rows[index.row()][1].key] = str(value)
        self.dataChanged.emit(index, index)
        return True
