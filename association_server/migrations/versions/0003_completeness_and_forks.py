"""What the completeness checks need: parsed receipt numbers, kept versions, kept forks.

* ``receipt`` gains ``year``, ``serial`` (parsed from the number) and ``business_day``
  (from its ledger entry), so gaps and day totals are indexed queries;
* ``receipt_version`` keeps every other version of a number a station sent (the number
  was issued twice), ``ledger_entry_superseded`` the entries a fork replaced;
* ``incident.receipt_number``, so a scan raises its incident once per receipt.

Receipts stored before this revision under another station's number (the old
prefix match let ``GZ-YX-0012`` store ``GZ-YX-0012-A-…``) move to ``receipt_version``
with an incident for the station that sent them, so the owner's own sync is no longer
blocked by them.  Nothing is deleted that is not kept elsewhere.

Revision ID: a0003
Revises: a0002
Create Date: 2026-12-01 23:00:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "a0003"
down_revision: str | None = "a0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("receipt") as batch:
        batch.add_column(sa.Column("year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("serial", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("business_day", sa.String(10), nullable=True))
    op.create_index("ix_receipt_station_year", "receipt", ["station_code", "year", "serial"])
    op.create_table(
        "receipt_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("station_code", sa.String(32), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("issued_at", sa.String(20), nullable=False),
        sa.Column("signature", sa.String(100), nullable=False),
        sa.Column("received_at", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt_version")),
    )
    op.create_index("ix_receipt_version_number", "receipt_version", ["number"])
    op.create_table(
        "ledger_entry_superseded",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_code", sa.String(32), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("station_at", sa.String(32), nullable=True),
        sa.Column("received_at", sa.String(20), nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("fork_seq", sa.BigInteger(), nullable=False),
        sa.Column("superseded_at", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entry_superseded")),
    )
    op.create_index(
        "ix_ledger_entry_superseded_station", "ledger_entry_superseded", ["station_code", "seq"]
    )
    with op.batch_alter_table("incident") as batch:
        batch.add_column(sa.Column("receipt_number", sa.String(40), nullable=True))
    op.create_index("ix_incident_receipt", "incident", ["receipt_number", "code"])
    _parse_existing_receipts()


def _parse_existing_receipts() -> None:
    """Fill the new columns; move receipts held under another station's number."""
    conn = op.get_bind()
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    rows = conn.execute(
        sa.text(
            "SELECT r.number, r.station_code, r.seq, r.amount_fen, r.issued_at, r.signature,"
            " l.payload FROM receipt r LEFT JOIN ledger_entry l"
            " ON l.station_code = r.station_code AND l.seq = r.seq"
        )
    ).all()
    for row in rows:
        code, number = row.station_code, row.number
        tail = number[len(code) :]
        parts = tail.split("-")
        owned = (
            number.startswith(code + "-")
            and len(parts) == 3
            and len(parts[1]) == 4
            and len(parts[2]) == 6
            and (parts[1] + parts[2]).isascii()
            and (parts[1] + parts[2]).isdigit()
        )
        if not owned:
            conn.execute(
                sa.text(
                    "INSERT INTO receipt_version (number, station_code, seq, amount_fen,"
                    " issued_at, signature, received_at) VALUES (:n, :c, :s, :a, :i, :g, :t)"
                ),
                {
                    "n": number[:40],
                    "c": code,
                    "s": row.seq,
                    "a": row.amount_fen,
                    "i": row.issued_at[:20],
                    "g": row.signature[:100],
                    "t": now,
                },
            )
            conn.execute(sa.text("DELETE FROM receipt WHERE number = :n"), {"n": number})
            conn.execute(
                sa.text(
                    "INSERT INTO incident (station_code, detected_at, code, seq, detail,"
                    " receipt_number) VALUES (:c, :t, 'receipt_claimed', :s, :d, :n)"
                ),
                {
                    "c": code,
                    "t": now,
                    "s": row.seq,
                    "n": number[:40],
                    "d": "Found when upgrading the receiver: this station had stored a receipt"
                    " number that is not its own; it was moved aside (receipt_version).",
                },
            )
            continue
        try:
            business_day = json.loads(row.payload)["data"]["business_day"]
        except (TypeError, ValueError, KeyError):
            business_day = None
        if not isinstance(business_day, str) or len(business_day) != 10:
            business_day = None
        conn.execute(
            sa.text(
                "UPDATE receipt SET year = :y, serial = :s, business_day = :d WHERE number = :n"
            ),
            {"y": int(parts[1]), "s": int(parts[2]), "d": business_day, "n": number},
        )


def downgrade() -> None:
    op.drop_index("ix_incident_receipt", table_name="incident")
    with op.batch_alter_table("incident") as batch:
        batch.drop_column("receipt_number")
    op.drop_index("ix_ledger_entry_superseded_station", table_name="ledger_entry_superseded")
    op.drop_table("ledger_entry_superseded")
    op.drop_index("ix_receipt_version_number", table_name="receipt_version")
    op.drop_table("receipt_version")
    op.drop_index("ix_receipt_station_year", table_name="receipt")
    with op.batch_alter_table("receipt") as batch:
        batch.drop_column("business_day")
        batch.drop_column("serial")
        batch.drop_column("year")
