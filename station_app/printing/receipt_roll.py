"""The receipt on an 80 mm thermal roll: one column, centred headings, dashed rules, and a
page exactly as tall as its content.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.units import mm

from station_app.domain.capitals import to_capitals
from station_app.domain.goods.lots import NOT_VALUED_NOTE
from station_app.domain.money import format_fen
from station_app.printing.drawing_sheet import ALERT, HAIRLINE, INK, MUTED, ROLL_WIDTH, RULE, Sheet
from station_app.printing.qr_code import qr_matrix
from station_app.printing.receipt_content import (
    TITLE_EN,
    TITLE_ZH,
    donor_text,
    issued_local,
    item_value,
    kind_text,
    pdf_meta,
    reprint_label,
    statement_en,
    statement_zh,
    unit_separator,
)
from station_app.printing.receipt_view import ReceiptView
from station_app.printing.text_fit import fit_size, wrap_text


def render_roll(view: ReceiptView) -> bytes:
    """80 mm roll: one column, centred headings, dashed separators, height from content."""
    width = ROLL_WIDTH
    m = 4 * mm
    cw = width - 2 * m
    cx = width / 2
    lw = 15 * mm
    s = Sheet(width)
    y = m + 2

    def dashed(y_: float) -> None:
        s.line(m, y_, width - m, y_, width=0.6, color=INK, dash=(2, 1.6))

    def centred(text: str, size: float, *, color: Color = INK, bold: bool = False) -> None:
        nonlocal y
        for line in wrap_text(text, size, cw):
            y += size + 2.5
            s.text(cx, y, line, size, color=color, align="center", bold=bold)

    # Header
    centred(view.association_name, 8, color=MUTED)
    y += 4
    centred(TITLE_ZH, 14, bold=True)
    y += 1
    centred(TITLE_EN, 7, color=MUTED)
    y += 5

    if view.is_reprint:
        text = f"补打 COPY  {reprint_label(view)}"
        s.rect(m, y, cw, 18, stroke=ALERT, width=1.0)
        s.text(cx, y + 12.5, text, 9.5, color=ALERT, align="center", bold=True)
        y += 18 + 4
    if view.voided:
        lines = wrap_text(f"原因 Reason：{view.void_reason or '—'}", 8, cw - 10)
        bh = 26 + 11 * len(lines)
        s.rect(m, y, cw, bh, stroke=ALERT, width=1.6)
        s.text(cx, y + 19, "作废 VOID", 15, color=ALERT, align="center", bold=True)
        for i, line in enumerate(lines):
            s.text(m + 5, y + 33 + 11 * i, line, 8, color=ALERT)
        y += bh + 4

    dashed(y)
    body_top = y
    y += 3

    # Fields
    rows: list[tuple[str, str, float, bool]] = [
        ("凭证编号", view.receipt_number, 9, True),
        ("捐赠站点", view.station_name, 8.5, False),
        ("站点编号", view.station_code, 8.5, False),
        ("日期时间", issued_local(view), 8.5, False),
        ("捐赠人", donor_text(view), 8.5, False),
        ("捐赠方式", kind_text(view), 8.5, False),
        ("捐赠用途", view.designation_name, 8.5, False),
        ("经办人", view.operator_name, 8.5, False),
    ]
    if view.transaction_reference:
        rows.insert(6, ("交易单号", view.transaction_reference, 8.5, False))
    if view.note:
        rows.append(("备注", view.note, 8, False))
    for label, value, size, bold in rows:
        lines = wrap_text(value, size, cw - lw)
        y += size + 3
        s.text(m, y, label, 8, color=MUTED)
        for i, line in enumerate(lines):
            s.text(m + lw, y + i * (size + 2.5), line, size, bold=bold)
        y += (len(lines) - 1) * (size + 2.5) + 1.5

    # Items
    if view.items:
        y += 4
        dashed(y)
        y += 11
        s.text(m, y, "捐赠物资明细", 8.5, bold=True)
        y += 4
        value_right = width - m
        qty_right = value_right - 19 * mm
        desc_w = qty_right - m - 13 * mm
        y += 10
        s.text(m, y, "物品", 7.5, color=MUTED)
        s.text(qty_right, y, "数量/单位", 7.5, color=MUTED, align="right")
        s.text(value_right, y, "估值", 7.5, color=MUTED, align="right")
        y += 3
        s.line(m, y, width - m, y, width=0.3, color=RULE)
        for index, item in enumerate(view.items):
            if index:  # a hairline between items keeps wrapped descriptions apart
                s.line(m, y, width - m, y, width=0.25, color=HAIRLINE, dash=(1, 1.5))
            lines = wrap_text(item.description, 8, desc_w)
            y += 11
            for i, line in enumerate(lines):
                s.text(m, y + 10 * i, line, 8)
            qty = f"{item.quantity}{unit_separator(item)}{item.unit}"
            s.text(qty_right, y, qty, fit_size(qty, 8, 12 * mm, minimum=5.5), align="right")
            s.text(value_right, y, item_value(item), 8, align="right")
            y += 10 * (len(lines) - 1) + 3.5
        if any(not item.value_fen for item in view.items):  # goods by quantity only
            y += 11
            s.text(m, y, NOT_VALUED_NOTE, 7.5)
        y += 1

    # Amount
    y += 3
    body_bottom = y
    s.line(m, y, width - m, y, width=1.2, color=INK)
    in_kind = view.kind == "in_kind"
    y += 17
    s.text(m, y, "估值合计" if in_kind else "金额", 9, color=MUTED)
    s.text(width - m, y, format_fen(view.amount_fen), 15, align="right", bold=True)
    capitals = to_capitals(view.amount_fen)
    cap_lines = wrap_text(capitals, 9.5, cw)
    for line in cap_lines:
        y += 14
        s.text(width - m, y, line, 9.5, align="right", bold=True)
    y += 6
    s.line(m, y, width - m, y, width=1.2, color=INK)

    # QR and statement
    qr = 36 * mm
    y += 8
    s.qr(cx - qr / 2, y, qr, qr_matrix(view.qr_url))
    y += qr
    y += 10
    s.text(cx, y, "扫码查验 Scan to verify", 7, color=MUTED, align="center")
    y += 6
    for line in wrap_text(statement_zh(view, "上方"), 7.5, cw):
        y += 10.5
        s.text(m, y, line, 7.5)
    y += 2
    for line in wrap_text(statement_en(view), 6, cw):
        y += 8
        s.text(m, y, line, 6, color=MUTED)
    y += 8
    dashed(y)
    y += 11
    s.text(cx, y, "谢谢您的爱心！Thank you!", 8, align="center")
    height = y + m + 4

    if view.voided:  # over the fields, away from the QR code so it stays scannable
        s.stamp(cx, (body_top + body_bottom) / 2, "作废 VOID", 40, angle=30, alpha=0.2)
    return s.render(height, pdf_meta(view))
