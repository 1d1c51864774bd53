"""Receipt PDFs read back with the tools a recipient would have: text, fonts, the QR code.

The receipt is what a donor keeps and what the association checks, so these tests do not
trust reportlab: they extract the text with poppler, confirm the only font is embedded,
rasterise the page and decode the QR code with zbar, exactly as a phone would.
"""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from station_app.domain.receipt_qr import receipt_url
from station_app.domain.signing import (
    format_issued_at,
    generate_private_key,
    sign_receipt,
)
from station_app.printing.receipt_pdf import render_receipt_pdf
from station_app.printing.receipt_view import ReceiptItem, ReceiptView
from station_app.printing.text_fit import wrap_text
from tests.helpers.pdf_tools import decode_qr, pdf_text, squeezed

STATION_NAME = "越秀区北京街社区慈善捐赠站"
STATION_CODE = "GZ-YX-0012"
NUMBER = "GZ-YX-0012-2026-000123"
ISSUED = datetime(2026, 11, 22, 8, 30, 5, tzinfo=UTC)
LAYOUTS = ("a5", "roll80")


def make_view(**changes: object) -> ReceiptView:
    amount = changes.get("amount_fen", 100050)
    assert isinstance(amount, int)
    key = generate_private_key()
    signature = sign_receipt(key, NUMBER, amount, format_issued_at(ISSUED), STATION_CODE)
    values: dict[str, object] = {
        "station_name": STATION_NAME,
        "station_code": STATION_CODE,
        "association_name": "广州市慈善会",
        "receipt_number": NUMBER,
        "issued_at": ISSUED,
        "donor_display": "张三丰",
        "kind": "cash",
        "amount_fen": amount,
        "designation_name": "社区助老帮扶基金",
        "operator_name": "李小红",
        "qr_url": receipt_url("https://gzcs.example.org.cn/", NUMBER, signature),
    }
    values.update(changes)
    return ReceiptView(**values)  # type: ignore[arg-type]


IN_KIND_ITEMS = (
    ReceiptItem("大米（东北五常，10kg装）", "3", "袋", 45000),
    ReceiptItem("冬季棉被（全新，未拆封）", "4", "床", 96000),
    ReceiptItem("Milk powder", "12.5", "kg", 30000),
)


def write_pdf(tmp_path: Path, view: ReceiptView, layout: str, name: str = "r") -> Path:
    path = tmp_path / f"{name}_{layout}.pdf"
    path.write_bytes(render_receipt_pdf(view, layout))  # type: ignore[arg-type]
    return path


# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
def test_cash_receipt_text_fonts_and_qr(tmp_path: Path, layout: str) -> None:
    view = make_view()
    path = write_pdf(tmp_path, view, layout)

    text = squeezed(pdf_text(path))
    assert STATION_NAME in text
    assert NUMBER in text
    assert "人民币壹仟元零伍角" in text
    assert "¥1,000.50" in text
    assert "社区慈善捐赠凭证" in text
    assert "现金" in text
    assert "公益事业捐赠票据" in text
    assert "广州市慈善会" in text
    assert "2026年11月22日16:30:05" in text  # 08:30:05 UTC printed in Beijing time
    assert "补打" not in text
    assert "作废" not in text

    assert decode_qr(path, tmp_path) == [view.qr_url]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_only_the_bundled_font_and_it_is_embedded(tmp_path: Path, layout: str) -> None:
    path = write_pdf(tmp_path, make_view(items=IN_KIND_ITEMS, kind="in_kind"), layout)
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    rows = out.stdout.splitlines()[2:]  # after the header and the dashes
    assert rows, out.stdout
    for row in rows:
        # a subset ("ABCDEF+") of the bundled face, whose PostScript name is this:
        assert re.match(r"[A-Z]{6}\+WenQuanYiMicroHei", row), row
        # columns: name type encoding emb sub uni object ID
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
    assert "STSong" not in out.stdout
    assert "Helvetica" not in out.stdout


@pytest.mark.parametrize("layout", LAYOUTS)
def test_in_kind_anonymous_lists_items(tmp_path: Path, layout: str) -> None:
    amount = sum(item.value_fen for item in IN_KIND_ITEMS)
    view = make_view(kind="in_kind", items=IN_KIND_ITEMS, amount_fen=amount, donor_display="匿名")
    path = write_pdf(tmp_path, view, layout)

    text = squeezed(pdf_text(path))
    assert "匿名" in text
    assert "物资" in text
    assert "大米（东北五常，10kg装）" in text
    assert "Milkpowder" in text
    assert "¥450.00" in text and "¥960.00" in text and "¥300.00" in text
    assert "¥1,710.00" in text
    assert "人民币壹仟柒佰壹拾元整" in text
    assert decode_qr(path, tmp_path) == [view.qr_url]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_reprint_is_marked_with_its_count(tmp_path: Path, layout: str) -> None:
    view = make_view(print_number=3)
    text = squeezed(pdf_text(write_pdf(tmp_path, view, layout)))
    assert "补打" in text
    assert "COPY" in text
    assert "第3次打印" in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_void_is_marked_with_reason(tmp_path: Path, layout: str) -> None:
    view = make_view(voided=True, void_reason="金额录入错误")
    path = write_pdf(tmp_path, view, layout)
    text = squeezed(pdf_text(path))
    assert "作废" in text
    assert "VOID" in text
    assert "金额录入错误" in text
    # The void stamp keeps clear of the QR code, so a voided receipt can still be looked
    # up (the association's page then says it was voided).
    assert decode_qr(path, tmp_path) == [view.qr_url]


def test_a5_is_a5_and_roll_is_80mm_with_content_height(tmp_path: Path) -> None:
    view = make_view()
    a5 = write_pdf(tmp_path, view, "a5")
    roll = write_pdf(tmp_path, view, "roll80")
    long_roll = write_pdf(
        tmp_path, make_view(kind="in_kind", items=IN_KIND_ITEMS * 5), "roll80", "long"
    )

    def page_size(path: Path) -> tuple[float, float]:
        out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
        match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out.stdout)
        assert match, out.stdout
        return float(match[1]), float(match[2])

    assert page_size(a5) == pytest.approx((419.53, 595.28), abs=0.1)
    roll_w, roll_h = page_size(roll)
    assert roll_w == pytest.approx(226.77, abs=0.1)
    long_w, long_h = page_size(long_roll)
    assert long_w == pytest.approx(226.77, abs=0.1)
    assert long_h > roll_h + 15 * 10  # 15 item lines make it longer


def test_long_in_kind_list_continues_on_a_second_a5_page(tmp_path: Path) -> None:
    items = tuple(ReceiptItem(f"儿童冬衣第{i}件", "1", "件", 1000) for i in range(1, 31))
    view = make_view(kind="in_kind", items=items, amount_fen=30000)
    path = write_pdf(tmp_path, view, "a5")
    text = pdf_text(path)
    assert "\f" in text.rstrip("\f")  # more than one page
    flat = squeezed(text)
    for i in (1, 15, 30):
        assert f"儿童冬衣第{i}件" in flat
    assert "(续)" in flat or "（续）" in flat
    assert "人民币叁佰元整" in flat


def test_rendering_is_deterministic() -> None:
    view = make_view(kind="in_kind", items=IN_KIND_ITEMS, note="由社工站统一分发")
    for layout in LAYOUTS:
        assert render_receipt_pdf(view, layout) == render_receipt_pdf(view, layout)  # type: ignore[arg-type]


def test_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="layout"):
        render_receipt_pdf(make_view(), "letter")  # type: ignore[arg-type]


def test_view_rejects_naive_time_and_bad_kind() -> None:
    with pytest.raises(ValueError):
        make_view(issued_at=datetime(2026, 1, 1, 8, 0))
    with pytest.raises(ValueError):
        make_view(kind="cheque")
    with pytest.raises(ValueError):
        make_view(print_number=0)


def test_wrap_text_breaks_cjk_keeps_latin_words_and_splits_overlong_tokens() -> None:
    from station_app.printing.fonts import register_cjk_font

    register_cjk_font()
    lines = wrap_text("这是一条很长的备注，用来检查换行 mixed English words", 10, 60)
    assert all(line for line in lines)
    assert "".join(lines).replace(" ", "") == "这是一条很长的备注，用来检查换行mixedEnglishwords"
    assert "English" in "".join(lines)
    assert not any(line.startswith("，") for line in lines)  # 禁则: no comma at line start
    long_token = "A" * 80
    assert "".join(wrap_text(long_token, 10, 50)) == long_token
    assert wrap_text("", 10, 50) == [""]
