"""Pickup, transfer and intake sheets and the receipt's not-valued lines, read back with
pdftotext (A5 and 80 mm), from a real station's records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from station_app.domain.goods.movements import MovementDraft
from station_app.services.goods_documents import intake_sheet_pdf, movement_sheet_pdf
from station_app.services.goods_movements import mark_sheet_returned, move_goods
from station_app.services.receipt_documents import receipt_pdf
from tests.conftest import Station
from tests.goods.helpers import at_now, milk, receive, rice
from tests.helpers.pdf_tools import pdf_text


def _text(tmp_path: Path, pdf: bytes, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return "".join(pdf_text(path).split())


@pytest.mark.parametrize("layout", ["a5", "roll80"])
def test_pickup_sheet_lists_items_and_signature_lines(
    station: Station, tmp_path: Path, layout: str
) -> None:
    rice_lot, milk_lot = receive(station, rice("10"), milk(date(2027, 3, 1))).lots
    done = move_goods(
        station.db,
        station.staff,
        MovementDraft(
            "distribution",
            ((rice_lot, 2_500), (milk_lot, 6_000)),
            household_name="王大妈",
            household_reference="BJJ-H-017",
            social_worker="李社工",
        ),
        clock=at_now,
    )
    text = _text(tmp_path, movement_sheet_pdf(station.db, done.movement, layout), "p.pdf")  # type: ignore[arg-type]
    for expected in ("物资领取单", done.sheet_number, "王大妈", "BJJ-H-017", "李社工", "大米",
                     "2.5袋", "6盒", "2027-03-01", "领取人签字", "共2项"):  # fmt: skip
        assert expected in text, expected
    assert "签字交回" not in text
    mark_sheet_returned(station.db, station.staff, done.movement, clock=at_now)
    again = _text(tmp_path, movement_sheet_pdf(station.db, done.movement, layout), "q.pdf")  # type: ignore[arg-type]
    assert "签字交回" in again


def test_transfer_sheet_and_intake_sheet(station: Station, tmp_path: Path) -> None:
    [lot] = receive(station, rice("10")).lots
    done = move_goods(station.db, station.staff, MovementDraft("transfer", ((lot, 4_000),)),
                      clock=at_now)  # fmt: skip
    text = _text(tmp_path, movement_sheet_pdf(station.db, done.movement), "t.pdf")
    assert "物资调拨单" in text and "慈善会仓库" in text and "调入仓库签收" in text
    got = receive(station, milk(date(2027, 3, 1)))
    intake = _text(tmp_path, intake_sheet_pdf(station.db, got.lots, "roll80"), "i.pdf")
    assert "物资接收单" in intake and "物资按数量登记，未估值" in intake and "牛奶" in intake
    with pytest.raises(ValueError):
        movement_sheet_pdf(station.db, "no-such-movement")


@pytest.mark.parametrize("layout", ["a5", "roll80"])
def test_receipt_says_not_valued_goods_are_counted_only(
    station: Station, tmp_path: Path, layout: str
) -> None:
    got = receive(station, rice("10", "500"), milk(date(2027, 3, 1)))
    assert got.donation is not None
    pdf = receipt_pdf(station.db, station.info, got.donation.receipt_number, layout)  # type: ignore[arg-type]
    text = _text(tmp_path, pdf, "r.pdf")
    assert "物资按数量登记，未估值" in text and "牛奶" in text and "未估值" in text
    assert "¥500.00" in text and "¥0.00" not in text


def test_a_receipt_without_unvalued_goods_has_no_such_line(
    station: Station, tmp_path: Path
) -> None:
    got = receive(station, rice("10", "500"))
    assert got.donation is not None
    text = _text(
        tmp_path, receipt_pdf(station.db, station.info, got.donation.receipt_number, "a5"), "r.pdf"
    )
    assert "未估值" not in text and "大米" in text
