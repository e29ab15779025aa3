"""The printed training plan's coverage before and after, per skill: rows and their chart.

Pure: the plan's gaps (as ``coop training plan show --format json`` gives them) in, rows and an SVG
drawing (:func:`coop.reports.charts.small_multiples`) out, every word in the language in use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from coop.i18n import _, ngettext
from coop.reports.charts import Bar, ChartPanel, LegendItem, small_multiples, text_width_mm
from coop.reports.training_plan_rows import sort_key, week_label

PANEL_TITLE_PT = 5.6 * 1.12  # the size small_multiples sets a panel's title in
BOLD = 1.12  # bold DejaVu Sans runs about this much wider than the regular face the widths are measured in


@dataclass(frozen=True)
class CoverageRow:
    skill: str
    skill_name: str
    level: int
    week: str  # the last week of the plan the skill is short in
    before: int
    after: int
    needed: int


def coverage_rows(gaps: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> tuple[CoverageRow, ...]:
    """Per skill and level the plan is short of: in the last week it is short, the members qualified
    and available before the plan, after its sessions (those trained in time added), and needed."""
    last: dict[tuple[str, int], Mapping[str, Any]] = {}
    for gap in gaps:
        key = (gap["skill"], gap["level"])
        if key not in last or gap["week"] > last[key]["week"]:
            last[key] = gap
    rows = [
        CoverageRow(
            skill=skill,
            skill_name=names.get(skill, skill),
            level=level,
            week=week_label(date.fromisoformat(gap["week"])),
            before=gap["available"],
            after=max(gap["available"], gap["needed"] - gap["still_short"]),
            needed=gap["needed"],
        )
        for (skill, level), gap in last.items()
    ]
    return tuple(sorted(rows, key=lambda r: (sort_key(r.skill_name), r.skill, -r.level)))


def _panel_title(row: CoverageRow, full: bool) -> str:
    return _("{skill}, level {level}, {week}").format(
        skill=row.skill_name if full else row.skill, level=row.level, week=row.week
    )


def coverage_chart(rows: Sequence[CoverageRow], width_mm: float = 170.0) -> str:
    """Small multiples: per skill, the members qualified before and after the plan, and those needed."""
    gap_mm = 6.0
    columns, full = 2, False
    for count in (4, 3, 2):
        width = (width_mm - (count - 1) * gap_mm) / count
        if all(text_width_mm(_panel_title(r, True), PANEL_TITLE_PT) * BOLD <= width for r in rows):
            columns, full = count, True
            break
    panels = [
        ChartPanel(
            title=_panel_title(row, full),
            bars=(
                Bar(_("before"), row.before, style="muted"),
                Bar(_("after"), row.after, style="elected" if row.after >= row.needed else "default"),
            ),
            threshold=row.needed,
            threshold_label=ngettext("{count} needed", "{count} needed", row.needed).format(count=row.needed),
        )
        for row in rows
    ]
    legend = (
        LegendItem("muted", _("qualified before the plan")),
        LegendItem("elected", _("after its sessions: enough")),
        LegendItem("default", _("after its sessions: still short")),
        LegendItem("line", _("needed")),
    )
    if len(panels) < columns:  # a few panels keep the width they would have in a full row
        panel = (width_mm - (columns - 1) * gap_mm) / columns
        width_mm = len(panels) * panel + (len(panels) - 1) * gap_mm
        columns = len(panels)
    return small_multiples(
        panels,
        columns=columns,
        width_mm=width_mm,
        column_gap_mm=gap_mm,
        legend=legend,
        description=_("Members qualified per skill before and after the training plan, against those needed"),
    )
