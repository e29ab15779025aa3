"""Vertical bars (closing stock each month) against a floor line (the safety stock)."""

from __future__ import annotations

from collections.abc import Sequence

from coop.reports.charts.columns import Plot, value_ticks
from coop.reports.charts.drawing import (
    PT_TO_MM,
    LegendItem,
    Number,
    as_float,
    begin_chart,
    line_label,
    mm,
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
    top_value, ticks = value_ticks(largest, 4)
    tick_texts = [tick_text(t) for t in ticks]
    plot_top = top + size * 1.8
    plot = Plot(
        left=max(text_width_mm(t, font_size_pt) for t in tick_texts) + 1.8,
        right=width_mm - min(text_width_mm(floor_label, font_size_pt) + 1.6, width_mm * 0.3),
        top=plot_top,
        bottom=max(height_mm - size * 4.1, plot_top + 10),
        top_value=top_value,
        size=size,
        stroke=stroke,
    )

    def y_of(value: Number) -> float:
        return plot.y_of(max(as_float(value), 0.0))

    body.extend(plot.grid(ticks, tick_texts))
    slot, bar_width, every = plot.slots(labels, font_size_pt)
    for index in range(count):
        style = "over" if short[index] else "default"
        bar, centre, y = plot.bar(index, slot, bar_width, values[index], style)
        body.append(bar)
        if short[index]:
            body.append(
                svg_text(centre, y - 0.9, short_marker, size_mm=size, anchor="middle", css_class="short")
            )
        if index % every == 0:
            body.append(plot.period_label(centre, labels[index]))
    if floor:
        points = plot.step_points([y_of(value) for value in floor], slot)
        body.append(
            f'<polyline class="floor" points="{points}" fill="none" stroke="#000" '
            f'stroke-width="{mm(stroke * 2)}" stroke-dasharray="{mm(stroke * 5)} {mm(stroke * 3)}"/>'
        )
        body.append(
            line_label(plot.right + 1.2, width_mm, y_of(floor[-1]) + size * 0.35, floor_label, font_size_pt)
        )
    body.append(plot.base_line())
    legend = [
        LegendItem("default", value_label),
        LegendItem("over", short_label),
        LegendItem("line", floor_label),
    ]
    return plot.finish(
        body,
        legend,
        font_size_pt=font_size_pt,
        width_mm=width_mm,
        height_mm=height_mm,
        css_class="stock-chart",
        description=description,
    )
