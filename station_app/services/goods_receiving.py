"""Goods coming in: an in-kind donation's items entering the stock as lots, in one
transaction with the donation, its receipt and both ledger entries.

The valued lots make the donation (its amount is their value, and its receipt lists
them); lots not valued enter the stock with their quantity only and never count in a
money total; goods that are all not valued make no money donation at all (the receipt
then lists them under "物资按数量登记，未估值").  Two rules of the city's practice for
donated goods apply before anything is written: food and medicine close to expiry are
refused unless the coordinator overrides with a password and a reason, and goods worth
more than the configured value need a second person's name and password, as the day
close does.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert

from station_app.domain.donations import (
    UNDESIGNATED,
    DonationDraft,
    ItemDraft,
    ValidDonation,
    clean_text,
    typed_text,
    validate_draft,
)
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import PermissionDenied, ValidationError
from station_app.domain.goods.acceptance import GoodsRules, needs_second_person, too_close_to_expiry
from station_app.domain.goods.lots import (
    Category,
    LotDraft,
    ValidLot,
    Valuation,
    format_quantity,
    parse_quantity,
    validate_lots,
)
from station_app.domain.money import DEFAULT_CEILING_FEN, format_fen_plain
from station_app.domain.roles import Action, Role
from station_app.domain.station_time import local_date, to_iso, utc_now
from station_app.services.donation_recording import (
    active_designation_codes,
    open_business_day,
    write_donation,
)
from station_app.services.ledger_writer import append_entry
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.records import OperatorInfo, RecordedDonation
from station_app.services.sessions import OperatorSession, authenticate, require_session
from station_app.storage.database import StationDatabase
from station_app.storage.goods_tables import GoodsLot
from station_app.storage.lookups import station_code

Clock = Callable[[], datetime]
_LOT = GoodsLot.__table__


@dataclass(frozen=True, slots=True)
class GoodsIntake:
    """What the form holds: the donor and the goods, as typed."""

    lots: tuple[LotDraft, ...]
    donor_name: str = ""
    anonymous: bool = False
    phone: str = ""
    designation_code: str = UNDESIGNATED
    note: str = ""


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A second person (or the coordinator overriding a rule): name, password, why."""

    name: str
    password: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ReceivedGoods:
    lots: tuple[str, ...]  # the lots' uuids, in the order typed
    donation: RecordedDonation | None  # None: nothing was valued
    entry_seq: int
    business_day: str


def _confirm(db: StationDatabase, who: Confirmation | None) -> OperatorSession | None:
    if who is None:
        return None
    if not clean_text(who.name) or not who.password:
        raise ValidationError(
            "goods.confirmation_incomplete",
            "请确认人选择自己的姓名并输入密码",
            "The confirming person must choose their name and enter their password.",
            field="confirmation",
        )
    return authenticate(db, who.name, who.password)  # the slow hash: outside the lock


def _check_rules(
    lots: tuple[ValidLot, ...],
    today: datetime,
    rules: GoodsRules,
    override: Confirmation | None,
    second: Confirmation | None,
) -> None:
    short = too_close_to_expiry(lots, local_date(today), rules)
    if short and override is None:
        first = lots[short[0]]
        raise ValidationError(
            "goods.expiry_too_close",
            f"第 {short[0] + 1} 项物资（{first.item}）保质期至 {first.expiry}，"
            f"不足 {rules.min_months_to_expiry} 个月，按规定不能接收。"
            "如确需接收，请站点负责人输入密码并写明原因",
            f"Item {short[0] + 1} ({first.item}) expires on {first.expiry}, less than "
            f"{rules.min_months_to_expiry} months away: it cannot be accepted unless the "
            "coordinator overrides with their password and a reason.",
            field=f"lots.{short[0]}",
        )
    if short and override is not None and not clean_text(override.reason):
        raise ValidationError(
            "goods.override_no_reason",
            "负责人同意接收临期物资时需写明原因",
            "The coordinator's override needs a reason.",
            field="override",
        )
    if needs_second_person(lots, rules) and second is None:
        raise ValidationError(
            "goods.second_person",
            f"物资估值超过 {format_fen_plain(rules.second_person_above_fen)} 元，"
            "需要第二位工作人员输入姓名和密码共同清点确认",
            f"Goods worth more than {format_fen_plain(rules.second_person_above_fen)} yuan "
            "need a second person to count and confirm with their name and password.",
            field="second_person",
        )


def _donation_draft(intake: GoodsIntake, valued: list[ValidLot]) -> DonationDraft:
    return DonationDraft(
        kind="in_kind",
        donor_name=intake.donor_name,
        anonymous=intake.anonymous,
        phone=intake.phone,
        designation_code=intake.designation_code,
        note=intake.note,
        items=tuple(
            ItemDraft(
                lot.item,
                format_quantity(lot.quantity_milli),
                lot.unit,
                format_fen_plain(lot.value_fen).replace(",", ""),
            )
            for lot in valued
        ),
    )


def write_lots(
    conn: Connection,
    *,
    code: str,
    operator: OperatorInfo,
    lots: tuple[ValidLot, ...],
    donation: RecordedDonation | None,
    donor: str | None,
    business_day: str,
    at: str,
    override: tuple[str, str] | None = None,
    confirmed_by: str | None = None,
) -> tuple[tuple[str, ...], int]:
    """Insert the lots and their ``goods.received`` entry (caller's transaction)."""
    ids = tuple(str(uuidlib.uuid4()) for _ in lots)
    entry = append_entry(
        conn,
        type=EntryType.GOODS_RECEIVED,
        at=at,
        station_code=code,
        data={
            "lots": [
                {
                    "lot": lot_id,
                    "item": lot.item,
                    "category": lot.category.value,
                    "quantity_milli": lot.quantity_milli,
                    "unit": lot.unit,
                    "value_fen": lot.value_fen,
                    "valuation": lot.valuation.value,
                    "expiry": lot.expiry.isoformat() if lot.expiry else None,
                    "location": lot.location,
                }
                for lot_id, lot in zip(ids, lots, strict=True)
            ],
            "donation": donation.uuid if donation else None,
            "receipt": donation.receipt_number if donation else None,
            "donor": donor,
            "operator": operator.name,
            "business_day": business_day,
            "override": {"by": override[0], "reason": override[1]} if override else None,
            "confirmed_by": confirmed_by,
        },
    )
    conn.execute(
        insert(_LOT),
        [
            {
                "uuid": lot_id,
                "donation_id": donation.donation_id if donation else None,
                "item": lot.item,
                "category": lot.category.value,
                "unit": lot.unit,
                "quantity_milli": lot.quantity_milli,
                "value_fen": lot.value_fen,
                "valuation": lot.valuation.value,
                "expiry": lot.expiry.isoformat() if lot.expiry else None,
                "location": lot.location,
                "business_day": business_day,
                "received_at": at,
                "operator_id": operator.id,
                "ledger_seq": entry.seq,
                "on_hand_milli": lot.quantity_milli,
            }
            for lot_id, lot in zip(ids, lots, strict=True)
        ],
    )
    return ids, entry.seq


def lots_from_items(
    conn: Connection,
    code: str,
    operator: OperatorInfo,
    valid: ValidDonation,
    donation: RecordedDonation,
) -> tuple[str, ...]:
    """The lots of an in-kind donation recorded on the donation form (caller's transaction).

    The form asks for item, quantity, unit and value only, so each item enters the stock
    as "other" goods valued by the donor's declaration, kept at no named place; goods
    that need an expiry date or another basis are received in the goods area instead.
    """
    lots = tuple(
        ValidLot(
            item.description,
            parse_quantity(item.quantity) or 1,
            item.unit,
            item.value_fen,
            Valuation.DECLARED,
            None,
            Category.OTHER,
            "",
        )
        for item in valid.items
    )
    ids, _ = write_lots(
        conn,
        code=code,
        operator=operator,
        lots=lots,
        donation=donation,
        donor=valid.donor_name,
        business_day=donation.business_day,
        at=donation.issued_at,
    )
    return ids


def receive_goods(
    db: StationDatabase,
    signer: ReceiptSigner,
    session: OperatorSession,
    intake: GoodsIntake,
    *,
    rules: GoodsRules | None = None,
    override: Confirmation | None = None,
    second: Confirmation | None = None,
    clock: Clock = utc_now,
    ceiling_fen: int = DEFAULT_CEILING_FEN,
) -> ReceivedGoods:
    """Check the goods and the rules, then write donation, receipt, lots and entries at once."""
    rules = rules or GoodsRules()
    lots = validate_lots(intake.lots, ceiling_fen=ceiling_fen)
    now = clock().replace(microsecond=0)
    _check_rules(lots, now, rules, override, second)
    short = bool(too_close_to_expiry(lots, local_date(now), rules))
    overrider = _confirm(db, override) if short else None
    confirmer = _confirm(db, second) if needs_second_person(lots, rules) else None
    with db.write() as conn:
        operator = require_session(conn, session, Action.RECORD)
        if overrider is not None:
            over = require_session(conn, overrider)
            if over.role is not Role.COORDINATOR:
                raise PermissionDenied(
                    "goods.override_coordinator_only",
                    "只有站点负责人可以同意接收临期物资",
                    "Only the coordinator can accept goods close to expiry.",
                    field="override",
                )
        if confirmer is not None:
            require_session(conn, confirmer)
            if confirmer.id == operator.id:
                raise PermissionDenied(
                    "goods.same_person",
                    "需要另一位工作人员用自己的密码确认",
                    "A second person must confirm with their own password.",
                    field="second_person",
                )
        code = station_code(conn)
        valued = [lot for lot in lots if lot.valued]
        donation: RecordedDonation | None = None
        donor: str | None
        if valued:
            valid = validate_draft(
                _donation_draft(intake, valued),
                designation_codes=active_designation_codes(conn),
                ceiling_fen=ceiling_fen,
            )
            donation = write_donation(
                conn, station_code=code, signer=signer, operator=operator, valid=valid, now=now
            )
            business_day, donor = donation.business_day, valid.donor_name
        else:
            business_day = open_business_day(conn, local_date(now))[0].isoformat()
            donor = (
                None
                if intake.anonymous
                else (
                    typed_text(intake.donor_name, "donor_name", "捐赠人姓名", "The donor's name")[
                        :40
                    ]
                    or None
                )
            )
        ids, seq = write_lots(
            conn,
            code=code,
            operator=operator,
            lots=lots,
            donation=donation,
            donor=donor,
            business_day=business_day,
            at=to_iso(now),
            override=(overrider.name, clean_text(override.reason)[:200])
            if overrider is not None and override is not None
            else None,
            confirmed_by=confirmer.name if confirmer is not None else None,
        )
    return ReceivedGoods(ids, donation, seq, business_day)
