"""What every chart is drawn with: bar styles, text widths in DejaVu Sans, SVG elements, axes and legends.

Pure, like the whole package: plain data in, a string out.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

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


def mm(value: float) -> str:
    """A coordinate as written in the SVG: two decimals at most, no ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def escape_text(text: str) -> str:
    return html.escape(str(text), quote=True)


def as_float(value: Number) -> float:
    return float(value)


def bar_value_text(bar: Bar) -> str:
    return bar.value_text if bar.value_text is not None else str(bar.value)


def bar_style(name: str) -> tuple[str, str | None, bool]:
    try:
        return BAR_STYLES[name]
    except KeyError:
        raise ValueError(f"unknown bar style {name!r}; use one of {', '.join(sorted(BAR_STYLES))}") from None


def svg_rect(
    x: float, y: float, width: float, height: float, style: str, stroke_width: float, kind: str = "bar"
) -> str:
    fill, stroke, dashed = bar_style(style)
    attributes = f'x="{mm(x)}" y="{mm(y)}" width="{mm(max(width, 0.0))}" height="{mm(height)}" fill="{fill}"'
    if stroke is not None:
        # The outline is drawn inside the bar's box so that every bar keeps its true length.
        inset = stroke_width / 2
        attributes = (
            f'x="{mm(x + inset)}" y="{mm(y + inset)}" width="{mm(max(width - stroke_width, 0.0))}" '
            f'height="{mm(height - stroke_width)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{mm(stroke_width)}"'
        )
        if dashed:
            attributes += f' stroke-dasharray="{mm(stroke_width * 4)} {mm(stroke_width * 2.5)}"'
    return f'<rect class="{kind} {kind}-{escape_text(style)}" {attributes}/>'


def svg_text(
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
    return f'<text x="{mm(x)}" y="{mm(y)}" font-size="{mm(size_mm)}"{extra}>{escape_text(text)}</text>'


def begin_chart(title: str | None, size: float) -> tuple[list[str], float]:
    """A chart's body begun with its bold title (none without one), and the y where the chart starts."""
    body: list[str] = []
    y = 0.6
    if title:
        body.append(svg_text(0, y + size, title, size_mm=size * 1.1, bold=True, css_class="title"))
        y += size * 1.9
    return body, y


def svg_root(
    width_mm: float, height_mm: float, body: list[str], *, css_class: str, description: str | None
) -> str:
    label = f' aria-label="{escape_text(description)}"' if description else ""
    title = f"<title>{escape_text(description)}</title>" if description else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" width="{mm(width_mm)}mm" '
        f'height="{mm(height_mm)}mm" viewBox="0 0 {mm(width_mm)} {mm(height_mm)}" role="img"{label}>'
        f'{title}<g font-family="{FONT_FAMILY}" fill="#000">' + "".join(body) + "</g></svg>"
    )


def nice_step(span: float, target_ticks: int) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about ``target_ticks`` ticks."""
    if span <= 0:
        return 1.0
    raw = span / max(target_ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def tick_text(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def svg_legend(
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
                f'<line class="legend-line" x1="{mm(middle)}" y1="{mm(top - 0.3)}" x2="{mm(middle)}" '
                f'y2="{mm(top + swatch + 0.3)}" stroke="#000" stroke-width="{mm(stroke_width * 1.6)}" '
                f'stroke-dasharray="{mm(stroke_width * 5)} {mm(stroke_width * 3)}"/>'
            )
        elif item.style == "capacity":
            middle = top + swatch / 2
            elements.append(
                f'<line class="legend-line" x1="{mm(cursor_x)}" y1="{mm(middle)}" '
                f'x2="{mm(cursor_x + swatch)}" y2="{mm(middle)}" stroke="#000" '
                f'stroke-width="{mm(stroke_width * 2.2)}"/>'
            )
        else:
            elements.append(svg_rect(cursor_x, top, swatch, swatch, item.style, stroke_width, kind="swatch"))
        elements.append(
            svg_text(
                cursor_x + swatch + 1.2, top + swatch * 0.85, item.label, size_mm=size, css_class="legend"
            )
        )
        cursor_x += needed
    return elements, cursor_y - y + line_height


def bar_name_label(left: float, right: float, baseline: float, text: str, font_size_pt: float) -> str:
    """A name right-aligned against the bars; a name too long for its column is set smaller, never cut."""
    available = right - left
    width = text_width_mm(text, font_size_pt)
    size = font_size_pt
    if width > available > 0:
        size = font_size_pt * available / width
    return svg_text(right, baseline, text, size_mm=size * PT_TO_MM, anchor="end", css_class="label")


def line_label(left: float, right: float, baseline: float, text: str, font_size_pt: float) -> str:
    """A label left-aligned at ``left``; set smaller if it would run past ``right``, never cut."""
    available = right - left
    width = text_width_mm(text, font_size_pt)
    size = font_size_pt * available / width if width > available > 0 else font_size_pt
    return svg_text(left, baseline, text, size_mm=size * PT_TO_MM, css_class="capacity-label")
