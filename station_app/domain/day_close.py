"""Closing a business day: counting the cash box and explaining every difference.

The city's rule for a station is that accounts, goods and receipts agree (账、物、收据一致).
At day end the coordinator counts the cash box (by denomination), confirms the mobile and
bank totals against the payment statements and the goods against the shelf (item by
item: ``domain/goods/day_goods.py``); any difference must be explained, and a second
person confirms.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from station_app.domain.errors import ValidationError
from station_app.domain.money import format_fen

#: Notes and coins of the renminbi in circulation, in fen, largest first.
DENOMINATIONS_FEN: tuple[int, ...] = (10000, 5000, 2000, 1000, 500, 100, 50, 10)
DENOMINATION_LABELS = {
    10000: "100元",
    5000: "50元",
    2000: "20元",
    1000: "10元",
    500: "5元",
    100: "1元",
    50: "5角",
    10: "1角",
}
MAX_PIECES = 100_000
MAX_REASON = 200


def count_cash(pieces: Mapping[int, int]) -> int:
    """The cash box's total from the number of each note or coin."""
    total = 0
    for value, n in pieces.items():
        if value not in DENOMINATIONS_FEN:
            raise ValidationError(
                "close.bad_denomination",
                f"没有面额为 {value} 分的人民币",
                f"There is no {value}-fen note or coin.",
                field="denominations",
            )
        if isinstance(n, bool) or not isinstance(n, int) or n < 0 or n > MAX_PIECES:
            raise ValidationError(
                "close.bad_count",
                f"{DENOMINATION_LABELS[value]}的张数应为 0 到 {MAX_PIECES}",
                f"The count of {DENOMINATION_LABELS[value]} must be between 0 and {MAX_PIECES}.",
                field="denominations",
            )
        total += value * n
    return total


@dataclass(frozen=True, slots=True)
class ExpectedTotals:
    """What the day's records say (voided donations left out)."""

    cash_fen: int
    mobile_fen: int
    bank_fen: int
    in_kind_fen: int
    donations: int
    voids: int
    reprints: int
    first_receipt: str | None
    last_receipt: str | None


@dataclass(frozen=True, slots=True)
class CountedTotals:
    """What the people closing the day counted and confirmed."""

    cash_fen: int
    mobile_fen: int
    bank_fen: int


@dataclass(frozen=True, slots=True)
class Differences:
    """Money only: the goods are compared item by item (``domain/goods/day_goods.py``)."""

    cash_fen: int
    mobile_fen: int
    bank_fen: int

    @property
    def total_fen(self) -> int:
        return self.cash_fen + self.mobile_fen + self.bank_fen

    @property
    def any(self) -> bool:
        return bool(self.cash_fen or self.mobile_fen or self.bank_fen)


def differences(expected: ExpectedTotals, counted: CountedTotals) -> Differences:
    """Counted minus expected (positive: more in the box than the records say)."""
    return Differences(
        cash_fen=counted.cash_fen - expected.cash_fen,
        mobile_fen=counted.mobile_fen - expected.mobile_fen,
        bank_fen=counted.bank_fen - expected.bank_fen,
    )


def require_explanation(diff: Differences, reason: str) -> str | None:
    """A difference needs a reason; no difference needs none (but may have a note)."""
    reason = reason.strip()
    if len(reason) > MAX_REASON:
        raise ValidationError(
            "close.reason_too_long",
            f"说明最多 {MAX_REASON} 个字",
            f"The explanation can have at most {MAX_REASON} characters.",
            field="reason",
        )
    if diff.any and not reason:
        parts_zh, parts_en = [], []
        for label_zh, label_en, fen in (
            ("现金", "cash", diff.cash_fen),
            ("移动支付", "mobile", diff.mobile_fen),
            ("银行转账", "bank", diff.bank_fen),
        ):
            if fen:
                parts_zh.append(f"{label_zh}{'多' if fen > 0 else '少'}{format_fen(abs(fen))}")
                parts_en.append(
                    f"{label_en} {'over' if fen > 0 else 'short'} {format_fen(abs(fen))}"
                )
        raise ValidationError(
            "close.reason_required",
            "有差异，必须填写说明：" + "，".join(parts_zh),
            "There is a difference; explain it: " + ", ".join(parts_en),
            field="reason",
        )
    return reason or None
