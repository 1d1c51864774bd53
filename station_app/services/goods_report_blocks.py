"""The goods sections of the day-close summary and of the disclosure sheet, as blocks.

The day close's come from its signed entry (what the two people confirmed, not a
fresh reading of the tables), so a reprint years later shows the same goods.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from station_app.domain.goods.day_goods import OUT_KINDS
from station_app.domain.goods.lots import format_quantity
from station_app.domain.goods.movements import KIND_NAMES_ZH, MovementKind
from station_app.domain.money import format_fen
from station_app.printing.report_blocks import Block, TableBlock, TextBlock
from station_app.services.goods_disclosure import PublicGoodsLine

_OUT_HEADERS = {
    MovementKind.DISTRIBUTION: "发放",
    MovementKind.DESIGNATION: "定向项目",
    MovementKind.TRANSFER: "调拨",
    MovementKind.WRITE_OFF: "报损",
    MovementKind.COUNT: "盘点调整",
}


def _qty(milli: int, unit: str = "") -> str:
    return f"{format_quantity(milli)}{(' ' + unit) if unit else ''}" if milli else "—"


def day_goods_blocks(data: dict[str, Any]) -> list[Block]:
    """四 (in and out per item) and 五 (book against counted) of a close since issue 18."""
    received = {(g["item"], g["unit"]): g for g in data["goods_received"]}
    moved: dict[tuple[str, str], dict[str, int]] = {}
    for g in data["goods_moved"]:
        moved.setdefault((g["item"], g["unit"]), {})[g["kind"]] = g["quantity_milli"]
    kinds = [*OUT_KINDS, MovementKind.COUNT]
    flow_rows = []
    for key in sorted(set(received) | set(moved)):
        item, unit = key
        got = received.get(key)
        value = f"（{format_fen(got['value_fen'])}）" if got and got["value_fen"] else ""
        flow_rows.append(
            [
                item,
                unit,
                (_qty(got["quantity_milli"]) + value) if got else "—",
                *(_qty(moved.get(key, {}).get(k.value, 0)) for k in kinds),
            ]
        )
    blocks: list[Block] = [
        TableBlock(
            "四、当日物资进出",
            ["物品", "单位", "接收（估值）", *(_OUT_HEADERS[k] for k in kinds)],
            flow_rows or [["当日无物资进出", "", "", "", "", "", "", ""]],
            align_right=(2, 3, 4, 5, 6, 7),
            col_widths_mm=(34, 16, 32, 19, 19, 19, 19, 20),
        )
    ]
    counted = data["goods_counted"]
    if counted:
        rows = [
            [
                g["item"],
                g["unit"],
                format_quantity(g["book_milli"]),
                format_quantity(g["counted_milli"]),
                _signed(g["counted_milli"] - g["book_milli"]),
                g["reason"] or "相符",
            ]
            for g in counted
        ]
        blocks.append(
            TableBlock(
                "五、物资清点（账面与实盘）",
                ["物品", "单位", "账面", "实盘", "差异", "原因"],
                rows,
                align_right=(2, 3, 4),
                col_widths_mm=(34, 16, 22, 22, 20, 64),
            )
        )
        blocks.append(
            TextBlock(
                "清点范围：当日有接收或出库的物资，每项为该物品各批次合计（不论存放位置）；"
                "全部库存的清点见物资盘点。差异已由两人确认，并作为盘点记录入账。"
            )
        )
    return blocks


def _signed(milli: int) -> str:
    return ("+" if milli > 0 else "") + format_quantity(milli) if milli else "—"


def disclosure_goods_blocks(lines: Sequence[PublicGoodsLine]) -> list[Block]:
    """Received per project and handed on per kind and project; no household named."""

    def value(line: PublicGoodsLine) -> str:
        return format_fen(line.value_fen) if line.value_fen is not None else "未估值"

    received = [
        [
            ln.project or "未指定去向",
            ln.item,
            ln.unit,
            format_quantity(ln.quantity_milli),
            value(ln),
        ]
        for ln in lines
        if ln.kind == "received"
    ]
    out = []
    order = [k.value for k in OUT_KINDS]
    for ln in sorted(
        (ln for ln in lines if ln.kind in order), key=lambda ln: order.index(ln.kind)
    ):  # stable: per kind, the query's order (project, item, unit)
        kind = KIND_NAMES_ZH[MovementKind(ln.kind)]
        where = f"{kind}：{ln.project}" if ln.project else kind
        out.append([where, ln.item, ln.unit, format_quantity(ln.quantity_milli), value(ln)])
    if not received and not out:
        return []
    headers = ["捐赠去向/项目", "物品", "单位", "数量", "估值"]
    widths = (62, 46, 20, 24, 26)
    return [
        TableBlock(
            "物资接收（按捐赠去向）",
            headers,
            received or [["本期无物资接收", "", "", "", ""]],
            align_right=(3, 4),
            col_widths_mm=widths,
        ),
        TableBlock(
            "物资发放与去向（按项目）",
            ["去向/项目", *headers[1:]],
            out or [["本期无物资发出", "", "", "", ""]],
            align_right=(3, 4),
            col_widths_mm=widths,
        ),
    ]
