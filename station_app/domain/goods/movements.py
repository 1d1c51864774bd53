"""How goods leave (or, after a count, re-enter) the stock: movements and their rules.

Stock changes only by a recorded movement.  Every movement is a list of lines, each a
lot and a signed change in milli-units (negative: out of the shelf).  A lot's book
quantity is what it received plus the sum of its lines, and it may never go below zero.
:class:`StockBook` is that arithmetic on its own, used by the station's service before
writing, by the receiver to check what a station sends, and by the property tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from station_app.domain.donations import MAX_NAME, clean_text, mask_name, typed_text
from station_app.domain.errors import ConflictError, ValidationError

MAX_REASON = 200
MAX_REFERENCE = 40
MAX_LINES = 200


class MovementKind(StrEnum):
    DISTRIBUTION = "distribution"  # to a beneficiary household
    DESIGNATION = "designation"  # to a 微心愿 wish or another project
    TRANSFER = "transfer"  # to the association's warehouse
    WRITE_OFF = "write_off"  # expired, damaged, lost
    COUNT = "count"  # a stock-take's differences


class WriteOffReason(StrEnum):
    EXPIRED = "expired"
    DAMAGED = "damaged"
    LOST = "lost"


KIND_NAMES_ZH = {
    MovementKind.DISTRIBUTION: "发放给困难家庭",
    MovementKind.DESIGNATION: "用于定向项目",
    MovementKind.TRANSFER: "调拨至慈善会仓库",
    MovementKind.WRITE_OFF: "报损",
    MovementKind.COUNT: "盘点差异",
}
WRITE_OFF_NAMES_ZH = {
    WriteOffReason.EXPIRED: "过期",
    WriteOffReason.DAMAGED: "损坏",
    WriteOffReason.LOST: "遗失",
}


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who got the goods: a household (name kept at the station, masked elsewhere)."""

    name: str
    reference: str
    social_worker: str

    @property
    def masked(self) -> str:
        return mask_name(self.name)


@dataclass(frozen=True, slots=True)
class MovementDraft:
    kind: str
    lines: tuple[tuple[str, int], ...]  # (lot uuid, milli-units taken), positive
    household_name: str = ""
    household_reference: str = ""
    social_worker: str = ""
    designation_code: str = ""
    destination: str = ""
    write_off_reason: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ValidMovement:
    kind: MovementKind
    lines: tuple[tuple[str, int], ...]
    recipient: Recipient | None
    designation_code: str | None
    destination: str | None
    write_off_reason: WriteOffReason | None
    reason: str | None


def _need(value: str, code: str, zh: str, en: str, field_name: str, limit: int) -> str:
    text = typed_text(value, field_name, zh, en)
    if not text:
        raise ValidationError(code, f"请填写{zh}", f"Enter {en.lower()}.", field=field_name)
    if len(text) > limit:
        raise ValidationError(
            f"{code}.too_long",
            f"{zh}最多 {limit} 个字",
            f"{en}: at most {limit}.",
            field=field_name,
        )
    return text


def validate_movement(draft: MovementDraft) -> ValidMovement:
    """The movement's own rules (who, where, why); stock is :class:`StockBook`'s to check."""
    try:
        kind = MovementKind(draft.kind)
    except ValueError:
        raise ValidationError(
            "movement.bad_kind", "请选择出库方式", "Choose a kind of movement.", field="kind"
        ) from None
    if kind is MovementKind.COUNT:
        raise ValidationError(
            "movement.count", "盘点请使用盘点功能", "Use the stock-take for counts.", field="kind"
        )
    lines = tuple((lot, qty) for lot, qty in draft.lines if qty)
    if not lines:
        raise ValidationError(
            "movement.no_lines",
            "请至少选择一项物资和数量",
            "Choose at least one lot.",
            field="lines",
        )
    if len(lines) > MAX_LINES or len({lot for lot, _ in lines}) != len(lines):
        raise ValidationError(
            "movement.bad_lines", "每批物资只能出现一次", "Each lot at most once.", field="lines"
        )
    if any(qty < 0 for _, qty in lines):
        raise ValidationError(
            "movement.negative", "数量应为正数", "Quantities must be positive.", field="lines"
        )
    recipient = designation = destination = write_off = None
    reason = typed_text(draft.reason, "reason", "原因", "The reason") or None
    if kind is MovementKind.DISTRIBUTION:
        recipient = Recipient(
            _need(
                draft.household_name,
                "movement.no_household",
                "领取人姓名",
                "The name",
                "household_name",
                MAX_NAME,
            ),
            _need(
                draft.household_reference,
                "movement.no_reference",
                "家庭编号",
                "The household reference",
                "household_reference",
                MAX_REFERENCE,
            ),
            _need(
                draft.social_worker,
                "movement.no_social_worker",
                "负责社工",
                "The social worker",
                "social_worker",
                MAX_NAME,
            ),
        )
    elif kind is MovementKind.DESIGNATION:
        designation = clean_text(draft.designation_code) or None
        if designation is None:
            raise ValidationError(
                "movement.no_designation",
                "请选择定向项目",
                "Choose the project.",
                field="designation",
            )
    elif kind is MovementKind.TRANSFER:
        destination = _need(
            draft.destination or "慈善会仓库",
            "movement.no_destination",
            "调入仓库",
            "The warehouse",
            "destination",
            100,
        )
    else:
        try:
            write_off = WriteOffReason(draft.write_off_reason)
        except ValueError:
            raise ValidationError(
                "movement.no_write_off_reason",
                "请选择报损原因（过期、损坏、遗失）",
                "Choose why: expired, damaged or lost.",
                field="write_off_reason",
            ) from None
        if not reason:
            raise ValidationError(
                "movement.no_reason",
                "报损需要写明原因",
                "A write-off needs a reason.",
                field="reason",
            )
    if reason and len(reason) > MAX_REASON:
        raise ValidationError(
            "movement.reason_too_long",
            "原因最多 200 个字",
            "At most 200 characters.",
            field="reason",
        )
    return ValidMovement(kind, lines, recipient, designation, destination, write_off, reason)


def below_zero(lot: str, have: int, change: int) -> ConflictError:
    return ConflictError(
        "stock.negative",
        f"库存不足：该批物资只剩 {have / 1000:g}，不能出库 {-change / 1000:g}",
        f"Not enough stock: the lot has {have / 1000:g} left, not {-change / 1000:g}.",
        field=f"lot.{lot}",
    )


@dataclass
class StockBook:
    """Book quantity per lot: received plus every movement line; never below zero."""

    on_hand: dict[str, int] = field(default_factory=dict)

    def receive(self, lot: str, quantity_milli: int) -> None:
        if lot in self.on_hand:
            raise ConflictError("lot.exists", "该批物资已登记", "That lot is already recorded.")
        if quantity_milli <= 0:
            raise ValidationError("lot.bad_quantity", "数量应为正数", "Quantity must be positive.")
        self.on_hand[lot] = quantity_milli

    def check(self, changes: Iterable[tuple[str, int]]) -> dict[str, int]:
        """The new book of each lot these changes touch, or a refusal; changes nothing."""
        after: dict[str, int] = {}
        for lot, change in changes:
            if lot not in self.on_hand:
                raise ConflictError(
                    "lot.unknown", "没有这批物资", f"No such lot: {lot[:40]}", field="lot"
                )
            have = after.get(lot, self.on_hand[lot])
            if have + change < 0:
                raise below_zero(lot, have, change)
            after[lot] = have + change
        return after

    def apply(self, changes: Iterable[tuple[str, int]]) -> None:
        self.on_hand.update(self.check(list(changes)))

    def snapshot(self) -> Mapping[str, int]:
        return dict(self.on_hand)
