"""What a station may accept: the rules for food and medicine near expiry and for gifts
of high value, as the city's and the Red Cross's practice for donated goods asks.

Pure: the service decides who overrides and who confirms; this module says when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from station_app.domain.goods.lots import PERISHABLE, ValidLot, money_total_fen

#: The longest expiry margin a station may ask for (five years).
MAX_MONTHS = 60


@dataclass(frozen=True, slots=True)
class GoodsRules:
    #: Food and medicine expiring sooner than this many months are refused.
    min_months_to_expiry: int = 6
    #: Goods worth more than this (fen) need a second person's confirmation.
    second_person_above_fen: int = 500_000  # 5,000 yuan

    def __post_init__(self) -> None:
        if not 0 <= self.min_months_to_expiry <= MAX_MONTHS or self.second_person_above_fen < 0:
            raise ValueError("goods rules out of range")


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def too_close_to_expiry(lots: tuple[ValidLot, ...], today: date, rules: GoodsRules) -> list[int]:
    """Indexes of perishable lots expiring before ``today`` + the rule's months."""
    limit = add_months(today, rules.min_months_to_expiry)
    return [
        i
        for i, lot in enumerate(lots)
        if lot.category in PERISHABLE and lot.expiry is not None and lot.expiry < limit
    ]


def needs_second_person(lots: tuple[ValidLot, ...], rules: GoodsRules) -> bool:
    return money_total_fen(lots) > rules.second_person_above_fen
