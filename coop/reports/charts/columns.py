"""What the charts of vertical bars against a line share: the value axis with its grid, one slot per
period, the stepped line across the slots, the base line and the legend at the foot.

Used by :mod:`coop.reports.charts.capacity` (load against capacity) and
:mod:`coop.reports.charts.stock` (closing stock against the safety stock).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from coop.reports.charts.drawing import (
    LegendItem,
    Number,
    as_float,
    mm,
    nice_step,
    svg_legend,
    svg_rect,
    svg_root,
    svg_text,
    text_width_mm,
)


def value_ticks(largest: float, target_ticks: int) -> tuple[float, list[float]]:
    """The top of the value axis and its ticks, leaving 8 % of room above the ``largest`` value."""
    span = largest * 1.08 if largest > 0 else 1.0
    step = nice_step(span, target_ticks)
    top_value = step * math.ceil(span / step)
    return top_value, [step * i for i in range(round(top_value / step) + 1)]


@dataclass(frozen=True)
class Plot:
    """Where the bars stand (mm), how high the value axis goes, and the text size (mm) and stroke."""

    left: float
    right: float
    top: float
    bottom: float
    top_value: float
    size: float
    stroke: float

    def y_of(self, value: Number) -> float:
        return self.bottom - as_float(value) / self.top_value * (self.bottom - self.top)

    def grid(self, ticks: Sequence[float], texts: Sequence[str]) -> list[str]:
        """A grey line across the plot at each tick, its value right-aligned left of the plot."""
        elements = []
        for tick, text in zip(ticks, texts, strict=True):
            y = self.y_of(tick)
            elements.append(
                f'<line class="grid" x1="{mm(self.left)}" y1="{mm(y)}" x2="{mm(self.right)}" y2="{mm(y)}" '
                f'stroke="#d0d0d0" stroke-width="{mm(self.stroke * 0.6)}"/>'
            )
            elements.append(
                svg_text(
                    self.left - 1.2,
                    y + self.size * 0.35,
                    text,
                    size_mm=self.size,
                    anchor="end",
                    css_class="tick",
                )
            )
        return elements

    def slots(self, labels: Sequence[str], font_size_pt: float) -> tuple[float, float, int]:
        """Each period's slot, the width of its bar, and every how many periods a label is printed
        (so that the labels printed fit side by side)."""
        slot = (self.right - self.left) / len(labels) if labels else 0.0
        widest = max((text_width_mm(label, font_size_pt) for label in labels), default=0.0)
        every = max(1, math.ceil((widest + 1.5) / slot)) if slot > 0 else 1
        return slot, slot * 0.62, every

    def bar(
        self, index: int, slot: float, width: float, value: Number, style: str
    ) -> tuple[str, float, float]:
        """Period ``index``'s bar up to ``value`` (none below zero): its SVG, its centre's x, its top's y."""
        x = self.left + index * slot + (slot - width) / 2
        y = self.y_of(max(as_float(value), 0.0))
        return svg_rect(x, y, width, self.bottom - y, style, self.stroke), x + width / 2, y

    def period_label(self, centre: float, text: str) -> str:
        return svg_text(
            centre,
            self.bottom + self.size * 1.3,
            text,
            size_mm=self.size,
            anchor="middle",
            css_class="period",
        )

    def step_points(self, ys: Sequence[float], slot: float) -> str:
        """The points of a line flat across each period's slot at its ``ys``, stepping where they change."""
        points: list[str] = []
        for index, y in enumerate(ys):
            points.append(f"{mm(self.left + index * slot)},{mm(y)}")
            points.append(f"{mm(self.left + (index + 1) * slot)},{mm(y)}")
        return " ".join(points)

    def base_line(self) -> str:
        return (
            f'<line class="axis" x1="{mm(self.left)}" y1="{mm(self.bottom)}" x2="{mm(self.right)}" '
            f'y2="{mm(self.bottom)}" stroke="#000" stroke-width="{mm(self.stroke * 1.4)}"/>'
        )

    def finish(
        self,
        body: list[str],
        legend: Sequence[LegendItem],
        *,
        font_size_pt: float,
        width_mm: float,
        height_mm: float,
        css_class: str,
        description: str | None,
    ) -> str:
        """The chart as SVG: ``body`` with the legend under the plot, as tall as it needs."""
        elements, legend_height = svg_legend(
            legend,
            self.left,
            self.bottom + self.size * 2.0,
            self.right - self.left,
            font_size_pt,
            self.stroke,
        )
        body.extend(elements)
        total = max(height_mm, self.bottom + self.size * 2.0 + legend_height + 0.6)
        return svg_root(width_mm, total, body, css_class=css_class, description=description)
