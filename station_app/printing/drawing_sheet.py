"""A recording sheet for PDFs: draw with top-down coordinates, render once the size is known.

Receipts, pickup sheets and transfer sheets draw through :class:`Sheet`, which records
operations and replays them onto a reportlab canvas.  An 80 mm roll needs its page height
before drawing, and an A5 layout needs the page count for "第 1/2 页"; recording once gives
both without laying out twice.  Also the paper sizes and the ink colours they share.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final, Literal

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from station_app.printing.fonts import CJK_FONT, cjk_font
from station_app.printing.qr_code import draw_qr
from station_app.printing.text_fit import text_width

A5_SIZE: Final = (148 * mm, 210 * mm)
ROLL_WIDTH: Final = 80 * mm

INK: Final = HexColor("#111111")
MUTED: Final = HexColor("#5a5a5a")
RULE: Final = HexColor("#9a9a9a")
HAIRLINE: Final = HexColor("#c8c8c8")
SHADE: Final = HexColor("#f0f0f0")
ALERT: Final = HexColor("#b3121b")


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


class Sheet:
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
