"""The public page a donor sees after scanning a receipt's QR code with a phone.

It answers two questions in one glance: is this receipt genuine (its Ed25519 signature
verifies under the key the station enrolled with, over the amount and time we received
in the station's ledger), and what is its status (issued, voided, or not yet synced, in
which case we cannot check the amount yet and say so).  Chinese by default, English when
the browser prefers it; a single small HTML page with no scripts, readable at phone width.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from association_server.clock import now_iso
from association_server.db import read_transaction
from association_server.incident_kinds import IncidentKind
from association_server.incidents import Finding, store_once
from association_server.models import (
    DesignationRow,
    LedgerRow,
    ReceiptRow,
    ReceiptVersionRow,
    StationRow,
)
from association_server.receipt_scans import record_scan
from association_server.settings import ReceiverSettings
from station_app.domain.donations import UNDESIGNATED
from station_app.domain.errors import DomainError
from station_app.domain.receipt_numbers import ReceiptNumber, parse_receipt_number
from station_app.domain.receipt_qr import issued_at_from_url
from station_app.domain.signing import decode_key, verify_receipt
from station_app.domain.station_time import from_iso

_S, _R, _D, _V, _L = (
    StationRow.__table__,
    ReceiptRow.__table__,
    DesignationRow.__table__,
    ReceiptVersionRow.__table__,
    LedgerRow.__table__,
)


class Verdict(StrEnum):
    GENUINE = "genuine"  # signature checks out, receipt issued
    VOIDED = "voided"  # signature checks out, receipt later voided
    NOT_SYNCED = "not_synced"  # known station, record not received yet
    ISSUED_TWICE = "issued_twice"  # the station's own signature, but the number is in dispute
    FORGED = "forged"  # signature wrong, station unknown, or nonsense
    UNSIGNED = "unsigned"  # the link carried no signature: nothing to check, nothing shown


@dataclass(frozen=True, slots=True)
class ReceiptCheck:
    verdict: Verdict
    number: str
    station_name: str | None = None
    amount_fen: int | None = None
    issued_at: str | None = None
    donor_masked: str | None = None
    designation: str | None = None
    voided_at: str | None = None
    official_receipt_number: str | None = None
    signature_checked: bool = False  # NOT_SYNCED: the link's amount and time verified


def _signed_amount(text: str | None) -> int | None:
    if text is None or not text.isascii() or not text.isdigit() or len(text) > 12:
        return None
    amount = int(text)
    return amount if amount > 0 else None


@dataclass(frozen=True, slots=True)
class _Known:
    """What the association holds about one number, read in one transaction."""

    station: Any
    receipt: Any
    versions: list[tuple[int, str]]  # other (amount_fen, issued_at) the station sent
    designation: str | None
    legacy_possible: bool  # could a link without a/t be one the station printed?


def _legacy_possible(conn: Connection, station: Any, parsed: ReceiptNumber, cutoff: str) -> bool:
    """Could this number have been printed before receipts carried their signed values?

    Not if its year is after the change, nor if the station has sent a receipt of that
    year issued after the change with a serial at or below this one (serials grow with
    time), nor if the station synced after the change and this number is above all it
    sent (a receipt not received was issued after that sync).
    """
    if parsed.year > int(cutoff[:4]):
        return False
    in_year = and_(_R.c.station_code == parsed.station_code, _R.c.year == parsed.year)
    first_signed = conn.execute(
        select(func.min(_R.c.serial)).where(in_year, _R.c.issued_at >= cutoff)
    ).scalar()
    if first_signed is not None and parsed.serial >= first_signed:
        return False
    highest = conn.execute(select(func.max(_R.c.serial)).where(in_year)).scalar() or 0
    synced_since = station.last_received_at is not None and station.last_received_at >= cutoff
    return not (synced_since and parsed.serial > highest)


def _read(engine: Engine, parsed: ReceiptNumber, cutoff: str) -> _Known:
    number = str(parsed)
    with read_transaction(engine) as conn:
        station = conn.execute(
            select(
                _S.c.code,
                _S.c.name,
                _S.c.public_key,
                _S.c.created_at,
                _S.c.enrolled_at,
                _S.c.last_received_at,
            ).where(_S.c.code == parsed.station_code)
        ).first()
        receipt = conn.execute(
            select(_R).where(and_(_R.c.number == number, _R.c.station_code == parsed.station_code))
        ).first()
        versions = [
            (r.amount_fen, r.issued_at)
            for r in conn.execute(
                select(_V.c.amount_fen, _V.c.issued_at).where(
                    and_(_V.c.number == number, _V.c.station_code == parsed.station_code)
                )
            )
        ]
        designation = None
        if receipt is not None and receipt.designation == UNDESIGNATED:
            designation = UNDESIGNATED  # the page names it in the reader's language
        elif receipt is not None and receipt.designation:
            designation = (
                conn.execute(select(_D.c.name).where(_D.c.code == receipt.designation)).scalar()
                or (
                    None
                    if receipt.designation == UNDESIGNATED  # the page words it itself
                    else _named_in_entry(conn, receipt.station_code, receipt.seq)
                )
                or receipt.designation
            )
        legacy = station is not None and _legacy_possible(conn, station, parsed, cutoff)
    return _Known(station, receipt, versions, designation, legacy)


def _named_in_entry(conn: Connection, station_code: str, seq: int) -> str | None:
    """The fund's name as the station's entry gave it (issue 17), for a fund or project
    the association does not list: a donor reads a name, never a code like BJJ-FUND."""
    payload = conn.execute(
        select(_L.c.payload).where(and_(_L.c.station_code == station_code, _L.c.seq == seq))
    ).scalar()
    if payload is None:
        return None
    try:
        name = json.loads(payload).get("data", {}).get("designation_name")
    except (ValueError, AttributeError):
        return None
    return name if isinstance(name, str) and name else None


def _note_silence(engine: Engine, station: Any, number: str, settings: ReceiverSettings) -> None:
    """A donor checks a receipt of a station that has not synced for days: tell the association."""
    last = station.last_received_at or station.enrolled_at or station.created_at
    days = (from_iso(now_iso()) - from_iso(last)).days
    if days < settings.silent_days:
        return
    never = "has never synced" if station.last_received_at is None else f"last synced {last}"
    finding = Finding(
        IncidentKind.STATION_SILENT,
        None,
        f"The station {never} ({days} days ago) while donors scan its receipts (e.g. {number}).",
    )
    store_once(engine, station.code, finding, since=last)


def check_receipt(
    engine: Engine,
    number: str,
    signature: str | None,
    *,
    amount: str | None = None,
    issued: str | None = None,
    settings: ReceiverSettings | None = None,
) -> ReceiptCheck:
    """Decide what the page says; never raises for anything a URL can contain.

    ``amount`` and ``issued`` are the link's ``a`` and ``t``: with them a receipt the
    association has not received yet can still be told genuine or forged, and a genuine
    signature over values other than those received proves the number was issued twice
    (an incident, raised once per receipt).  A link without them is the form printed
    before the change (:data:`~association_server.settings.SIGNED_QR_SINCE`): accepted
    as "not yet synced" only for a number that could date from before it, so a random
    signature reads "forged" whether the number exists or not.
    """
    settings = settings or ReceiverSettings()
    try:
        parsed = parse_receipt_number(number)
    except DomainError:
        return ReceiptCheck(Verdict.FORGED, number[:60])
    number = str(parsed)
    known = _read(engine, parsed, settings.signed_qr_since)
    station, receipt = known.station, known.receipt
    if station is None or station.public_key is None:
        return ReceiptCheck(Verdict.FORGED, number)
    if signature is None:
        # Receipt numbers run in order, so without the signature (which only the receipt's
        # holder has) the page must not say whether a number exists, let alone show its
        # amount and donor: anyone could walk through a station's whole year.
        return ReceiptCheck(Verdict.UNSIGNED, number, station.name)
    key = decode_key(station.public_key)

    def signs(amount_fen: int, issued_at: str) -> bool:
        return verify_receipt(key, signature, number, amount_fen, issued_at, parsed.station_code)

    twice = ReceiptCheck(Verdict.ISSUED_TWICE, number, station.name)
    if amount is not None or issued is not None:
        amount_fen, issued_at = _signed_amount(amount), issued_at_from_url(issued)
        if amount_fen is None or issued_at is None or not signs(amount_fen, issued_at):
            return ReceiptCheck(Verdict.FORGED, number, station.name)
        _note_silence(engine, station, number, settings)
        if receipt is None:
            record_scan(engine, station.code, number, amount_fen, issued_at)
            return ReceiptCheck(
                Verdict.NOT_SYNCED,
                number,
                station.name,
                amount_fen=amount_fen,
                issued_at=issued_at,
                signature_checked=True,
            )
        if (receipt.amount_fen, receipt.issued_at) != (amount_fen, issued_at):
            finding = Finding(
                IncidentKind.NUMBER_ISSUED_TWICE,
                receipt.seq,
                f"A donor scanned receipt {number} genuinely signed for {amount_fen} fen at "
                f"{issued_at}; the association holds {receipt.amount_fen} fen at "
                f"{receipt.issued_at} under that number.",
                receipt_number=number,
            )
            store_once(engine, station.code, finding)
            return twice
    elif receipt is None:
        if known.legacy_possible and 80 <= len(signature) <= 90:
            # A link printed before receipts carried amount and time: nothing to check yet.
            return ReceiptCheck(Verdict.NOT_SYNCED, number, station.name)
        return ReceiptCheck(Verdict.FORGED, number, station.name)
    elif not signs(receipt.amount_fen, receipt.issued_at):
        if any(signs(a, t) for a, t in known.versions):
            return twice
        return ReceiptCheck(Verdict.FORGED, number, station.name)
    if known.versions:
        return twice
    verdict = Verdict.VOIDED if receipt.voided_at else Verdict.GENUINE
    return ReceiptCheck(
        verdict,
        number,
        station_name=station.name,
        amount_fen=receipt.amount_fen,
        issued_at=receipt.issued_at,
        donor_masked=receipt.donor_masked,
        designation=known.designation,
        voided_at=receipt.voided_at,
        official_receipt_number=receipt.official_receipt_number,
    )
