"""Goods coming in: an in-kind donation's items entering the stock as lots, in one
transaction with the donation, its receipt and both ledger entries.

The valued lots make the donation (its amount is their value, and its receipt lists
them); lots not valued enter the stock with their quantity only and never count in a
money total; goods that are all not valued make no money donation at all (the receipt
then lists them under "物资按数量登记，未估值").  The acceptance rules in force
(``services/goods_rules.py``, applied by ``services/goods_acceptance.py``) hold back
food and medicine close to expiry and goods worth more than the configured value.

The goods window's receive dialog and the donation form's in-kind gift come in here
alike; the donation itself is written by :class:`DonationRecorder`, the one writer of
donations and receipts.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass

from sqlalchemy import Connection, insert

from station_app.domain.confirmation import Confirmation
from station_app.domain.donations import (
    UNDESIGNATED,
    DonationDraft,
    ItemDraft,
    ValidDonation,
    typed_text,
)
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ValidationError
from station_app.domain.goods.acceptance import GoodsRules
from station_app.domain.goods.barcodes import parse_code
from station_app.domain.goods.lots import (
    Category,
    LotDraft,
    ValidLot,
    Valuation,
    format_quantity,
    parse_quantity,
    validate_lots,
)
from station_app.domain.money import format_fen_plain
from station_app.domain.roles import Action
from station_app.domain.station_time import local_date, to_iso
from station_app.services.donation_recording import DonationRecorder, open_business_day
from station_app.services.goods_acceptance import accept_in, confirm_people
from station_app.services.goods_barcodes import remember
from station_app.services.goods_rules import goods_rules, rules_in
from station_app.services.ledger_writer import append_entry
from station_app.services.records import OperatorInfo, RecordedDonation
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage.goods_tables import GoodsLot

__all__ = ["Confirmation", "GoodsIntake", "ReceivedGoods", "receive_goods", "record_in_kind"]

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
    organisation: bool = False
    #: As scanned, one per lot ("" for none): remembered with the lot's item when saved.
    barcodes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReceivedGoods:
    lots: tuple[str, ...]  # the lots' uuids, in the order typed
    donation: RecordedDonation | None  # None: nothing was valued
    entry_seq: int
    business_day: str


def _donation_draft(intake: GoodsIntake, valued: list[ValidLot]) -> DonationDraft:
    return DonationDraft(
        kind="in_kind",
        donor_name=intake.donor_name,
        anonymous=intake.anonymous,
        phone=intake.phone,
        designation_code=intake.designation_code,
        note=intake.note,
        organisation=intake.organisation,
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

    Used for donations written from a paper receipt book (CSV import), whose lines say
    item, quantity, unit and value only: each item enters the stock as "other" goods
    valued by the donor's declaration, kept at no named place.  The desk's own in-kind
    gifts come in through :func:`record_in_kind` with every field of a lot.
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


def _codes(intake: GoodsIntake) -> tuple[str | None, ...]:
    codes = intake.barcodes or ("",) * len(intake.lots)
    if len(codes) != len(intake.lots):
        raise ValueError("one barcode (or none) per lot")
    return tuple(parse_code(c, f"lots.{i}") for i, c in enumerate(codes))


def _no_receipt() -> ValidationError:
    return ValidationError(
        "goods.nothing_valued",
        "这些物资都未估值，没有可开收据的金额：请给物资估值，"
        "或在“物资”窗口登记入库（只登记数量，不开收据）",
        "None of these goods is valued, so there is no receipt to issue: value them, or "
        "receive them in the Goods window (quantity only, no receipt).",
        field="lots.0",
    )


def receive_goods(
    recorder: DonationRecorder,
    session: OperatorSession,
    intake: GoodsIntake,
    *,
    rules: GoodsRules | None = None,
    override: Confirmation | None = None,
    second: Confirmation | None = None,
    need_receipt: bool = False,
) -> ReceivedGoods:
    """Check the goods and the rules, then write donation, receipt, lots and entries at once.

    ``rules`` fixes the rules (tests, benchmarks); by default the rules in force are
    read, and read again inside the transaction.  ``need_receipt``: the donation form's
    gift, which must make a receipt.
    """
    db = recorder.db
    lots = validate_lots(intake.lots, ceiling_fen=recorder.ceiling_fen)
    codes = _codes(intake)
    if need_receipt and not any(lot.valued for lot in lots):
        raise _no_receipt()
    now = recorder.now()
    today = local_date(now)
    people = confirm_people(
        db, lots, today, rules or goods_rules(db).rules, override, second
    )  # the slow hashes: outside the lock
    with db.write() as conn:
        operator = require_session(conn, session, Action.RECORD)
        accepted = accept_in(
            conn, operator, lots, today, rules or rules_in(conn).rules, override, people
        )
        code = recorder.station_code(conn)
        valued = [lot for lot in lots if lot.valued]
        donation: RecordedDonation | None = None
        donor: str | None
        if valued:
            valid = recorder.validate(conn, _donation_draft(intake, valued))
            donation = recorder.write_valid(conn, operator, valid, now=now)
            business_day, donor = donation.business_day, valid.donor_name
        else:
            business_day = open_business_day(conn, today)[0].isoformat()
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
            override=accepted.override,
            confirmed_by=accepted.confirmed_by,
        )
        remember(conn, codes, lots, to_iso(now))
    return ReceivedGoods(ids, donation, seq, business_day)


def intake_from_draft(draft: DonationDraft) -> GoodsIntake:
    """The donation form's in-kind gift as goods coming in: each item line a lot."""
    return GoodsIntake(
        tuple(
            LotDraft(
                item.description,
                item.quantity,
                item.unit,
                item.value,
                item.valuation,
                item.expiry,
                item.category,
                item.location,
            )
            for item in draft.items
        ),
        donor_name=draft.donor_name,
        anonymous=draft.anonymous,
        phone=draft.phone,
        designation_code=draft.designation_code,
        note=draft.note,
        organisation=draft.organisation,
        barcodes=tuple(item.barcode for item in draft.items),
    )


def record_in_kind(
    recorder: DonationRecorder, session: OperatorSession, draft: DonationDraft
) -> RecordedDonation:
    """An in-kind donation recorded with its receipt (the form, the CLI): its items enter
    the stock as complete lots, under the acceptance rules in force."""
    if not draft.items:
        raise ValidationError(
            "item.none",
            "物资捐赠至少需要登记一项物资",
            "An in-kind donation needs at least one item.",
            field="items",
        )
    got = receive_goods(
        recorder,
        session,
        intake_from_draft(draft),
        override=draft.override,
        second=draft.second,
        need_receipt=True,
    )
    assert got.donation is not None  # need_receipt
    return got.donation
