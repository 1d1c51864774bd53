"""What every receipt says, whatever the paper: titles, donor, kind, statements, metadata.

Both layouts (``receipt_a5``, ``receipt_roll``) print the same words from these, so an A5
receipt and a roll receipt of the same donation never disagree.
"""

from __future__ import annotations

from typing import Final

from station_app.domain.money import format_fen
from station_app.domain.station_time import STATION_TZ
from station_app.printing.receipt_view import KIND_LABELS, ReceiptItem, ReceiptView

TITLE_ZH: Final = "社区慈善捐赠凭证"
TITLE_EN: Final = "Donation Voucher"
ANONYMOUS_ZH: Final = "匿名"


CHINA_TZ: Final = STATION_TZ


def issued_local(view: ReceiptView) -> str:
    local = view.issued_at.astimezone(CHINA_TZ)
    return f"{local:%Y年%m月%d日 %H:%M:%S} 北京时间"


def donor_text(view: ReceiptView) -> str:
    name = view.donor_display.strip()
    if not name or name == ANONYMOUS_ZH:
        return f"{ANONYMOUS_ZH} Anonymous"
    return name


def kind_text(view: ReceiptView) -> str:
    zh, en = KIND_LABELS[view.kind]
    return f"{zh} {en}"


def statement_zh(view: ReceiptView, where: str) -> str:
    return (
        f"本凭证是社区慈善捐赠站点出具的捐赠凭证（收据），确认已收到上述捐赠。"
        f"正式的《公益事业捐赠票据》由{view.association_name}另行开具，"
        f"可扫描{where}二维码查询票据及本凭证真伪。"
    )


def statement_en(view: ReceiptView) -> str:
    return (
        "This voucher confirms receipt of the donation above. The official charitable "
        f"donation receipt is issued later by {view.association_name}; scan the QR code "
        "to look it up and to check this voucher."
    )


def pdf_meta(view: ReceiptView) -> dict[str, str]:
    return {
        "title": f"{TITLE_ZH} {view.receipt_number}",
        "author": f"{view.station_name} ({view.station_code})",
        "subject": f"{view.association_name} {TITLE_EN}",
    }


def reprint_label(view: ReceiptView) -> str:
    return f"第{view.print_number}次打印"


def item_value(item: ReceiptItem) -> str:
    """An item's value; 0 is goods recorded by quantity only (issue 18), never "¥0.00"."""
    return format_fen(item.value_fen) if item.value_fen else "未估值"


def unit_separator(item: ReceiptItem) -> str:
    """A space between a Latin quantity and a Latin unit ("2 kg"), none before 箱/袋."""
    unit = item.unit.strip()
    return " " if unit and unit[0].isascii() else ""
