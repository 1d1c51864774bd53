"""What still tells how far a station had got, when its database is being replaced.

A restore must not erase what was issued after the backup.  Before the swap, the
database being replaced is read as far as it can be (:func:`read_previous`: its ledger
entries beyond the backup, the phone numbers and password hashes the ledger does not
carry, the highest receipt serials in its raw bytes), and the archived receipt PDFs are
counted; :func:`number_floors` turns what they know beyond the restored copy into a
floor under receipt numbering, so a number once printed is never given out again.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, create_engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from station_app.domain.ledger import LedgerEntry, check_entry
from station_app.paths import DataPaths
from station_app.services import backups
from station_app.services.ledger_replay import Extras
from station_app.storage import sqlite_files as files
from station_app.storage.database import StationDatabase
from station_app.storage.models import Donation, Operator, Receipt

log = logging.getLogger(__name__)

_RECEIPT_FILE = re.compile(r"^(?P<code>.+)-(?P<year>\d{4})-(?P<serial>\d{6})(?:-|\.)")


def restore_refusal(code: str, zh: str, en: str) -> backups.BackupError:
    return backups.BackupError(f"restore.{code}", zh, en)


@dataclass
class PreviousDatabase:
    """What the replaced database still tells: entries, extras, how far it got."""

    exists: bool = False
    entries: list[LedgerEntry] = field(default_factory=list)
    readable: bool = True
    head_seq: int | None = None
    head_hash: str | None = None
    extras: Extras = field(default_factory=Extras)
    highest: dict[int, int] = field(default_factory=dict)  # year → serial found in it
    acked_seq: int = 0


def _raw_receipt_numbers(path: Path, code: str) -> dict[int, int]:
    """Receipt numbers found anywhere in a file's bytes (for a file SQL cannot read)."""
    pattern = re.compile(re.escape(code).encode("ascii") + rb"-(\d{4})-(\d{6})(?!\d)")
    found: dict[int, int] = {}
    for p in (path, *files.side_files(path)):
        with contextlib.suppress(OSError):
            data = p.read_bytes()
            for m in pattern.finditer(data):
                year, serial = int(m.group(1)), int(m.group(2))
                found[year] = max(found.get(year, 0), serial)
    return found


def read_previous(path: Path | None, backup_head: tuple[int, str], code: str) -> PreviousDatabase:
    prev = PreviousDatabase()
    if path is None or not path.exists():
        return prev
    prev.exists = True
    prev.highest = _raw_receipt_numbers(path, code)
    engine = create_engine(
        "sqlite://", creator=lambda: files.open_existing(path, read_only=True), poolclass=NullPool
    )
    after, expected_prev = backup_head
    try:
        with engine.connect() as conn:
            at_head = conn.execute(
                text("SELECT hash FROM ledger_entry WHERE seq = :s"), {"s": after}
            ).scalar()
            if after > 0 and at_head is None:
                # The old file is behind the backup (or empty): nothing to carry.
                _read_extras(conn, prev)
                top = conn.execute(text("SELECT max(seq) FROM ledger_entry")).scalar()
                prev.head_seq = int(top or 0)
                return prev
            if after > 0 and at_head != expected_prev:
                raise restore_refusal(
                    "diverged",
                    f"所选备份与当前数据库从账本第 {after} 条起不一致,不能合并。请联系市慈善会",
                    f"The chosen backup and the current database disagree from ledger entry "
                    f"{after} on and cannot be merged. Call the association.",
                )
            rows = conn.execute(
                text(
                    "SELECT seq, uuid, type, payload, prev_hash, hash FROM ledger_entry "
                    "WHERE seq > :s ORDER BY seq"
                ),
                {"s": after},
            )
            seq = after + 1
            for r in rows:
                entry = LedgerEntry(r.seq, r.uuid, r.type, r.payload, r.prev_hash, r.hash)
                if check_entry(entry, expected_seq=seq, expected_prev=expected_prev, station=code):
                    prev.readable = False  # the rest cannot be trusted
                    break
                prev.entries.append(entry)
                seq, expected_prev = entry.seq + 1, entry.hash
            prev.head_seq = after + len(prev.entries)
            prev.head_hash = expected_prev
            _read_extras(conn, prev)
    except files.UNREADABLE_OR_REFUSED as exc:
        log.warning("the replaced database is (partly) unreadable: %s", getattr(exc, "orig", exc))
        prev.readable = False
        if prev.entries:
            prev.head_seq, prev.head_hash = prev.entries[-1].seq, prev.entries[-1].hash
    finally:
        engine.dispose()
    return prev


def _read_extras(conn: Connection, prev: PreviousDatabase) -> None:
    don, op, rec = Donation.__table__, Operator.__table__, Receipt.__table__
    for r in conn.execute(
        select(don.c.uuid, don.c.donor_phone).where(don.c.donor_phone.is_not(None))
    ):
        prev.extras.phones[r.uuid] = r.donor_phone
    for r in conn.execute(select(op.c.name, op.c.password_hash)):
        prev.extras.password_hashes[r.name] = r.password_hash
    for r in conn.execute(text(f"SELECT year, max(serial) FROM {rec.name} GROUP BY year")):
        prev.highest[int(r[0])] = max(prev.highest.get(int(r[0]), 0), int(r[1]))
    with contextlib.suppress(DBAPIError):
        prev.acked_seq = int(
            conn.execute(text("SELECT coalesce(max(acked_seq), 0) FROM sync_run")).scalar() or 0
        )


def _archived_receipts(receipts_dir: Path, code: str) -> dict[int, int]:
    """The highest receipt number per year among the archived receipt PDFs."""
    found: dict[int, int] = {}
    if not receipts_dir.is_dir():
        return found
    for pdf in receipts_dir.glob("*/*.pdf"):
        m = _RECEIPT_FILE.match(pdf.name)
        if m and m.group("code") == code:
            year, serial = int(m.group("year")), int(m.group("serial"))
            found[year] = max(found.get(year, 0), serial)
    return found


@dataclass
class NumberFloor:
    values: dict[int, int] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)


def number_floors(
    paths: DataPaths, code: str, prev: PreviousDatabase, staged: StationDatabase
) -> NumberFloor:
    """Per year, the highest serial any source knows of beyond what the restored database
    (with the carried entries) will hold; numbering continues above it."""
    with staged.read() as conn:
        restored = {
            int(y): int(s)
            for y, s in conn.execute(text("SELECT year, max(serial) FROM receipt GROUP BY year"))
        }
        for y, s in conn.execute(
            text("SELECT year, max(serial) FROM receipt_number_floor GROUP BY year")
        ):
            restored[int(y)] = max(restored.get(int(y), 0), int(s))
    floor = NumberFloor()
    sources = {
        "set_aside_file": prev.highest,
        "receipts_folder": _archived_receipts(paths.receipts, code),
    }
    for name, found in sources.items():
        for year, serial in found.items():
            if serial > restored.get(year, 0) and serial > floor.values.get(year, 0):
                floor.values[year] = serial
                floor.sources.add(name)
    return floor
