"""A horizontal bar chart as inline SVG, rendered on the server (no script, no CDN).

Bars are proportional to the amounts; each bar's label and value are text in the SVG,
so the chart reads the same with or without colour and is searchable.
"""

from __future__ import annotations

from dataclasses import dataclass

BAR_H, GAP, LABEL_W, VALUE_W, WIDTH = 22, 6, 170, 120, 900


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int  # fen
    text: str  # the value as shown
    href: str = ""


@dataclass(frozen=True, slots=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    plot_w: int

    def geometry(self) -> list[tuple[Bar, int, int]]:
        """(bar, y, bar width in px) for the template."""
        top = max((b.value for b in self.bars), default=0) or 1
        return [
            (
                bar,
                i * (BAR_H + GAP),
                max(1, round(self.plot_w * bar.value / top)) if bar.value > 0 else 0,
            )
            for i, bar in enumerate(self.bars)
        ]


def bar_chart(bars: list[Bar], max_bars: int = 60) -> BarChart:
    """The chart of at most ``max_bars`` bars (the rest stay in the table below it)."""
    shown = bars[:max_bars]
    plot_w = WIDTH - LABEL_W - VALUE_W
    return BarChart(shown, WIDTH, max(1, len(shown)) * (BAR_H + GAP), plot_w)
