"""Day close: expected totals, two-person confirmation, differences, locking, reopening."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from station_app.domain.day_close import count_cash
from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.domain.errors import ConflictError, PermissionDenied, ValidationError
from station_app.services.day_close import (
    CloseRequest,
    close_day,
    close_details,
    day_state,
    expected_totals,
    reopen_day,
)
from station_app.services.donation_recording import DonationRecorder
from station_app.services.ledger_check import verify_ledger
from station_app.services.receipt_actions import record_print, void_donation
from tests.conftest import Station
from tests.helpers.db_snapshot import table_dump

DAY = date(2026, 3, 9)


def at(hour: int, day: int = 9) -> datetime:
    """A UTC moment on the station's 2026-03-<day> (Beijing is UTC+8)."""
    return datetime(2026, 3, day, hour, tzinfo=UTC)


@pytest.fixture
def busy_day(station: Station) -> Station:
    rec = DonationRecorder(station.db, station.signer, clock=lambda: at(2))
    rec.record(station.staff, DonationDraft(kind="cash", amount="100", anonymous=True))
    rec.record(station.staff, DonationDraft(kind="cash", amount="50.50", donor_name="王五"))
    rec.record(station.staff, DonationDraft(kind="mobile", amount="20", anonymous=True))
    rec.record(station.staff, DonationDraft(kind="bank", amount="1,000", anonymous=True))
    rec.record(
        station.staff,
        DonationDraft(kind="in_kind", anonymous=True, items=(ItemDraft("米", "1", "袋", "60"),)),
    )
    voided = rec.record(station.staff, DonationDraft(kind="cash", amount="999", anonymous=True))
    void_donation(station.db, station.coordinator, voided.receipt_number, "录入错误")
    record_print(station.db, station.staff, voided.receipt_number)
    record_print(station.db, station.staff, voided.receipt_number)
    return station


#: busy_day's mobile (id 3) and bank (id 4) donations have no statement imported: each
#: needs its explanation (tests/statements covers closing against real statements).
NO_STATEMENT = {
    "donation:3": "微信账单次日生成，明天核对",
    "donation:4": "银行对账单未到",
}


def request(**kw: object) -> CloseRequest:
    base = dict(
        day=DAY,
        denominations={10000: 1, 5000: 1, 50: 1},
        counted_cash_fen=None,
        explanations=NO_STATEMENT,
        goods_counted={("米", "袋"): 1_000},  # the in-kind donation's bag of rice
    )
    base.update(kw)
    return CloseRequest(**base)  # type: ignore[arg-type]


def test_denominations() -> None:
    assert count_cash({10000: 3, 5000: 1, 2000: 0, 100: 7, 50: 1, 10: 2}) == 35770
    with pytest.raises(ValidationError):
        count_cash({3000: 1})
    with pytest.raises(ValidationError):
        count_cash({100: -1})


def test_expected_totals(busy_day: Station) -> None:
    e = expected_totals(busy_day.db, DAY)
    assert (e.cash_fen, e.mobile_fen, e.bank_fen, e.in_kind_fen) == (15050, 2000, 100000, 6000)
    assert (e.donations, e.voids, e.reprints) == (5, 1, 1)
    assert e.first_receipt.endswith("2026-000001") and e.last_receipt.endswith("2026-000006")


def test_matching_close_locks_the_day_and_is_ledgered(busy_day: Station) -> None:
    s = busy_day
    result = close_day(s.db, s.coordinator, "李社工", "demo1234", request(), clock=lambda: at(12))
    assert result.differences.cash_fen == 0
    assert [(g.item, g.difference_milli) for g in result.goods] == [("米", 0)]
    # No statement: nothing confirmed, each unmatched donation explained instead.
    assert (result.differences.mobile_fen, result.differences.bank_fen) == (-2000, -100000)
    state = day_state(s.db, DAY)
    assert state.closed and state.coordinator == "陈主任" and state.witness == "李社工"
    data = close_details(s.db, DAY)
    assert data is not None
    assert data["expected"]["cash_fen"] == 15050 and data["voids"] == 1
    assert data["counted"]["denominations"] == {"50": 1, "5000": 1, "10000": 1}
    con = sqlite3.connect(s.paths.database)
    seq, prev = con.execute(
        "SELECT seq, prev_hash FROM ledger_entry WHERE type='day.closed'"
    ).fetchone()
    con.close()
    assert data["ledger_head_hash"] == prev and result.ledger_seq == seq
    # New records fall on the next day; the day's receipts cannot be voided.
    late = DonationRecorder(s.db, s.signer, clock=lambda: at(13))
    assert (
        late.record(s.staff, DonationDraft(kind="cash", amount="1", anonymous=True)).business_day
        == "2026-03-10"
    )
    with pytest.raises(ConflictError) as info:
        void_donation(s.db, s.coordinator, data["receipts"]["first"], "日结后才发现")
    assert info.value.code == "void.day_closed"
    with pytest.raises(ConflictError):
        close_day(s.db, s.coordinator, "李社工", "demo1234", request(), clock=lambda: at(12))
    assert verify_ledger(s.db).ok


def test_a_difference_needs_a_reason(busy_day: Station) -> None:
    s = busy_day
    before = table_dump(s.paths.database)
    short = request(denominations={10000: 1, 5000: 1})  # 0.50 short
    with pytest.raises(ValidationError) as info:
        close_day(s.db, s.coordinator, "李社工", "demo1234", short, clock=lambda: at(12))
    assert info.value.code == "close.reason_required" and "¥0.50" in info.value.message_zh
    with pytest.raises(ValidationError):
        close_day(
            s.db,
            s.coordinator,
            "李社工",
            "demo1234",
            request(goods_counted={}),  # the rice was not counted
            clock=lambda: at(12),
        )
    assert table_dump(s.paths.database) == before
    r = close_day(
        s.db,
        s.coordinator,
        "李社工",
        "demo1234",
        replace(short, reason="找零时多找给捐赠人五角"),
        clock=lambda: at(12),
    )
    assert r.differences.cash_fen == -50


def test_two_people_are_required(busy_day: Station) -> None:
    s = busy_day
    with pytest.raises(PermissionDenied):  # the coordinator cannot witness themself
        close_day(s.db, s.coordinator, "陈主任", "demo1234", request(), clock=lambda: at(12))
    with pytest.raises(PermissionDenied):  # a wrong password is no confirmation
        close_day(s.db, s.coordinator, "李社工", "wrong-pass", request(), clock=lambda: at(12))
    with pytest.raises(PermissionDenied):  # staff cannot close
        close_day(s.db, s.staff, "李社工", "demo1234", request(), clock=lambda: at(12))
    assert not day_state(s.db, DAY).closed


def test_reopen_is_coordinator_only_ledgered_and_keeps_history(busy_day: Station) -> None:
    s = busy_day
    close_day(s.db, s.coordinator, "王小明", "demo1234", request(), clock=lambda: at(12))
    with pytest.raises(PermissionDenied):
        reopen_day(s.db, s.staff, DAY, "补录")
    with pytest.raises(ValidationError):
        reopen_day(s.db, s.coordinator, DAY, " ")
    reopen_day(s.db, s.coordinator, DAY, "漏录一笔现金")
    assert not day_state(s.db, DAY).closed
    late = DonationRecorder(s.db, s.signer, clock=lambda: at(13))
    assert (
        late.record(s.staff, DonationDraft(kind="cash", amount="1", anonymous=True)).business_day
        == "2026-03-09"
    )
    close_day(
        s.db,
        s.coordinator,
        "王小明",
        "demo1234",
        request(denominations={10000: 1, 5000: 1, 50: 1, 100: 1}),
        clock=lambda: at(14),
    )
    con = sqlite3.connect(s.paths.database)
    rows = con.execute(
        "SELECT reopened_at IS NOT NULL, counted_cash_fen FROM day_close ORDER BY id"
    ).fetchall()
    types = [
        r[0]
        for r in con.execute("SELECT type FROM ledger_entry WHERE type LIKE 'day.%' ORDER BY seq")
    ]
    reopened = json.loads(
        con.execute("SELECT payload FROM ledger_entry WHERE type='day.reopened'").fetchone()[0]
    )
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("DELETE FROM day_close")
    con.close()
    assert rows == [(1, 15050), (0, 15150)]
    assert types == ["day.closed", "day.reopened", "day.closed"]
    assert reopened["data"]["reason"] == "漏录一笔现金"
    assert verify_ledger(s.db).ok


def test_future_day_cannot_be_closed(station: Station) -> None:
    with pytest.raises(ValidationError):
        close_day(
            station.db,
            station.coordinator,
            "李社工",
            "demo1234",
            request(day=date(2026, 3, 11)),
            clock=lambda: at(12),
        )


def test_after_close_the_summary_is_filed_and_backed_up(busy_day: Station) -> None:
    from station_app.services.backups import list_backups
    from station_app.services.day_close_followup import after_day_close

    s = busy_day
    close_day(s.db, s.coordinator, "李社工", "demo1234", request(), clock=lambda: at(12))
    follow = after_day_close(s.paths, s.db, s.info, DAY)
    assert follow.summary_pdf.exists() and follow.summary_pdf.read_bytes()[:5] == b"%PDF-"
    assert follow.backup_error is None and follow.backup is not None
    assert [b.path for b in list_backups(s.paths)] == [follow.backup.path]


def test_a_forgotten_day_is_offered_before_today(busy_day: Station) -> None:
    from station_app.services.day_close import day_to_close

    s = busy_day
    assert day_to_close(s.db, date(2026, 3, 12)).day == DAY  # the 9th was never closed
    close_day(s.db, s.coordinator, "李社工", "demo1234", request(), clock=lambda: at(12))
    assert day_to_close(s.db, date(2026, 3, 12)).day == date(2026, 3, 12)
    assert day_to_close(s.db, DAY).closed  # today itself, already closed
