"""The association's own 公益事业捐赠票据 numbers, set on the station receipts received.

Set once per receipt, never for a void one; the donor's QR page then shows the number.
Used by the admin command line and, in the console's transaction, by its import.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select, update

from association_server.clock import now_iso
from association_server.db import write_transaction
from association_server.errors import AdminError
from association_server.models import ReceiptRow

_R = ReceiptRow.__table__


def set_official_receipt(
    engine: Engine, number: str, official_number: str, *, issued_at: str | None = None
) -> None:
    """Record the official 公益事业捐赠票据 issued for a station's receipt.

    Only for a receipt the association has received and that is not void; set once (a
    correction of an official receipt is the association's own paper process).
    """
    with write_transaction(engine) as conn:
        set_official_in(conn, number, official_number, issued_at=issued_at)


def set_official_in(
    conn: Connection, number: str, official_number: str, *, issued_at: str | None = None
) -> None:
    """:func:`set_official_receipt` in the caller's transaction (the console's CSV import
    sets many at once, all or none)."""
    official_number = official_number.strip()
    if not official_number or len(official_number) > 60:
        raise AdminError("The official receipt number must be 1 to 60 characters.")
    row = conn.execute(select(_R).where(_R.c.number == number)).first()
    if row is None:
        raise AdminError(f"No receipt {number} has been received from its station.")
    if row.voided_at is not None:
        raise AdminError(f"Receipt {number} is void; no official receipt is issued for it.")
    if row.official_receipt_number is not None:
        raise AdminError(
            f"Receipt {number} already has official receipt {row.official_receipt_number}."
        )
    conn.execute(
        update(_R)
        .where(_R.c.number == number)
        .values(official_receipt_number=official_number, official_issued_at=issued_at or now_iso())
    )
