"""Rough-cut capacity of the master schedule: hours per work centre and crew-hours per skill, per month.

Pure: plain data in (production per product and month, the pure capacity inputs of
:mod:`coop.plans.capacity`), plain data out (:class:`CentreMonth`, :class:`SkillMonth`,
:class:`RoughFinding`). Exact ``Decimal`` arithmetic; each rule is tested in
``tests/master/test_roughcut.py``.

Rules
-----
Load
    A product made in a month loads that month with its own routings and those of every component
    of its bill of materials (gross, scrap included, as the weekly check does):
    ``hours = quantity × minutes per unit / 60``. No lead time: everything is loaded in its month.

Available hours
    The centre's hours on an open day (shift hours × shifts × stations × efficiency) times its open
    days in the month: the working days of every ISO week touching the month that fall inside the
    month and are not closures (:func:`coop.plans.capacity.load.open_days`). Overtime of ``p`` %
    adds ``p`` % to those hours; overtime hours are the load above the hours without overtime,
    up to the extra hours.

Labour
    A routing with a skill needs ``crew size × hours`` crew-hours of members holding the skill at its
    level or above. For each skill and each level ``L`` a routing asks for, the crew-hours of routings
    asking for ``L`` or more are compared with the members at ``L`` or above (a more skilled member
    can do less skilled work, never the reverse) times the hours each member gives a month. A member
    counts for a month when the certification is valid on its last day. ``extra`` members of a skill
    (training) count at every level.

Findings (one each)
    A centre-month whose load is above its available hours, or that has load and no hours, is an
    ``overload``; a centre-month with available hours loaded below ``idle_pct`` (50 % by default) is
    ``idle``. A skill-level-month whose crew-hours are above the qualified hours is a
    ``labour_short``; the members to train are the shortfall divided by the hours per member,
    rounded up.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from coop.i18n import _
from coop.plans.capacity.bom import Explosion
from coop.plans.capacity.inputs import BomLine, Qualification, Routing, WorkCentre
from coop.plans.capacity.load import centres_by_code, check_routing_centres, open_days
from coop.plans.capacity.weeks import week_of

ZERO = Decimal(0)
HUNDRED = Decimal(100)
SIXTY = Decimal(60)
DEFAULT_IDLE_PCT = Decimal(50)


def month_end(month: date) -> date:
    """The last day of the month ``month`` starts."""
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - timedelta(days=1)


def open_days_in_month(centre: WorkCentre, month: date) -> list[date]:
    """The centre's open days (working days, not closures) inside the month."""
    last = month_end(month)
    week = week_of(month)
    days: list[date] = []
    while week <= last:
        days.extend(day for day in open_days(centre, week) if month <= day <= last)
        week += timedelta(days=7)
    return days


def month_hours(centre: WorkCentre, month: date) -> Decimal:
    """Available hours of the centre in the month, without overtime."""
    return centre.hours_per_day * len(open_days_in_month(centre, month))


@dataclass(frozen=True)
class CentreMonth:
    """One work centre in one month: load, hours without overtime, hours with overtime."""

    work_centre: str
    month: date
    load: Decimal
    base_hours: Decimal
    available: Decimal

    @property
    def percent(self) -> Decimal | None:
        """Load over available hours × 100; ``None`` when there are no hours."""
        return self.load * HUNDRED / self.available if self.available else None

    @property
    def overtime(self) -> Decimal:
        """Load above the hours without overtime, up to the overtime hours."""
        return min(max(self.load - self.base_hours, ZERO), self.available - self.base_hours)


@dataclass(frozen=True)
class SkillMonth:
    """Crew-hours needing ``skill`` at ``level`` or above in a month, against qualified members' hours."""

    skill: str
    level: int
    month: date
    crew_hours: Decimal
    members: int
    hours: Decimal

    @property
    def short(self) -> Decimal:
        return max(self.crew_hours - self.hours, ZERO)


class RoughCode(enum.StrEnum):
    overload = "overload"
    idle = "idle"
    labour_short = "labour_short"


@dataclass(frozen=True)
class RoughFinding:
    code: RoughCode
    subject: str  # a work centre or a skill
    month: date
    message: str


@dataclass(frozen=True)
class RoughCut:
    centres: list[CentreMonth]
    skills: list[SkillMonth]
    findings: list[RoughFinding]
    to_train: dict[str, int]  # per skill: members still to qualify (the worst month)

    @property
    def overtime_hours(self) -> Decimal:
        return sum((row.overtime for row in self.centres), ZERO)

    @property
    def peak(self) -> CentreMonth | None:
        """The centre-month with the highest load % (load with no hours counts first)."""
        loaded = [row for row in self.centres if row.load > 0]
        if not loaded:
            return None
        return max(loaded, key=lambda row: (row.percent is None, row.percent or ZERO, row.work_centre))


def centre_loads(
    production: Mapping[tuple[str, date], Decimal], routings: Sequence[Routing], bom: Iterable[BomLine] = ()
) -> tuple[dict[tuple[str, date], Decimal], dict[tuple[str, int, date], Decimal]]:
    """Hours per (centre, month) and crew-hours per (skill, routing level, month)."""
    explosion = Explosion(bom)
    by_product: dict[str, list[Routing]] = defaultdict(list)
    for routing in routings:
        by_product[routing.product].append(routing)
    hours: dict[tuple[str, date], Decimal] = defaultdict(Decimal)
    crew: dict[tuple[str, int, date], Decimal] = defaultdict(Decimal)
    for (product, month), quantity in production.items():
        if quantity <= 0:
            continue
        for item, per_unit in explosion.per_unit(product).items():
            for routing in by_product.get(item, ()):
                spent = quantity * per_unit * routing.minutes_per_unit / SIXTY
                hours[(routing.work_centre, month)] += spent
                if routing.skill is not None and routing.crew_size > 0:
                    crew[(routing.skill, routing.skill_level, month)] += spent * routing.crew_size
    return hours, crew


def rough_cut(
    production: Mapping[tuple[str, date], Decimal],
    months: Sequence[date],
    *,
    work_centres: Iterable[WorkCentre],
    routings: Iterable[Routing],
    bom: Iterable[BomLine] = (),
    qualifications: Mapping[str, Sequence[Qualification]] | None = None,
    hours_per_member: Decimal = Decimal(120),
    overtime_pct: Decimal = ZERO,
    extra_qualified: Mapping[str, int] | None = None,
    idle_pct: Decimal = DEFAULT_IDLE_PCT,
) -> RoughCut:
    """The rough-cut capacity of ``production`` (per product and month) over ``months``."""
    routings = list(routings)
    centres = centres_by_code(work_centres)
    check_routing_centres(routings, centres)
    hours, crew = centre_loads(production, routings, bom)
    extra = dict(extra_qualified or {})
    quals = qualifications or {}
    factor = 1 + overtime_pct / HUNDRED
    rows: list[CentreMonth] = []
    findings: list[RoughFinding] = []
    for code in sorted(centres):
        for month in months:
            base = month_hours(centres[code], month)
            row = CentreMonth(code, month, hours.get((code, month), ZERO), base, base * factor)
            rows.append(row)
            findings.extend(_centre_findings(row, idle_pct))
    by_skill: dict[str, dict[int, dict[date, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for (skill, level, month), spent in crew.items():
        by_skill[skill][level][month] = spent
    skill_rows: list[SkillMonth] = []
    to_train: dict[str, int] = {}
    for skill in sorted(by_skill):
        per_level = by_skill[skill]
        for level in sorted(per_level):
            for month in months:
                needed = sum(
                    (hours.get(month, ZERO) for lvl, hours in per_level.items() if lvl >= level), ZERO
                )
                last = month_end(month)
                members = len(
                    {q.member for q in quals.get(skill, ()) if q.level >= level and q.valid_on(last)}
                ) + extra.get(skill, 0)
                row = SkillMonth(skill, level, month, needed, members, members * hours_per_member)
                skill_rows.append(row)
                if row.short > 0:
                    missing = int((row.short / hours_per_member).to_integral_value(ROUND_CEILING))
                    to_train[skill] = max(to_train.get(skill, 0), missing)
                    findings.append(_labour_finding(row, missing))
    return RoughCut(rows, skill_rows, findings, to_train)


def _figure(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.1')):f}"


def _centre_findings(row: CentreMonth, idle_pct: Decimal) -> list[RoughFinding]:
    label = f"{row.month.year:04d}-{row.month.month:02d}"
    percent = row.percent
    if row.load > 0 and percent is None:
        message = _("{centre} in {month}: {load} h of load and no available hours.").format(
            centre=row.work_centre, month=label, load=_figure(row.load)
        )
        return [RoughFinding(RoughCode.overload, row.work_centre, row.month, message)]
    if percent is None:
        return []
    if row.load > row.available:
        message = _("{centre} in {month} is overloaded: {load} h of load for {available} h ({percent} %).")
        code = RoughCode.overload
    elif percent < idle_pct:
        message = _("{centre} in {month} is mostly idle: {load} h of load for {available} h ({percent} %).")
        code = RoughCode.idle
    else:
        return []
    text = message.format(
        centre=row.work_centre,
        month=label,
        load=_figure(row.load),
        available=_figure(row.available),
        percent=_figure(percent),
    )
    return [RoughFinding(code, row.work_centre, row.month, text)]


def _labour_finding(row: SkillMonth, missing: int) -> RoughFinding:
    label = f"{row.month.year:04d}-{row.month.month:02d}"
    message = _(
        "{skill} (level {level}) in {month}: {needed} crew-hours and {members} qualified members give "
        "{hours} h; {missing} more qualified members are needed."
    ).format(
        skill=row.skill,
        level=row.level,
        month=label,
        needed=_figure(row.crew_hours),
        members=row.members,
        hours=_figure(row.hours),
        missing=missing,
    )
    return RoughFinding(RoughCode.labour_short, row.skill, row.month, message)
