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

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Final

from sqlalchemy import Connection, insert, select

from station_app.domain.day_close import MAX_REASON
from station_app.domain.donations import DonationKind, clean_text
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ValidationError
from station_app.domain.money import format_fen
from station_app.domain.statements.matching import (
    BANK_WINDOW,
    MOBILE_WINDOW,
    DonationToMatch,
    LineToMatch,
    Window,
    match,
)
from station_app.domain.station_time import STATION_TZ, local_text
from station_app.services.ledger_writer import append_entry
from station_app.storage import statement_sql
from station_app.storage.database import StationDatabase
from station_app.storage.models import (
    Donation,
    Receipt,
    ReconciliationItem,
    StatementImport,
    StatementLineRow,
    StatementReconciliation,
)

_DON, _REC, _IMP = Donation.__table__, Receipt.__table__, StatementImport.__table__
_LINE, _RECON, _ITEM = (
    StatementLineRow.__table__,
    StatementReconciliation.__table__,
    ReconciliationItem.__table__,
)
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


# -- explanations, and the record the close keeps -----------------------------------------


def require_explanations(
    reconciliations: Mapping[DonationKind, Reconciliation], explanations: Mapping[str, str]
) -> dict[str, str]:
    """Every unmatched item's explanation, cleaned; refused naming the first one missing."""
    cleaned: dict[str, str] = {}
    missing_zh: list[str] = []
    missing_en: list[str] = []
    for recon in reconciliations.values():
        for line in recon.not_recorded:
            text = clean_text(explanations.get(line.key, ""))
            if text:
                cleaned[line.key] = text
            else:
                missing_zh.append(f"对账单上 {line.when} {format_fen(line.amount_fen)}")
                missing_en.append(f"statement {line.when} {format_fen(line.amount_fen)}")
        for don in recon.not_on_statement:
            text = clean_text(explanations.get(don.key, ""))
            if text:
                cleaned[don.key] = text
            else:
                missing_zh.append(f"收据 {don.receipt_number}")
                missing_en.append(f"receipt {don.receipt_number}")
    too_long = [k for k, v in cleaned.items() if len(v) > MAX_REASON]
    if too_long:
        raise ValidationError(
            "reconcile.explanation_too_long",
            f"每条说明最多 {MAX_REASON} 个字",
            f"Each explanation can have at most {MAX_REASON} characters.",
            field="explanations",
        )
    if missing_zh:
        shown = len(missing_zh)
        raise ValidationError(
            "reconcile.explanation_required",
            f"还有 {shown} 笔未对上的款项没有说明：" + "；".join(missing_zh[:5]),
            f"{shown} unmatched item(s) have no explanation: " + "; ".join(missing_en[:5]),
            field="explanations",
        )
    return cleaned


def _entry_data(
    recon: Reconciliation, explained: Mapping[str, str], coordinator: str
) -> dict[str, Any]:
    unmatched: list[dict[str, Any]] = [
        {
            "side": "statement",
            "amount_fen": x.amount_fen,
            "at": x.occurred_at,
            "reference": x.reference,
            "explanation": explained[x.key],
        }
        for x in recon.not_recorded
    ]
    unmatched += [
        {
            "side": "records",
            "amount_fen": x.amount_fen,
            "receipt": x.receipt_number,
            "explanation": explained[x.key],
        }
        for x in recon.not_on_statement
    ]
    return {
        "day": recon.day.isoformat(),
        "kind": recon.kind.value,
        "statements": [
            {"source": s.source, "account": s.account or None, "fingerprint": s.fingerprint}
            for s in recon.statements
        ],
        "counts": {
            "lines": recon.lines,
            "matched": len(recon.matched),
            "matched_by_reference": sum(1 for p in recon.matched if p.by_reference),
            "not_recorded": len(recon.not_recorded),
            "not_on_statement": len(recon.not_on_statement),
            "refunds": sum(1 for x in recon.money_back if x.direction == "refund"),
        },
        "totals": {
            "statement_fen": recon.statement_fen,
            "recorded_fen": recon.recorded_fen,
            "refunds_fen": recon.refunds_fen,
            "fees_millifen": recon.fees_millifen,
        },
        "unmatched": unmatched,
        "by": coordinator,
    }


def store_reconciliation(
    conn: Connection,
    recon: Reconciliation,
    explained: Mapping[str, str],
    *,
    coordinator_id: int,
    coordinator: str,
    at: str,
    station_code: str,
) -> int:
    """Keep and ledger one reconciliation inside the close's transaction; its seq."""
    entry = append_entry(
        conn,
        type=EntryType.STATEMENT_RECONCILED,
        at=at,
        station_code=station_code,
        data=_entry_data(recon, explained, coordinator),
    )
    recon_id = conn.execute(
        insert(_RECON).values(
            business_day=recon.day.isoformat(),
            kind=recon.kind.value,
            lines=recon.lines,
            matched=len(recon.matched),
            not_recorded=len(recon.not_recorded),
            not_on_statement=len(recon.not_on_statement),
            statement_fen=recon.statement_fen,
            recorded_fen=recon.recorded_fen,
            refunds_fen=recon.refunds_fen,
            fees_millifen=recon.fees_millifen,
            reconciled_at=at,
            coordinator_id=coordinator_id,
            ledger_seq=entry.seq,
        )
    ).inserted_primary_key[0]
    items = [
        {
            "reconciliation_id": recon_id,
            "side": "matched",
            "line_id": p.line.id,
            "donation_id": p.donation.id,
            "by_reference": p.by_reference,
            "explanation": None,
        }
        for p in recon.matched
    ]
    items += [
        {
            "reconciliation_id": recon_id,
            "side": "statement",
            "line_id": x.id,
            "donation_id": None,
            "by_reference": False,
            "explanation": explained[x.key],
        }
        for x in recon.not_recorded
    ]
    items += [
        {
            "reconciliation_id": recon_id,
            "side": "records",
            "line_id": None,
            "donation_id": x.id,
            "by_reference": False,
            "explanation": explained[x.key],
        }
        for x in recon.not_on_statement
    ]
    if items:
        conn.execute(insert(_ITEM), items)
    return entry.seq
