"""Importing a payment statement: the file read and checked, its lines stored, once.

One transaction per import: the import's record and all of its new lines, or nothing.
The file is read and parsed before the transaction (it may be large); a file already
imported (same fingerprint) is refused, and lines already known from an overlapping
statement (a daily bill and the month's) are not stored twice.  Only masked payer
identifiers reach the database; the file itself is copied into the data folder only
when the coordinator asks for it, readable by the station's user alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, insert, select

from station_app.domain.errors import ConflictError
from station_app.domain.roles import Action
from station_app.domain.statements.detect import header_candidates, parse_statement
from station_app.domain.statements.model import (
    LineDirection,
    ParsedStatement,
    StatementError,
    StatementLine,
    StatementSource,
)
from station_app.domain.station_time import STATION_TZ, local_text, to_iso, utc_now
from station_app.private_files import make_private_dir, write_private_file
from station_app.services.bank_mappings import list_bank_mappings
from station_app.services.sessions import OperatorSession, require_session
from station_app.services.statement_files import StatementFile, read_statement_file
from station_app.storage import raw_sql
from station_app.storage.database import StationDatabase
from station_app.storage.models import Operator, StatementImport, StatementLineRow
from station_app.storage.rows import inserted_id

_IMP, _LINE, _OP = StatementImport.__table__, StatementLineRow.__table__, Operator.__table__
Clock = Callable[[], datetime]
_LINE_COLUMNS = (
    "import_id",
    "source",
    "account",
    "identity",
    "line_no",
    "kind",
    "direction",
    "business_day",
    "occurred_at",
    "amount_fen",
    "fee_millifen",
    "reference",
    "order_reference",
    "payer_masked",
)
_UNSAFE_NAME = re.compile(r"[^\w.()\-（）]+")


@dataclass(frozen=True, slots=True)
class ImportedStatement:
    import_id: int
    source: StatementSource
    account: str  # the bank's name, or ""
    file_name: str
    fingerprint: str
    first_day: date | None
    last_day: date | None
    lines: int
    new_lines: int
    payments: int
    payments_fen: int
    refunds: int
    refunds_fen: int
    outgoing_fen: int
    fees_millifen: int
    summary_checked: bool
    kept_file: Path | None

    @property
    def already_known(self) -> int:
        return self.lines - self.new_lines


def read_statement(db: StationDatabase, path: Path) -> tuple[StatementFile, ParsedStatement]:
    """Read and check a file without storing anything (the import's slow part)."""
    file = read_statement_file(path)
    return file, parse_statement(file.rows, list_bank_mappings(db))


@dataclass(frozen=True, slots=True)
class Inspection:
    """A file read before importing: checked, or refused; for a file that may be a bank's
    statement without a mapping yet, the columns its header row offers."""

    file: StatementFile
    parsed: ParsedStatement | None
    refusal: StatementError | None
    bank_columns: tuple[str, ...] = ()


def inspect_statement(db: StationDatabase, path: Path) -> Inspection:
    """Read ``path`` and say what it is; a file that is not a statement is not an error
    here (the refusal is in the result), a file that cannot be read is."""
    return inspect_file(db, read_statement_file(path))


def inspect_file(db: StationDatabase, file: StatementFile) -> Inspection:
    """What a file already read is, with the bank mappings saved now."""
    try:
        return Inspection(file, parse_statement(file.rows, list_bank_mappings(db)), None)
    except StatementError as refusal:
        found = header_candidates(file.rows) if refusal.code == "statement.unknown" else None
        return Inspection(file, None, refusal, found[1] if found else ())


def line_identity(line: StatementLine, seen: Counter[str]) -> str:
    """The movement's name across files: the provider's number, else what it is and
    how many such lines came before it in the file."""
    if line.reference:
        return f"{line.direction}:{line.reference.upper()}"
    moment = line.local_time.strftime("%H:%M:%S") if line.local_time else ""
    key = f"{line.direction}:{line.day}|{moment}|{line.amount_fen}|{line.payer_masked or ''}"
    seen[key] += 1
    return f"{key}#{seen[key]}"[:200]


def _utc(line: StatementLine, offsets: dict[date, timedelta]) -> str | None:
    """The line's wall-clock time as a stored UTC instant; the station's offset is looked
    up once a day (zoneinfo per line costs more than the rest of the line together)."""
    moment = line.local_time
    if moment is None:
        return None
    offset = offsets.get(line.day)
    if offset is None:
        noon = datetime(line.day.year, line.day.month, line.day.day, 12, tzinfo=STATION_TZ)
        offset = offsets[line.day] = noon.utcoffset() or timedelta(0)
    return (moment - offset).isoformat(timespec="seconds") + "Z"


def _known_identities(conn: Connection, parsed: ParsedStatement, account: str) -> set[str]:
    if parsed.first_day is None or parsed.last_day is None:
        return set()
    return set(
        conn.execute(
            select(_LINE.c.identity).where(
                _LINE.c.source == parsed.source.value,
                _LINE.c.account == account,
                _LINE.c.business_day >= parsed.first_day.isoformat(),
                _LINE.c.business_day <= parsed.last_day.isoformat(),
            )
        ).scalars()
    )


def _refuse_if_imported(conn: Connection, fingerprint: str) -> None:
    row = conn.execute(
        select(_IMP.c.imported_at, _IMP.c.file_name, _OP.c.name)
        .join(_OP, _OP.c.id == _IMP.c.operator_id)
        .where(_IMP.c.fingerprint == fingerprint)
    ).first()
    if row is not None:
        when = local_text(row.imported_at)
        raise ConflictError(
            "statement.already_imported",
            f"这个文件已经导入过（{when}，{row.name}，文件名 {row.file_name}）",
            f"This file was already imported ({when}, by {row.name}, as {row.file_name}).",
        )


def _keep(raw: bytes, folder: Path, name: str, fingerprint: str, at: datetime) -> Path:
    """A private copy (0700 folder, 0600 file) named by date, fingerprint and name."""
    make_private_dir(folder)
    safe = _UNSAFE_NAME.sub("_", name)[-80:] or "statement"
    target = folder / f"{at:%Y%m%d-%H%M%S}-{fingerprint[:12]}-{safe}"
    write_private_file(target, raw)
    return target


def store_statement(
    db: StationDatabase,
    session: OperatorSession,
    file: StatementFile,
    parsed: ParsedStatement,
    *,
    keep_in: Path | None = None,
    clock: Clock = utc_now,
) -> ImportedStatement:
    """Store a read and checked statement in one transaction (coordinator only)."""
    now = clock().replace(microsecond=0)
    account = parsed.bank_name or ""
    kind = parsed.kind.value
    kept: Path | None = None
    try:
        with db.write() as conn:
            actor = require_session(conn, session, Action.RECONCILE)
            _refuse_if_imported(conn, file.fingerprint)
            known = _known_identities(conn, parsed, account)
            seen: Counter[str] = Counter()
            fresh: list[tuple[StatementLine, str]] = []
            for line in parsed.lines:
                identity = line_identity(line, seen)
                if identity not in known:
                    known.add(identity)
                    fresh.append((line, identity))
            if keep_in is not None:
                kept = _keep(file.raw, keep_in, file.name, file.fingerprint, now)
            import_id = inserted_id(
                conn.execute(
                    insert(_IMP).values(
                        source=parsed.source.value,
                        account=account,
                        variant=parsed.variant,
                        file_name=file.name[:200],
                        fingerprint=file.fingerprint,
                        first_day=parsed.first_day.isoformat() if parsed.first_day else None,
                        last_day=parsed.last_day.isoformat() if parsed.last_day else None,
                        lines=len(parsed.lines),
                        new_lines=len(fresh),
                        payments_fen=parsed.total_fen(LineDirection.PAYMENT),
                        refunds_fen=parsed.total_fen(LineDirection.REFUND),
                        outgoing_fen=parsed.total_fen(LineDirection.OUTGOING),
                        fees_millifen=sum(x.fee_millifen for x in parsed.lines),
                        summary_checked=parsed.summary_checked,
                        kept_file=kept.name if kept else None,
                        imported_at=to_iso(now),
                        operator_id=actor.id,
                    )
                )
            )
            offsets: dict[date, timedelta] = {}
            raw_sql.insert_many(
                conn,
                "statement_line",
                _LINE_COLUMNS,
                (
                    (
                        import_id,
                        parsed.source.value,
                        account,
                        identity,
                        line.line_no,
                        kind,
                        line.direction.value,
                        line.day.isoformat(),
                        _utc(line, offsets),
                        line.amount_fen,
                        line.fee_millifen,
                        line.reference,
                        line.order_reference,
                        line.payer_masked,
                    )
                    for line, identity in fresh
                ),
            )
    except BaseException:
        if kept is not None:
            kept.unlink(missing_ok=True)  # nothing of a failed import stays behind
        raise
    return ImportedStatement(
        import_id=import_id,
        source=parsed.source,
        account=account,
        file_name=file.name,
        fingerprint=file.fingerprint,
        first_day=parsed.first_day,
        last_day=parsed.last_day,
        lines=len(parsed.lines),
        new_lines=len(fresh),
        payments=parsed.count(LineDirection.PAYMENT),
        payments_fen=parsed.total_fen(LineDirection.PAYMENT),
        refunds=parsed.count(LineDirection.REFUND),
        refunds_fen=parsed.total_fen(LineDirection.REFUND),
        outgoing_fen=parsed.total_fen(LineDirection.OUTGOING),
        fees_millifen=sum(x.fee_millifen for x in parsed.lines),
        summary_checked=parsed.summary_checked,
        kept_file=kept,
    )


def import_statement(
    db: StationDatabase,
    session: OperatorSession,
    path: Path,
    *,
    keep_in: Path | None = None,
    clock: Clock = utc_now,
) -> ImportedStatement:
    """Read, check and store the statement at ``path``; all of it or nothing."""
    file, parsed = read_statement(db, path)
    return store_statement(db, session, file, parsed, keep_in=keep_in, clock=clock)
