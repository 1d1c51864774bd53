"""Accountability: account changes, prints, voids, reopenings and the association address
change only with their ledger entry; the ledger grows at its head only; login throttling,
the receipt-number floor a restore may set, and the rows' verified point.

The trigger SQL below is a frozen copy of ``station_app/storage/append_only.py`` at this
revision (a test keeps a fresh database's triggers equal to that module).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:00:00
"""

# ruff: noqa: E501
from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TRIGGERS = (
    "CREATE TRIGGER operator_no_delete BEFORE DELETE ON operator BEGIN SELECT RAISE(ABORT, 'operator rows are append-only'); END",
    "CREATE TRIGGER operator_no_update BEFORE UPDATE OF name, created_at ON operator BEGIN SELECT RAISE(ABORT, 'operator rows are append-only'); END",
    "CREATE TRIGGER station_no_delete BEFORE DELETE ON station BEGIN SELECT RAISE(ABORT, 'station rows are append-only'); END",
    "CREATE TRIGGER station_no_update BEFORE UPDATE OF id, code, name, district, association_name, public_key, created_at ON station BEGIN SELECT RAISE(ABORT, 'station rows are append-only'); END",
    "CREATE TRIGGER receipt_number_floor_no_delete BEFORE DELETE ON receipt_number_floor BEGIN SELECT RAISE(ABORT, 'receipt_number_floor rows are append-only'); END",
    "CREATE TRIGGER receipt_number_floor_no_update BEFORE UPDATE OF year, ledger_seq, serial ON receipt_number_floor BEGIN SELECT RAISE(ABORT, 'receipt_number_floor rows are append-only'); END",
    "CREATE TRIGGER ledger_entry_append_at_head BEFORE INSERT ON ledger_entry WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM ledger_entry), 0) + 1 OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM ledger_entry ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000') BEGIN SELECT RAISE(ABORT, 'ledger entries are added at the head of the chain only'); END",
    "CREATE TRIGGER donation_status_ledgered BEFORE UPDATE OF status ON donation WHEN NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.seq = (SELECT max(seq) FROM ledger_entry) AND l.type = 'donation.voided' AND NEW.status = 'voided' AND json_extract(l.payload, '$.data.receipt') = (SELECT r.number FROM receipt r WHERE r.donation_id = OLD.id)) BEGIN SELECT RAISE(ABORT, 'a void is written with its ledger entry'); END",
    "CREATE TRIGGER receipt_print_ledgered BEFORE UPDATE OF print_count ON receipt WHEN NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.seq = (SELECT max(seq) FROM ledger_entry) AND l.type = 'receipt.printed' AND json_extract(l.payload, '$.data.receipt') = OLD.number AND json_extract(l.payload, '$.data.print_number') = NEW.print_count) BEGIN SELECT RAISE(ABORT, 'a print is written with its ledger entry'); END",
    "CREATE TRIGGER receipt_void_ledgered BEFORE UPDATE OF voided_at, void_reason, voided_by_id ON receipt WHEN OLD.voided_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.seq = (SELECT max(seq) FROM ledger_entry) AND l.type = 'donation.voided' AND json_extract(l.payload, '$.data.receipt') = OLD.number AND json_extract(l.payload, '$.data.reason') IS NEW.void_reason AND json_extract(l.payload, '$.at') IS NEW.voided_at) BEGIN SELECT RAISE(ABORT, 'a void is written with its ledger entry'); END",
    "CREATE TRIGGER day_close_reopen_ledgered BEFORE UPDATE OF reopened_at, reopened_by_id, reopen_reason ON day_close WHEN NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.seq = (SELECT max(seq) FROM ledger_entry) AND l.type = 'day.reopened' AND json_extract(l.payload, '$.data.closed_entry_seq') = OLD.ledger_seq AND json_extract(l.payload, '$.data.reason') IS NEW.reopen_reason) BEGIN SELECT RAISE(ABORT, 'a reopening is written with its ledger entry'); END",
    "CREATE TRIGGER operator_change_ledgered BEFORE UPDATE OF role, active, password_hash ON operator WHEN NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.seq = (SELECT max(seq) FROM ledger_entry) AND json_extract(l.payload, '$.data.name') = OLD.name AND ((l.type = 'operator.role_changed' AND json_extract(l.payload, '$.data.role') = NEW.role AND NEW.active IS OLD.active AND NEW.password_hash IS OLD.password_hash) OR (l.type = 'operator.activated' AND NEW.active = 1 AND NEW.role IS OLD.role AND NEW.password_hash IS OLD.password_hash) OR (l.type = 'operator.deactivated' AND NEW.active = 0 AND NEW.role IS OLD.role AND NEW.password_hash IS OLD.password_hash) OR (l.type = 'operator.password_changed' AND NEW.role IS OLD.role AND NEW.active IS OLD.active))) BEGIN SELECT RAISE(ABORT, 'an account change is written with its ledger entry'); END",
    "CREATE TRIGGER station_address_ledgered BEFORE UPDATE OF association_url ON station WHEN NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.seq = (SELECT max(seq) FROM ledger_entry) AND l.type = 'station.association_url_set' AND json_extract(l.payload, '$.data.association_url') = NEW.association_url) BEGIN SELECT RAISE(ABORT, 'the association address is changed with its ledger entry'); END",
    "CREATE TRIGGER receipt_number_floor_ledgered BEFORE INSERT ON receipt_number_floor WHEN NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.seq = (SELECT max(seq) FROM ledger_entry) AND l.type = 'station.restored' AND l.seq = NEW.ledger_seq) BEGIN SELECT RAISE(ABORT, 'a receipt number floor is written with its restore entry'); END",
)
_NAMES = (
    "operator_no_delete",
    "operator_no_update",
    "station_no_delete",
    "station_no_update",
    "receipt_number_floor_no_delete",
    "receipt_number_floor_no_update",
    "ledger_entry_append_at_head",
    "donation_status_ledgered",
    "receipt_print_ledgered",
    "receipt_void_ledgered",
    "day_close_reopen_ledgered",
    "operator_change_ledgered",
    "station_address_ledgered",
    "receipt_number_floor_ledgered",
)


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.String(length=20), nullable=True),
        sa.Column("last_failure_at", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_login_throttle")),
    )
    op.create_table(
        "receipt_number_floor",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("ledger_seq", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "ledger_seq", name=op.f("pk_receipt_number_floor")),
    )
    op.create_table(
        "verified_point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("watermarks", sa.Text(), nullable=False),
        sa.Column("checked_at", sa.String(length=20), nullable=False),
        sa.Column("full_checked_at", sa.String(length=20), nullable=True),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_verified_point_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verified_point")),
    )
    _ledger_password_fingerprints()
    for sql in _TRIGGERS:
        op.execute(sql)


def _ledger_password_fingerprints() -> None:
    """Give every existing account a password fingerprint in the ledger, once.

    Stations set up before this revision ledgered accounts without one, so the row check
    could not notice a swapped password hash.  The entry is built here with the ledger's
    canonical form (sorted keys, compact, UTF-8; SHA-256 over prev_hash + body), frozen
    as of this revision.
    """
    conn = op.get_bind()
    code = conn.execute(sa.text("SELECT code FROM station")).scalar()
    accounts = conn.execute(
        sa.text("SELECT name, role, active, password_hash FROM operator ORDER BY id")
    ).all()
    if code is None or not accounts:
        return
    head = conn.execute(
        sa.text("SELECT seq, hash FROM ledger_entry ORDER BY seq DESC LIMIT 1")
    ).first()
    seq, prev = (head[0] + 1, head[1]) if head else (1, "0" * 64)
    entry_uuid = str(uuid.uuid4())
    body = {
        "seq": seq,
        "uuid": entry_uuid,
        "type": "operators.fingerprinted",
        "at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "station": code,
        "data": {
            "operators": [
                {
                    "name": name,
                    "role": role,
                    "active": bool(active),
                    "password_fingerprint": hashlib.sha256(pw.encode("utf-8")).hexdigest(),
                }
                for name, role, active, pw in accounts
            ],
            "reason": "upgrade",
        },
    }
    payload = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256((prev + payload).encode("utf-8")).hexdigest()
    conn.execute(
        sa.text(
            "INSERT INTO ledger_entry (seq, uuid, type, payload, prev_hash, hash) "
            "VALUES (:seq, :uuid, :type, :payload, :prev, :hash)"
        ),
        {
            "seq": seq,
            "uuid": entry_uuid,
            "type": "operators.fingerprinted",
            "payload": payload,
            "prev": prev,
            "hash": digest,
        },
    )


def downgrade() -> None:
    for name in _NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("verified_point")
    op.drop_table("receipt_number_floor")
    op.drop_table("login_throttle")
