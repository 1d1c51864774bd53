"""The triggers that keep the station's records append-only, and the check that they are
all still there.

Rows that never change refuse every edit and delete.  The few columns that do change (a
receipt's print count and void, a donation's status, a day's reopening, an operator's
role, password and active flag, the association address) change only *with* their
ledger entry: each trigger lets the update through only when the newest ledger entry is
the one that explains it, so a service must append the entry first and update second,
in one transaction, and hand-run SQL is refused.  The ledger itself only grows at its
head.

Someone with the database file can drop a trigger; :func:`missing_or_altered_triggers`
is how start-up and ``ledger verify`` notice.  Migrations create these triggers from
their own frozen copies of the SQL; a test keeps the two equal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from sqlalchemy import Connection, text

_HEAD = "(SELECT max(seq) FROM ledger_entry)"


def _refuse(message: str) -> str:
    return f"BEGIN SELECT RAISE(ABORT, '{message}'); END"


def _head_is(condition: str) -> str:
    """``NOT EXISTS`` the newest ledger entry meeting ``condition`` (alias ``l``)."""
    return f"NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.seq = {_HEAD} AND {condition})"


def _data(field: str) -> str:
    return f"json_extract(l.payload, '$.data.{field}')"


_IMMUTABLE_COLUMNS = {
    "ledger_entry": "seq, uuid, type, payload, prev_hash, hash",
    "donation": "uuid, kind, amount_fen, donor_name, donor_phone, designation_code, "
    "operator_id, recorded_at, business_day, imported, paper_receipt_number",
    "donation_item": "donation_id, line_no, description, quantity, unit, value_fen",
    "receipt": "number, year, serial, donation_id, issued_at, signature",
    "day_close": "business_day, expected_cash_fen, counted_cash_fen, expected_mobile_fen, "
    "confirmed_mobile_fen, expected_bank_fen, confirmed_bank_fen, in_kind_fen, "
    "in_kind_confirmed, difference_fen, reason, denominations, coordinator_id, witness_id, "
    "closed_at, ledger_seq",
    "operator": "name, created_at",
    "station": "id, code, name, district, association_name, public_key, created_at",
    "receipt_number_floor": "year, ledger_seq, serial",
}


#: History tables no column of which ever changes (issue 19's statements).
_IMMUTABLE_TABLES = (
    "statement_import",
    "statement_line",
    "statement_reconciliation",
    "reconciliation_item",
)


def _append_only(table: str, columns: str | None = None) -> dict[str, str]:
    """No delete, and no update (of ``columns`` only, when given) of ``table``."""
    update = f"UPDATE OF {columns}" if columns else "UPDATE"
    refusal = _refuse(f"{table} rows are append-only")
    return {
        f"{table}_no_delete": f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        + refusal,
        f"{table}_no_update": f"CREATE TRIGGER {table}_no_update BEFORE {update} ON {table} "
        + refusal,
    }


def _expected() -> dict[str, str]:
    triggers: dict[str, str] = {}
    for table in _IMMUTABLE_TABLES:
        triggers.update(_append_only(table))
    # A donation's payment columns (migration 0006) never change either.
    triggers["donation_payment_no_update"] = (
        "CREATE TRIGGER donation_payment_no_update BEFORE UPDATE OF transaction_reference, "
        "paid_at, statement_line_id ON donation " + _refuse("donation rows are append-only")
    )
    # Whether the donor is an organisation (migration 0007) never changes either.
    triggers["donation_organisation_no_update"] = (
        "CREATE TRIGGER donation_organisation_no_update BEFORE UPDATE OF "
        "donor_is_organisation ON donation " + _refuse("donation rows are append-only")
    )
    for table, columns in _IMMUTABLE_COLUMNS.items():
        triggers.update(_append_only(table, columns))
    triggers["donation_void_once"] = (
        "CREATE TRIGGER donation_void_once BEFORE UPDATE OF status ON donation "
        "WHEN OLD.status = 'voided' " + _refuse("a voided donation stays voided")
    )
    triggers["day_close_reopen_once"] = (
        "CREATE TRIGGER day_close_reopen_once BEFORE UPDATE OF reopened_at ON day_close "
        "WHEN OLD.reopened_at IS NOT NULL " + _refuse("a reopened close stays reopened")
    )
    triggers["ledger_entry_append_at_head"] = (
        "CREATE TRIGGER ledger_entry_append_at_head BEFORE INSERT ON ledger_entry "
        f"WHEN NEW.seq IS NOT coalesce({_HEAD}, 0) + 1 OR NEW.prev_hash IS NOT coalesce("
        "(SELECT hash FROM ledger_entry ORDER BY seq DESC LIMIT 1), "
        f"'{'0' * 64}') " + _refuse("ledger entries are added at the head of the chain only")
    )
    triggers["donation_status_ledgered"] = (
        "CREATE TRIGGER donation_status_ledgered BEFORE UPDATE OF status ON donation WHEN "
        + _head_is(
            f"l.type = 'donation.voided' AND NEW.status = 'voided' AND {_data('receipt')} = "
            "(SELECT r.number FROM receipt r WHERE r.donation_id = OLD.id)"
        )
        + " "
        + _refuse("a void is written with its ledger entry")
    )
    triggers["receipt_print_ledgered"] = (
        "CREATE TRIGGER receipt_print_ledgered BEFORE UPDATE OF print_count ON receipt WHEN "
        + _head_is(
            f"l.type = 'receipt.printed' AND {_data('receipt')} = OLD.number "
            f"AND {_data('print_number')} = NEW.print_count"
        )
        + " "
        + _refuse("a print is written with its ledger entry")
    )
    triggers["receipt_void_ledgered"] = (
        "CREATE TRIGGER receipt_void_ledgered BEFORE UPDATE OF voided_at, void_reason, "
        "voided_by_id ON receipt WHEN OLD.voided_at IS NOT NULL OR "
        + _head_is(
            f"l.type = 'donation.voided' AND {_data('receipt')} = OLD.number "
            f"AND {_data('reason')} IS NEW.void_reason "
            "AND json_extract(l.payload, '$.at') IS NEW.voided_at"
        )
        + " "
        + _refuse("a void is written with its ledger entry")
    )
    triggers["day_close_reopen_ledgered"] = (
        "CREATE TRIGGER day_close_reopen_ledgered BEFORE UPDATE OF reopened_at, "
        "reopened_by_id, reopen_reason ON day_close WHEN "
        + _head_is(
            f"l.type = 'day.reopened' AND {_data('closed_entry_seq')} = OLD.ledger_seq "
            f"AND {_data('reason')} IS NEW.reopen_reason"
        )
        + " "
        + _refuse("a reopening is written with its ledger entry")
    )
    same = {
        "role": "NEW.role IS OLD.role",
        "active": "NEW.active IS OLD.active",
        "password_hash": "NEW.password_hash IS OLD.password_hash",
    }

    def unchanged(*columns: str) -> str:
        return " AND ".join(same[c] for c in columns)

    triggers["operator_change_ledgered"] = (
        "CREATE TRIGGER operator_change_ledgered BEFORE UPDATE OF role, active, password_hash "
        "ON operator WHEN "
        + _head_is(
            f"{_data('name')} = OLD.name AND ("
            f"(l.type = 'operator.role_changed' AND {_data('role')} = NEW.role "
            f"AND {unchanged('active', 'password_hash')}) "
            f"OR (l.type = 'operator.activated' AND NEW.active = 1 "
            f"AND {unchanged('role', 'password_hash')}) "
            f"OR (l.type = 'operator.deactivated' AND NEW.active = 0 "
            f"AND {unchanged('role', 'password_hash')}) "
            f"OR (l.type = 'operator.password_changed' AND {unchanged('role', 'active')}))"
        )
        + " "
        + _refuse("an account change is written with its ledger entry")
    )
    triggers["station_address_ledgered"] = (
        "CREATE TRIGGER station_address_ledgered BEFORE UPDATE OF association_url ON station "
        "WHEN "
        + _head_is(
            f"l.type = 'station.association_url_set' "
            f"AND {_data('association_url')} = NEW.association_url"
        )
        + " "
        + _refuse("the association address is changed with its ledger entry")
    )
    triggers["receipt_number_floor_ledgered"] = (
        "CREATE TRIGGER receipt_number_floor_ledgered BEFORE INSERT ON receipt_number_floor "
        "WHEN "
        + _head_is("l.type = 'station.restored' AND l.seq = NEW.ledger_seq")
        + " "
        + _refuse("a receipt number floor is written with its restore entry")
    )
    return triggers


#: Every trigger a station database must have, by name, with its exact SQL.
EXPECTED_TRIGGERS: Mapping[str, str] = _expected()

_SPACE = re.compile(r"\s+")


def _normal(sql: str) -> str:
    return _SPACE.sub(" ", sql.strip())


def missing_or_altered_triggers(conn: Connection) -> list[str]:
    """Names of expected triggers that are absent or differ, sorted; [] when all hold."""
    present = {
        name: _normal(sql or "")
        for name, sql in conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        )
    }
    return sorted(
        name for name, sql in EXPECTED_TRIGGERS.items() if present.get(name) != _normal(sql)
    )
