"""The receipt template's characters share one font subset, built and compressed once.

reportlab embeds a TrueType font as subsets of up to 256 characters, numbered in the order
the characters are first drawn, and builds (and deflates) every subset's font program
anew for each PDF.  Most characters on a receipt are its template: the bilingual labels,
the statement about the official receipt, the capital-amount and date characters, ASCII.
They are the same on every receipt, yet making their subset was the largest single cost
of a receipt (about 2.5 ms of 10).

``TemplateSubsetFont`` primes each receipt's first subset with exactly those characters
(padded with common surname characters until the subset is full, so that nothing else can
ever be added to it).  That subset is therefore identical in every receipt, and its font
program and ToUnicode map are made and compressed once per process.  Everything else a
receipt prints (station, donor and item names, reasons) goes into the following subsets,
which are built per PDF as before.  A PDF that is not primed (the day report) gets plain
reportlab behaviour.

If a later reportlab names its objects differently, the cache simply stops being used:
the PDF stays correct and is only slower (a test checks the cache is used).
"""

from __future__ import annotations

import threading
import zlib
from typing import Any, Final

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, TTFontFace

__all__ = ["TemplateSubsetFont"]

# Characters of the receipt template (both layouts, every kind, void and reprint marks,
# capital amounts and dates), in the order a receipt first draws them.  A character
# missing here still prints correctly; it only lands in a per-receipt subset.
# tests/test_template_subset.py keeps this list complete.
RECEIPT_TEMPLATE_CHARS: Final = (
    "社区慈善捐赠凭证编号站点日期时间年月北京人方式现金经办用途额¥大写民币"
    "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整"
    "扫码查验本是出具的（收据），确认已到上述。正《公益事业票》由另行开可描左侧二维询及"
    "真伪盖章：谢您爱心！移动支付银转账物资明细品数量单位估值续合计第页补打次印作废原因匿名交易"
)
# Fill-up for the rest of the subset: common surnames, the likeliest other characters on
# a receipt.  Only as many are used as there is room for.
_FILL_CHARS: Final = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
)
_SUBSET_SIZE: Final = 256


class _Scratch:
    """A stand-in document: reportlab keeps a font's per-PDF state in a weak-key map."""


class _Deflated:
    """A FlateDecode stream filter that returns the already-compressed bytes of one content."""

    pdfname = "FlateDecode"

    def __init__(self, content: bytes) -> None:
        self._content = content
        self.compressed = zlib.compress(content)

    def encode(self, content: bytes | str) -> bytes:
        content = _as_bytes(content)
        if content == self._content:
            return self.compressed
        return zlib.compress(content)  # not what was cached: compress it as reportlab would


class TemplateSubsetFont(TTFont):
    """A ``TTFont`` whose primed first subset is made once per process (see module doc)."""

    def __init__(self, name: str, filename: str, *, subfontIndex: int = 0) -> None:
        super().__init__(name, filename, subfontIndex=subfontIndex)
        self._prime, self._key = self._fitting(RECEIPT_TEMPLATE_CHARS + _FILL_CHARS)
        self._lock = threading.Lock()
        # reportlab's face parses the font file through one shared read position, so two
        # PDFs subsetting at once (the desk renders in a thread pool) corrupt each other's
        # glyph tables (a KeyError deep in makeSubset, seen in a full test run).
        self._face_lock = threading.Lock()
        self._program: bytes | None = None
        self._filters: tuple[_Deflated, _Deflated] | None = None
        face = self.face
        self._base_name = (SUBSETN(0) + b"+" + face.name + face.subfontNameX).decode("pdfdoc")
        # The face builds each subset's font program; the template's comes from the cache.
        # An instance attribute, set once, so concurrent PDFs all see the same method.
        face.makeSubset = self._make_subset

    def _make_subset(self, subset: list[int]) -> bytes:
        if tuple(subset) == self._key:
            return self.template_program()
        with self._face_lock:
            return TTFontFace.makeSubset(self.face, subset)

    def _fitting(self, candidates: str) -> tuple[str, tuple[int, ...]]:
        """The candidates (in order, without repeats) that fill the first subset, and the
        code points of that subset as reportlab lists them."""
        scratch = _Scratch()
        taken: list[str] = []
        for char in dict.fromkeys(candidates):
            self.splitString(char, scratch)
            taken.append(char)
            if self.state[scratch].nextCode >= _SUBSET_SIZE:
                break
        key = tuple(self.state[scratch].subsets[0])
        del self.state[scratch]
        return "".join(taken), key

    def prime(self, doc: Any) -> None:
        """Give ``doc`` (a canvas's ``_doc``) the fixed first subset; call before drawing."""
        self.splitString(self._prime, doc)

    def is_primed(self, doc: Any) -> bool:
        state = self.state.get(doc)
        return state is not None and tuple(state.subsets[0]) == self._key

    def addObjects(self, doc: Any) -> None:  # reportlab's hook, when the PDF is written
        primed = self.is_primed(doc)
        super().addObjects(doc)
        if primed:
            self._use_cached_streams(doc)

    def _use_cached_streams(self, doc: Any) -> None:
        """Give the template subset's two streams their already-compressed bytes."""
        cmap = doc.idToObject.get("toUnicodeCMap:" + self._base_name)
        font_file = doc.idToObject.get(f"fontFile:{self.face.filename}({self._base_name})")
        if isinstance(cmap, pdfdoc.PDFStream) and isinstance(font_file, pdfdoc.PDFStream):
            cmap_filter, program_filter = self._stream_filters(cmap.content, font_file.content)
            if cmap.filters:
                cmap.filters = [cmap_filter]
            if font_file.filters:
                font_file.filters = [program_filter]

    def template_program(self) -> bytes:
        """The template subset's TrueType program (made on first use)."""
        if self._program is None:
            with self._lock:
                if self._program is None:
                    with self._face_lock:
                        self._program = TTFontFace.makeSubset(self.face, list(self._key))
        return self._program

    def _stream_filters(self, cmap: bytes | str, program: bytes) -> tuple[_Deflated, _Deflated]:
        if self._filters is None:
            with self._lock:
                if self._filters is None:
                    self._filters = (_Deflated(_as_bytes(cmap)), _Deflated(program))
        return self._filters

    def template_deflated(self) -> bytes | None:
        """Its compressed form as receipts carry it; None until a primed PDF was made."""
        return None if self._filters is None else self._filters[1].compressed


def _as_bytes(content: bytes | str) -> bytes:
    return content.encode("utf8") if isinstance(content, str) else content
