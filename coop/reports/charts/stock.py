"""Vertical bars (closing stock each month) against a floor line (the safety stock)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from coop.reports.charts.drawing import (
    PT_TO_MM,
    LegendItem,
    Number,
    as_float,
    begin_chart,
    line_label,
    mm,
    nice_step,
    svg_legend,
    svg_rect,
    svg_root,
    svg_text,
    text_width_mm,
    tick_text,
)


def bar_chart_with_floor_line(
    labels: Sequence[str],
    values: Sequence[Number],
    floor: Sequence[Number],
    short: Sequence[bool],
    *,
    floor_label: str,
    value_label: str,
    short_label: str,
    title: str | None = None,
    width_mm: float = 170.0,
    height_mm: float = 45.0,
    font_size_pt: float = 6.5,
    short_marker: str = "▼",
    description: str | None = None,
) -> str:
    """Vertical bars (one per period, e.g. closing stock) against a dashed floor line (safety stock).

    Here falling short is the danger: a period marked in ``short`` (a product ended below its
    safety stock, say) has a black bar with ``short_marker`` above it; the others are grey. The
    floor line is dashed, flat across each period's slot, with ``floor_label`` at its right end;
    a legend names the bars, the marked bars and the line. Period labels are thinned out (every
    second, third, ...) when they would not fit side by side.
    """
    count = len(labels)
    if not len(values) == len(floor) == len(short) == count:
        raise ValueError(f"{count} labels, {len(values)} values, {len(floor)} floors, {len(short)} marks")
    size = font_size_pt * PT_TO_MM
    stroke = 0.5 * PT_TO_MM
    body, top = begin_chart(title, size)
    largest = max([as_float(v) for v in values] + [as_float(f) for f in floor] + [0.0])
    span = largest * 1.08 if largest > 0 else 1.0
    step = nice_step(span, 4)
    top_value = step * math.ceil(span / step)
    ticks = [step * i for i in range(round(top_value / step) + 1)]
    tick_texts = [tick_text(t) for t in ticks]
    plot_left = max(text_width_mm(t, font_size_pt) for t in tick_texts) + 1.8
    plot_right = width_mm - min(text_width_mm(floor_label, font_size_pt) + 1.6, width_mm * 0.3)
    plot_top = top + size * 1.8
    plot_bottom = max(height_mm - size * 4.1, plot_top + 10)
    plot_height = plot_bottom - plot_top

    def y_of(value: Number) -> float:
        return plot_bottom - max(as_float(value), 0.0) / top_value * plot_height

    for tick, text in zip(ticks, tick_texts, strict=True):
        y = y_of(tick)
        body.append(
            f'<line class="grid" x1="{mm(plot_left)}" y1="{mm(y)}" x2="{mm(plot_right)}" y2="{mm(y)}" '
            f'stroke="#d0d0d0" stroke-width="{mm(stroke * 0.6)}"/>'
        )
        body.append(
            svg_text(plot_left - 1.2, y + size * 0.35, text, size_mm=size, anchor="end", css_class="tick")
        )
    slot = (plot_right - plot_left) / count if count else 0.0
    bar_width = slot * 0.62
    widest = max((text_width_mm(label, font_size_pt) for label in labels), default=0.0)
    every = max(1, math.ceil((widest + 1.5) / slot)) if slot > 0 else 1
    for index in range(count):
        x = plot_left + index * slot + (slot - bar_width) / 2
        y = y_of(values[index])
        body.append(svg_rect(x, y, bar_width, plot_bottom - y, "over" if short[index] else "default", stroke))
        centre = x + bar_width / 2
        if short[index]:
            body.append(
                svg_text(centre, y - 0.9, short_marker, size_mm=size, anchor="middle", css_class="short")
            )
        if index % every == 0:
            body.append(
                svg_text(
                    centre, plot_bottom + size * 1.3, labels[index], size_mm=size, anchor="middle",
                    css_class="period",
                )
            )  # fmt: skip
    points: list[str] = []
    for index, value in enumerate(floor):
        y = y_of(value)
        points.append(f"{mm(plot_left + index * slot)},{mm(y)}")
        points.append(f"{mm(plot_left + (index + 1) * slot)},{mm(y)}")
    if points:
        body.append(
            f'<polyline class="floor" points="{" ".join(points)}" fill="none" stroke="#000" '
            f'stroke-width="{mm(stroke * 2)}" stroke-dasharray="{mm(stroke * 5)} {mm(stroke * 3)}"/>'
        )
        body.append(
            line_label(plot_right + 1.2, width_mm, y_of(floor[-1]) + size * 0.35, floor_label, font_size_pt)
        )
    body.append(
        f'<line class="axis" x1="{mm(plot_left)}" y1="{mm(plot_bottom)}" x2="{mm(plot_right)}" '
        f'y2="{mm(plot_bottom)}" stroke="#000" stroke-width="{mm(stroke * 1.4)}"/>'
    )
    legend = [
        LegendItem("default", value_label),
        LegendItem("over", short_label),
        LegendItem("line", floor_label),
    ]
    elements, legend_height = svg_legend(
        legend, plot_left, plot_bottom + size * 2.0, plot_right - plot_left, font_size_pt, stroke
    )
    body.extend(elements)
    total = max(height_mm, plot_bottom + size * 2.0 + legend_height + 0.6)
    return svg_root(width_mm, total, body, css_class="stock-chart", description=description)
