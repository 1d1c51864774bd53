"""Benchmark: receipt PDF rendering against a minimal page with the same font and QR code.

Why a baseline in the same run: absolute milliseconds depend on the machine, but the
ratio to "one reportlab page, embedded CJK subset, fixed-mask QR drawn as a path" shows
how much our layout itself costs.  The target is a median under 30 ms per receipt.

The baseline registers the same font file as a plain reportlab ``TTFont`` of its own, so
none of the receipt's own font work (the cached template subset,
``printing/template_subset.py``) can reach it.

Run from the repository root:  python bench/bench_receipt_pdf.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from station_app.domain.receipt_qr import receipt_url
from station_app.domain.signing import (
    format_issued_at,
    generate_private_key,
    sign_receipt,
)
from station_app.printing.fonts import cjk_font_path, register_cjk_font
from station_app.printing.qr_code import draw_qr, qr_matrix
from station_app.printing.receipt_pdf import render_receipt_pdf
from station_app.printing.receipt_view import ReceiptItem, ReceiptView

TARGET_MS = 30.0
BASELINE_FONT = "BaselineWQY"  # the same file, registered as plain reportlab


def sample_views() -> dict[str, ReceiptView]:
    key = generate_private_key()
    issued = datetime(2026, 11, 22, 8, 30, 5, tzinfo=UTC)
    number = "GZ-YX-0012-2026-000123"

    def view(amount: int, **extra: object) -> ReceiptView:
        signature = sign_receipt(key, number, amount, format_issued_at(issued), "GZ-YX-0012")
        values: dict[str, object] = {
            "station_name": "越秀区北京街社区慈善捐赠站",
            "station_code": "GZ-YX-0012",
            "association_name": "广州市慈善会",
            "receipt_number": number,
            "issued_at": issued,
            "donor_display": "张三丰",
            "kind": "cash",
            "amount_fen": amount,
            "designation_name": "社区助老帮扶基金",
            "operator_name": "李小红",
            "qr_url": receipt_url("https://gzcs.example.org.cn", number, signature),
        }
        values.update(extra)
        return ReceiptView(**values)  # type: ignore[arg-type]

    items = (
        ReceiptItem("大米（东北五常，10kg装）", "3", "袋", 45000),
        ReceiptItem("食用花生油 5L", "2", "桶", 19800),
        ReceiptItem("冬季棉被（全新，未拆封）", "4", "床", 96000),
    )
    return {
        "cash": view(100050),
        "in_kind": view(160800, kind="in_kind", items=items, donor_display="匿名"),
        "void+reprint": view(100050, voided=True, void_reason="金额录入错误", print_number=2),
    }


def baseline_page(url: str) -> bytes:
    """The floor: one A5 page, a few CJK strings in the embedded font, the same QR path."""
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=(148 * mm, 210 * mm), invariant=True, initialFontName=BASELINE_FONT
    )
    canvas.setFont(BASELINE_FONT, 18)
    canvas.drawString(20 * mm, 190 * mm, "社区慈善捐赠凭证")
    canvas.setFont(BASELINE_FONT, 10)
    canvas.drawString(20 * mm, 180 * mm, "人民币壹仟元零伍角 ¥1,000.50")
    draw_qr(canvas, qr_matrix(url), 20 * mm, 20 * mm, 30 * mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def measure_interleaved(
    cases: dict[str, Callable[[], bytes]], runs: int, warmup: int = 5
) -> dict[str, tuple[float, float]]:
    """(median, p95) ms per case; one run of every case per round, so that the machine's
    drift (frequency, other work) falls on all cases alike instead of on whichever
    case happened to be measured during it."""
    for _ in range(warmup):
        for fn in cases.values():
            fn()
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, fn in cases.items():
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) * 1000)
    result = {}
    for name, samples in times.items():
        samples.sort()
        p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        result[name] = (statistics.median(samples), p95)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()

    start = time.perf_counter()
    register_cjk_font()
    print(f"font registration (once per process): {(time.perf_counter() - start) * 1000:.1f} ms")
    pdfmetrics.registerFont(TTFont(BASELINE_FONT, str(cjk_font_path()), subfontIndex=0))

    views = sample_views()
    url = views["cash"].qr_url
    cases: dict[str, Callable[[], bytes]] = {"baseline page + QR": lambda: baseline_page(url)}
    for name, view in views.items():
        for layout in ("a5", "roll80"):
            cases[f"{name} {layout}"] = (
                lambda v=view, lay=layout: render_receipt_pdf(v, lay)  # type: ignore[misc]
            )
    results = measure_interleaved(cases, args.runs)
    base_median = results["baseline page + QR"][0]
    print(f"{'case':<24}{'median ms':>10}{'p95 ms':>9}{'ratio':>7}{'KB':>7}")
    worst = worst_ratio = 0.0
    for label, (median, p95) in results.items():
        size_kb = len(cases[label]()) / 1024
        ratio = median / base_median
        if label != "baseline page + QR":
            worst, worst_ratio = max(worst, median), max(worst_ratio, ratio)
        print(f"{label:<24}{median:>10.2f}{p95:>9.2f}{ratio:>7.2f}{size_kb:>7.1f}")
    print(f"worst ratio {worst_ratio:.2f}x (goal <= 1.5x)")
    verdict = "OK" if worst < TARGET_MS else "SLOW"
    print(f"worst median {worst:.2f} ms (target < {TARGET_MS:.0f} ms): {verdict}")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
