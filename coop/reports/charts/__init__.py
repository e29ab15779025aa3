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

Where things live
-----------------
``drawing``   bar styles, text widths, SVG elements, axes, legends and labels shared by every chart
``bars``      :func:`horizontal_bar_chart` and :func:`small_multiples`
``capacity``  :func:`bar_chart_with_capacity_line`

Every module is pure (a test checks their imports); the names below are re-exported so that
``from coop.reports import charts`` keeps working.
"""

from __future__ import annotations

from coop.reports.charts.bars import horizontal_bar_chart, small_multiples
from coop.reports.charts.capacity import bar_chart_with_capacity_line
from coop.reports.charts.drawing import BAR_STYLES, Bar, ChartPanel, LegendItem, text_width_mm

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
