"""The donor's receipt page as HTML: one self-contained page, Chinese or English.

What a phone shows after scanning a receipt's QR code: the verdict of
``receipt_page.check_receipt`` in words and colour, the receipt's facts, and whom to
call when it is in dispute.  No script, no external resource; every value is escaped.
"""

from __future__ import annotations

import html

from association_server.receipt_page import ReceiptCheck, Verdict
from station_app.domain.capitals import to_capitals
from station_app.domain.donations import UNDESIGNATED
from station_app.domain.money import format_fen
from station_app.domain.station_time import local_text


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
