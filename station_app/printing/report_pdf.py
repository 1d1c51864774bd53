"""Report PDFs (day-close summary, monthly report, disclosure sheet) in one look.

They share the receipt's embedded CJK font and a plain, printable table style, built
with reportlab's platypus so long lists flow over pages with the header repeated.

A platypus ``Paragraph`` reads its text as markup: an operator named
``<img src="/etc/hostname"/>`` would make reportlab open that file, and a stray ``<`` or
``&`` breaks the report.  Every text therefore goes in through :func:`_text`, which
escapes it; no caller passes markup of its own.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from station_app.printing.fonts import register_cjk_font
from station_app.printing.report_blocks import (
    Block,
    TableBlock,
    TextBlock,
)


def _text(value: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph showing ``value`` as plain text, never as reportlab markup."""
    return Paragraph(escape(str(value)), style)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle(
            "title", fontName=font, fontSize=16, leading=22, alignment=TA_CENTER, spaceAfter=2 * mm
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            fontName=font,
            fontSize=9.5,
            leading=13,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#555555"),
            spaceAfter=4 * mm,
        ),
        "h2": ParagraphStyle(
            "h2", fontName=font, fontSize=11.5, leading=16, spaceBefore=3 * mm, spaceAfter=1.5 * mm
        ),
        # CJK wrapping keeps a closing "。" or "，" on its line, never alone on the next.
        "body": ParagraphStyle(
            "body", fontName=font, fontSize=9.5, leading=14, spaceBefore=3 * mm, wordWrap="CJK"
        ),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK"),
    }


def _table(block: TableBlock, font: str, width: float, styles: dict[str, ParagraphStyle]) -> Table:
    cell = styles["cell"]
    cell_right = ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT)
    data = [
        [
            _text(h, cell_right if i in block.align_right else cell)
            for i, h in enumerate(block.headers)
        ]
    ]
    data += [
        [_text(v, cell) if i not in block.align_right else str(v) for i, v in enumerate(row)]
        for row in block.rows
    ]
    widths = (
        [w * mm for w in block.col_widths_mm]
        if block.col_widths_mm
        else [width / len(block.headers)] * len(block.headers)
    )
    table = Table(data, colWidths=widths, repeatRows=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f7f7")]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for col in block.align_right:
        style.append(("ALIGN", (col, 1), (col, -1), "RIGHT"))
    table.setStyle(TableStyle(style))
    return table


def render_report_pdf(
    title: str, subtitle: str, blocks: Sequence[Block], *, footer: str = ""
) -> bytes:
    """An A4 report; every page carries the footer and its page number."""
    font = register_cjk_font()
    styles = _styles(font)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="Donation Station Desk",
        invariant=True,
        initialFontName=font,
    )
    story: list[object] = [
        _text(title, styles["title"]),
        _text(subtitle, styles["subtitle"]),
    ]
    for block in blocks:
        if isinstance(block, TableBlock):
            story.append(
                KeepTogether([_text(block.title, styles["h2"])])
                if block.title
                else Spacer(1, 2 * mm)
            )
            story.append(_table(block, font, doc.width, styles))
        elif isinstance(block, TextBlock):
            story.append(_text(block.text, styles["body"]))
        else:
            story.append(Spacer(1, 10 * mm))
            line = "　　".join(f"{label}：________________" for label in block.labels)
            story.append(_text(line, styles["body"]))

    def on_page(canvas: Canvas, document: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(16 * mm, 10 * mm, footer)
        canvas.drawRightString(A4[0] - 16 * mm, 10 * mm, f"第 {document.page} 页")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()
