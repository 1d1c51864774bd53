"""Render a donation receipt (捐赠凭证) as a PDF, for A5 paper or an 80 mm receipt roll.

Why it is built this way:

* The PDF is the single source of truth: the app previews and prints this very file
  through QtPdf and archives it, so what the donor holds is exactly what was recorded.
* Only the bundled WenQuanYi Micro Hei is used, subset-embedded (see :mod:`.fonts`), so the
  receipt prints the same on any PC and poppler never needs ``poppler-data``.  There is
  no bold face in the font; headings use fill+stroke text instead of a second font.
* The QR code is encoded with a *fixed* mask (qrcode's automatic mask search costs about
  14 ms) and drawn as one vector path of merged runs, which keeps a receipt near 10 ms and
  prints crisply on 203 dpi thermal heads.
* Drawing goes through :class:`_Sheet`, which records operations with top-down
  coordinates and replays them onto a reportlab canvas.  The roll layout needs its page
  height before drawing, and the A5 layout needs the page count for "第 1/2 页"; recording
  once gives both without laying out twice.
* The output is reproducible (``invariant=True``): the same view gives the same bytes,
  so an archived receipt can be compared byte-for-byte with a re-render.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final, Literal

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from station_app.domain.capitals import to_capitals
from station_app.domain.goods.lots import NOT_VALUED_NOTE
from station_app.domain.money import format_fen
from station_app.domain.station_time import STATION_TZ
from station_app.printing.fonts import CJK_FONT, cjk_font, register_cjk_font
from station_app.printing.layouts import ReceiptLayout
from station_app.printing.qr_code import draw_qr, qr_matrix
from station_app.printing.receipt_view import KIND_LABELS, ReceiptItem, ReceiptView
from station_app.printing.text_fit import fit_size, text_width, wrap_text

__all__ = ["ReceiptLayout", "render_receipt_pdf"]


A5_SIZE: Final = (148 * mm, 210 * mm)
ROLL_WIDTH: Final = 80 * mm

INK: Final = HexColor("#111111")
MUTED: Final = HexColor("#5a5a5a")
RULE: Final = HexColor("#9a9a9a")
HAIRLINE: Final = HexColor("#c8c8c8")
SHADE: Final = HexColor("#f0f0f0")
ALERT: Final = HexColor("#b3121b")

TITLE_ZH: Final = "社区慈善捐赠凭证"
TITLE_EN: Final = "Donation Voucher"
ANONYMOUS_ZH: Final = "匿名"


_CHINA_TZ: Final = STATION_TZ


# --------------------------------------------------------------------------------------
# Recording sheet (top-down coordinates)
# --------------------------------------------------------------------------------------

_Op = Callable[[Canvas, float], None]


@dataclass(frozen=True, slots=True)
class _Text:
    """One line of regular-weight text, left-aligned at (x, y-from-top)."""

    x: float
    y: float
    text: str
    size: float
    color: Color


@dataclass(slots=True)
class _Page:
    """What one page draws, in painting order: rules and boxes, then text, then overlays.

    Text comes after the graphics because every box on a receipt is a frame or a shade
    *behind* its text; putting all regular text of a page into one PDF text object, with
    font and colour set only when they change, keeps the content stream (and the time to
    write and compress it) close to what the words themselves need.
    """

    graphics: list[_Op] = field(default_factory=list)
    texts: list[_Text] = field(default_factory=list)
    overlays: list[_Op] = field(default_factory=list)  # faux-bold text, the VOID stamp

    def paint(self, c: Canvas, h: float) -> None:
        for op in self.graphics:
            op(c, h)
        if self.texts:
            t = c.beginText()
            size: float | None = None
            color: Color | None = None
            for item in self.texts:
                if item.size != size:
                    size = item.size
                    t.setFont(CJK_FONT, size)
                if item.color != color:
                    color = item.color
                    t.setFillColor(color)
                t.setTextOrigin(item.x, h - item.y)
                t.textOut(item.text)
            c.drawText(t)
        for op in self.overlays:
            op(c, h)


class _Sheet:
    """Records drawing with y measured downwards from the top of the page, then replays."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.pages: list[_Page] = [_Page()]

    def _add(self, op: _Op) -> None:
        self.pages[-1].graphics.append(op)

    def new_page(self) -> None:
        self.pages.append(_Page())

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        color: Color = INK,
        align: Literal["left", "right", "center"] = "left",
        bold: bool = False,
        page: int = -1,
    ) -> None:
        """Draw one line of text with its baseline at ``y`` (from the top)."""
        if align != "left":
            w = text_width(text, size)
            x = x - w if align == "right" else x - w / 2
        if not bold:
            self.pages[page].texts.append(_Text(x, y, text, size, color))
            return

        def op(c: Canvas, h: float) -> None:
            c.setFillColor(color)
            c.setFont(CJK_FONT, size)  # a text object starts with the canvas's font
            t = c.beginText(x, h - y)
            t.setFont(CJK_FONT, size)
            t.setTextRenderMode(2)  # fill + stroke: a faux bold from the one face
            c.setStrokeColor(color)
            c.setLineWidth(size * 0.035)
            t.textOut(text)
            t.setTextRenderMode(0)  # Tr persists across BT/ET: reset it
            c.drawText(t)

        self.pages[page].overlays.append(op)

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        *,
        width: float = 0.5,
        color: Color = RULE,
        dash: tuple[float, ...] | None = None,
    ) -> None:
        def op(c: Canvas, h: float) -> None:
            c.setStrokeColor(color)
            c.setLineWidth(width)
            c.setDash(list(dash) if dash else [])
            c.line(x1, h - y1, x2, h - y2)
            if dash:
                c.setDash([])

        self._add(op)

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h_: float,
        *,
        fill: Color | None = None,
        stroke: Color | None = None,
        width: float = 0.5,
    ) -> None:
        """A rectangle whose top-left corner is (x, y)."""

        def op(c: Canvas, h: float) -> None:
            if fill is not None:
                c.setFillColor(fill)
            if stroke is not None:
                c.setStrokeColor(stroke)
                c.setLineWidth(width)
            c.rect(x, h - y - h_, w, h_, stroke=int(stroke is not None), fill=int(fill is not None))

        self._add(op)

    def qr(self, x: float, y: float, size: float, matrix: list[list[bool]]) -> None:
        self._add(lambda c, h: draw_qr(c, matrix, x, h - y - size, size))

    def stamp(
        self,
        cx: float,
        cy: float,
        text: str,
        size: float,
        *,
        angle: float,
        alpha: float,
        page: int = -1,
    ) -> None:
        """Large translucent text centred on (cx, cy), rotated: the 作废 VOID mark.

        It is added to ``page`` after the layout is known, so it can be centred on the body
        (away from the QR code); drawn on top but translucent, the text stays readable and
        the shaded amount box cannot hide it.
        """

        def op(c: Canvas, h: float) -> None:
            c.saveState()
            c.translate(cx, h - cy)
            c.rotate(angle)
            c.setFillColor(ALERT)
            c.setFillAlpha(alpha)
            c.setFont(CJK_FONT, size)
            c.drawCentredString(0, -size * 0.35, text)
            c.restoreState()

        self.pages[page].overlays.append(op)

    def render(self, height: float, meta: dict[str, str]) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(
            buffer,
            pagesize=(self.width, height),
            invariant=True,
            pageCompression=1,
            initialFontName=CJK_FONT,  # never let Helvetica (not embedded) into the file
            initialFontSize=10,
        )
        cjk_font().prime(canvas._doc)  # the template's characters: one cached subset
        canvas.setTitle(meta["title"])
        canvas.setAuthor(meta["author"])
        canvas.setSubject(meta["subject"])
        canvas.setCreator("Donation Station Desk")
        for page in self.pages:
            page.paint(canvas, height)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()


# --------------------------------------------------------------------------------------
# Content shared by both layouts
# --------------------------------------------------------------------------------------


def _issued_local(view: ReceiptView) -> str:
    local = view.issued_at.astimezone(_CHINA_TZ)
    return f"{local:%Y年%m月%d日 %H:%M:%S} 北京时间"


def _donor(view: ReceiptView) -> str:
    name = view.donor_display.strip()
    if not name or name == ANONYMOUS_ZH:
        return f"{ANONYMOUS_ZH} Anonymous"
    return name


def _kind(view: ReceiptView) -> str:
    zh, en = KIND_LABELS[view.kind]
    return f"{zh} {en}"


def _statement_zh(view: ReceiptView, where: str) -> str:
    return (
        f"本凭证是社区慈善捐赠站点出具的捐赠凭证（收据），确认已收到上述捐赠。"
        f"正式的《公益事业捐赠票据》由{view.association_name}另行开具，"
        f"可扫描{where}二维码查询票据及本凭证真伪。"
    )


def _statement_en(view: ReceiptView) -> str:
    return (
        "This voucher confirms receipt of the donation above. The official charitable "
        f"donation receipt is issued later by {view.association_name}; scan the QR code "
        "to look it up and to check this voucher."
    )


def _meta(view: ReceiptView) -> dict[str, str]:
    return {
        "title": f"{TITLE_ZH} {view.receipt_number}",
        "author": f"{view.station_name} ({view.station_code})",
        "subject": f"{view.association_name} {TITLE_EN}",
    }


def _reprint_label(view: ReceiptView) -> str:
    return f"第{view.print_number}次打印"


# --------------------------------------------------------------------------------------
# A5 portrait
# --------------------------------------------------------------------------------------


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
        self.s = _Sheet(self.W)
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

        The diagonal 作废 stamp is added by :func:`_render_a5` once the body's extent is
        known, so it can be centred on the body and kept off the QR code.
        """
        s, v = self.s, self.v
        if v.is_reprint:
            bw, bh = 27 * mm, 13 * mm
            x, top = self.W - self.M - bw, self.M + 6
            s.rect(x, top, bw, bh, stroke=ALERT, width=1.1)
            s.text(x + bw / 2, top + 15, "补打 COPY", 11, color=ALERT, align="center", bold=True)
            s.text(x + bw / 2, top + 29, _reprint_label(v), 8, color=ALERT, align="center")
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
            [_Cell("日期时间", "Date", _issued_local(v), 10)],
            [_Cell("捐赠人", "Donor", _donor(v), 10)],
            [
                _Cell("捐赠方式", "Method", _kind(v), 10),
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
            s.text(val, base, _value(item), 9.5, align="right")
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
        for line in wrap_text(_statement_zh(v, "左侧"), 8.5, text_w):
            s.text(text_x, y, line, 8.5)
            y += 12
        y += 2
        for line in wrap_text(_statement_en(v), 6.8, text_w):
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
            s.text(self.W - self.M, self.M + 10, f"补打 COPY {_reprint_label(v)}", 9,
                   color=ALERT, align="right")  # fmt: skip


def _render_a5(view: ReceiptView) -> bytes:
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
    return layout.s.render(layout.H, _meta(view))


# --------------------------------------------------------------------------------------
# 80 mm roll
# --------------------------------------------------------------------------------------


def _render_roll(view: ReceiptView) -> bytes:
    """80 mm roll: one column, centred headings, dashed separators, height from content."""
    width = ROLL_WIDTH
    m = 4 * mm
    cw = width - 2 * m
    cx = width / 2
    lw = 15 * mm
    s = _Sheet(width)
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
        text = f"补打 COPY  {_reprint_label(view)}"
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
        ("日期时间", _issued_local(view), 8.5, False),
        ("捐赠人", _donor(view), 8.5, False),
        ("捐赠方式", _kind(view), 8.5, False),
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
            qty = f"{item.quantity}{_unit_sep(item)}{item.unit}"
            s.text(qty_right, y, qty, fit_size(qty, 8, 12 * mm, minimum=5.5), align="right")
            s.text(value_right, y, _value(item), 8, align="right")
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
    for line in wrap_text(_statement_zh(view, "上方"), 7.5, cw):
        y += 10.5
        s.text(m, y, line, 7.5)
    y += 2
    for line in wrap_text(_statement_en(view), 6, cw):
        y += 8
        s.text(m, y, line, 6, color=MUTED)
    y += 8
    dashed(y)
    y += 11
    s.text(cx, y, "谢谢您的爱心！Thank you!", 8, align="center")
    height = y + m + 4

    if view.voided:  # over the fields, away from the QR code so it stays scannable
        s.stamp(cx, (body_top + body_bottom) / 2, "作废 VOID", 40, angle=30, alpha=0.2)
    return s.render(height, _meta(view))


def _value(item: ReceiptItem) -> str:
    """An item's value; 0 is goods recorded by quantity only (issue 18), never "¥0.00"."""
    return format_fen(item.value_fen) if item.value_fen else "未估值"


def _unit_sep(item: ReceiptItem) -> str:
    """A space between a Latin quantity and a Latin unit ("2 kg"), none before 箱/袋."""
    unit = item.unit.strip()
    return " " if unit and unit[0].isascii() else ""


# --------------------------------------------------------------------------------------


_RENDERERS: Final[dict[str, Callable[[ReceiptView], bytes]]] = {
    "a5": _render_a5,
    "roll80": _render_roll,
}


def render_receipt_pdf(view: ReceiptView, layout: ReceiptLayout = "a5") -> bytes:
    """The receipt as PDF bytes: A5 portrait (may add continuation pages for long item
    lists) or one page 80 mm wide whose height follows the content."""
    try:
        renderer = _RENDERERS[layout]
    except KeyError:
        raise ValueError(f"unknown receipt layout: {layout!r}") from None
    register_cjk_font()
    return renderer(view)
