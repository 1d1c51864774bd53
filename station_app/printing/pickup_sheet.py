"""Goods sheets as PDFs: the pickup sheet (物资领取单) a household signs, the transfer
sheet (物资调拨单) the association's warehouse signs, and the intake sheet (物资接收单)
for goods that are recorded by quantity only; A5 and 80 mm roll.

Drawn with the receipt's own recording sheet (:class:`~.drawing_sheet.Sheet`), colours
and the bundled, subset-embedded CJK font, so sheets print like receipts everywhere.
A sheet carries no money: items, quantities, units, expiry dates, and signature lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from reportlab.lib.units import mm

from station_app.domain.goods.lots import NOT_VALUED_NOTE
from station_app.printing.drawing_sheet import A5_SIZE, INK, MUTED, ROLL_WIDTH, RULE, Sheet
from station_app.printing.fonts import register_cjk_font
from station_app.printing.text_fit import fit_size, text_width, wrap_text

__all__ = ["GoodsSheetView", "SheetItem", "SheetLayout", "render_goods_sheet"]

SheetLayout = Literal["a5", "roll80"]
_A5_BOTTOM: Final = A5_SIZE[1] - 18 * mm


@dataclass(frozen=True, slots=True)
class SheetItem:
    item: str
    quantity: str  # as a person writes it: "10.5"
    unit: str
    expiry: str  # "2027-03-01" or ""


@dataclass(frozen=True, slots=True)
class GoodsSheetView:
    title: str  # 物资领取单, 物资调拨单, 物资接收单
    number: str
    association_name: str
    station_name: str
    station_code: str
    when: str  # local time, "2026-03-09 10:00"
    fields: tuple[tuple[str, str], ...]  # (label, value): 领取人, 家庭编号, 负责社工…
    items: tuple[SheetItem, ...]
    signatures: tuple[str, ...]  # the labels of the signature lines
    not_valued: bool = False  # print "物资按数量登记，未估值"
    returned: str | None = None  # when the signed sheet came back (reprints say so)


def _meta(view: GoodsSheetView) -> dict[str, str]:
    return {
        "title": f"{view.title} {view.number}",
        "author": f"{view.station_name} ({view.station_code})",
        "subject": f"{view.association_name} {view.title}",
    }


def _render(view: GoodsSheetView, width: float, margin: float, roll: bool) -> bytes:
    s = Sheet(width)
    cw = width - 2 * margin
    cx = width / 2
    y = margin + 4
    label_w = (16 if roll else 22) * mm
    head = 8 if roll else 9

    def room(needed: float) -> None:
        nonlocal y
        if not roll and y + needed > _A5_BOTTOM:
            s.new_page()
            y = margin + 4

    for line in wrap_text(view.association_name, 8, cw):
        y += 10
        s.text(cx, y, line, 8, color=MUTED, align="center")
    y += 20
    s.text(cx, y, view.title, 14 if roll else 16, align="center", bold=True)
    y += 8
    rows = [("单据编号", view.number), ("站点", f"{view.station_name}（{view.station_code}）")]
    rows += [("日期时间", view.when), *view.fields]
    if view.returned:
        rows.append(("签字交回", view.returned))
    for label, value in rows:
        lines = wrap_text(value, head, cw - label_w)
        y += head + 4
        s.text(margin, y, label, head - 0.5, color=MUTED)
        for i, line in enumerate(lines):
            s.text(margin + label_w, y + i * (head + 3), line, head)
        y += (len(lines) - 1) * (head + 3)
    y += 8
    s.line(margin, y, width - margin, y, width=0.8, color=INK)
    right = width - margin
    expiry_right = right
    qty_right = right - (18 if roll else 28) * mm
    item_w = qty_right - margin - (14 if roll else 20) * mm
    y += 11
    s.text(margin, y, "物品", 7.5, color=MUTED)
    s.text(qty_right, y, "数量/单位", 7.5, color=MUTED, align="right")
    s.text(expiry_right, y, "保质期至", 7.5, color=MUTED, align="right")
    y += 3
    s.line(margin, y, right, y, width=0.3, color=RULE)
    for item in view.items:
        lines = wrap_text(item.item, 8.5, item_w)
        room(12 + 10 * len(lines))
        y += 12
        for i, line in enumerate(lines):
            s.text(margin, y + 10 * i, line, 8.5)
        qty = f"{item.quantity} {item.unit}"
        s.text(qty_right, y, qty, fit_size(qty, 8.5, 16 * mm, minimum=5.5), align="right")
        s.text(expiry_right, y, item.expiry or "—", 8, align="right")
        y += 10 * (len(lines) - 1) + 3
    y += 4
    s.line(margin, y, right, y, width=0.8, color=INK)
    y += 12
    s.text(margin, y, f"共 {len(view.items)} 项", 8, color=MUTED)
    if view.not_valued:
        y += 12
        s.text(margin, y, NOT_VALUED_NOTE, 8.5)
    for label in view.signatures:
        room(34)
        y += 30
        s.text(margin, y, f"{label}：", 9)
        start = max(margin + label_w + 4, margin + text_width(f"{label}：", 9) + 3)
        s.line(start, y + 2, right, y + 2, width=0.6, color=INK)
    y += 24
    s.text(margin, y, "日期：", 9)
    s.line(margin + label_w + 4, y + 2, right, y + 2, width=0.6, color=INK)
    height = A5_SIZE[1] if not roll else y + margin + 10
    return s.render(height, _meta(view))


def render_goods_sheet(view: GoodsSheetView, layout: SheetLayout = "a5") -> bytes:
    """The sheet as PDF bytes: A5 portrait (continuing on further pages), or one 80 mm
    roll page whose height follows the content."""
    register_cjk_font()
    if layout == "a5":
        return _render(view, A5_SIZE[0], 12 * mm, roll=False)
    if layout == "roll80":
        return _render(view, ROLL_WIDTH, 4 * mm, roll=True)
    raise ValueError(f"unknown sheet layout: {layout!r}")
