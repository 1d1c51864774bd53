"""The coordinator's end of day: expected totals, a two-person close, and reopening.

Closing writes one ledger entry holding everything the association needs to check the
day (totals, counted values, differences, the receipt numbers used, voids, and the hash
of the ledger head it closes over) and locks the day: new records go to the next open
day, and voids of the day's donations are refused until a coordinator reopens it.  The
mobile and bank totals are the imported statements' (never typed): each kind with
payments or donations gets a ``statement.reconciled`` entry first, in the same
transaction, and the close is refused while an unmatched line lacks its explanation.
The goods that came in or went out that day are counted item by item; the differences
become a ``goods.counted`` entry of the same transaction, and the close's entry carries
the day's goods in and out and the count (``domain/goods/day_goods.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import Connection, func, insert, select, update

from station_app.domain.day_close import (
    CountedTotals,
    Differences,
    ExpectedTotals,
    count_cash,
    differences,
    require_explanation,
)
from station_app.domain.donations import DonationKind, clean_text
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ConflictError, ValidationError
from station_app.domain.goods.day_goods import (
    ItemCount,
    ItemKey,
    compare_counts,
    summary_data,
)
from station_app.domain.ledger import canonical_json
from station_app.domain.roles import Action
from station_app.domain.station_time import local_date, to_iso, utc_now
from station_app.services.day_goods import read_day_goods, write_close_count
from station_app.services.day_totals import expected_in
from station_app.services.day_totals import expected_totals as expected_totals
from station_app.services.ledger_writer import append_entry, ledger_head
from station_app.services.reconciliation import RECONCILED_KINDS, reconcile_in
from station_app.services.reconciliation_record import (
    require_explanations,
    store_reconciliation,
)
from station_app.services.second_person import (
    SecondPersonRule,
    prove_second_person,
    require_other_person,
)
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import station_code
from station_app.storage.models import (
    DayClose,
    Donation,
    LedgerEntryRow,
    Operator,
    Receipt,
)
from station_app.storage.rows import AnyRow

_DON, _REC, _CLOSE, _OP = (
    Donation.__table__,
    Receipt.__table__,
    DayClose.__table__,
    Operator.__table__,
)
_LEDGER = LedgerEntryRow.__table__
Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class DayState:
    day: date
    closed: bool
    closed_at: str | None = None
    coordinator: str | None = None
    witness: str | None = None


@dataclass(frozen=True, slots=True)
class CloseRequest:
    """What the coordinator enters in the day-close dialog.

    The mobile and bank totals are not typed: they are what the imported statements say
    (see ``services/reconciliation.py``).  Every statement line without a donation and
    every mobile or bank donation without a statement line needs its explanation, keyed
    by :func:`~station_app.services.reconciliation.line_key` / ``donation_key``.
    """

    day: date
    denominations: Mapping[int, int] | None  # fen value → pieces; or None with cash_fen
    counted_cash_fen: int | None
    reason: str = ""
    explanations: Mapping[str, str] = field(default_factory=dict)
    #: The goods of the day, counted per (item, unit) in milli-units; every item that came
    #: in or went out that day (``services/day_goods.py``), each difference with its reason.
    goods_counted: Mapping[ItemKey, int] = field(default_factory=dict)
    goods_reasons: Mapping[ItemKey, str] = field(default_factory=dict)
    #: The book the people were shown; the close is refused if the stock moved since.
    goods_book: Mapping[ItemKey, int] | None = None


@dataclass(frozen=True, slots=True)
class CloseResult:
    day: date
    ledger_seq: int
    expected: ExpectedTotals
    counted: CountedTotals
    differences: Differences
    goods: tuple[ItemCount, ...]
    coordinator: str
    witness: str
    closed_at: str


def _open_close_row(conn: Connection, day: date) -> AnyRow | None:
    return conn.execute(
        select(_CLOSE).where(
            _CLOSE.c.business_day == day.isoformat(), _CLOSE.c.reopened_at.is_(None)
        )
    ).first()


def is_day_closed(conn: Connection, day: str) -> bool:
    return (
        conn.execute(
            select(_CLOSE.c.id).where(_CLOSE.c.business_day == day, _CLOSE.c.reopened_at.is_(None))
        ).first()
        is not None
    )


def day_state(db: StationDatabase, day: date) -> DayState:
    with db.read() as conn:
        row = _open_close_row(conn, day)
        if row is None:
            return DayState(day, False)
        names = dict(conn.execute(select(_OP.c.id, _OP.c.name)).all())
    return DayState(
        day, True, row.closed_at, names.get(row.coordinator_id), names.get(row.witness_id)
    )


def day_to_close(db: StationDatabase, today: date) -> DayState:
    """The day the coordinator should close next: the oldest earlier business day that
    has records but was never closed (a forgotten Friday), else today.

    Days must be closed in order, or a forgotten day's cash would never be counted.
    """
    with db.read() as conn:
        forgotten = conn.execute(
            select(func.min(_DON.c.business_day)).where(
                _DON.c.business_day < today.isoformat(),
                _DON.c.business_day.not_in(
                    select(_CLOSE.c.business_day).where(_CLOSE.c.reopened_at.is_(None))
                ),
            )
        ).scalar()
    return day_state(db, date.fromisoformat(forgotten) if forgotten else today)


def _amount(value: int | None, code: str, zh: str, en: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(code, zh, en, field=code.split(".")[-1])
    return value


#: The day close's witness: a second person counts the cash box with the coordinator.
WITNESS = SecondPersonRule(
    "witness",
    "close.no_witness",
    "请第二位工作人员选择自己的姓名并输入密码",
    "The second person must choose their name and enter their password.",
    "close.same_person",
    "日结需要另一位工作人员用自己的密码确认",
    "A second person must confirm the close with their own password.",
)


def close_day(
    db: StationDatabase,
    session: OperatorSession,
    witness_name: str,
    witness_password: str,
    request: CloseRequest,
    *,
    clock: Clock = utc_now,
) -> CloseResult:
    """Close ``request.day`` after the witness's password is checked; one transaction."""
    if request.denominations is not None:
        cash = count_cash(request.denominations)
    else:
        cash = _amount(
            request.counted_cash_fen,
            "close.cash",
            "请填写清点的现金金额",
            "Enter the counted cash.",
        )
    witness = prove_second_person(db, witness_name, witness_password, WITNESS)
    now = clock().replace(microsecond=0)
    if request.day > local_date(now):
        raise ValidationError(
            "close.future_day",
            "不能日结未来的日期",
            "A day in the future cannot be closed.",
            field="day",
        )
    with db.write() as conn:
        coordinator = require_session(conn, session, Action.CLOSE_DAY)
        require_other_person(conn, coordinator.id, witness, WITNESS)
        if _open_close_row(conn, request.day) is not None:
            raise ConflictError(
                "close.already", f"{request.day} 已经日结", f"{request.day} is already closed."
            )
        expected = expected_in(conn, request.day)
        reconciliations = {kind: reconcile_in(conn, request.day, kind) for kind in RECONCILED_KINDS}
        explained = require_explanations(reconciliations, request.explanations)
        mobile = reconciliations[DonationKind.MOBILE].statement_fen
        bank = reconciliations[DonationKind.BANK].statement_fen
        counted = CountedTotals(cash, mobile, bank)
        diff = differences(expected, counted)
        goods = read_day_goods(conn, request.day)
        counts = compare_counts(
            goods, request.goods_counted, request.goods_reasons, request.goods_book
        )
        # Mobile and bank differences are explained line by line above, the goods item by
        # item; the reason answers for the cash box.
        reason = require_explanation(
            replace(diff, mobile_fen=0, bank_fen=0), clean_text(request.reason)
        )
        at = to_iso(now)
        code = station_code(conn)
        for recon in reconciliations.values():
            if not recon.empty:
                store_reconciliation(
                    conn,
                    recon,
                    explained,
                    coordinator_id=coordinator.id,
                    coordinator=coordinator.name,
                    at=at,
                    station_code=code,
                )
        stocktake = write_close_count(
            conn,
            counts,
            operator=(coordinator.id, coordinator.name),
            witness=(witness.id, witness.name),
            day=request.day,
            at=at,
            code=code,
        )
        _, head_hash = ledger_head(conn)
        denominations = (
            {str(k): v for k, v in sorted(request.denominations.items()) if v}
            if request.denominations is not None
            else None
        )
        entry = append_entry(
            conn,
            type=EntryType.DAY_CLOSED,
            at=at,
            station_code=code,
            data={
                "day": request.day.isoformat(),
                "expected": {
                    "cash_fen": expected.cash_fen,
                    "mobile_fen": expected.mobile_fen,
                    "bank_fen": expected.bank_fen,
                    "in_kind_fen": expected.in_kind_fen,
                    "donations": expected.donations,
                },
                "counted": {
                    "cash_fen": cash,
                    "mobile_fen": mobile,
                    "bank_fen": bank,
                    "denominations": denominations,
                },
                "differences": {
                    "cash_fen": diff.cash_fen,
                    "mobile_fen": diff.mobile_fen,
                    "bank_fen": diff.bank_fen,
                },
                "reason": reason,
                "receipts": {"first": expected.first_receipt, "last": expected.last_receipt},
                "voids": expected.voids,
                "reprints": expected.reprints,
                "coordinator": coordinator.name,
                "witness": witness.name,
                "ledger_head_hash": head_hash,
                **summary_data(goods, counts, stocktake),
            },
        )
        conn.execute(
            insert(_CLOSE).values(
                business_day=request.day.isoformat(),
                expected_cash_fen=expected.cash_fen,
                counted_cash_fen=cash,
                expected_mobile_fen=expected.mobile_fen,
                confirmed_mobile_fen=mobile,
                expected_bank_fen=expected.bank_fen,
                confirmed_bank_fen=bank,
                in_kind_fen=expected.in_kind_fen,
                in_kind_confirmed=all(not c.difference_milli for c in counts),
                difference_fen=diff.total_fen,
                reason=reason,
                denominations=canonical_json(denominations) if denominations is not None else None,
                coordinator_id=coordinator.id,
                witness_id=witness.id,
                closed_at=at,
                ledger_seq=entry.seq,
            )
        )
    return CloseResult(
        request.day, entry.seq, expected, counted, diff, counts, coordinator.name, witness.name, at
    )


def reopen_day(db: StationDatabase, session: OperatorSession, day: date, reason: str) -> int:
    """Unlock a closed day (coordinator only, with a reason); returns the ledger seq."""
    reason = clean_text(reason)
    with db.write() as conn:
        coordinator = require_session(conn, session, Action.REOPEN_DAY)
        if not reason:
            raise ValidationError(
                "reopen.no_reason",
                "重新开启必须填写原因",
                "Reopening a day needs a reason.",
                field="reason",
            )
        row = _open_close_row(conn, day)
        if row is None:
            raise ConflictError(
                "reopen.not_closed", f"{day} 没有日结,无需重新开启", f"{day} is not closed."
            )
        at = to_iso(utc_now())
        code = station_code(conn)
        entry = append_entry(
            conn,
            type=EntryType.DAY_REOPENED,
            at=at,
            station_code=code,
            data={
                "day": day.isoformat(),
                "reason": reason,
                "coordinator": coordinator.name,
                "closed_entry_seq": row.ledger_seq,
            },
        )
        conn.execute(
            update(_CLOSE)
            .where(_CLOSE.c.id == row.id)
            .values(reopened_at=at, reopened_by_id=coordinator.id, reopen_reason=reason)
        )
        return entry.seq


def close_details(db: StationDatabase, day: date) -> dict[str, object] | None:
    """The ledgered content of the day's current close, for the summary PDF."""
    with db.read() as conn:
        row = _open_close_row(conn, day)
        if row is None:
            return None
        payload = conn.execute(
            select(_LEDGER.c.payload).where(_LEDGER.c.seq == row.ledger_seq)
        ).scalar_one()
    data: dict[str, object] = json.loads(payload)["data"]
    return data
