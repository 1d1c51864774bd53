"""The day-close summary, the monthly report and the public disclosure sheet, as PDFs."""

from __future__ import annotations

from datetime import date
from typing import Any

from station_app.domain.day_close import DENOMINATION_LABELS
from station_app.domain.donations import KIND_NAMES_ZH, DonationKind
from station_app.domain.errors import ValidationError
from station_app.domain.money import format_fen
from station_app.domain.station_time import local_text, to_iso, utc_now
from station_app.printing.report_blocks import Block, SignatureBlock, TableBlock, TextBlock
from station_app.services.day_close import close_details
from station_app.services.donation_queries import DonationFilter, all_donations
from station_app.services.goods_disclosure import goods_disclosure
from station_app.services.goods_report_blocks import day_goods_blocks, disclosure_goods_blocks
from station_app.services.records import StationInfo
from station_app.services.reports import Period, disclosure_lines, month_range, report
from station_app.storage.database import StationDatabase


def _render(title: str, subtitle: str, blocks: list[Block], *, footer: str) -> bytes:
    from station_app.printing.report_pdf import render_report_pdf  # reportlab: only now

    return render_report_pdf(title, subtitle, blocks, footer=footer)


def _goods_row(data: dict[str, Any]) -> list[str]:
    """The goods line of the check table: the count's result, or an old close's tick."""
    e, c = data["expected"], data["counted"]
    if "goods_counted" not in data:  # a close from before issue 18: the tick box
        unconfirmed = data["differences"]["in_kind_unconfirmed"]
        return [
            "物资(估值)",
            format_fen(e["in_kind_fen"]),
            "已清点确认" if c["in_kind_confirmed"] else "未确认",
            "未确认" if unconfirmed else "—",
        ]
    counted = data["goods_counted"]
    differ = sum(1 for g in counted if g["book_milli"] != g["counted_milli"])
    return [
        "物资(估值)",
        format_fen(e["in_kind_fen"]),
        f"逐项清点 {len(counted)} 项（见四、五）" if counted else "当日无物资进出",
        f"{differ} 项有差异" if differ else "—",
    ]


def _kind(kind: str) -> str:
    return KIND_NAMES_ZH[DonationKind(kind)]


def _signed(fen: int) -> str:
    return ("+" if fen > 0 else "") + format_fen(fen) if fen else "—"


def day_close_pdf(db: StationDatabase, station: StationInfo, day: date) -> bytes:
    data: dict[str, Any] | None = close_details(db, day)
    if data is None:
        raise ValidationError("close.not_closed", f"{day} 尚未日结", f"{day} is not closed.")
    e, c, d = data["expected"], data["counted"], data["differences"]
    rows = [
        ["现金", format_fen(e["cash_fen"]), format_fen(c["cash_fen"]), _signed(d["cash_fen"])],
        [
            "移动支付",
            format_fen(e["mobile_fen"]),
            format_fen(c["mobile_fen"]),
            _signed(d["mobile_fen"]),
        ],
        ["银行转账", format_fen(e["bank_fen"]), format_fen(c["bank_fen"]), _signed(d["bank_fen"])],
        _goods_row(data),
    ]
    blocks: list[Any] = [
        TableBlock(
            "一、账实核对", ["项目", "账面(记录)", "实点/对账", "差异"], rows, align_right=(1, 2, 3)
        )
    ]
    if c.get("denominations"):
        den = [
            [DENOMINATION_LABELS[int(k)], str(n), format_fen(int(k) * n)]
            for k, n in sorted(c["denominations"].items(), key=lambda kv: -int(kv[0]))
        ]
        blocks.append(
            TableBlock("二、现金清点", ["面额", "张(枚)数", "金额"], den, align_right=(1, 2))
        )
    receipts = data["receipts"]
    blocks.append(
        TableBlock(
            "三、收据与记录",
            ["项目", "内容"],
            [
                ["有效捐赠笔数", str(e["donations"])],
                ["收据编号范围", f"{receipts['first'] or '—'} 至 {receipts['last'] or '—'}"],
                ["作废笔数", str(data["voids"])],
                ["补打次数", str(data["reprints"])],
                ["差异说明", data["reason"] or "无差异"],
                ["日结人 / 复核人", f"{data['coordinator']} / {data['witness']}"],
                ["账本链哈希", data["ledger_head_hash"]],
            ],
            col_widths_mm=(40, 138),
        )
    )
    if "goods_counted" in data:
        blocks += day_goods_blocks(data)
    blocks.append(SignatureBlock(("站点负责人签字", "复核人签字")))
    return _render(
        "社区慈善捐赠站点日结单",
        f"{station.name}({station.code}) · 业务日期 {day.isoformat()}",
        blocks,
        footer=f"{station.association_name} · {station.code} · {day.isoformat()} 日结",
    )


def monthly_report_pdf(db: StationDatabase, station: StationInfo, year: int, month: int) -> bytes:
    first, last = month_range(year, month)
    r = report(db, first, last, Period.DAY)
    money = (2,)
    blocks: list[Any] = [
        TableBlock(
            "一、总体情况",
            ["项目", "数值"],
            [
                ["有效捐赠笔数", str(r.count)],
                ["捐赠总额", format_fen(r.amount_fen)],
                ["开具收据", str(r.receipts)],
                ["作废", f"{r.voids} 笔 / {format_fen(r.voided_fen)}"],
                ["补打", str(r.reprints)],
            ],
            align_right=(1,),
        ),
        TableBlock(
            "二、按捐赠方式",
            ["方式", "笔数", "金额"],
            [[_kind(t.key), str(t.count), format_fen(t.amount_fen)] for t in r.by_kind],
            align_right=(1, 2),
        ),
        TableBlock(
            "三、按捐赠去向",
            ["去向", "笔数", "金额"],
            [[t.label, str(t.count), format_fen(t.amount_fen)] for t in r.by_designation],
            align_right=(1, 2),
        ),
        TableBlock(
            "四、按经办人",
            ["经办人", "笔数", "金额"],
            [[t.label, str(t.count), format_fen(t.amount_fen)] for t in r.by_operator],
            align_right=(1, 2),
        ),
        TableBlock(
            "五、按日",
            ["日期", "笔数", "金额"],
            [[t.label, str(t.count), format_fen(t.amount_fen)] for t in r.by_period],
            align_right=(1, *money),
        ),
    ]
    return _render(
        f"社区慈善捐赠站点月度报告({year}年{month}月)",
        f"{station.name}({station.code}) · 报送 {station.association_name}",
        blocks,
        footer=f"{station.code} · {year}-{month:02d} 月报",
    )


def disclosure_pdf(
    db: StationDatabase, station: StationInfo, day_from: date, day_to: date
) -> bytes:
    """The notice-board sheet: private donors masked, organisations named; never a phone
    number or a private person's full name."""
    rows = all_donations(db, DonationFilter(day_from=day_from, day_to=day_to, include_voided=False))
    lines = sorted(disclosure_lines(rows), key=lambda ln: ln.receipt_number)
    total = sum(ln.amount_fen for ln in lines)
    table = TableBlock(
        "",
        ["日期", "捐赠人", "方式", "金额", "捐赠去向", "收据编号"],
        [
            [
                ln.business_day,
                ln.donor,
                _kind(ln.kind),
                format_fen(ln.amount_fen),
                ln.designation_name,
                ln.receipt_number,
            ]
            for ln in lines
        ],
        align_right=(3,),
        col_widths_mm=(21, 38, 16, 24, 36, 43),
    )
    return _render(
        "社区慈善捐赠公示",
        f"{station.name} · {day_from.isoformat()} 至 {day_to.isoformat()} · "
        f"共 {len(lines)} 笔，合计 {format_fen(total)}",
        [
            table,
            *disclosure_goods_blocks(goods_disclosure(db, day_from, day_to)),
            TextBlock(
                "个人捐赠人姓名已作隐私处理，单位捐赠人列明名称；物资去向不列受助家庭信息。"
                f"如对公示内容有疑问，请联系本站点或{station.association_name}。"
                "扫描收据上的二维码可查验收据真伪。"
            ),
        ],
        footer=f"{station.code} · 公示生成于 {local_text(to_iso(utc_now()))}",
    )
