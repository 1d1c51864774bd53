"""The pieces a report PDF is made of, as plain values.

Kept apart from the renderer so that services can describe a report without importing
reportlab (a noticeable part of the desk's start-up time) until a PDF is really made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A titled table; ``align_right`` lists the columns holding amounts."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    align_right: Sequence[int] = ()
    col_widths_mm: Sequence[float] | None = None


@dataclass(frozen=True, slots=True)
class TextBlock:
    text: str


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """Lines for people to sign on paper (the two-person close)."""

    labels: Sequence[str] = field(default_factory=tuple)


Block = TableBlock | TextBlock | SignatureBlock
