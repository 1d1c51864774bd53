"""What a printed receipt shows, as plain values.

The renderer gets a finished, immutable view rather than ORM objects or a session: the
service that issues or reprints a receipt decides every value inside its transaction (the
print count, the void state, the signed QR URL), and the PDF cannot lazily load anything
that would differ from what was recorded in the ledger.  It also makes the renderer
trivially testable and benchmarkable without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from station_app.domain.donations import KIND_NAMES_EN, KIND_NAMES_ZH
from station_app.domain.donations import DonationKind as Kind

__all__ = ["KIND_LABELS", "ReceiptItem", "ReceiptView"]


#: How each kind of donation is named on the receipt (Chinese, English): the domain's names.
KIND_LABELS: dict[str, tuple[str, str]] = {
    k.value: (KIND_NAMES_ZH[k], KIND_NAMES_EN[k]) for k in Kind
}


@dataclass(frozen=True, slots=True)
class ReceiptItem:
    """One line of an in-kind donation; quantity is text so "2.5" or "1 箱" print as typed."""

    description: str
    quantity: str
    unit: str
    value_fen: int


@dataclass(frozen=True, slots=True)
class ReceiptView:
    """Everything one printed copy of a receipt shows.

    ``donor_display`` is the donor's name, or "匿名" (an empty string prints as 匿名 too).
    ``issued_at`` is timezone-aware (stored in UTC) and printed in Asia/Shanghai time.
    ``print_number`` is 1 for the original and 2, 3… for reprints (补打), which the
    copy must say so a donor cannot pass a reprint off as a second donation.
    """

    station_name: str
    station_code: str
    association_name: str
    receipt_number: str
    issued_at: datetime
    donor_display: str
    kind: Kind
    amount_fen: int
    designation_name: str
    operator_name: str
    qr_url: str
    items: tuple[ReceiptItem, ...] = ()
    print_number: int = 1
    voided: bool = False
    void_reason: str | None = None
    note: str | None = None
    #: The payment's transaction number (mobile and bank), so the donor can match it.
    transaction_reference: str | None = None

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None or self.issued_at.utcoffset() is None:
            raise ValueError("ReceiptView.issued_at must be timezone-aware")
        if self.kind not in KIND_LABELS:
            raise ValueError(f"unknown donation kind: {self.kind!r}")
        if self.print_number < 1:
            raise ValueError("print_number starts at 1 (the original)")
        if isinstance(self.amount_fen, bool) or not isinstance(self.amount_fen, int):
            raise TypeError("amount_fen must be an int of fen")
        if not isinstance(self.items, tuple):
            # A list would make the frozen view mutable (and unhashable) by the back door.
            object.__setattr__(self, "items", tuple(self.items))

    @property
    def is_reprint(self) -> bool:
        """True for every copy after the original (print_number >= 2)."""
        return self.print_number >= 2
