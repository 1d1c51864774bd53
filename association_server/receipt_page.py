"""The public page a donor sees after scanning a receipt's QR code with a phone.

It answers two questions in one glance: is this receipt genuine (its Ed25519 signature
verifies under the key the station enrolled with, over the amount and time we received
in the station's ledger), and what is its status (issued, voided, or not yet synced, in
which case we cannot check the amount yet and say so).  Chinese by default, English when
the browser prefers it; a single small HTML page with no scripts, readable at phone width.
"""

from __future__ import annotations

import html
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
from association_server.settings import ReceiverSettings
from station_app.domain.capitals import to_capitals
from station_app.domain.donations import UNDESIGNATED
from station_app.domain.errors import DomainError
from station_app.domain.money import format_fen
from station_app.domain.receipt_numbers import ReceiptNumber, parse_receipt_number
from station_app.domain.receipt_qr import issued_at_from_url
from station_app.domain.signing import decode_key, verify_receipt
from station_app.domain.station_time import from_iso, local_text

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
        if receipt is not None and receipt.designation:
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


def prefers_english(accept_language: str | None) -> bool:
    """The browser's first language choice, by q-value; Chinese unless English wins."""
    best, best_q = "zh", -1.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if tag and q > best_q:
            best, best_q = tag.lower(), q
    return best.startswith("en")


_TEXT = {
    "zh": {
        "title": "捐赠收据核验",
        Verdict.GENUINE: ("真实有效", "这张收据由捐赠站签发，签名核验通过，记录已送达市慈善会。"),
        Verdict.VOIDED: ("已作废", "这张收据确由捐赠站签发，但之后已被作废，不再有效。"),
        Verdict.NOT_SYNCED: (
            "尚未同步",
            "市慈善会暂未收到这张收据的记录。捐赠站通常每天下班时同步，请明天再扫码核验。",
        ),
        "signed_not_synced": (
            "签名有效，尚未同步",
            "这张收据确由捐赠站签发（签名核验通过）。市慈善会暂未收到它的记录；捐赠站通常"
            "每天下班时同步，之后再扫码可看到最终状态。",
        ),
        Verdict.ISSUED_TWICE: (
            "收据真实，但编号重复",
            "这张收据确由捐赠站签发（签名有效），但同一编号被开具了两次。请联系市慈善会核实。",
        ),
        Verdict.FORGED: (
            "无法核验，疑似伪造",
            "签名与记录不符，或编号不存在。请勿相信这张收据，并联系市慈善会。",
        ),
        Verdict.UNSIGNED: (
            "缺少签名",
            "链接中没有签名，无法确认真伪，也不显示收据内容。请直接扫描收据上的二维码。",
        ),
        "number": "收据编号",
        "station": "捐赠站",
        "amount": "金额",
        "capitals": "大写",
        "issued": "开具时间",
        "donor": "捐赠人",
        "designation": "捐赠意向",
        "undesignated": "非定向捐赠",
        "voided_at": "作废时间",
        "official": "公益事业捐赠票据",
        "official_later": "尚未开具(市慈善会开具后在此显示票据号)",
        "footer": "本页面由市慈善会提供，用于核验捐赠收据的真实性。",
    },
    "en": {
        "title": "Donation receipt check",
        Verdict.GENUINE: (
            "Genuine",
            "This receipt was issued by the donation station; its signature is valid and "
            "the record has reached the association.",
        ),
        Verdict.VOIDED: (
            "Voided",
            "This receipt was issued by the donation station but has since been voided.",
        ),
        Verdict.NOT_SYNCED: (
            "Not yet synced",
            "The association has not received this receipt's record yet. Stations sync at "
            "the end of the day; please scan again tomorrow.",
        ),
        "signed_not_synced": (
            "Signature valid, not yet synced",
            "This receipt was issued by the donation station (its signature is valid). The "
            "association has not received its record yet; stations sync at the end of the "
            "day, so scan again later to see its final status.",
        ),
        Verdict.ISSUED_TWICE: (
            "Genuine receipt, but this number was issued twice",
            "This receipt was signed by the donation station, but this number was issued "
            "twice: contact the association.",
        ),
        Verdict.FORGED: (
            "Cannot be verified — possibly forged",
            "The signature does not match our records, or the number does not exist. Do "
            "not rely on this receipt and contact the association.",
        ),
        Verdict.UNSIGNED: (
            "No signature",
            "The link carries no signature, so authenticity cannot be checked and the "
            "receipt's details are not shown. Scan the QR code printed on the receipt.",
        ),
        "number": "Receipt number",
        "station": "Station",
        "amount": "Amount",
        "capitals": "In words",
        "issued": "Issued",
        "donor": "Donor",
        "designation": "Designation",
        "undesignated": "Undesignated",
        "voided_at": "Voided",
        "official": "Official donation receipt",
        "official_later": "Not issued yet (its number will appear here)",
        "footer": "This page is provided by the city charity association to check receipts.",
    },
}
_COLOURS = {
    Verdict.GENUINE: "#1b7f3b",
    Verdict.VOIDED: "#b26a00",
    Verdict.NOT_SYNCED: "#2b5fa8",
    Verdict.ISSUED_TWICE: "#8a4b00",
    Verdict.FORGED: "#b3261e",
    Verdict.UNSIGNED: "#6b6b6b",
}
_STYLE = """
body{margin:0;font-family:"PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",
"Microsoft YaHei",sans-serif;background:#f4f4f4;color:#222;font-size:17px;line-height:1.5}
main{max-width:480px;margin:0 auto;padding:16px}
h1{font-size:18px;font-weight:normal;margin:0 0 12px;color:#555}
.status{color:#fff;border-radius:10px;padding:16px;margin-bottom:12px}
.status strong{display:block;font-size:26px}
dl{background:#fff;border-radius:10px;padding:12px 16px;margin:0}
dt{color:#777;font-size:14px;margin-top:8px}dd{margin:0;word-break:break-all}
footer{color:#888;font-size:13px;margin-top:16px}
"""


def render_page(check: ReceiptCheck, *, english: bool) -> str:
    lang = "en" if english else "zh"
    text = _TEXT[lang]
    headline, explanation = text["signed_not_synced" if check.signature_checked else check.verdict]
    rows: list[tuple[str, str]] = [(str(text["number"]), check.number)]
    if check.station_name:
        rows.append((str(text["station"]), check.station_name))
    if check.verdict in (Verdict.GENUINE, Verdict.VOIDED) or check.signature_checked:
        if check.amount_fen is not None:
            rows.append((str(text["amount"]), format_fen(check.amount_fen)))
            if not english:
                rows.append((str(text["capitals"]), to_capitals(check.amount_fen)))
        if check.issued_at:
            rows.append((str(text["issued"]), local_text(check.issued_at)))
        if check.donor_masked:
            donor = "Anonymous" if english and check.donor_masked == "匿名" else check.donor_masked
            rows.append((str(text["donor"]), donor))
        if check.designation:
            # Every station has "undesignated"; the association need not list it, and a
            # donor should read words, not the code.
            designation = (
                str(text["undesignated"])
                if check.designation == UNDESIGNATED
                else check.designation
            )
            rows.append((str(text["designation"]), designation))
        if check.voided_at:
            rows.append((str(text["voided_at"]), local_text(check.voided_at)))
        elif check.verdict is Verdict.GENUINE:
            rows.append(
                (
                    str(text["official"]),
                    check.official_receipt_number or str(text["official_later"]),
                )
            )
    details = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in rows)
    return (
        f'<!DOCTYPE html><html lang="{"en" if english else "zh-CN"}"><head>'
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(str(text['title']))}</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{html.escape(str(text['title']))}</h1>"
        f'<section class="status" id="status" data-verdict="{check.verdict.value}" '
        f'style="background:{_COLOURS[check.verdict]}">'
        f"<strong>{html.escape(headline)}</strong>{html.escape(explanation)}</section>"
        f"<dl>{details}</dl><footer>{html.escape(str(text['footer']))}</footer>"
        "</main></body></html>"
    )
