"""The receipt template's font subset: complete, identical in every receipt, made once.

Receipts put their template characters into one fixed font subset whose program is
built and compressed once per process (``printing/template_subset.py``).  These tests
read the PDFs back with poppler and a small PDF object reader, so they fail if a template
character is missing from the list, if priming stops happening, if the cache stops being
used, or if the cached subset mixes up characters between receipts.
"""

from __future__ import annotations

import re
import subprocess
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from station_app.printing.fonts import cjk_font
from station_app.printing.receipt_pdf import render_receipt_pdf
from station_app.printing.receipt_view import KIND_LABELS, ReceiptItem, ReceiptView
from station_app.printing.template_subset import RECEIPT_TEMPLATE_CHARS
from tests.helpers.pdf_tools import pdf_text, squeezed
from tests.test_receipt_pdf import IN_KIND_ITEMS, LAYOUTS, make_view


def _fonts(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    return [row.split()[0] for row in out.stdout.splitlines()[2:]]


def _font_programs(pdf: bytes) -> dict[str, bytes]:
    """Subset name (``AAAAAA+…``) → its decompressed TrueType program."""
    objects = {
        int(number): body for number, body in re.findall(rb"(\d+) 0 obj\r?\n(.*?)endobj", pdf, re.S)
    }
    programs = {}
    for body in objects.values():
        if b"/Type /FontDescriptor" not in body:
            continue
        name = re.search(rb"/FontName /(\S+)", body)
        ref = re.search(rb"/FontFile2 (\d+) 0 R", body)
        assert name and ref, body
        stream = re.search(rb"stream\r?\n(.*)endstream", objects[int(ref.group(1))], re.S)
        assert stream, "font program without a stream"
        programs[name.group(1).decode()] = zlib.decompressobj().decompress(stream.group(1))
    return programs


def _ascii_only(view: ReceiptView) -> ReceiptView:
    """Every value a station or donor types, in ASCII: what remains is the template."""
    return replace(
        view,
        station_name="Beijing Street Station",
        association_name="City Charity Association",
        donor_display="Zhang San",
        designation_name="Elderly care fund",
        operator_name="Li Xiaohong",
        void_reason="typing error" if view.voided else view.void_reason,
    )


def _template_variants() -> list[tuple[str, ReceiptView]]:
    items = tuple(ReceiptItem(f"Item {n}", "2", "box", 1000 * n) for n in range(1, 40))
    variants = [
        (kind, make_view(kind=kind, items=items if kind == "in_kind" else ()))
        for kind in KIND_LABELS
    ]
    variants += [
        ("anonymous", replace(_ascii_only(make_view()), donor_display="匿名")),
        ("largest amount", make_view(amount_fen=99_999_999_99)),
        ("whole yuan", make_view(amount_fen=100_00)),
        ("reprint", make_view(print_number=3)),
        ("reference", make_view(kind="mobile", transaction_reference="4200002213202611031")),
        ("void reprint", make_view(voided=True, void_reason="x", print_number=2)),
    ]
    return [(name, view if name == "anonymous" else _ascii_only(view)) for name, view in variants]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_template_character_is_in_the_one_fixed_subset(tmp_path: Path, layout: str) -> None:
    """With ASCII field values a receipt needs no second subset, for every kind, the
    anonymous donor, capital amounts, reprint and void marks and continuation pages."""
    for name, view in _template_variants():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(render_receipt_pdf(view, layout))  # type: ignore[arg-type]
        fonts = _fonts(path)
        missing = sorted(
            {c for c in squeezed(pdf_text(path)) if not c.isascii()} - set(RECEIPT_TEMPLATE_CHARS)
        )
        assert len(fonts) == 1, f"{name}: {fonts}; not in the template list: {missing}"


def test_the_template_subset_is_the_same_in_every_receipt_and_the_rest_is_not() -> None:
    first = render_receipt_pdf(make_view(donor_display="张三丰"), "a5")
    second = render_receipt_pdf(
        make_view(donor_display="欧阳娜娜", kind="in_kind", items=IN_KIND_ITEMS), "roll80"
    )
    a, b = _font_programs(first), _font_programs(second)
    template = next(name for name in a if name.startswith("AAAAAA+"))
    assert a[template] == b[template]
    per_receipt = next(name for name in a if name.startswith("AAAAAB+"))
    assert a[per_receipt] != b[per_receipt]


def test_the_cached_template_program_is_what_the_pdf_carries() -> None:
    font = cjk_font()
    pdf = render_receipt_pdf(make_view(), "a5")
    program, deflated = font.template_program(), font.template_deflated()
    assert deflated is not None, "a primed receipt did not use the cached subset"
    assert zlib.decompress(deflated) == program
    assert deflated in pdf
    assert _font_programs(pdf)[next(n for n in _font_programs(pdf) if "AAAAAA+" in n)] == program


def test_receipts_rendered_at_once_each_read_back_their_own_names(tmp_path: Path) -> None:
    donors = ["张三丰", "欧阳娜娜", "司马相如", "诸葛亮"]
    donors += ["上官婉儿", "令狐冲", "东方明珠", "慕容复"]

    def render(donor: str) -> tuple[str, bytes]:
        return donor, render_receipt_pdf(make_view(donor_display=donor), "roll80")

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(render, donors * 2))
    for index, (donor, pdf) in enumerate(results):
        path = tmp_path / f"{index}.pdf"
        path.write_bytes(pdf)
        text = squeezed(pdf_text(path))
        assert donor in text
        assert all(other not in text for other in donors if other != donor)
        assert "人民币壹仟元零伍角" in text
