"""A lot: one item of an in-kind donation as it enters the stock.

What a person typed (:class:`LotDraft`, text) becomes a :class:`ValidLot` (integers and
clean strings) or a :class:`~station_app.domain.errors.ValidationError` naming the line,
before anything is written.  A lot that is not valued carries its quantity only: its
value is 0 and it never counts in a money total.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from station_app.domain.donations import MAX_ITEM_TEXT, typed_text
from station_app.domain.errors import ValidationError
from station_app.domain.money import DEFAULT_CEILING_FEN, parse_amount

#: One unit is 1000 milli-units; the protocol's quantity text allows 3 decimals.
MILLI = 1000
MAX_QUANTITY_MILLI = 9_999_999_999  # 9,999,999.999 units, as the item quantity text allows
MAX_LOCATION = 40
_QUANTITY_RE = re.compile(r"^(\d{1,7})(?:\.(\d{1,3}))?$")

#: Printed on receipts and sheets for goods that carry a quantity only.
NOT_VALUED_NOTE = "物资按数量登记，未估值"


class Category(StrEnum):
    FOOD = "food"
    MEDICINE = "medicine"
    OTHER = "other"


class Valuation(StrEnum):
    """The basis of a lot's estimated value."""

    INVOICE = "invoice"
    MARKET = "market"
    DECLARED = "declared"
    NOT_VALUED = "not_valued"


CATEGORY_NAMES_ZH = {Category.FOOD: "食品", Category.MEDICINE: "药品", Category.OTHER: "其他"}
VALUATION_NAMES_ZH = {
    Valuation.INVOICE: "发票价",
    Valuation.MARKET: "市场价",
    Valuation.DECLARED: "捐赠人申报",
    Valuation.NOT_VALUED: "未估值",
}
#: Goods that spoil: the expiry date is required and the acceptance rule applies.
PERISHABLE = frozenset({Category.FOOD, Category.MEDICINE})


@dataclass(frozen=True, slots=True)
class LotDraft:
    item: str
    quantity: str
    unit: str
    value: str = ""  # yuan as typed; empty for not valued
    valuation: str = Valuation.NOT_VALUED.value
    expiry: date | None = None
    category: str = Category.OTHER.value
    location: str = ""


@dataclass(frozen=True, slots=True)
class ValidLot:
    item: str
    quantity_milli: int
    unit: str
    value_fen: int
    valuation: Valuation
    expiry: date | None
    category: Category
    location: str

    @property
    def valued(self) -> bool:
        return self.valuation is not Valuation.NOT_VALUED


def parse_quantity(text: str) -> int | None:
    """``"10.5"`` → 10500 milli-units; None unless a positive number of at most 3 decimals."""
    found = _QUANTITY_RE.match(unicodedata.normalize("NFKC", (text or "").strip()))
    if found is None:
        return None
    milli = int(found[1]) * MILLI + int((found[2] or "").ljust(3, "0"))
    return milli or None


def format_quantity(milli: int) -> str:
    """10500 → ``"10.5"``, 3000 → ``"3"``: the quantity as a person writes it."""
    sign = "-" if milli < 0 else ""
    whole, part = divmod(abs(milli), MILLI)
    return f"{sign}{whole}" + (f".{part:03d}".rstrip("0") if part else "")


def _refuse(code: str, n: int, zh: str, en: str) -> ValidationError:
    return ValidationError(code, f"第 {n} 项物资{zh}", f"Item {n}: {en}", field=f"lots.{n - 1}")


def validate_lot(
    index: int, draft: LotDraft, *, ceiling_fen: int = DEFAULT_CEILING_FEN
) -> ValidLot:
    """Check one line; ``index`` counts from 0 and the message from 1."""
    n = index + 1
    item = typed_text(draft.item, f"lots.{index}", "物资名称", "The item")
    unit = typed_text(draft.unit, f"lots.{index}", "单位", "The unit")
    location = typed_text(draft.location, f"lots.{index}", "存放位置", "The location")
    if not item:
        raise _refuse("lot.no_item", n, "缺少名称", "the item needs a name.")
    if not unit:
        raise _refuse("lot.no_unit", n, "缺少单位（如 件、箱、袋）", "it needs a unit.")
    if max(len(item), len(unit)) > MAX_ITEM_TEXT or len(location) > MAX_LOCATION:
        raise _refuse("lot.too_long", n, "的文字太长", "a text is too long.")
    quantity = parse_quantity(draft.quantity)
    if quantity is None:
        raise _refuse(
            "lot.bad_quantity",
            n,
            "的数量应为正数（最多三位小数）",
            "the quantity must be positive.",
        )
    try:
        valuation = Valuation(draft.valuation)
        category = Category(draft.category)
    except ValueError:
        raise _refuse(
            "lot.bad_choice", n, "的类别或估值依据无效", "unknown category or basis."
        ) from None
    if category in PERISHABLE and draft.expiry is None:
        raise _refuse(
            "lot.no_expiry",
            n,
            "是食品或药品，请填写保质期",
            "food and medicine need an expiry date.",
        )
    if valuation is Valuation.NOT_VALUED:
        if (draft.value or "").strip() not in ("", "0", "0.00"):
            raise _refuse(
                "lot.value_not_valued",
                n,
                "选择了“未估值”，不应填写金额",
                "not valued, yet a value.",
            )
        value_fen = 0
    else:
        try:
            value_fen = parse_amount(draft.value, ceiling_fen=ceiling_fen)
        except ValidationError as err:
            raise _refuse(err.code, n, f"估值：{err.message_zh}", err.message_en) from None
    return ValidLot(item, quantity, unit, value_fen, valuation, draft.expiry, category, location)


def validate_lots(
    drafts: tuple[LotDraft, ...] | list[LotDraft], *, ceiling_fen: int = DEFAULT_CEILING_FEN
) -> tuple[ValidLot, ...]:
    if not drafts:
        raise ValidationError(
            "lot.none", "至少需要登记一项物资", "Record at least one item.", field="lots"
        )
    if len(drafts) > 50:
        raise ValidationError(
            "lot.too_many", "一次最多登记 50 项物资", "At most 50 items at once.", field="lots"
        )
    lots = tuple(validate_lot(i, d, ceiling_fen=ceiling_fen) for i, d in enumerate(drafts))
    if sum(lot.value_fen for lot in lots) > ceiling_fen:
        raise ValidationError(
            "lot.total_too_large",
            "物资估值合计超过单笔上限",
            "The items' total value is above the limit.",
            field="lots",
        )
    return lots


def money_total_fen(lots: tuple[ValidLot, ...] | list[ValidLot]) -> int:
    """The value that counts in money totals: valued lots only."""
    return sum(lot.value_fen for lot in lots if lot.valued)
