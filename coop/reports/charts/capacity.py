"""Vertical bars (weekly load) against a capacity line, flat or stepped."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

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


def bar_chart_with_capacity_line(
    labels: Sequence[str],
    loads: Sequence[Number],
    capacity: Number | Sequence[Number],
    *,
    capacity_label: str,
    load_label: str | None = None,
    overload_label: str | None = None,
    value_texts: Sequence[str] | None = None,
    axis_unit: str = "",
    title: str | None = None,
    width_mm: float = 170.0,
    height_mm: float = 60.0,
    font_size_pt: float = 7.0,
    overload_marker: str = "▲",
    description: str | None = None,
) -> str:
    """Vertical bars (one per period, e.g. weekly hours of load) against a capacity line.

    ``capacity`` is one number for every period, or one per period (a stepped line, e.g. fewer
    hours in a holiday week). A bar above its period's capacity is black and carries
    ``overload_marker`` above it; the others are grey. ``capacity_label`` is printed at the right
    end of the line. When ``load_label`` or ``overload_label`` is given, a legend names the bars.
    ``value_texts`` are printed above the bars when there is room. Period labels are thinned out
    (every second, third, ...) when they would not fit side by side.
    """
    count = len(labels)
    if len(loads) != count:
        raise ValueError(f"{count} labels but {len(loads)} loads")
    if value_texts is not None and len(value_texts) != count:
        raise ValueError(f"{count} labels but {len(value_texts)} value texts")
    if isinstance(capacity, int | float | Decimal):
        capacities = [capacity] * count
    else:
        capacities = list(capacity)
        if len(capacities) != count:
            raise ValueError(f"{count} labels but {len(capacities)} capacities")
    size = font_size_pt * PT_TO_MM
    stroke = 0.5 * PT_TO_MM
    body, top = begin_chart(title, size)
    legend_items = []
    if load_label:
        legend_items.append(LegendItem("default", load_label))
    if overload_label:
        legend_items.append(LegendItem("over", overload_label))
    if legend_items:
        legend_items.append(LegendItem("capacity", capacity_label))
    largest = max([as_float(v) for v in loads] + [as_float(c) for c in capacities] + [0.0])
    top_value, ticks = value_ticks(largest, 5)
    tick_texts = [
        tick_text(t) + (f" {axis_unit}" if axis_unit and i == len(ticks) - 1 else "")
        for i, t in enumerate(ticks)
    ]
    axis_width = max(text_width_mm(t, font_size_pt) for t in tick_texts) + 1.8
    capacity_text_width = text_width_mm(capacity_label, font_size_pt)
    plot_top = top + size * 1.6 + (size * 1.2 if value_texts is not None else 0.0)
    legend_height_estimate = size * 1.9 if legend_items else 0.0
    plot_bottom = height_mm - size * 2.2 - legend_height_estimate
    if plot_bottom - plot_top < 10:
        plot_bottom = plot_top + 10
    plot = Plot(
        left=axis_width,
        # The capacity label stands right of the plot, at the end of the line, clear of every bar.
        right=width_mm - min(capacity_text_width + 1.6, width_mm * 0.3),
        top=plot_top,
        bottom=plot_bottom,
        top_value=top_value,
        size=size,
        stroke=stroke,
    )
    body.extend(plot.grid(ticks, tick_texts))
    slot, bar_width, every = plot.slots(labels, font_size_pt)
    for index in range(count):
        load, cap = loads[index], capacities[index]
        over = as_float(load) > as_float(cap)
        bar, centre, y = plot.bar(index, slot, bar_width, load, "over" if over else "default")
        body.append(bar)
        above = y - 0.9
        if value_texts is not None and text_width_mm(value_texts[index], font_size_pt * 0.9) <= slot * 0.98:
            body.append(
                svg_text(
                    centre, above, value_texts[index], size_mm=size * 0.9, anchor="middle", css_class="value"
                )
            )
            above -= size * 1.05
        if over:
            body.append(
                svg_text(centre, above, overload_marker, size_mm=size, anchor="middle", css_class="overload")
            )
        if index % every == 0:
            body.append(plot.period_label(centre, labels[index]))
    # The capacity line: flat across each period's slot, stepping where the capacity changes.
    if capacities:
        points = plot.step_points([plot.y_of(cap) for cap in capacities], slot)
        body.append(
            f'<polyline class="capacity" points="{points}" fill="none" stroke="#000" '
            f'stroke-width="{mm(stroke * 2.2)}" stroke-linejoin="miter"/>'
        )
        last_y = plot.y_of(capacities[-1])
        body.append(
            line_label(plot.right + 1.2, width_mm, last_y + size * 0.35, capacity_label, font_size_pt)
        )
    body.append(plot.base_line())
    return plot.finish(
        body,
        legend_items,
        font_size_pt=font_size_pt,
        width_mm=width_mm,
        height_mm=height_mm,
        css_class="capacity-chart",
        description=description,
    )
