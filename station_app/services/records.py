"""Record types: plain, detached values that services hand to the UI, the CLI and printing.

No SQLAlchemy object ever leaves a service: the UI cannot lazily load or accidentally
write through what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from station_app.domain.roles import Role


@dataclass(frozen=True, slots=True)
class StationInfo:
    code: str
    name: str
    district: str
    association_name: str
    association_url: str
    public_key: str


@dataclass(frozen=True, slots=True)
class OperatorInfo:
    id: int
    name: str
    role: Role
    active: bool = True


@dataclass(frozen=True, slots=True)
class DesignationInfo:
    code: str
    name: str
    category: str
    active: bool


@dataclass(frozen=True, slots=True)
class ItemInfo:
    description: str
    quantity: str
    unit: str
    value_fen: int


@dataclass(frozen=True, slots=True)
class DonationRow:
    """One line of the donations table."""

    id: int
    receipt_number: str
    recorded_at: str
    business_day: str
    kind: str
    amount_fen: int
    donor_name: str | None
    designation_code: str
    designation_name: str
    operator_name: str
    status: str
    print_count: int
    imported: bool
    paper_receipt_number: str | None
    transaction_reference: str | None = None
    donor_organisation: bool = False  # a company or body: named in full on disclosures

    @property
    def voided(self) -> bool:
        return self.status == "voided"


@dataclass(frozen=True, slots=True)
class DonationDetail:
    """Everything about one donation and its receipt."""

    row: DonationRow
    uuid: str
    donor_phone: str | None
    note: str | None
    items: tuple[ItemInfo, ...]
    issued_at: str
    signature: str
    voided_at: str | None
    void_reason: str | None
    voided_by: str | None
    paid_at: str | None = None  # a donation recorded from a statement: when it was paid


@dataclass(frozen=True, slots=True)
class RecordedDonation:
    donation_id: int
    uuid: str
    receipt_number: str
    amount_fen: int
    business_day: str
    issued_at: str
    moved_from_closed_day: str | None  # the closed day the record would have fallen on
