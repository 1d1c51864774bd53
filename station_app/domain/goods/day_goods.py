"""The goods side of a day close: what came in and went out, and the two people's count.

The day close counts the items that came in or went out on the business day being
closed, per item (an item is its name and unit, all its lots together, wherever they
are kept): those are the goods a mistake of that day can touch, and a count of the
whole shelf every evening is more than a station can do (the stock-take in the goods
area is that count).  Each item's book is compared with what the two people counted;
every difference needs its reason, as in the stock-take, and becomes a stock-take
entry written with the close.

Pure: the services read the rows, these functions decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from station_app.domain.donations import typed_text
from station_app.domain.errors import ConflictError, ValidationError
from station_app.domain.goods.lots import MAX_QUANTITY_MILLI, format_quantity
from station_app.domain.goods.movements import MAX_REASON, MovementKind

#: (item, unit): what the people count; lots of one item in one unit are added up.
ItemKey = tuple[str, str]
#: The kinds of movement that take goods out of the stock, in the order reports show them.
OUT_KINDS = (
    MovementKind.DISTRIBUTION,
    MovementKind.DESIGNATION,
    MovementKind.TRANSFER,
    MovementKind.WRITE_OFF,
)


@dataclass(frozen=True, slots=True)
class ReceivedLine:
    item: str
    unit: str
    quantity_milli: int
    value_fen: int  # the valued part (0: not valued)


@dataclass(frozen=True, slots=True)
class MovedLine:
    """One item's movements of one kind in the day: what left (a count: the change)."""

    kind: MovementKind
    item: str
    unit: str
    quantity_milli: int


@dataclass(frozen=True, slots=True)
class ItemCount:
    item: str
    unit: str
    book_milli: int
    counted_milli: int
    reason: str | None

    @property
    def key(self) -> ItemKey:
        return (self.item, self.unit)

    @property
    def difference_milli(self) -> int:
        return self.counted_milli - self.book_milli


@dataclass(frozen=True, slots=True)
class DayGoods:
    """A business day's goods: in, out, and the book of each item to count (now)."""

    day: date
    received: tuple[ReceivedLine, ...]
    moved: tuple[MovedLine, ...]
    book: Mapping[ItemKey, int]  # the items that moved that day → their book now

    @property
    def items(self) -> list[ItemKey]:
        return sorted(self.book)

    def received_of(self, key: ItemKey) -> int:
        return sum(r.quantity_milli for r in self.received if (r.item, r.unit) == key)

    def moved_of(self, key: ItemKey) -> dict[MovementKind, int]:
        out: dict[MovementKind, int] = {}
        for m in self.moved:
            if (m.item, m.unit) == key:
                out[m.kind] = out.get(m.kind, 0) + m.quantity_milli
        return out


def compare_counts(
    goods: DayGoods,
    counted: Mapping[ItemKey, int],
    reasons: Mapping[ItemKey, str],
    seen_book: Mapping[ItemKey, int] | None,
) -> tuple[ItemCount, ...]:
    """Every item of the day counted, each difference with its reason; or a refusal.

    ``seen_book`` is the book the people were shown: if the stock moved since (a pickup
    recorded while they counted), their count is compared with something else, so the
    close is refused and the list is read again.
    """
    if seen_book is not None and dict(seen_book) != dict(goods.book):
        raise ConflictError(
            "close.goods_moved",
            "清点期间物资有进出，账面已变化：请重新读取物资清单并再次核对",
            "Goods came in or went out while you counted: read the list again and check.",
            field="goods",
        )
    unknown = [key for key in counted if key not in goods.book]
    if unknown:
        raise ValidationError(
            "close.goods_unknown",
            f"{unknown[0][0]}（{unknown[0][1]}）不是当日有进出的物资",
            f"{unknown[0][0]} ({unknown[0][1]}) did not come in or go out that day.",
            field="goods",
        )
    lines = []
    for key in goods.items:
        item, unit = key
        book = goods.book[key]
        if key not in counted:
            raise ValidationError(
                "close.goods_not_counted",
                f"请清点{item}（账面 {format_quantity(book)} {unit}）并填写实盘数量",
                f"Count {item} (book {format_quantity(book)} {unit}) and enter the count.",
                field=f"goods.{item}/{unit}",
            )
        qty = counted[key]
        if isinstance(qty, bool) or not isinstance(qty, int) or not 0 <= qty <= MAX_QUANTITY_MILLI:
            raise ValidationError(
                "close.goods_bad_count",
                f"{item}的实盘数量不能为负数",
                f"The count of {item} cannot be negative.",
                field=f"goods.{item}/{unit}",
            )
        why = typed_text(reasons.get(key, ""), "reason", "差异原因", "The reason") or None
        if qty != book and not why:
            raise ValidationError(
                "close.goods_no_reason",
                f"{item}：账面 {format_quantity(book)} {unit}，实盘 {format_quantity(qty)} {unit}，"
                "差异需要写明原因",
                f"{item}: book {format_quantity(book)} {unit}, counted {format_quantity(qty)} "
                f"{unit}: a difference needs its reason.",
                field=f"goods.{item}/{unit}",
            )
        if why and len(why) > MAX_REASON:
            raise ValidationError(
                "close.goods_reason_too_long",
                f"{item}的差异原因最多 {MAX_REASON} 个字",
                f"The reason for {item} can have at most {MAX_REASON} characters.",
                field=f"goods.{item}/{unit}",
            )
        lines.append(ItemCount(item, unit, book, qty, why if qty != book else None))
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class LotBook:
    lot: str
    on_hand_milli: int
    expiry: date | None
    received_seq: int


def spread_difference(lots: Sequence[LotBook], difference_milli: int) -> list[tuple[str, int]]:
    """An item's counted difference as (lot, change) lines of a stock-take.

    Missing goods are taken from the first-expiring lots (the ones that would have been
    handed out first); goods found over the book go to the newest lot.  The lot lines are
    the register's arithmetic; the day close keeps what was really counted, per item.
    """
    if difference_milli > 0:
        newest = max(lots, key=lambda s: s.received_seq)
        return [(newest.lot, difference_milli)]
    out: list[tuple[str, int]] = []
    left = -difference_milli
    order = sorted(lots, key=lambda s: (s.expiry or date.max, s.expiry is None, s.received_seq))
    for lot in order:
        if left <= 0:
            break
        take = min(left, lot.on_hand_milli)
        if take:
            out.append((lot.lot, -take))
            left -= take
    return out


def summary_data(
    goods: DayGoods, counts: Iterable[ItemCount], stocktake: str | None
) -> dict[str, object]:
    """The day-close entry's goods fields (the receiver compares them with its register)."""
    return {
        "goods_received": [
            {
                "item": r.item,
                "unit": r.unit,
                "quantity_milli": r.quantity_milli,
                "value_fen": r.value_fen,
            }
            for r in goods.received
        ],
        "goods_moved": [
            {
                "kind": m.kind.value,
                "item": m.item,
                "unit": m.unit,
                "quantity_milli": m.quantity_milli,
            }
            for m in goods.moved
        ],
        "goods_counted": [
            {
                "item": c.item,
                "unit": c.unit,
                "book_milli": c.book_milli,
                "counted_milli": c.counted_milli,
                "reason": c.reason,
            }
            for c in counts
        ],
        "goods_stocktake": stocktake,
    }
