"""Charts for printed documents, as SVG markup: pure functions, plain data in, a string out.

Every builder returns one ``<svg>`` element sized in millimetres for an A4 page (the
``viewBox`` is in millimetres too, and type sizes are given in points), set in DejaVu Sans like
the small print of :file:`templates/print.css`. It prints in black and grey only, so a
photocopy keeps every distinction:

* ``elected`` / ``over`` bars are black, ``default`` bars mid-grey, ``muted`` bars light grey;
* ``eliminated`` bars are white with a dashed outline.

The same input always gives the same bytes: no ids, no random numbers, no clock, coordinates
written with two decimals. Every piece of text is escaped with :func:`html.escape`, so a name
such as ``Bar <La Peña> & Co.`` is printed as written and can never break the markup.

The module knows no words of its own: titles, legends and line labels come from the caller,
already translated. Text widths are estimated from DejaVu Sans' advance widths (accented
letters measure as their base letter), which is close enough to size label columns.

Builders:

* :func:`horizontal_bar_chart` — one bar per item (e.g. one round's tallies), an optional
  vertical threshold line with its label, the value printed at the end of each bar;
* :func:`small_multiples` — one small horizontal bar chart per panel (e.g. per round) on a grid,
  on a shared scale, with one legend;
* :func:`bar_chart_with_capacity_line` — vertical bars (e.g. weekly load) against a capacity
  line (flat or stepped); bars above capacity are black and marked.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "BAR_STYLES",
    "Bar",
    "ChartPanel",
    "LegendItem",
    "bar_chart_with_capacity_line",
    "horizontal_bar_chart",
    "small_multiples",
    "text_width_mm",
]

Number = int | float | Decimal

PT_TO_MM = 25.4 / 72
FONT_FAMILY = "'DejaVu Sans', sans-serif"

#: Fill and outline of each bar style: (fill, stroke or None, dashed outline).
BAR_STYLES: dict[str, tuple[str, str | None, bool]] = {
    "default": ("#8a8a8a", None, False),
    "elected": ("#111111", None, False),
    "eliminated": ("#ffffff", "#000000", True),
    "muted": ("#cfcfcf", None, False),
    "over": ("#111111", None, False),
}

# DejaVu Sans advance widths (units per em: 2048) of the printable ASCII characters, U+0020..U+007E.
_ASCII_ADVANCE = (
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087,
    2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,
    1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,
    1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,
    1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
)  # fmt: skip
_OTHER_ADVANCE = {
    "Ł": 1151,
    "ł": 606,
    "Ø": 1612,
    "ø": 1253,
    "ß": 1303,
    "Æ": 2025,
    "æ": 2010,
    "−": 1716,
    "–": 1024,
    "—": 2048,
    "·": 651,
    "…": 2048,
    "→": 1716,
    "€": 1303,
    "▲": 1577,
    "º": 791,
}
_UNKNOWN_ADVANCE = 1300
_WIDE_ADVANCE = 2048


@dataclass(frozen=True)
class Bar:
    """One bar: what it stands for, how long it is, and what is printed at its end."""

    label: str
    value: Number
    value_text: str | None = None  # printed at the bar's end; default: the value as given
    style: str = "default"  # a key of BAR_STYLES


@dataclass(frozen=True)
class LegendItem:
    style: str  # a key of BAR_STYLES, or "line" for a dashed threshold/capacity line
    label: str


@dataclass(frozen=True)
class ChartPanel:
    """One small chart of :func:`small_multiples`."""

    title: str
    bars: tuple[Bar, ...]
    threshold: Number | None = None
    threshold_label: str | None = None


# --------------------------------------------------------------------------- helpers


def _advance(char: str) -> int:
    code = ord(char)
    if 0x20 <= code <= 0x7E:
        return _ASCII_ADVANCE[code - 0x20]
    if char in _OTHER_ADVANCE:
        return _OTHER_ADVANCE[char]
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return _WIDE_ADVANCE
    if unicodedata.combining(char):
        return 0
    base = unicodedata.normalize("NFD", char)[0]
    if base != char:
        return _advance(base)
    return _UNKNOWN_ADVANCE


def text_width_mm(text: str, font_size_pt: float) -> float:
    """The printed width of ``text`` in DejaVu Sans at ``font_size_pt``, in millimetres (an estimate)."""
    units = sum(_advance(char) for char in str(text))
    return units / 2048 * font_size_pt * PT_TO_MM


def _n(value: float) -> str:
    """A coordinate as written in the SVG: two decimals at most, no ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def _as_float(value: Number) -> float:
    return float(value)


def _value_text(bar: Bar) -> str:
    return bar.value_text if bar.value_text is not None else str(bar.value)


def _style(name: str) -> tuple[str, str | None, bool]:
    try:
        return BAR_STYLES[name]
    except KeyError:
        raise ValueError(f"unknown bar style {name!r}; use one of {', '.join(sorted(BAR_STYLES))}") from None


def _rect(
    x: float, y: float, width: float, height: float, style: str, stroke_width: float, kind: str = "bar"
) -> str:
    fill, stroke, dashed = _style(style)
    attributes = f'x="{_n(x)}" y="{_n(y)}" width="{_n(max(width, 0.0))}" height="{_n(height)}" fill="{fill}"'
    if stroke is not None:
        # The outline is drawn inside the bar's box so that every bar keeps its true length.
        inset = stroke_width / 2
        attributes = (
            f'x="{_n(x + inset)}" y="{_n(y + inset)}" width="{_n(max(width - stroke_width, 0.0))}" '
            f'height="{_n(height - stroke_width)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{_n(stroke_width)}"'
        )
        if dashed:
            attributes += f' stroke-dasharray="{_n(stroke_width * 4)} {_n(stroke_width * 2.5)}"'
    return f'<rect class="{kind} {kind}-{_esc(style)}" {attributes}/>'


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size_mm: float,
    anchor: str = "start",
    bold: bool = False,
    css_class: str | None = None,
    fill: str | None = None,
) -> str:
    extra = f' class="{css_class}"' if css_class else ""
    if anchor != "start":
        extra += f' text-anchor="{anchor}"'
    if bold:
        extra += ' font-weight="bold"'
    if fill:
        extra += f' fill="{fill}"'
    return f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size_mm)}"{extra}>{_esc(text)}</text>'


def _svg(
    width_mm: float, height_mm: float, body: list[str], *, css_class: str, description: str | None
) -> str:
    label = f' aria-label="{_esc(description)}"' if description else ""
    title = f"<title>{_esc(description)}</title>" if description else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" width="{_n(width_mm)}mm" '
        f'height="{_n(height_mm)}mm" viewBox="0 0 {_n(width_mm)} {_n(height_mm)}" role="img"{label}>'
        f'{title}<g font-family="{FONT_FAMILY}" fill="#000">' + "".join(body) + "</g></svg>"
    )


def _nice_step(span: float, target_ticks: int) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about ``target_ticks`` ticks."""
    if span <= 0:
        return 1.0
    raw = span / max(target_ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _tick_text(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _legend(
    items: Sequence[LegendItem], x: float, y: float, width: float, font_size_pt: float, stroke_width: float
) -> tuple[list[str], float]:
    """Legend swatches in rows from (x, y); returns the elements and the height used."""
    if not items:
        return [], 0.0
    size = font_size_pt * PT_TO_MM
    swatch = size * 1.1
    line_height = size * 1.7
    elements: list[str] = []
    cursor_x, cursor_y = x, y
    for item in items:
        needed = swatch + 1.2 + text_width_mm(item.label, font_size_pt) + 4.0
        if cursor_x > x and cursor_x + needed > x + width:
            cursor_x = x
            cursor_y += line_height
        top = cursor_y + (line_height - swatch) / 2
        if item.style == "line":
            middle = cursor_x + swatch / 2
            elements.append(
                f'<line class="legend-line" x1="{_n(middle)}" y1="{_n(top - 0.3)}" x2="{_n(middle)}" '
                f'y2="{_n(top + swatch + 0.3)}" stroke="#000" stroke-width="{_n(stroke_width * 1.6)}" '
                f'stroke-dasharray="{_n(stroke_width * 5)} {_n(stroke_width * 3)}"/>'
            )
        elif item.style == "capacity":
            middle = top + swatch / 2
            elements.append(
                f'<line class="legend-line" x1="{_n(cursor_x)}" y1="{_n(middle)}" '
                f'x2="{_n(cursor_x + swatch)}" y2="{_n(middle)}" stroke="#000" '
                f'stroke-width="{_n(stroke_width * 2.2)}"/>'
            )
        else:
            elements.append(_rect(cursor_x, top, swatch, swatch, item.style, stroke_width, kind="swatch"))
        elements.append(
            _text(cursor_x + swatch + 1.2, top + swatch * 0.85, item.label, size_mm=size, css_class="legend")
        )
        cursor_x += needed
    return elements, cursor_y - y + line_height


# --------------------------------------------------------------------------- horizontal bars


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
    widest = max((text_width_mm(_value_text(bar), font_size_pt) for bar in bars), default=0.0)
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
        tx = x0 + _as_float(threshold) * scale
        back.append(
            f'<line class="threshold" x1="{_n(tx)}" y1="{_n(start - size * 0.35)}" x2="{_n(tx)}" '
            f'y2="{_n(start + rows_height + size * 0.35)}" stroke="#000" '
            f'stroke-width="{_n(geometry.stroke_width * 1.6)}" '
            f'stroke-dasharray="{_n(geometry.stroke_width * 5)} {_n(geometry.stroke_width * 3)}"/>'
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
                _text(
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
        length = max(_as_float(bar.value), 0.0) * scale
        baseline = y + geometry.bar_height / 2 + size * 0.36
        front.append(_rect(x0, y, length, geometry.bar_height, bar.style, geometry.stroke_width))
        front.append(_label(left, x0 - 1.2, baseline, bar.label, geometry.font_size_pt))
        value = _value_text(bar)
        value_x = x0 + length + 1.0
        # A white ground under the value keeps it readable where it crosses the threshold line.
        front.append(
            f'<rect class="value-ground" x="{_n(value_x - 0.4)}" y="{_n(y)}" '
            f'width="{_n(text_width_mm(value, geometry.font_size_pt) + 0.8)}" '
            f'height="{_n(geometry.bar_height)}" '
            f'fill="#ffffff"/>'
        )
        front.append(_text(value_x, baseline, value, size_mm=size, css_class="value"))
    axis = (
        f'<line class="axis" x1="{_n(x0)}" y1="{_n(start - 0.6)}" '
        f'x2="{_n(x0)}" y2="{_n(start + rows_height + 0.6)}" '
        f'stroke="#000" stroke-width="{_n(geometry.stroke_width * 1.4)}"/>'
    )
    return [*back, *front, axis], label_room + rows_height + size * 0.35


def _label(left: float, right: float, baseline: float, text: str, font_size_pt: float) -> str:
    """A name right-aligned against the bars; a name too long for its column is set smaller, never cut."""
    available = right - left
    width = text_width_mm(text, font_size_pt)
    size = font_size_pt
    if width > available > 0:
        size = font_size_pt * available / width
    return _text(right, baseline, text, size_mm=size * PT_TO_MM, anchor="end", css_class="label")


def _label_right(left: float, right: float, baseline: float, text: str, font_size_pt: float) -> str:
    """A label left-aligned at ``left``; set smaller if it would run past ``right``, never cut."""
    available = right - left
    width = text_width_mm(text, font_size_pt)
    size = font_size_pt * available / width if width > available > 0 else font_size_pt
    return _text(left, baseline, text, size_mm=size * PT_TO_MM, css_class="capacity-label")


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
        [_as_float(bar.value) for bar in bars] + [_as_float(t) for t in thresholds if t is not None] + [0.0]
    )
    top_value = _as_float(scale_max) if scale_max is not None else largest
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
    body: list[str] = []
    y = 0.6
    if title:
        body.append(_text(0, y + size, title, size_mm=size * 1.1, bold=True, css_class="title"))
        y += size * 1.9
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
    legend_elements, legend_height = _legend(
        legend, geometry.label_width, y, width_mm - geometry.label_width, font_size_pt * 0.95, stroke
    )
    body.extend(legend_elements)
    y += legend_height
    return _svg(width_mm, y + 0.6, body, css_class="bar-chart", description=description)


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
                _text(
                    left,
                    y + size * 1.05,
                    panel.title,
                    size_mm=size * 1.12,
                    bold=True,
                    css_class="panel-title",
                )
            )
            body.append(
                f'<line class="panel-rule" x1="{_n(left)}" y1="{_n(y + size * 1.45)}" '
                f'x2="{_n(left + panel_width)}" y2="{_n(y + size * 1.45)}" stroke="#999999" '
                f'stroke-width="{_n(stroke * 0.6)}"/>'
            )
            rows, height = _bar_rows(
                panel.bars, y + size * 1.6, left, geometry, panel.threshold, panel.threshold_label
            )
            body.append(f'<g class="panel">{"".join(rows)}</g>')
            heights.append(size * 1.6 + height)
        y += max(heights) + row_gap_mm
    legend_elements, legend_height = _legend(
        legend, 0.0, y - row_gap_mm / 2, width_mm, font_size_pt * 1.15, stroke
    )
    body.extend(legend_elements)
    y += legend_height - (row_gap_mm / 2 if legend_elements else row_gap_mm)
    return _svg(width_mm, y + 0.8, body, css_class="small-multiples", description=description)


# --------------------------------------------------------------------------- load against capacity


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
    body: list[str] = []
    top = 0.6
    if title:
        body.append(_text(0, top + size, title, size_mm=size * 1.1, bold=True, css_class="title"))
        top += size * 1.9
    legend_items = []
    if load_label:
        legend_items.append(LegendItem("default", load_label))
    if overload_label:
        legend_items.append(LegendItem("over", overload_label))
    if legend_items:
        legend_items.append(LegendItem("capacity", capacity_label))
    largest = max([_as_float(v) for v in loads] + [_as_float(c) for c in capacities] + [0.0])
    step = _nice_step(largest * 1.08 if largest > 0 else 1.0, 5)
    top_value = step * math.ceil((largest * 1.08 if largest > 0 else 1.0) / step)
    ticks = [step * i for i in range(round(top_value / step) + 1)]
    tick_texts = [
        _tick_text(t) + (f" {axis_unit}" if axis_unit and i == len(ticks) - 1 else "")
        for i, t in enumerate(ticks)
    ]
    axis_width = max(text_width_mm(t, font_size_pt) for t in tick_texts) + 1.8
    capacity_text_width = text_width_mm(capacity_label, font_size_pt)
    plot_left = axis_width
    # The capacity label stands right of the plot, at the end of the line, clear of every bar.
    plot_right = width_mm - min(capacity_text_width + 1.6, width_mm * 0.3)
    plot_top = top + size * 1.6 + (size * 1.2 if value_texts is not None else 0.0)
    legend_height_estimate = size * 1.9 if legend_items else 0.0
    plot_bottom = height_mm - size * 2.2 - legend_height_estimate
    if plot_bottom - plot_top < 10:
        plot_bottom = plot_top + 10
    plot_height = plot_bottom - plot_top

    def y_of(value: Number) -> float:
        return plot_bottom - _as_float(value) / top_value * plot_height

    for tick, text in zip(ticks, tick_texts, strict=True):
        y = y_of(tick)
        body.append(
            f'<line class="grid" x1="{_n(plot_left)}" y1="{_n(y)}" x2="{_n(plot_right)}" y2="{_n(y)}" '
            f'stroke="#d0d0d0" stroke-width="{_n(stroke * 0.6)}"/>'
        )
        body.append(
            _text(plot_left - 1.2, y + size * 0.35, text, size_mm=size, anchor="end", css_class="tick")
        )
    slot = (plot_right - plot_left) / count if count else 0.0
    bar_width = slot * 0.62
    widest_label = max((text_width_mm(label, font_size_pt) for label in labels), default=0.0)
    every = max(1, math.ceil((widest_label + 1.5) / slot)) if slot > 0 else 1
    for index in range(count):
        load, cap = loads[index], capacities[index]
        over = _as_float(load) > _as_float(cap)
        x = plot_left + index * slot + (slot - bar_width) / 2
        y = y_of(max(_as_float(load), 0.0))
        body.append(_rect(x, y, bar_width, plot_bottom - y, "over" if over else "default", stroke))
        centre = x + bar_width / 2
        above = y - 0.9
        if value_texts is not None and text_width_mm(value_texts[index], font_size_pt * 0.9) <= slot * 0.98:
            body.append(
                _text(
                    centre, above, value_texts[index], size_mm=size * 0.9, anchor="middle", css_class="value"
                )
            )
            above -= size * 1.05
        if over:
            body.append(
                _text(centre, above, overload_marker, size_mm=size, anchor="middle", css_class="overload")
            )
        if index % every == 0:
            body.append(
                _text(
                    centre,
                    plot_bottom + size * 1.3,
                    labels[index],
                    size_mm=size,
                    anchor="middle",
                    css_class="period",
                )
            )
    # The capacity line: flat across each period's slot, stepping where the capacity changes.
    points: list[str] = []
    for index, cap in enumerate(capacities):
        y = y_of(cap)
        points.append(f"{_n(plot_left + index * slot)},{_n(y)}")
        points.append(f"{_n(plot_left + (index + 1) * slot)},{_n(y)}")
    if points:
        body.append(
            f'<polyline class="capacity" points="{" ".join(points)}" fill="none" stroke="#000" '
            f'stroke-width="{_n(stroke * 2.2)}" stroke-linejoin="miter"/>'
        )
        last_y = y_of(capacities[-1])
        body.append(
            _label_right(plot_right + 1.2, width_mm, last_y + size * 0.35, capacity_label, font_size_pt)
        )
    body.append(
        f'<line class="axis" x1="{_n(plot_left)}" y1="{_n(plot_bottom)}" x2="{_n(plot_right)}" '
        f'y2="{_n(plot_bottom)}" stroke="#000" stroke-width="{_n(stroke * 1.4)}"/>'
    )
    legend_elements, legend_height = _legend(
        legend_items, plot_left, plot_bottom + size * 2.0, plot_right - plot_left, font_size_pt, stroke
    )
    body.extend(legend_elements)
    total_height = max(height_mm, plot_bottom + size * 2.0 + legend_height + 0.6)
    return _svg(width_mm, total_height, body, css_class="capacity-chart", description=description)
