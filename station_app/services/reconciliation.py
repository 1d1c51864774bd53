"""A day's statements against the day's records: the three lists, and their explanation.

For one business day and one kind (mobile or bank): the statement lines of payments on
that day, from every imported statement, and the live donations of that kind recorded on
that day, matched by :mod:`station_app.domain.statements.matching`.  The coordinator
sees three lists: matched; on the statement but not recorded (to be recorded, or
explained); recorded but not on the statement (to be explained).  Refunds and money
going out are shown apart: they are not donations.

At the day's close every unmatched item needs its explanation; the close then stores
the reconciliation and ledgers it as ``statement.reconciled`` (counts, totals, the
fingerprints of the files; no payer identifier) in the close's own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Final

from sqlalchemy import Connection, select

from station_app.domain.donations import DonationKind
from station_app.domain.statements.matching import (
    BANK_WINDOW,
    MOBILE_WINDOW,
    DonationToMatch,
    LineToMatch,
    Window,
    match,
)
from station_app.domain.station_time import STATION_TZ, local_text
from station_app.storage import statement_sql
from station_app.storage.database import StationDatabase
from station_app.storage.models import (
    Donation,
    Receipt,
    StatementImport,
    StatementLineRow,
)

_DON, _REC, _IMP = Donation.__table__, Receipt.__table__, StatementImport.__table__
_LINE = StatementLineRow.__table__
RECONCILED_KINDS: Final = (DonationKind.MOBILE, DonationKind.BANK)
WINDOWS: Final = {DonationKind.MOBILE: MOBILE_WINDOW, DonationKind.BANK: BANK_WINDOW}


@dataclass(frozen=True, slots=True)
class StatementLineView:
    id: int
    source: str
    account: str
    direction: str
    business_day: str
    occurred_at: str | None  # UTC; None when the bank gives a date only
    amount_fen: int
    fee_millifen: int
    reference: str | None
    order_reference: str | None
    payer_masked: str | None
    line_no: int
    file_name: str
    import_id: int

    @property
    def key(self) -> str:
        return line_key(self.id)

    @property
    def when(self) -> str:
        """The wall-clock time for people (the day alone when the bank gave no time)."""
        return local_text(self.occurred_at, "%H:%M:%S") if self.occurred_at else ""


@dataclass(frozen=True, slots=True)
class RecordedView:
    id: int
    receipt_number: str
    recorded_at: str
    paid_at: str | None
    amount_fen: int
    donor_name: str | None
    transaction_reference: str | None

    @property
    def key(self) -> str:
        return donation_key(self.id)


@dataclass(frozen=True, slots=True)
class MatchedPair:
    line: StatementLineView
    donation: RecordedView
    by_reference: bool
    seconds_apart: int


@dataclass(frozen=True, slots=True)
class StatementUsed:
    """A file whose lines took part: named in the ledger by its fingerprint only."""

    import_id: int
    source: str
    account: str
    file_name: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class Reconciliation:
    day: date
    kind: DonationKind
    matched: tuple[MatchedPair, ...]
    not_recorded: tuple[StatementLineView, ...]
    not_on_statement: tuple[RecordedView, ...]
    money_back: tuple[StatementLineView, ...]  # refunds and outgoing, shown apart
    statements: tuple[StatementUsed, ...]

    @property
    def statement_fen(self) -> int:
        """What the statements say was paid in on the day."""
        return sum(p.line.amount_fen for p in self.matched) + sum(
            x.amount_fen for x in self.not_recorded
        )

    @property
    def recorded_fen(self) -> int:
        return sum(p.donation.amount_fen for p in self.matched) + sum(
            x.amount_fen for x in self.not_on_statement
        )

    @property
    def refunds_fen(self) -> int:
        return sum(x.amount_fen for x in self.money_back if x.direction == "refund")

    @property
    def fees_millifen(self) -> int:
        lines = [p.line for p in self.matched] + list(self.not_recorded) + list(self.money_back)
        return sum(x.fee_millifen for x in lines)

    @property
    def lines(self) -> int:
        return len(self.matched) + len(self.not_recorded)

    @property
    def empty(self) -> bool:
        """Nothing to reconcile: no payment line, no donation of this kind."""
        return not (self.matched or self.not_recorded or self.not_on_statement)

    @property
    def balanced(self) -> bool:
        return not self.not_recorded and not self.not_on_statement

    def unmatched_keys(self) -> list[str]:
        return [x.key for x in self.not_recorded] + [x.key for x in self.not_on_statement]


def line_key(line_id: int) -> str:
    return f"line:{line_id}"


def donation_key(donation_id: int) -> str:
    return f"donation:{donation_id}"


def _seconds(iso: str) -> int:
    """Seconds since the epoch of a stored UTC instant (fromisoformat: fast, and exact)."""
    return int(datetime.fromisoformat(iso).timestamp())


def _noon(day: date) -> int:
    return int(datetime.combine(day, time(12), STATION_TZ).timestamp())


def _line_views(conn: Connection, kind: DonationKind, day: date) -> list[StatementLineView]:
    return [
        StatementLineView(*r) for r in statement_sql.day_lines(conn, kind.value, day.isoformat())
    ]


def _recorded_views(conn: Connection, kind: DonationKind, day: date) -> list[RecordedView]:
    return [
        RecordedView(*r) for r in statement_sql.day_donations(conn, kind.value, day.isoformat())
    ]


def reconcile_in(
    conn: Connection, day: date, kind: DonationKind, *, window: Window | None = None
) -> Reconciliation:
    """The reconciliation of ``kind`` on ``day``, read in the caller's transaction."""
    lines = _line_views(conn, kind, day)
    payments = [x for x in lines if x.direction == "payment"]
    recorded = _recorded_views(conn, kind, day)
    result = match(
        [
            LineToMatch(
                x.id,
                x.amount_fen,
                day,
                _seconds(x.occurred_at) if x.occurred_at else _noon(day),
                frozenset(r for r in (x.reference, x.order_reference) if r),
            )
            for x in payments
        ],
        [
            DonationToMatch(
                d.id,
                d.amount_fen,
                day,
                _seconds(d.paid_at or d.recorded_at),
                d.transaction_reference,
            )
            for d in recorded
        ],
        window or WINDOWS[kind],
    )
    line_by_id = {x.id: x for x in payments}
    don_by_id = {d.id: d for d in recorded}
    used = {x.import_id for x in lines}
    statements = conn.execute(
        select(_IMP.c.id, _IMP.c.source, _IMP.c.account, _IMP.c.file_name, _IMP.c.fingerprint)
        .where(_IMP.c.id.in_(used))
        .order_by(_IMP.c.id)
    ).all()
    return Reconciliation(
        day=day,
        kind=kind,
        matched=tuple(
            MatchedPair(line_by_id[p.line], don_by_id[p.donation], p.by_reference, p.seconds_apart)
            for p in result.matched
        ),
        not_recorded=tuple(line_by_id[k] for k in result.not_recorded),
        not_on_statement=tuple(don_by_id[k] for k in result.not_on_statement),
        money_back=tuple(x for x in lines if x.direction != "payment"),
        statements=tuple(StatementUsed(*s) for s in statements),
    )


def reconcile(db: StationDatabase, day: date, kind: DonationKind) -> Reconciliation:
    with db.read() as conn:
        return reconcile_in(conn, day, kind)


def reconcile_day(db: StationDatabase, day: date) -> dict[DonationKind, Reconciliation]:
    """Mobile and bank reconciliations of ``day`` from one consistent snapshot."""
    with db.read() as conn:
        return {kind: reconcile_in(conn, day, kind) for kind in RECONCILED_KINDS}
