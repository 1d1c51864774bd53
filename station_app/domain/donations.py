"""What a donation is, and the rules a donation must meet before it may be recorded.

The form, the CSV importer and the tests all hand in a :class:`DonationDraft` holding
text as a person typed it; :func:`validate_draft` turns it into a :class:`ValidDonation`
with integer fen and clean strings, or raises :class:`ValidationError` naming the field.
Nothing is written anywhere until a draft has passed here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from station_app.domain.confirmation import Confirmation
from station_app.domain.errors import ValidationError
from station_app.domain.money import DEFAULT_CEILING_FEN, format_fen, parse_amount
from station_app.domain.transaction_reference import parse_reference


class DonationKind(StrEnum):
    CASH = "cash"
    MOBILE = "mobile"
    BANK = "bank"
    IN_KIND = "in_kind"


KIND_NAMES_ZH = {
    DonationKind.CASH: "现金",
    DonationKind.MOBILE: "移动支付",
    DonationKind.BANK: "银行转账",
    DonationKind.IN_KIND: "物资",
}
KIND_NAMES_EN = {
    DonationKind.CASH: "Cash",
    DonationKind.MOBILE: "Mobile payment",
    DonationKind.BANK: "Bank transfer",
    DonationKind.IN_KIND: "In-kind goods",
}

UNDESIGNATED = "undesignated"
MAX_NAME = 40
MAX_NOTE = 200
MAX_ITEMS = 50
MAX_ITEM_TEXT = 60
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_QUANTITY_RE = re.compile(r"^\d{1,7}(\.\d{1,3})?$")


@dataclass(frozen=True, slots=True)
class ItemDraft:
    description: str
    quantity: str
    unit: str
    value: str  # estimated value as typed, e.g. "120" or "¥120.50"
    # What the goods register needs of the item (issue 18); the rules are the lot's
    # (domain/goods/lots.py).  The defaults are what a paper receipt's line says: goods
    # valued by the donor's declaration, with no expiry, kept at no named place.
    valuation: str = "declared"
    category: str = "other"
    expiry: date | None = None
    location: str = ""
    barcode: str = ""  # as scanned; remembered to fill the item next time, never recorded


@dataclass(frozen=True, slots=True)
class DonationDraft:
    kind: str
    amount: str = ""  # ignored for in-kind: the value is the sum of the items
    donor_name: str = ""
    anonymous: bool = False
    phone: str = ""
    designation_code: str = UNDESIGNATED
    note: str = ""
    items: tuple[ItemDraft, ...] = ()
    transaction_reference: str = ""  # mobile and bank only: the payment's number
    organisation: bool = False  # the donor is a company or body, named on disclosures
    # In-kind goods that a rule holds back: the coordinator's override of the expiry
    # rule, and the second person who counts goods above the value threshold.
    override: Confirmation | None = None
    second: Confirmation | None = None


@dataclass(frozen=True, slots=True)
class ValidItem:
    description: str
    quantity: str
    unit: str
    value_fen: int


@dataclass(frozen=True, slots=True)
class ValidDonation:
    kind: DonationKind
    amount_fen: int
    donor_name: str | None
    phone: str | None
    designation_code: str
    note: str | None
    items: tuple[ValidItem, ...] = field(default=())
    transaction_reference: str | None = None
    donor_organisation: bool = False


#: The kinds whose payment has a transaction number a statement shows.
REFERENCE_KINDS = frozenset({DonationKind.MOBILE, DonationKind.BANK})


def clean_text(text: str) -> str:
    """Normalise what a person typed: NFC, no control characters, single-spaced, trimmed."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    return " ".join(text.replace("\u3000", " ").split())


def has_control_characters(text: str) -> bool:
    """True if ``text`` holds an invisible control inside it (not just spaces around it).

    Escape sequences, NUL, bidirectional overrides and the like have no place in a name
    or a note: they are kept for good in an append-only ledger and printed on receipts
    and terminals.  Line breaks and tabs around a pasted value are only white space.
    """
    inner = (text or "").strip()
    return any(
        unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") and ch not in "\t" for ch in inner
    )


def typed_text(text: str, field: str, label_zh: str, label_en: str) -> str:
    """:func:`clean_text`, after refusing a value with control characters inside it."""
    if has_control_characters(text):
        raise ValidationError(
            f"{field}.control_characters",
            f"{label_zh}含有不可见的控制字符,请重新输入",
            f"{label_en} contains invisible control characters; type it again.",
            field=field,
        )
    return clean_text(text)


def mask_phone(phone: str | None) -> str:
    """138****5678: enough for a person to recognise, useless to anyone else."""
    if not phone:
        return ""
    digits = phone.replace("-", "")
    if len(digits) <= 4:
        return "*" * len(digits)
    if len(digits) < 8:
        return "*" * (len(digits) - 4) + digits[-4:]
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(name: str | None, *, organisation: bool = False) -> str:
    """王*, 欧阳**: the form used on public disclosure sheets; anonymous stays 匿名.

    An organisation (a company, a school) is named in full: its gift is public by
    nature and the association's disclosure rules ask for its name."""
    if organisation and name:
        return name
    if not name:
        return "匿名"
    return name[0] + "*" * max(1, len(name) - 1)


def _too_long(field_name: str, label_zh: str, label_en: str, limit: int) -> ValidationError:
    return ValidationError(
        f"{field_name}.too_long",
        f"{label_zh}最多 {limit} 个字",
        f"{label_en} can have at most {limit} characters.",
        field=field_name,
    )


def parse_kind(text: str) -> DonationKind:
    try:
        return DonationKind(text)
    except ValueError:
        raise ValidationError(
            "donation.bad_kind",
            "请选择捐赠方式",
            "Please choose how the donation was given.",
            field="kind",
        ) from None


def _validate_phone(raw: str) -> str | None:
    phone = clean_text(raw).replace(" ", "")
    phone = unicodedata.normalize("NFKC", phone)
    if not phone:
        return None
    if _MOBILE_RE.match(phone) or _LANDLINE_RE.match(phone):
        return phone
    raise ValidationError(
        "donor.bad_phone",
        "电话号码格式不正确(手机 11 位,或区号-座机号)",
        "The phone number should be an 11-digit mobile or an area code and landline number.",
        field="phone",
    )


def _validate_item(index: int, item: ItemDraft, ceiling_fen: int) -> ValidItem:
    n = index + 1
    description = typed_text(item.description, "items", "物资名称", "The item")
    unit = typed_text(item.unit, "items", "单位", "The unit")
    quantity = unicodedata.normalize("NFKC", clean_text(item.quantity))
    if not description:
        raise ValidationError(
            "item.no_description",
            f"第 {n} 项物资缺少名称",
            f"Item {n} needs a description.",
            field=f"items.{index}",
        )
    if len(description) > MAX_ITEM_TEXT or len(unit) > MAX_ITEM_TEXT:
        raise _too_long(f"items.{index}", f"第 {n} 项物资名称或单位", f"Item {n}", MAX_ITEM_TEXT)
    if not _QUANTITY_RE.match(quantity) or Decimal(quantity) == 0:
        raise ValidationError(
            "item.bad_quantity",
            f"第 {n} 项物资的数量应为正数",
            f"Item {n}: the quantity must be a positive number.",
            field=f"items.{index}",
        )
    if not unit:
        raise ValidationError(
            "item.no_unit",
            f"第 {n} 项物资缺少单位(如 件、箱、袋)",
            f"Item {n} needs a unit (piece, box, bag…).",
            field=f"items.{index}",
        )
    try:
        value_fen = parse_amount(item.value, ceiling_fen=ceiling_fen)
    except ValidationError as err:
        raise ValidationError(
            err.code,
            f"第 {n} 项物资估值:{err.message_zh}",
            f"Item {n} value: {err.message_en}",
            field=f"items.{index}",
        ) from None
    return ValidItem(description, quantity, unit, value_fen)


def validate_draft(
    draft: DonationDraft,
    *,
    designation_codes: frozenset[str] | set[str],
    ceiling_fen: int = DEFAULT_CEILING_FEN,
) -> ValidDonation:
    """Check every rule a donation must meet; raise on the first one broken."""
    kind = parse_kind(draft.kind)
    if kind is DonationKind.IN_KIND:
        if not draft.items:
            raise ValidationError(
                "item.none",
                "物资捐赠至少需要登记一项物资",
                "An in-kind donation needs at least one item.",
                field="items",
            )
        if len(draft.items) > MAX_ITEMS:
            raise ValidationError(
                "item.too_many",
                f"一次最多登记 {MAX_ITEMS} 项物资",
                f"At most {MAX_ITEMS} items per donation.",
                field="items",
            )
        items = tuple(_validate_item(i, it, ceiling_fen) for i, it in enumerate(draft.items))
        amount_fen = sum(it.value_fen for it in items)
        if amount_fen > ceiling_fen:
            raise ValidationError(
                "amount.too_large",
                f"物资估值合计超过单笔上限 {format_fen(ceiling_fen)}",
                f"The items' total value is above the limit of {format_fen(ceiling_fen)}.",
                field="items",
            )
    else:
        if draft.items:
            raise ValidationError(
                "item.not_in_kind",
                "只有物资捐赠可以登记物资明细",
                "Only in-kind donations have item lines.",
                field="items",
            )
        items = ()
        amount_fen = parse_amount(draft.amount, ceiling_fen=ceiling_fen)

    donor_name: str | None = None
    if not draft.anonymous:
        donor_name = typed_text(draft.donor_name, "donor_name", "捐赠人姓名", "The donor's name")
        if not donor_name:
            raise ValidationError(
                "donor.no_name",
                "请填写捐赠人姓名,或选择“匿名”",
                "Enter the donor's name, or choose anonymous.",
                field="donor_name",
            )
        if len(donor_name) > MAX_NAME:
            raise _too_long("donor_name", "捐赠人姓名", "The donor's name", MAX_NAME)

    designation = clean_text(draft.designation_code) or UNDESIGNATED
    if designation not in designation_codes:
        raise ValidationError(
            "designation.unknown",
            "所选的定向项目不存在或已停用",
            "The chosen fund or project does not exist or is closed.",
            field="designation",
        )
    note = typed_text(draft.note, "note", "备注", "The note") or None
    if note and len(note) > MAX_NOTE:
        raise _too_long("note", "备注", "The note", MAX_NOTE)
    reference = parse_reference(draft.transaction_reference)
    if reference is not None and kind not in REFERENCE_KINDS:
        raise ValidationError(
            "reference.not_for_kind",
            "只有移动支付和银行转账可以填写交易单号",
            "Only mobile payments and bank transfers have a transaction number.",
            field="transaction_reference",
        )
    if draft.organisation and donor_name is None:
        raise ValidationError(
            "donor.anonymous_organisation",
            "匿名捐赠不能标为单位；单位捐赠请填写单位名称",
            "An anonymous donation cannot be marked as an organisation; enter its name.",
            field="donor_name",
        )
    return ValidDonation(
        kind=kind,
        amount_fen=amount_fen,
        donor_name=donor_name,
        donor_organisation=draft.organisation,
        phone=_validate_phone(draft.phone),
        designation_code=designation,
        note=note,
        items=items,
        transaction_reference=reference,
    )
