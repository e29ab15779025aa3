"""One page per scenario of the printed master plan: its figures and its three kinds of chart. Pure.

Rules
-----
Stock
    Each month's bar is the closing stock of every product together (a backlog counts as 0); the
    dashed line is the safety stock of every product together. A month in which at least one
    product closes below its own safety stock is black and marked ▼, and those products are named
    under the chart (the first few, with their months).

Key work centres
    The work centres drawn are the same on every scenario's page: those with load, ranked by the
    highest load % any scenario puts on them in any month (load on a centre with no hours first),
    at most ``KEY_CENTRES``. A sentence gives the highest load % of the others in the scenario.

Key skills
    Likewise for a skill at a level: ranked by the highest share of the qualified members' hours
    its crew-hours take in any scenario and month (crew-hours with nobody qualified first), at
    most ``KEY_SKILLS``; the line is the qualified members (the scenario's trainees included)
    times the hours a member gives a month.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from coop.i18n import _, ngettext, pgettext
from coop.numbers import written_number
from coop.reports.charts.capacity import bar_chart_with_capacity_line
from coop.reports.charts.drawing import text_width_mm
from coop.reports.charts.stock import bar_chart_with_floor_line

ZERO = Decimal(0)
HUNDRED = Decimal(100)

KEY_CENTRES = 4
KEY_SKILLS = 4
NAMED_BELOW_SAFETY = 5
SMALL_WIDTH = 82.0
SMALL_HEIGHT = 31.0
SMALL_FONT = 5.6
INFINITE = Decimal("Infinity")


class StockRow(Protocol):
    """One product in one month of a scenario's schedule (``coop.master.mps.ScheduleRow``)."""

    code: str
    month: date
    closing: Decimal
    safety_stock: Decimal


class CentreRow(Protocol):
    """One work centre in one month (``coop.master.roughcut.CentreMonth``)."""

    work_centre: str
    month: date
    load: Decimal
    available: Decimal


class SkillRow(Protocol):
    """Crew-hours of a skill at a level or above in one month (``coop.master.roughcut.SkillMonth``)."""

    skill: str
    level: int
    month: date
    crew_hours: Decimal
    members: int
    hours: Decimal


class ScenarioData(Protocol):
    """What a scenario's page draws (``coop.reports.master_model.ScenarioFigures``)."""

    @property
    def name(self) -> str: ...
    @property
    def note(self) -> str | None: ...
    @property
    def rows(self) -> Sequence[StockRow]: ...
    @property
    def centres(self) -> Sequence[CentreRow]: ...
    @property
    def skills(self) -> Sequence[SkillRow]: ...


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str


@dataclass(frozen=True)
class ScenarioPage:
    number: int
    name: str
    chosen: bool
    assumptions: tuple[str, ...]
    note: str | None
    figures: tuple[tuple[str, str], ...]  # (label, value) of the comparison's measures
    stock_chart: str
    below_safety: str | None  # "BALD-3030 (Sep 2027, Oct 2027); ..." or None
    centre_charts: tuple[Chart, ...]
    other_centres: str | None  # a sentence on the centres not drawn
    skill_charts: tuple[Chart, ...]
    other_skills: str | None


# --- words and numbers -----------------------------------------------------------------------------


def month_short(month: date) -> str:
    """``Jan``, ``ene``: a chart's month, in the language in use."""
    names = (
        pgettext("month", "Jan"), pgettext("month", "Feb"), pgettext("month", "Mar"),
        pgettext("month", "Apr"), pgettext("month", "May"), pgettext("month", "Jun"),
        pgettext("month", "Jul"), pgettext("month", "Aug"), pgettext("month", "Sep"),
        pgettext("month", "Oct"), pgettext("month", "Nov"), pgettext("month", "Dec"),
    )  # fmt: skip
    return names[month.month - 1]


def month_text(month: date) -> str:
    """``Jan 2027``, ``ene 2027``."""
    return f"{month_short(month)} {month.year}"


def number(value: Decimal | int, language: str, places: int = 0) -> str:
    """A figure as printed: rounded to ``places`` decimals, thousands grouped the language's way."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places))
    return written_number(abs(rounded) if rounded == 0 else rounded, language, places)


# --- the charts ------------------------------------------------------------------------------------


def _share(load: Decimal, available: Decimal) -> Decimal:
    """Load as a share of what is available; load with nothing available ranks above everything."""
    if available:
        return load / available
    return INFINITE if load > 0 else ZERO


def _ranked(worst: dict[object, Decimal], count: int) -> list[object]:
    loaded = [key for key, share in worst.items() if share > 0]
    return sorted(loaded, key=lambda key: (-worst[key], str(key)))[:count]


def key_centres(scenarios: Sequence[ScenarioData]) -> list[str]:
    worst: dict[object, Decimal] = defaultdict(Decimal)
    for s in scenarios:
        for row in s.centres:
            worst[row.work_centre] = max(worst[row.work_centre], _share(row.load, row.available))
    return [str(key) for key in _ranked(worst, KEY_CENTRES)]


def key_skills(scenarios: Sequence[ScenarioData]) -> list[tuple[str, int]]:
    worst: dict[object, Decimal] = defaultdict(Decimal)
    for s in scenarios:
        for row in s.skills:
            key = (row.skill, row.level)
            worst[key] = max(worst[key], _share(row.crew_hours, row.hours))
    return [key for key in _ranked(worst, KEY_SKILLS) if isinstance(key, tuple)]


def fit(text: str, width_mm: float, font_size_pt: float) -> str:
    """``text`` cut with … to fit ``width_mm`` at ``font_size_pt`` (a chart's title)."""
    if text_width_mm(text, font_size_pt) <= width_mm:
        return text
    while text and text_width_mm(text + "…", font_size_pt) > width_mm:
        text = text[:-1]
    return text.rstrip() + "…"


def stock_chart(s: ScenarioData, months: Sequence[date]) -> tuple[str, str | None]:
    """The stock chart of a scenario, and the products that close below their safety stock."""
    stock: dict[date, Decimal] = defaultdict(Decimal)
    safety: dict[date, Decimal] = defaultdict(Decimal)
    below: dict[str, list[date]] = defaultdict(list)
    for row in s.rows:
        stock[row.month] += max(row.closing, ZERO)
        safety[row.month] += row.safety_stock
        if row.closing < row.safety_stock:
            below[row.code].append(row.month)
    short_months = {month for dates in below.values() for month in dates}
    svg = bar_chart_with_floor_line(
        [month_short(m) for m in months],
        [stock[m] for m in months],
        [safety[m] for m in months],
        [m in short_months for m in months],
        floor_label=_("safety stock"),
        value_label=_("closing stock, all products"),
        short_label=_("▼ a product ends the month below its safety stock"),
        title=_("Closing stock by month against safety stock"),
        width_mm=170.0,
        height_mm=38.0,
        description=_("Closing stock of {scenario} by month, against the safety stock").format(
            scenario=s.name
        ),
    )
    if not below:
        return svg, None
    named = []
    for code in sorted(below, key=lambda c: (-len(below[c]), c))[:NAMED_BELOW_SAFETY]:
        dates = below[code]
        shown = ", ".join(month_text(m) for m in dates[:4]) + (" …" if len(dates) > 4 else "")
        named.append(f"{code} ({shown})")
    rest = len(below) - len(named)
    sentence = _("Below safety stock: {products}").format(products="; ".join(named))
    if rest:
        sentence += " " + ngettext("and {count} more product", "and {count} more products", rest).format(
            count=rest
        )
    return svg, sentence + "."


def _small_chart(
    title: str, months: Sequence[date], loads: Sequence[Decimal], lines: Sequence[Decimal], line_label: str
) -> Chart:
    svg = bar_chart_with_capacity_line(
        [month_short(m) for m in months],
        list(loads),
        list(lines),
        capacity_label=line_label,
        title=fit(title, SMALL_WIDTH, SMALL_FONT * 1.1),
        width_mm=SMALL_WIDTH,
        height_mm=SMALL_HEIGHT,
        font_size_pt=SMALL_FONT,
        description=title,
    )
    return Chart(title, svg)


def centre_charts(
    s: ScenarioData, keys: Sequence[str], months: Sequence[date], names: Mapping[str, str], language: str
) -> tuple[tuple[Chart, ...], str | None]:
    by_key = {(row.work_centre, row.month): row for row in s.centres}
    charts = []
    for code in keys:
        rows = [by_key[(code, m)] for m in months if (code, m) in by_key]
        name = names.get(code, "")
        charts.append(
            _small_chart(
                f"{code} {name}".strip(),
                [r.month for r in rows],
                [r.load for r in rows],
                [r.available for r in rows],
                _("hours"),
            )
        )
    others = [row for row in s.centres if row.work_centre not in keys and row.load > 0]
    if not others:
        return tuple(charts), None
    count = len({row.work_centre for row in others})
    worst = max(others, key=lambda row: _share(row.load, row.available))
    if not worst.available:
        sentence = _("{centre} has load in {month} and no hours available.").format(
            centre=worst.work_centre, month=month_text(worst.month)
        )
    else:
        sentence = ngettext(
            "The other work centre with load stays at or below {pct} % of its hours every month.",
            "The other {count} work centres with load stay at or below {pct} % of their hours every month.",
            count,
        ).format(count=count, pct=number(worst.load * HUNDRED / worst.available, language, 1))
    return tuple(charts), sentence


def skill_charts(
    s: ScenarioData,
    keys: Sequence[tuple[str, int]],
    months: Sequence[date],
    names: Mapping[str, str],
    language: str,
) -> tuple[tuple[Chart, ...], str | None]:
    by_key = {(row.skill, row.level, row.month): row for row in s.skills}
    charts = []
    for skill, level in keys:
        rows = [by_key[(skill, level, m)] for m in months if (skill, level, m) in by_key]
        name = names.get(skill, "")
        title = _("{skill} level {level}+ {name}").format(skill=skill, level=level, name=name).strip()
        charts.append(
            _small_chart(
                title,
                [r.month for r in rows],
                [r.crew_hours for r in rows],
                [r.hours for r in rows],
                _("qualified h"),
            )
        )
    others = [row for row in s.skills if (row.skill, row.level) not in keys and row.crew_hours > 0]
    if not others:
        return tuple(charts), None
    count = len({(row.skill, row.level) for row in others})
    worst = max(others, key=lambda row: _share(row.crew_hours, row.hours))
    if not worst.hours:
        sentence = _("{skill} (level {level}) needs crew-hours in {month} and nobody is qualified.").format(
            skill=worst.skill, level=worst.level, month=month_text(worst.month)
        )
    else:
        sentence = ngettext(
            "The other skill needs at most {pct} % of its qualified members' hours in any month.",
            "The other {count} skills need at most {pct} % of their qualified members' hours in any month.",
            count,
        ).format(count=count, pct=number(worst.crew_hours * HUNDRED / worst.hours, language, 1))
    return tuple(charts), sentence


def scenario_pages(
    scenarios: Sequence[ScenarioData],
    *,
    first_month: date,
    months: int,
    language: str,
    centre_names: Mapping[str, str],
    skill_names: Mapping[str, str] | None,
    headings: Sequence[tuple[int, tuple[str, ...], bool]],
    figures: Sequence[tuple[tuple[str, str], ...]],
) -> tuple[ScenarioPage, ...]:
    """Each scenario's page; ``headings`` (number, assumptions, chosen) and ``figures`` in the same order.

    ``skill_names`` is None when no training records are kept: no skill is drawn.
    """
    index = first_month.year * 12 + first_month.month - 1
    span = [date((index + k) // 12, (index + k) % 12 + 1, 1) for k in range(months)]
    centres = key_centres(scenarios)
    skills = key_skills(scenarios) if skill_names is not None else []
    pages = []
    for s, (position, assumptions, chosen), shown in zip(scenarios, headings, figures, strict=True):
        stock, below = stock_chart(s, span)
        centre_list, other_centres = centre_charts(s, centres, span, centre_names, language)
        skill_list, other_skills = skill_charts(s, skills, span, skill_names or {}, language)
        pages.append(
            ScenarioPage(
                number=position,
                name=s.name,
                chosen=chosen,
                assumptions=assumptions,
                note=s.note,
                figures=shown,
                stock_chart=stock,
                below_safety=below,
                centre_charts=centre_list,
                other_centres=other_centres,
                skill_charts=skill_list,
                other_skills=other_skills if skill_names is not None else None,
            )
        )
    return tuple(pages)
