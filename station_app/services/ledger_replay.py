"""Writing ledger entries into another database together with the rows they stand for.

A restore must not lose what was recorded after the backup: the entries the backup
lacks are read from the database being replaced and written into the restored one,
byte for byte (same seq, same hash), each followed by the rows it created or changed,
exactly as the service that first wrote it did.  Rows are rebuilt from the entry, not
copied, so a row someone edited in the old file comes back as the ledger says it was.

What the ledger does not carry comes from the old rows when they still agree with it:
a donor's full phone number (the entry has the masked form) and the password hashes
(the entry has their fingerprints).  A type this version cannot replay stops the
restore: carrying an entry without its rows would leave the two disagreeing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert, select, update

from station_app.domain.donations import mask_phone
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import DomainError
from station_app.domain.ledger import LedgerEntry
from station_app.domain.passwords import fingerprint
from station_app.domain.row_facts import day_close_row, donation_row, item_rows
from station_app.services.goods_replay import replay_goods
from station_app.storage import raw_sql
from station_app.storage.models import (
    DayClose,
    Designation,
    Donation,
    Operator,
    Receipt,
    ReceiptNumberFloor,
    Station,
)

_DON, _REC, _OP = Donation.__table__, Receipt.__table__, Operator.__table__
_CLOSE, _DES, _ST = DayClose.__table__, Designation.__table__, Station.__table__
_FLOOR = ReceiptNumberFloor.__table__
#: A hash no password matches, for an account whose real hash could not be recovered
#: (the coordinator then resets its password).
UNUSABLE_HASH = "unusable$restored-without-its-password"


@dataclass
class Extras:
    """What the old database holds that the ledger does not."""

    phones: dict[str, str] = field(default_factory=dict)  # donation uuid → phone
    password_hashes: dict[str, str] = field(default_factory=dict)  # name → hash


def _operator_id(conn: Connection, name: str) -> int:
    found = conn.execute(select(_OP.c.id).where(_OP.c.name == name)).scalar()
    if found is None:
        raise DomainError(
            "restore.unknown_operator",
            f"账本记录提到的账号“{name}”在备份中不存在,无法恢复",
            f"A ledger entry names the account “{name}”, which the backup lacks.",
        )
    return int(found)


def _hash_for(extras: Extras, name: str, wanted_fingerprint: str | None) -> str:
    stored = extras.password_hashes.get(name)
    if stored is not None and (
        wanted_fingerprint is None or fingerprint(stored) == wanted_fingerprint
    ):
        return stored
    return UNUSABLE_HASH


def _donation(conn: Connection, data: Mapping[str, Any], extras: Extras) -> None:
    want = donation_row(data)
    phone = extras.phones.get(want["uuid"])
    if phone is not None and (mask_phone(phone) or None) != want["phone_masked"]:
        phone = None
    donation_id = raw_sql.insert_donation(
        conn,
        {
            "uuid": want["uuid"],
            "kind": want["kind"],
            "amount_fen": want["amount_fen"],
            "donor_name": want["donor_name"],
            "donor_phone": phone,
            "designation_code": want["designation_code"],
            "operator_id": _operator_id(conn, want["operator"]),
            "note": want["note"],
            "recorded_at": want["recorded_at"],
            "business_day": want["business_day"],
            "status": "recorded",
            "imported": want["imported"],
            "paper_receipt_number": want["paper_receipt_number"],
            "transaction_reference": want["transaction_reference"],
            "paid_at": want["paid_at"],
            "donor_is_organisation": want["donor_is_organisation"],
        },
    )
    raw_sql.insert_items(
        conn,
        [
            {
                "donation_id": donation_id,
                "line_no": line,
                "description": description,
                "quantity": quantity,
                "unit": unit,
                "value_fen": value,
            }
            for line, description, quantity, unit, value in item_rows(data)
        ],
    )
    raw_sql.insert_receipt(
        conn,
        {
            "number": want["number"],
            "year": want["year"],
            "serial": want["serial"],
            "donation_id": donation_id,
            "issued_at": want["issued_at"],
            "signature": want["signature"],
            "print_count": 0,
        },
    )


def _designations(conn: Connection, data: Mapping[str, Any]) -> None:
    present = {r.code for r in conn.execute(select(_DES.c.code))}
    for order, d in enumerate(data["designations"]):
        values = {
            "name": d["name"],
            "category": d["category"],
            "active": bool(d.get("active", True)),
            "sort_order": order,
        }
        if d["code"] in present:
            conn.execute(update(_DES).where(_DES.c.code == d["code"]).values(**values))
        else:
            conn.execute(insert(_DES).values(code=d["code"], **values))


def _apply(conn: Connection, entry: LedgerEntry, body: Mapping[str, Any], extras: Extras) -> None:
    t, at, data = entry.type, body["at"], body["data"]
    if t == EntryType.DONATION_RECORDED:
        _donation(conn, data, extras)
    elif t == EntryType.RECEIPT_PRINTED:
        conn.execute(
            update(_REC)
            .where(_REC.c.number == data["receipt"])
            .values(print_count=data["print_number"])
        )
    elif t == EntryType.DONATION_VOIDED:
        rec = conn.execute(select(_REC).where(_REC.c.number == data["receipt"])).one()
        conn.execute(
            update(_REC)
            .where(_REC.c.id == rec.id)
            .values(
                voided_at=at,
                void_reason=data["reason"],
                voided_by_id=_operator_id(conn, data["operator"]),
            )
        )
        conn.execute(update(_DON).where(_DON.c.id == rec.donation_id).values(status="voided"))
    elif t == EntryType.DAY_CLOSED:
        row = day_close_row(entry.seq, at, data)
        row["coordinator_id"] = _operator_id(conn, row.pop("coordinator"))
        row["witness_id"] = _operator_id(conn, row.pop("witness"))
        conn.execute(insert(_CLOSE).values(**row))
    elif t == EntryType.DAY_REOPENED:
        conn.execute(
            update(_CLOSE)
            .where(_CLOSE.c.ledger_seq == data["closed_entry_seq"])
            .values(
                reopened_at=at,
                reopened_by_id=_operator_id(conn, data["coordinator"]),
                reopen_reason=data["reason"],
            )
        )
    elif t == EntryType.OPERATOR_CREATED:
        conn.execute(
            insert(_OP).values(
                name=data["name"],
                role=data["role"],
                active=True,
                created_at=at,
                password_hash=_hash_for(extras, data["name"], data.get("password_fingerprint")),
            )
        )
    elif t in (EntryType.OPERATOR_ACTIVATED, EntryType.OPERATOR_DEACTIVATED):
        conn.execute(
            update(_OP)
            .where(_OP.c.name == data["name"])
            .values(active=t == EntryType.OPERATOR_ACTIVATED)
        )
    elif t == EntryType.OPERATOR_ROLE_CHANGED:
        conn.execute(update(_OP).where(_OP.c.name == data["name"]).values(role=data["role"]))
    elif t == EntryType.OPERATOR_PASSWORD_CHANGED:
        conn.execute(
            update(_OP)
            .where(_OP.c.name == data["name"])
            .values(password_hash=_hash_for(extras, data["name"], data["password_fingerprint"]))
        )
    elif t == EntryType.STATION_ASSOCIATION_URL_SET:
        conn.execute(
            update(_ST).where(_ST.c.id == 1).values(association_url=data["association_url"])
        )
    elif t == EntryType.DESIGNATIONS_SET:
        _designations(conn, data)
    elif t == EntryType.STATION_RESTORED:
        for year, serial in (data.get("receipt_floor") or {}).items():
            conn.execute(
                insert(_FLOOR).values(year=int(year), ledger_seq=entry.seq, serial=int(serial))
            )
    elif t in _NO_ROWS:
        return
    elif t.startswith("goods."):
        replay_goods(conn, entry.seq, t, at, data)
    else:
        raise DomainError(
            "restore.unknown_entry",
            f"账本第 {entry.seq} 条({t})无法由本版本程序带入恢复后的数据库,请先升级程序",
            f"Ledger entry {entry.seq} ({t}) cannot be carried into the restored database "
            "by this version of the program; update the program first.",
        )


_NO_ROWS = frozenset(
    {
        EntryType.OPERATORS_FINGERPRINTED,
        EntryType.OPERATOR_LOCKED_OUT,
        EntryType.KEYS_EXPORTED,
        EntryType.KEYS_IMPORTED,
        EntryType.RECORDS_EXPORTED,
        EntryType.BACKUP_MADE,
        # The statement lines a reconciliation read are not in the ledger, so its rows
        # cannot be rebuilt; the entry itself (counts, totals, fingerprints) is carried,
        # and the statement files can be imported again.
        EntryType.STATEMENT_RECONCILED,
    }
)


def replay(conn: Connection, entry: LedgerEntry, extras: Extras) -> None:
    """Append ``entry`` as it is (same seq and hash) and write the rows it stands for.

    The caller has checked that the entry continues this database's chain; the
    database's own triggers check it again.
    """
    raw_sql.insert_ledger_entry(conn, entry.as_dict())
    _apply(conn, entry, json.loads(entry.payload), extras)
