"""Every kind of ledger entry, named once for the station and the receiver.

An entry's ``type`` is part of the sync contract: the station writes it, the receiver
parses each type's data strictly, and the association reads it years later.  A new kind
of business action adds its member here first (see CONTRIBUTING.md for the checklist).
Members are ``str``, so ``EntryType.DONATION_RECORDED == "donation.recorded"`` and the
value can be written straight into a payload.
"""

from __future__ import annotations

from enum import StrEnum


class EntryType(StrEnum):
    # The station itself
    STATION_CREATED = "station.created"
    STATION_ASSOCIATION_URL_SET = "station.association_url_set"
    STATION_RESTORED = "station.restored"
    DESIGNATIONS_SET = "designations.set"
    # People and what they may do
    OPERATOR_CREATED = "operator.created"
    OPERATOR_ACTIVATED = "operator.activated"
    OPERATOR_DEACTIVATED = "operator.deactivated"
    OPERATOR_ROLE_CHANGED = "operator.role_changed"
    OPERATOR_PASSWORD_CHANGED = "operator.password_changed"
    OPERATOR_LOCKED_OUT = "operator.locked_out"
    OPERATORS_FINGERPRINTED = "operators.fingerprinted"
    # Money and receipts
    DONATION_RECORDED = "donation.recorded"
    DONATION_VOIDED = "donation.voided"
    RECEIPT_PRINTED = "receipt.printed"
    # The day
    DAY_CLOSED = "day.closed"
    DAY_REOPENED = "day.reopened"
    #: A day's payment statements against its records (issue 19), written with the close.
    STATEMENT_RECONCILED = "statement.reconciled"
    # Copies of records and secrets leaving the desk
    KEYS_EXPORTED = "keys.exported"
    KEYS_IMPORTED = "keys.imported"
    RECORDS_EXPORTED = "records.exported"
    BACKUP_MADE = "backup.made"
    # The goods register (issue 18)
    GOODS_RECEIVED = "goods.received"
    GOODS_MOVED = "goods.moved"
    GOODS_COUNTED = "goods.counted"
    GOODS_SHEET_RETURNED = "goods.sheet_returned"
    #: The coordinator set the acceptance rules (expiry margin, second-person value).
    GOODS_RULES_SET = "goods.rules_set"
