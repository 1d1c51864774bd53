"""First expiring, first out: which lots to offer for a quantity of an item.

Lots with an expiry date come first, earliest date first; lots without one after them,
oldest receipt first.  The choice is an offer: the person may change it, and the
service checks the stock whatever they choose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

_FAR = date.max


@dataclass(frozen=True, slots=True)
class LotStock:
    lot: str
    item: str
    unit: str
    on_hand_milli: int
    expiry: date | None
    received_seq: int  # the lot's ledger seq: the order it came in


def fefo_order(lots: Iterable[LotStock]) -> list[LotStock]:
    return sorted(lots, key=lambda s: (s.expiry or _FAR, s.expiry is None, s.received_seq))


def choose_lots(lots: Iterable[LotStock], quantity_milli: int) -> list[tuple[str, int]]:
    """(lot, milli-units) taking ``quantity_milli`` from the first-expiring lots with stock.

    Returns as much as there is: a shortfall shows as a smaller total, which the caller
    reports; the service refuses anything above the book in any case.
    """
    chosen: list[tuple[str, int]] = []
    left = quantity_milli
    for stock in fefo_order(s for s in lots if s.on_hand_milli > 0):
        if left <= 0:
            break
        take = min(left, stock.on_hand_milli)
        chosen.append((stock.lot, take))
        left -= take
    return chosen
