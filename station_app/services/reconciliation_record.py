"""What the day close keeps of a reconciliation: the explanations, and its ledger entry.

Matching (``reconciliation``) only reads; closing a day turns its result into a record:
every unmatched line and every mobile or bank donation without a line needs a person's
explanation, and the reconciliation is stored and ledgered in the close's transaction,
so the association can later see what was compared and what was explained.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, insert

from station_app.domain.day_close import MAX_REASON
from station_app.domain.donations import DonationKind, clean_text
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ValidationError
from station_app.domain.money import format_fen
from station_app.services.ledger_writer import append_entry
from station_app.services.reconciliation import Reconciliation
from station_app.storage.models import ReconciliationItem, StatementReconciliation
from station_app.storage.rows import inserted_id

_RECON, _ITEM = StatementReconciliation.__table__, ReconciliationItem.__table__


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
    recon_id = inserted_id(
        conn.execute(
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
        )
    )
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
