"""The receipt on A5 portrait paper: a bordered form, continuation pages for long item lists."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from station_app.domain.capitals import to_capitals
from station_app.domain.goods.lots import NOT_VALUED_NOTE
from station_app.domain.money import format_fen
from station_app.printing.drawing_sheet import (
    A5_SIZE,
    ALERT,
    HAIRLINE,
    INK,
    MUTED,
    RULE,
    SHADE,
    Sheet,
)
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
)
from station_app.printing.receipt_view import ReceiptView
from station_app.printing.text_fit import fit_size, text_width, wrap_text


@dataclass(frozen=True, slots=True)
class _Cell:
    """One label/value pair of the A5 form."""

    zh: str
    en: str
    value: str
    size: float
    bold: bool = False


class _A5:
    """A5 portrait: label/value form, items table, amount box, then the QR footer.

    Long item lists continue on further A5 pages; the amount box always stays on the same
    page as the QR footer.
    """

    W, H = A5_SIZE
    M = 12 * mm  # margin
    CW = W - 2 * M  # content width
    LW = 27 * mm  # label column width
    LEFT_W = 72 * mm  # left cell of a shared row (label + value)
    GUTTER = 4 * mm
    LW_RIGHT = 24 * mm  # label column of the right-hand cell in a shared row
    FOOTER_H = 35 * mm  # QR, its caption and the seal line
    QR = 27 * mm

    def __init__(self, view: ReceiptView) -> None:
        self.v = view
        self.s = Sheet(self.W)
        self.y = self.M
        self.body_top = self.M
        self.footer_top = self.page_bottom
        self.footer_page = 0
        self.page_tops: list[float] = []

    @property
    def page_bottom(self) -> float:
        """Lowest y for content; the strip below holds "第 1/2 页" on long receipts."""
        return self.H - self.M - 12

    # -- pieces ----------------------------------------------------------------------

    def header(self) -> None:
        s, v = self.s, self.v
        cx = self.W / 2
        s.text(cx, self.y + 9, v.association_name, 9, color=MUTED, align="center")
        s.text(cx, self.y + 31, TITLE_ZH, 19, align="center", bold=True)
        s.text(cx, self.y + 43, TITLE_EN, 8.5, color=MUTED, align="center")
        self.y += 51
        s.line(self.M, self.y, self.W - self.M, self.y, width=1.4, color=INK)
        s.line(self.M, self.y + 2.2, self.W - self.M, self.y + 2.2, width=0.4, color=INK)
        self.y += 2.2

    def marks(self) -> None:
        """补打 box in the header's top-right corner; 作废 banner with the reason.

        The diagonal 作废 stamp is added by :func:`render_a5` once the body's extent is
        known, so it can be centred on the body and kept off the QR code.
        """
        s, v = self.s, self.v
        if v.is_reprint:
            bw, bh = 27 * mm, 13 * mm
            x, top = self.W - self.M - bw, self.M + 6
            s.rect(x, top, bw, bh, stroke=ALERT, width=1.1)
            s.text(x + bw / 2, top + 15, "补打 COPY", 11, color=ALERT, align="center", bold=True)
            s.text(x + bw / 2, top + 29, reprint_label(v), 8, color=ALERT, align="center")
        if v.voided:
            self.y += 7
            reason = v.void_reason or "—"
            lines = wrap_text(f"原因 Reason：{reason}", 9, self.CW - 22 * mm - 12)
            bh = max(32.0, 10 + 12 * len(lines))
            s.rect(self.M, self.y, self.CW, bh, stroke=ALERT, width=1.4)
            s.text(self.M + 11 * mm, self.y + bh / 2 + 2, "作废", 14, color=ALERT,
                   align="center", bold=True)  # fmt: skip
            s.text(self.M + 11 * mm, self.y + bh / 2 + 11, "VOID", 7, color=ALERT, align="center")
            s.line(self.M + 22 * mm, self.y + 4, self.M + 22 * mm, self.y + bh - 4,
                   width=0.6, color=ALERT)  # fmt: skip
            text_top = self.y + (bh - 12 * len(lines)) / 2 + 9
            for i, line in enumerate(lines):
                s.text(self.M + 22 * mm + 8, text_top + 12 * i, line, 9, color=ALERT)
            self.y += bh
        self.body_top = self.y

    def _label(self, x: float, y: float, zh: str, en: str) -> None:
        self.s.text(x + 2, y, zh, 9.5, color=MUTED)
        self.s.text(x + 2 + text_width(zh, 9.5) + 3, y, en, 6.5, color=MUTED)

    def fields(self) -> None:
        """The label/value form; short pairs share a row so items keep room on one page."""
        v = self.v
        left_w = self.LEFT_W
        right_x = self.M + left_w + self.GUTTER
        rows: list[list[_Cell]] = [
            [_Cell("凭证编号", "No.", v.receipt_number, 11.5, bold=True)],
            [_Cell("捐赠站点", "Station", f"{v.station_name}  {v.station_code}", 10)],
            [_Cell("日期时间", "Date", issued_local(v), 10)],
            [_Cell("捐赠人", "Donor", donor_text(v), 10)],
            [
                _Cell("捐赠方式", "Method", kind_text(v), 10),
                _Cell("经办人", "Operator", v.operator_name, 10),
            ],
            [_Cell("捐赠用途", "Purpose", v.designation_name, 10)],
        ]
        if v.transaction_reference:
            rows.insert(5, [_Cell("交易单号", "Txn no.", v.transaction_reference, 10)])
        if v.note:
            rows.append([_Cell("备注", "Note", v.note, 9.5)])
        self.y += 3
        for row in rows:
            if len(row) == 1:
                starts, value_ws = [self.M], [self.CW - self.LW - 2]
            else:
                right_value_w = self.W - self.M - right_x - self.LW_RIGHT - 2
                starts, value_ws = [self.M, right_x], [left_w - self.LW - 2, right_value_w]
            label_ws = [self.LW, self.LW_RIGHT]
            wrapped = [wrap_text(cell.value, cell.size, value_ws[i]) for i, cell in enumerate(row)]
            pairs = list(zip(row, wrapped, strict=True))
            row_h = max(6 + (cell.size + 4) * len(lines) for cell, lines in pairs)
            self._need(row_h)
            for i, (cell, lines) in enumerate(pairs):
                first = self.y + 3 + cell.size
                self._label(starts[i], first, cell.zh, cell.en)
                for n, line in enumerate(lines):
                    self.s.text(
                        starts[i] + label_ws[i], first + n * (cell.size + 4), line, cell.size,
                        bold=cell.bold,
                    )  # fmt: skip
            self.y += row_h
            self.s.line(self.M, self.y, self.W - self.M, self.y, width=0.3, color=HAIRLINE)

    # -- items table -----------------------------------------------------------------

    def _item_columns(self) -> tuple[float, float, float, float]:
        """x of: description (left), quantity (right edge), unit (left), value (right edge)."""
        left = self.M + 2
        return left, self.M + 78 * mm, self.M + 80 * mm, self.W - self.M - 2

    def _items_header(self) -> None:
        s = self.s
        d, q, u, val = self._item_columns()
        s.rect(self.M, self.y, self.CW, 16, fill=SHADE)
        base = self.y + 11
        s.text(d, base, "物品 Description", 8.5, color=MUTED)
        s.text(q, base, "数量 Qty", 8.5, color=MUTED, align="right")
        s.text(u, base, "单位 Unit", 8.5, color=MUTED)
        s.text(val, base, "估值 Est. value", 8.5, color=MUTED, align="right")
        self.y += 16

    def items(self) -> None:
        s = self.s
        self.y += 9
        s.text(self.M, self.y + 9, "捐赠物资明细 In-kind items", 9.5, bold=True)
        self.y += 14
        self._items_header()
        d, q, u, val = self._item_columns()
        desc_w = q - d - 16 * mm  # leaves room for the quantity column
        for item in self.v.items:
            lines = wrap_text(item.description, 9.5, desc_w)
            row_h = 7 + 13 * len(lines)
            if self._need(row_h):
                self._items_header()
            base = self.y + 13
            for i, line in enumerate(lines):
                s.text(d, base + 13 * i, line, 9.5)
            qty = item.quantity
            s.text(q, base, qty, fit_size(qty, 9.5, 18 * mm, minimum=6), align="right")
            unit_size = fit_size(item.unit, 9.5, 17 * mm, minimum=6)
            s.text(u, base, item.unit, unit_size)
            s.text(val, base, item_value(item), 9.5, align="right")
            self.y += row_h
            s.line(self.M, self.y, self.W - self.M, self.y, width=0.3, color=HAIRLINE)
        if any(not item.value_fen for item in self.v.items):  # goods by quantity only
            self._need(16)
            s.text(self.M, self.y + 12, NOT_VALUED_NOTE, 9)
            self.y += 16

    # -- amount ----------------------------------------------------------------------

    def amount(self) -> None:
        s, v = self.s, self.v
        in_kind = v.kind == "in_kind"
        capitals = to_capitals(v.amount_fen)
        cap_size = fit_size(capitals, 12, self.CW - self.LW - 8, minimum=7)
        box_h = 46
        # Keep the total together with the QR footer: a page with only the footer (or an
        # amount without its QR) would look like a separate document.
        self._need(10 + box_h + 14 + self.FOOTER_H)
        self.y += 10
        s.rect(self.M, self.y, self.CW, box_h, fill=SHADE, stroke=INK, width=0.8)
        s.line(self.M, self.y + 22, self.W - self.M, self.y + 22, width=0.3, color=RULE)
        label1 = ("估值合计", "Est. total") if in_kind else ("捐赠金额", "Amount")
        label2 = ("大写", "In words")
        self._label(self.M, self.y + 15, *label1)
        s.text(self.M + self.LW, self.y + 16.5, format_fen(v.amount_fen), 14, bold=True)
        self._label(self.M, self.y + 37, *label2)
        s.text(self.M + self.LW, self.y + 38, capitals, cap_size, bold=True)
        self.y += box_h

    # -- footer: QR, statement, seal -------------------------------------------------

    def footer(self) -> None:
        s, v = self.s, self.v
        # The footer follows the content (a half-empty A5 reads better with the blank at
        # the bottom than with a hole in the middle), and never goes below its slot.
        top = self.y + 14
        self.footer_top = top
        self.footer_page = len(s.pages) - 1
        s.line(self.M, top, self.W - self.M, top, width=0.6, color=INK)
        qr_top = top + 8
        s.qr(self.M, qr_top, self.QR, qr_matrix(v.qr_url))
        s.text(self.M + self.QR / 2, qr_top + self.QR + 10, "扫码查验 Scan to verify", 7,
               color=MUTED, align="center")  # fmt: skip
        text_x = self.M + self.QR + 6 * mm
        text_w = self.W - self.M - text_x
        y = qr_top + 8
        for line in wrap_text(statement_zh(v, "左侧"), 8.5, text_w):
            s.text(text_x, y, line, 8.5)
            y += 12
        y += 2
        for line in wrap_text(statement_en(v), 6.8, text_w):
            s.text(text_x, y, line, 6.8, color=MUTED)
            y += 9
        seal_y = max(qr_top + self.QR + 8, y + 10)  # a long association name pushes it down
        s.text(text_x, seal_y, "站点盖章 Station seal：", 8.5, color=MUTED)
        s.line(text_x + text_width("站点盖章 Station seal：", 8.5) + 2, seal_y + 2,
               self.W - self.M, seal_y + 2, width=0.5, color=RULE)  # fmt: skip

    # -- pagination --------------------------------------------------------------------

    def _need(self, height: float) -> bool:
        """Start a continuation page if ``height`` does not fit above the footer."""
        if self.y + height <= self.page_bottom:
            return False
        self._new_page()
        return True

    def _new_page(self) -> None:
        s, v = self.s, self.v
        s.new_page()
        self.y = self.M
        s.text(self.M, self.y + 10, f"{TITLE_ZH}（续） {v.receipt_number}", 10, bold=True)
        self.y += 15
        s.line(self.M, self.y, self.W - self.M, self.y, width=0.8, color=INK)
        self.y += 2
        self.page_tops.append(self.y)
        if v.is_reprint:
            s.text(self.W - self.M, self.M + 10, f"补打 COPY {reprint_label(v)}", 9,
                   color=ALERT, align="right")  # fmt: skip


def render_a5(view: ReceiptView) -> bytes:
    layout = _A5(view)
    layout.header()
    layout.marks()
    layout.fields()
    if view.items:
        layout.items()
    layout.amount()
    layout.footer()
    pages = layout.s.pages
    if view.voided:  # centred on each page's body, clear of the QR footer
        for index in range(len(pages)):
            top = layout.body_top if index == 0 else layout.page_tops[index - 1]
            bottom = layout.footer_top if index == layout.footer_page else layout.page_bottom
            cy = (top + bottom) / 2
            layout.s.stamp(layout.W / 2, cy, "作废 VOID", 58, angle=30, alpha=0.2, page=index)
    if len(pages) > 1:
        for index in range(1, len(pages) + 1):
            label = f"第 {index}/{len(pages)} 页 Page {index}/{len(pages)}"
            x, y = layout.W - layout.M, layout.H - layout.M / 2
            layout.s.text(x, y, label, 7, color=MUTED, align="right", page=index - 1)
    return layout.s.render(layout.H, pdf_meta(view))
