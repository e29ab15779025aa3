"""Horizontal bar charts: one chart of bars (a round's tallies), or small multiples on a shared scale."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coop.reports.charts.drawing import (
    PT_TO_MM,
    Bar,
    ChartPanel,
    LegendItem,
    Number,
    as_float,
    bar_name_label,
    bar_value_text,
    begin_chart,
    mm,
    svg_legend,
    svg_rect,
    svg_root,
    svg_text,
    text_width_mm,
)


@dataclass(frozen=True)
class _Geometry:
    label_width: float  # from the left edge to the start of the bars
    bar_width: float  # the length of a bar at scale_max
    scale_max: float
    bar_height: float
    bar_gap: float
    font_size_pt: float
    stroke_width: float
    value_width: float  # room right of the longest bar for its value


def _value_column_width(bars: Sequence[Bar], font_size_pt: float) -> float:
    widest = max((text_width_mm(bar_value_text(bar), font_size_pt) for bar in bars), default=0.0)
    return widest + 2.4


def _bar_rows(
    bars: Sequence[Bar],
    top: float,
    left: float,
    geometry: _Geometry,
    threshold: Number | None,
    threshold_label: str | None,
) -> tuple[list[str], float]:
    """Bars, their labels and values, the axis and the threshold line; returns elements and height."""
    size = geometry.font_size_pt * PT_TO_MM
    label_room = (size * 1.45) if threshold is not None and threshold_label else size * 0.3
    start = top + label_room
    rows_height = len(bars) * (geometry.bar_height + geometry.bar_gap) - (geometry.bar_gap if bars else 0.0)
    rows_height = max(rows_height, geometry.bar_height)
    x0 = left + geometry.label_width
    scale = geometry.bar_width / geometry.scale_max if geometry.scale_max > 0 else 0.0
    back: list[str] = []  # the threshold line, under the bars' value labels
    front: list[str] = []
    if threshold is not None:
        tx = x0 + as_float(threshold) * scale
        back.append(
            f'<line class="threshold" x1="{mm(tx)}" y1="{mm(start - size * 0.35)}" x2="{mm(tx)}" '
            f'y2="{mm(start + rows_height + size * 0.35)}" stroke="#000" '
            f'stroke-width="{mm(geometry.stroke_width * 1.6)}" '
            f'stroke-dasharray="{mm(geometry.stroke_width * 5)} {mm(geometry.stroke_width * 3)}"/>'
        )
        if threshold_label:
            label_width = text_width_mm(threshold_label, geometry.font_size_pt)
            right_edge = x0 + geometry.bar_width + geometry.value_width
            anchor = "middle"
            if tx + label_width / 2 > right_edge:
                anchor = "end"
            elif tx - label_width / 2 < x0:
                anchor = "start"
            front.append(
                svg_text(
                    tx,
                    start - size * 0.6,
                    threshold_label,
                    size_mm=size,
                    anchor=anchor,
                    css_class="threshold-label",
                )
            )
    for index, bar in enumerate(bars):
        y = start + index * (geometry.bar_height + geometry.bar_gap)
        length = max(as_float(bar.value), 0.0) * scale
        baseline = y + geometry.bar_height / 2 + size * 0.36
        front.append(svg_rect(x0, y, length, geometry.bar_height, bar.style, geometry.stroke_width))
        front.append(bar_name_label(left, x0 - 1.2, baseline, bar.label, geometry.font_size_pt))
        value = bar_value_text(bar)
        value_x = x0 + length + 1.0
        # A white ground under the value keeps it readable where it crosses the threshold line.
        front.append(
            f'<rect class="value-ground" x="{mm(value_x - 0.4)}" y="{mm(y)}" '
            f'width="{mm(text_width_mm(value, geometry.font_size_pt) + 0.8)}" '
            f'height="{mm(geometry.bar_height)}" '
            f'fill="#ffffff"/>'
        )
        front.append(svg_text(value_x, baseline, value, size_mm=size, css_class="value"))
    axis = (
        f'<line class="axis" x1="{mm(x0)}" y1="{mm(start - 0.6)}" '
        f'x2="{mm(x0)}" y2="{mm(start + rows_height + 0.6)}" '
        f'stroke="#000" stroke-width="{mm(geometry.stroke_width * 1.4)}"/>'
    )
    return [*back, *front, axis], label_room + rows_height + size * 0.35


def _geometry(
    bars: Sequence[Bar],
    *,
    width: float,
    thresholds: Sequence[Number | None],
    scale_max: Number | None,
    bar_height: float,
    bar_gap: float,
    font_size_pt: float,
    label_width: float | None,
    threshold_label_widths: Sequence[float] = (),
) -> _Geometry:
    if label_width is None:
        widest = max((text_width_mm(bar.label, font_size_pt) for bar in bars), default=0.0)
        label_width = min(widest + 2.0, width * 0.45)
    value_width = max(_value_column_width(bars, font_size_pt), *threshold_label_widths, 0.0) if bars else 0.0
    value_width = min(value_width, width * 0.3)
    largest = max(
        [as_float(bar.value) for bar in bars] + [as_float(t) for t in thresholds if t is not None] + [0.0]
    )
    top_value = as_float(scale_max) if scale_max is not None else largest
    if top_value <= 0:
        top_value = 1.0
    stroke = 0.5 * PT_TO_MM
    return _Geometry(
        label_width=label_width,
        bar_width=max(width - label_width - value_width, 1.0),
        scale_max=top_value,
        bar_height=bar_height,
        bar_gap=bar_gap,
        font_size_pt=font_size_pt,
        stroke_width=stroke,
        value_width=value_width,
    )


def horizontal_bar_chart(
    bars: Sequence[Bar],
    *,
    threshold: Number | None = None,
    threshold_label: str | None = None,
    title: str | None = None,
    legend: Sequence[LegendItem] = (),
    width_mm: float = 170.0,
    bar_height_mm: float = 4.2,
    bar_gap_mm: float = 1.6,
    font_size_pt: float = 7.5,
    label_width_mm: float | None = None,
    scale_max: Number | None = None,
    description: str | None = None,
) -> str:
    """One bar per item, top to bottom in the order given, names on the left, values at the bars' ends.

    ``threshold`` draws a dashed vertical line at that value, with ``threshold_label`` above it.
    Bars are scaled so that the longest bar (or the threshold, if further right) spans the width
    left after the name and value columns; pass ``scale_max`` to share one scale between charts.
    ``label_width_mm`` fixes the name column (default: the longest name, at most 45% of the width).
    ``description`` becomes the SVG's accessible name and ``<title>``.
    """
    size = font_size_pt * PT_TO_MM
    stroke = 0.5 * PT_TO_MM
    body, y = begin_chart(title, size)
    geometry = _geometry(
        bars,
        width=width_mm,
        thresholds=[threshold],
        scale_max=scale_max,
        bar_height=bar_height_mm,
        bar_gap=bar_gap_mm,
        font_size_pt=font_size_pt,
        label_width=label_width_mm,
    )
    rows, height = _bar_rows(bars, y, 0.0, geometry, threshold, threshold_label)
    body.extend(rows)
    y += height + 0.8
    legend_elements, legend_height = svg_legend(
        legend, geometry.label_width, y, width_mm - geometry.label_width, font_size_pt * 0.95, stroke
    )
    body.extend(legend_elements)
    y += legend_height
    return svg_root(width_mm, y + 0.6, body, css_class="bar-chart", description=description)


def small_multiples(
    panels: Sequence[ChartPanel],
    *,
    columns: int = 3,
    width_mm: float = 170.0,
    column_gap_mm: float = 6.0,
    row_gap_mm: float = 4.0,
    bar_height_mm: float = 2.6,
    bar_gap_mm: float = 0.9,
    font_size_pt: float = 5.6,
    legend: Sequence[LegendItem] = (),
    scale_max: Number | None = None,
    description: str | None = None,
) -> str:
    """One small horizontal bar chart per panel, left to right then down, all on the same scale.

    Every panel shares the name column (sized for the longest name of all panels) and the scale
    (the largest value or threshold of all panels, unless ``scale_max`` is given), so bars can be
    compared from one panel to the next. Panels in a grid row line up at the top.
    """
    if columns < 1:
        raise ValueError("small_multiples needs at least one column")
    size = font_size_pt * PT_TO_MM
    stroke = 0.4 * PT_TO_MM
    columns = max(1, min(columns, len(panels))) if panels else 1
    panel_width = (width_mm - (columns - 1) * column_gap_mm) / columns
    every_bar = [bar for panel in panels for bar in panel.bars]
    label_widths = [
        text_width_mm(panel.threshold_label, font_size_pt) / 2 + 1
        for panel in panels
        if panel.threshold_label
    ]
    geometry = _geometry(
        every_bar,
        width=panel_width,
        thresholds=[panel.threshold for panel in panels],
        scale_max=scale_max,
        bar_height=bar_height_mm,
        bar_gap=bar_gap_mm,
        font_size_pt=font_size_pt,
        label_width=None,
        threshold_label_widths=label_widths,
    )
    body: list[str] = []
    y = 0.6
    for start in range(0, len(panels), columns):
        row = panels[start : start + columns]
        heights = []
        for column, panel in enumerate(row):
            left = column * (panel_width + column_gap_mm)
            body.append(
                svg_text(
                    left,
                    y + size * 1.05,
                    panel.title,
                    size_mm=size * 1.12,
                    bold=True,
                    css_class="panel-title",
                )
            )
            body.append(
                f'<line class="panel-rule" x1="{mm(left)}" y1="{mm(y + size * 1.45)}" '
                f'x2="{mm(left + panel_width)}" y2="{mm(y + size * 1.45)}" stroke="#999999" '
                f'stroke-width="{mm(stroke * 0.6)}"/>'
            )
            rows, height = _bar_rows(
                panel.bars, y + size * 1.6, left, geometry, panel.threshold, panel.threshold_label
            )
            body.append(f'<g class="panel">{"".join(rows)}</g>')
            heights.append(size * 1.6 + height)
        y += max(heights) + row_gap_mm
    legend_elements, legend_height = svg_legend(
        legend, 0.0, y - row_gap_mm / 2, width_mm, font_size_pt * 1.15, stroke
    )
    body.extend(legend_elements)
    y += legend_height - (row_gap_mm / 2 if legend_elements else row_gap_mm)
    return svg_root(width_mm, y + 0.8, body, css_class="small-multiples", description=description)
