"""Recording, reprinting and voiding donations through the services, on a real database."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.domain.errors import ConflictError, PermissionDenied, ValidationError
from station_app.domain.signing import decode_key, verify_receipt
from station_app.services.donation_queries import (
    DonationFilter,
    count_donations,
    donation_detail,
    list_donations,
    totals,
)
from station_app.services.donation_recording import DonationRecorder
from station_app.services.ledger_check import verify_ledger
from station_app.services.receipt_actions import record_print, void_donation
from tests.conftest import Station
from tests.helpers.db_snapshot import row_counts, table_dump

CASH = DonationDraft(kind="cash", amount="100", donor_name="张三", designation_code="BJJ-FUND")


def test_record_cash_writes_donation_receipt_and_ledger(station: Station) -> None:
    before = row_counts(station.paths.database)
    rec = station.recorder.record(station.staff, CASH)
    after = row_counts(station.paths.database)
    assert rec.receipt_number == f"GZ-YX-0012-{rec.business_day[:4]}-000001"
    assert rec.amount_fen == 10000
    assert after["donation"] == before["donation"] + 1
    assert after["receipt"] == before["receipt"] + 1
    assert after["ledger_entry"] == before["ledger_entry"] + 1
    detail = donation_detail(station.db, rec.receipt_number)
    assert detail.row.donor_name == "张三"
    assert detail.row.operator_name == "王小明"
    assert detail.row.designation_name == "北京街社区慈善基金"
    public = decode_key(station.info.public_key)
    assert verify_receipt(
        public, detail.signature, rec.receipt_number, 10000, detail.issued_at, "GZ-YX-0012"
    )
    assert verify_ledger(station.db).ok


def test_in_kind_amount_is_sum_of_items(station: Station) -> None:
    draft = DonationDraft(
        kind="in_kind",
        anonymous=True,
        designation_code="QLAJ",
        items=(ItemDraft("大米", "10", "袋", "500"), ItemDraft("食用油", "2.5", "升", "¥37.50")),
    )
    rec = station.recorder.record(station.social_worker, draft)
    detail = donation_detail(station.db, rec.receipt_number)
    assert detail.row.amount_fen == 53750
    assert detail.row.donor_name is None
    assert [(i.description, i.quantity, i.unit, i.value_fen) for i in detail.items] == [
        ("大米", "10", "袋", 50000),
        ("食用油", "2.5", "升", 3750),
    ]


@pytest.mark.parametrize(
    ("draft", "code"),
    [
        (DonationDraft(kind="cash", amount="", donor_name="张三"), "amount.empty"),
        (DonationDraft(kind="cash", amount="0", donor_name="张三"), "amount.zero"),
        (DonationDraft(kind="cash", amount="-5", donor_name="张三"), "amount.negative"),
        (DonationDraft(kind="cash", amount="1.234", donor_name="张三"), "amount.too_many_decimals"),
        (DonationDraft(kind="cash", amount="1e3", donor_name="张三"), "amount.invalid"),
        (DonationDraft(kind="cash", amount="2000000", donor_name="张三"), "amount.too_large"),
        (DonationDraft(kind="cash", amount="100"), "donor.no_name"),
        (
            DonationDraft(kind="cash", amount="100", anonymous=True, designation_code="nope"),
            "designation.unknown",
        ),
        (
            DonationDraft(kind="cash", amount="100", anonymous=True, phone="12345"),
            "donor.bad_phone",
        ),
        (DonationDraft(kind="cheque", amount="100", anonymous=True), "donation.bad_kind"),
        (DonationDraft(kind="in_kind", anonymous=True), "item.none"),
        (
            DonationDraft(
                kind="in_kind", anonymous=True, items=(ItemDraft("大米", "0", "袋", "10"),)
            ),
            "lot.bad_quantity",  # in-kind items are lots (issue 18)
        ),
        (
            DonationDraft(
                kind="in_kind", anonymous=True, items=(ItemDraft("大米", "1", "", "10"),)
            ),
            "lot.no_unit",
        ),
        (
            DonationDraft(
                kind="in_kind", anonymous=True, items=(ItemDraft("大米", "1", "袋", "abc"),)
            ),
            "amount.invalid",
        ),
        (
            DonationDraft(
                kind="cash",
                amount="10",
                anonymous=True,
                items=(ItemDraft("大米", "1", "袋", "10"),),
            ),
            "item.not_in_kind",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    station: Station, draft: DonationDraft, code: str
) -> None:
    before = table_dump(station.paths.database)
    with pytest.raises(ValidationError) as info:
        station.recorder.record(station.staff, draft)
    assert info.value.code == code
    assert info.value.message_zh and info.value.message_en
    assert table_dump(station.paths.database) == before


def test_receipt_numbers_are_consecutive(station: Station) -> None:
    numbers = [station.recorder.record(station.staff, CASH).receipt_number for _ in range(25)]
    assert [int(n[-6:]) for n in numbers] == list(range(1, 26))
    assert len(set(numbers)) == 25


def test_a_failed_record_takes_no_number(station: Station) -> None:
    first = station.recorder.record(station.staff, CASH)
    with pytest.raises(ValidationError):
        station.recorder.record(
            station.staff, DonationDraft(kind="cash", amount="x", anonymous=True)
        )
    second = station.recorder.record(station.staff, CASH)
    assert int(second.receipt_number[-6:]) == int(first.receipt_number[-6:]) + 1


def test_numbers_restart_each_year(station: Station) -> None:
    def at(y: int) -> DonationRecorder:
        return DonationRecorder(
            station.db, station.signer, clock=lambda: datetime(y, 6, 1, 4, tzinfo=UTC)
        )

    assert at(2025).record(station.staff, CASH).receipt_number.endswith("2025-000001")
    assert at(2026).record(station.staff, CASH).receipt_number.endswith("2026-000001")
    assert at(2025).record(station.staff, CASH).receipt_number.endswith("2025-000002")


def test_business_day_is_the_station_local_date(station: Station) -> None:
    late = DonationRecorder(
        station.db, station.signer, clock=lambda: datetime(2026, 3, 8, 17, 30, tzinfo=UTC)
    )
    assert late.record(station.staff, CASH).business_day == "2026-03-09"


def test_staff_cannot_void_and_coordinator_needs_a_reason(station: Station) -> None:
    rec = station.recorder.record(station.staff, CASH)
    with pytest.raises(PermissionDenied):
        void_donation(station.db, station.staff, rec.receipt_number, "写错了")
    with pytest.raises(PermissionDenied):
        void_donation(station.db, station.social_worker, rec.receipt_number, "写错了")
    with pytest.raises(ValidationError) as info:
        void_donation(station.db, station.coordinator, rec.receipt_number, "  ")
    assert info.value.code == "void.no_reason"
    void_donation(station.db, station.coordinator, rec.receipt_number, "金额登记错误")
    detail = donation_detail(station.db, rec.receipt_number)
    assert detail.row.status == "voided"
    assert detail.row.receipt_number == rec.receipt_number
    assert detail.void_reason == "金额登记错误"
    assert detail.voided_by == "陈主任"
    with pytest.raises(ConflictError):
        void_donation(station.db, station.coordinator, rec.receipt_number, "again")
    # The voided donation stays in the list, marked void, and out of the totals.
    rows = list_donations(station.db)
    assert [r.status for r in rows] == ["voided"]
    t = totals(station.db)
    assert (t.count, t.amount_fen, t.voided_count, t.voided_fen) == (0, 0, 1, 10000)
    assert verify_ledger(station.db).ok


def test_records_cannot_be_deleted_or_rewritten_even_with_sql(station: Station) -> None:
    station.recorder.record(station.staff, CASH)
    con = sqlite3.connect(station.paths.database)
    for sql in (
        "DELETE FROM donation",
        "DELETE FROM receipt",
        "DELETE FROM ledger_entry",
        "UPDATE donation SET amount_fen = 1",
        "UPDATE receipt SET number = 'x'",
        "UPDATE ledger_entry SET payload = '{}'",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute(sql)
    con.close()


def test_reprint_is_counted_and_ledgered(station: Station) -> None:
    rec = station.recorder.record(station.staff, CASH)
    entries = row_counts(station.paths.database)["ledger_entry"]
    assert record_print(station.db, station.staff, rec.receipt_number) == 1
    assert record_print(station.db, station.social_worker, rec.receipt_number) == 2
    assert donation_detail(station.db, rec.receipt_number).row.print_count == 2
    assert row_counts(station.paths.database)["ledger_entry"] == entries + 2


def test_inactive_operator_cannot_record(station: Station) -> None:
    from station_app.services.operators import set_operator_active

    set_operator_active(station.db, station.coordinator, station.staff.id, False)
    with pytest.raises(PermissionDenied):
        station.recorder.record(station.staff, CASH)


def test_queries_filter_and_total(station: Station) -> None:
    def on(day: int) -> DonationRecorder:
        return DonationRecorder(
            station.db, station.signer, clock=lambda: datetime(2026, 3, day, 2, tzinfo=UTC)
        )

    on(1).record(station.staff, CASH)
    on(1).record(
        station.staff,
        DonationDraft(kind="mobile", amount="50.5", anonymous=True, designation_code="WXY"),
    )
    on(2).record(station.staff, DonationDraft(kind="bank", amount="1,000", donor_name="张小三"))
    on(3).record(station.staff, DonationDraft(kind="cash", amount="20", donor_name="李四"))
    day1 = DonationFilter(day_from=date(2026, 3, 1), day_to=date(2026, 3, 1))
    assert count_donations(station.db, day1) == 2
    assert {r.kind for r in list_donations(station.db, day1)} == {"cash", "mobile"}
    assert count_donations(station.db, DonationFilter(donor="张")) == 2
    assert count_donations(station.db, DonationFilter(donor="匿名")) == 1
    assert count_donations(station.db, DonationFilter(donor="%")) == 0
    assert count_donations(station.db, DonationFilter(designation_code="WXY")) == 1
    assert count_donations(station.db, DonationFilter(kind="cash")) == 2
    assert count_donations(station.db, DonationFilter(receipt_number="3")) == 1
    assert count_donations(station.db, DonationFilter(receipt_number="gz-yx-0012-2026-000004")) == 1
    t = totals(station.db)
    assert t.amount_fen == 10000 + 5050 + 100000 + 2000
    assert t.by_kind["cash"] == (2, 12000)
    assert t.by_designation["undesignated"] == (2, 102000)
    # Keyset pages cover everything exactly once, newest first.
    page1 = list_donations(station.db, limit=3)
    page2 = list_donations(station.db, before_id=page1[-1].id, limit=3)
    ids = [r.id for r in page1 + page2]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 4


def test_closed_day_sends_new_records_to_the_next_open_day(station: Station) -> None:
    from station_app.services.day_close import CloseRequest, close_day

    close_day(
        station.db,
        station.coordinator,
        "李社工",
        "demo1234",
        CloseRequest(date(2026, 3, 9), None, 0),
        clock=lambda: datetime(2026, 3, 9, 10, tzinfo=UTC),
    )
    rec = DonationRecorder(
        station.db, station.signer, clock=lambda: datetime(2026, 3, 9, 11, tzinfo=UTC)
    ).record(station.staff, CASH)
    assert rec.business_day == "2026-03-10"
    assert rec.moved_from_closed_day == "2026-03-09"
