"""A day's statement against its records, on a real station: the three lists, recording
a payment nobody recorded, and the transaction reference through to the receipt."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from station_app.domain.donations import DonationDraft, DonationKind
from station_app.domain.errors import ConflictError, ValidationError
from station_app.services.donation_queries import donation_detail, list_donations
from station_app.services.exports import table
from station_app.services.ledger_check import verify_ledger
from station_app.services.receipt_actions import void_donation
from station_app.services.reconciliation import reconcile, reconcile_day
from station_app.services.reconciliation_record import require_explanations
from station_app.services.statement_import import import_statement
from station_app.services.statement_recording import record_from_statement
from tests.conftest import Station
from tests.helpers.db_snapshot import row_counts
from tests.statements.helpers import WECHAT_ALL
from tests.statements.station_day import beijing, record_at, record_the_wechat_day

DAY = date(2026, 11, 3)
MISSING_PAYMENT = "4200002213202611031234567806"  # ¥100 at 16:05:09, never recorded


@pytest.fixture
def wechat_day(station: Station) -> Station:
    record_the_wechat_day(station)
    import_statement(station.db, station.coordinator, WECHAT_ALL)
    return station


def test_three_lists_and_refunds_apart(wechat_day: Station) -> None:
    recon = reconcile(wechat_day.db, DAY, DonationKind.MOBILE)
    assert len(recon.matched) == 6
    assert [x.reference for x in recon.not_recorded] == [MISSING_PAYMENT]
    assert [x.amount_fen for x in recon.not_on_statement] == [3000]
    assert [(x.direction, x.amount_fen) for x in recon.money_back] == [("refund", 1000)]
    assert (recon.statement_fen, recon.recorded_fen) == (44488, 37488)
    by_reference = [p for p in recon.matched if p.by_reference]
    assert [p.donation.transaction_reference for p in by_reference] == [
        "4200002213202611031234567804"
    ]
    ten = sorted(
        (p.line.line_no, p.donation.receipt_number)
        for p in recon.matched
        if p.line.amount_fen == 1000
    )
    assert [n for n, _ in ten] == [3, 4] and ten[0][1] < ten[1][1]  # in order, one to one
    assert [s.fingerprint for s in recon.statements] and not recon.balanced


def test_bank_day_has_nothing_to_reconcile(wechat_day: Station) -> None:
    bank = reconcile_day(wechat_day.db, DAY)[DonationKind.BANK]
    assert bank.empty and bank.balanced


def test_every_unmatched_item_needs_an_explanation(wechat_day: Station) -> None:
    recons = reconcile_day(wechat_day.db, DAY)
    keys = recons[DonationKind.MOBILE].unmatched_keys()
    with pytest.raises(ValidationError) as missing:
        require_explanations(recons, {keys[0]: "捐赠人扫码后离开，未登记"})
    assert "1 笔" in missing.value.message_zh and "收据" in missing.value.message_zh
    explained = require_explanations(recons, {k: " 说明 " for k in keys})
    assert explained == dict.fromkeys(keys, "说明")


def test_recording_the_missing_payment_matches_it(wechat_day: Station) -> None:
    line = reconcile(wechat_day.db, DAY, DonationKind.MOBILE).not_recorded[0]
    rec = record_from_statement(wechat_day.recorder, wechat_day.staff, line.id)
    assert rec.business_day == "2026-11-03" and rec.amount_fen == 10000
    detail = donation_detail(wechat_day.db, rec.receipt_number)
    assert detail.row.transaction_reference == MISSING_PAYMENT
    assert detail.row.donor_name is None  # anonymous unless a name is typed
    assert detail.paid_at == "2026-11-03T08:05:09Z"
    after = reconcile(wechat_day.db, DAY, DonationKind.MOBILE)
    assert after.not_recorded == () and len(after.matched) == 7
    assert verify_ledger(wechat_day.db).ok
    before = row_counts(wechat_day.paths.database)
    with pytest.raises(ConflictError) as twice:
        record_from_statement(wechat_day.recorder, wechat_day.staff, line.id)
    assert (
        twice.value.code == "statement.already_recorded"
        and rec.receipt_number in twice.value.message_zh
    )
    assert row_counts(wechat_day.paths.database) == before


def test_recording_from_a_line_with_a_name(wechat_day: Station) -> None:
    line = reconcile(wechat_day.db, DAY, DonationKind.MOBILE).not_recorded[0]
    rec = record_from_statement(
        wechat_day.recorder, wechat_day.coordinator, line.id, donor_name="周大福"
    )
    assert donation_detail(wechat_day.db, rec.receipt_number).row.donor_name == "周大福"


def test_a_refund_line_is_not_a_donation(wechat_day: Station) -> None:
    refund = reconcile(wechat_day.db, DAY, DonationKind.MOBILE).money_back[0]
    with pytest.raises(ValidationError):
        record_from_statement(wechat_day.recorder, wechat_day.staff, refund.id)


def test_a_reference_is_unique_per_kind_and_day_among_live_donations(station: Station) -> None:
    ref = "4200002213202611031234567899"
    first = record_at(station, beijing(9, 0), "20", reference=ref)
    before = row_counts(station.paths.database)
    with pytest.raises(ConflictError) as taken:
        record_at(station, beijing(9, 5), "20", reference=ref.lower())
    assert taken.value.code == "reference.taken" and first.receipt_number in taken.value.message_zh
    assert row_counts(station.paths.database) == before
    record_at(station, beijing(9, 5, day=4), "20", reference=ref)  # another day
    record_at(station, beijing(9, 5), "20", reference=ref, kind="bank")  # another kind
    void_donation(station.db, station.coordinator, first.receipt_number, "金额录错")
    again = record_at(station, beijing(9, 6), "20", reference=ref)  # corrected: re-issued
    assert donation_detail(station.db, again.receipt_number).row.transaction_reference == ref


def test_cash_has_no_transaction_reference(station: Station) -> None:
    with pytest.raises(ValidationError) as refused:
        station.recorder.record(
            station.staff,
            DonationDraft(kind="cash", amount="5", anonymous=True, transaction_reference="123"),
        )
    assert refused.value.field == "transaction_reference"


def test_reference_is_on_the_receipt_and_in_exports(station: Station, tmp_path: Path) -> None:
    from station_app.services.receipt_documents import receipt_pdf
    from tests.helpers.pdf_tools import pdf_text

    rec = record_at(station, beijing(9, 0), "20", reference="4200002213202611031234567899")
    pdf = tmp_path / "r.pdf"
    for layout in ("a5", "roll80"):
        pdf.write_bytes(receipt_pdf(station.db, station.info, rec.receipt_number, layout))
        text = pdf_text(pdf)
        assert "交易单号" in text and "4200002213202611031234567899" in text
    headers, rows = table(list_donations(station.db))
    assert headers[-1] == "交易单号" and rows[0][-1] == "4200002213202611031234567899"
