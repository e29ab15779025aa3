"""The checks of a plan, each a small function that returns findings, and :func:`check_plan`,
which runs them all: overloads and high loads, material shortages, crew gaps, certifications
that lapse inside the plan period, skills that could not be checked, products with no routing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coop.i18n import _
from coop.plans.capacity.bom import Explosion, explode_lines
from coop.plans.capacity.inputs import BomLine, PlanLine, Product, Qualification, Routing, WorkCentre
from coop.plans.capacity.load import (
    available_hours,
    centres_by_code,
    check_routing_centres,
    last_working_day,
    load_lines,
    plan_period,
    routings_by_product,
)
from coop.plans.capacity.quantities import (
    DEFAULT_HIGH_LOAD_PCT,
    HOURS_QUANTUM,
    PERCENT_QUANTUM,
    ZERO,
    as_decimal,
    number_text,
    percent_text,
    round_to,
)
from coop.plans.capacity.results import (
    Finding,
    FindingCode,
    MaterialRequirement,
    Severity,
    WeekCapacity,
    WeekLoad,
    finding_sort_key,
)
from coop.plans.capacity.weeks import week_label, week_of


def _qualifications(
    qualifications: Mapping[str, Iterable[Qualification | tuple[str, int, date | None]]],
) -> dict[str, list[Qualification]]:
    """Accept ``Qualification`` objects or plain ``(member, level, expires_on)`` tuples."""
    return {
        skill: [entry if isinstance(entry, Qualification) else Qualification(*entry) for entry in entries]
        for skill, entries in qualifications.items()
    }


def qualified_members(entries: Iterable[Qualification], level: int, day: date) -> tuple[str, ...]:
    """Members holding the skill at ``level`` or above with a certification valid on ``day``."""
    return tuple(sorted({q.member for q in entries if q.level >= level and q.valid_on(day)}))


# --------------------------------------------------------------------------- the checks


def _capacity_findings(
    loads: Sequence[WeekLoad], centres: Mapping[str, WorkCentre], high_load_pct: Decimal | None
) -> list[Finding]:
    findings = []
    for load in loads:
        available = available_hours(centres[load.work_centre], load.week)
        capacity = WeekCapacity(load.work_centre, load.week, load.minutes, available, load.lines)
        percent = capacity.percent
        values = {
            "work_centre": load.work_centre,
            "week": week_label(load.week),
            "load": number_text(load.hours),
            "available": number_text(available),
            "percent": percent_text(percent) if percent is not None else "",
        }
        if percent is None:
            code, severity = FindingCode.OVERLOAD, Severity.BLOCKING
            message = _(
                "{work_centre} has no working hours in week {week} (closed), "
                "but the plan needs {load} h there."
            ).format(**values)
        elif capacity.overloaded:
            code, severity = FindingCode.OVERLOAD, Severity.BLOCKING
            message = _(
                "{work_centre} is loaded at {percent} % in week {week}: "
                "{load} h needed, {available} h available."
            ).format(**values)
        elif high_load_pct is not None and percent >= high_load_pct:
            code, severity = FindingCode.HIGH_LOAD, Severity.WARNING
            message = _(
                "{work_centre} is loaded at {percent} % in week {week}: {load} h of {available} h available, "
                "little room for breakdowns or absences."
            ).format(**values)
        else:
            continue
        findings.append(
            Finding(
                code,
                severity,
                message,
                week=load.week,
                work_centre=load.work_centre,
                required=round_to(load.hours, HOURS_QUANTUM),
                available=round_to(available, HOURS_QUANTUM),
                percent=round_to(percent, PERCENT_QUANTUM) if percent is not None else None,
                lines=load.lines,
            )
        )
    return findings


def _material_findings(
    lines: Sequence[PlanLine],
    requirements: Mapping[str, MaterialRequirement],
    stock: Mapping[str, Decimal],
    units: Mapping[str, str],
) -> list[Finding]:
    findings = []
    for material, requirement in requirements.items():
        on_hand = as_decimal(stock.get(material, ZERO), _("Stock of {material}").format(material=material))
        if requirement.quantity <= on_hand:
            continue
        running, short_week, short_lines = ZERO, None, []
        # contributions are in plan order; share the stock out by due week, then priority
        allocation = sorted(
            enumerate(requirement.contributions),
            key=lambda ic: (ic[1].line.due_week, ic[1].line.priority, ic[0]),
        )
        for _position, contribution in allocation:
            running += contribution.quantity
            if running > on_hand:
                short_week = short_week or contribution.line.due_week
                short_lines.append(contribution.line)
        unit = units.get(material, "")
        message = _(
            "{material}: {required} {unit} needed, {on_hand} {unit} in stock, {shortfall} {unit} short; "
            "it runs out in week {week}."
        ).format(
            material=material,
            required=number_text(requirement.quantity),
            on_hand=number_text(on_hand),
            shortfall=number_text(requirement.quantity - on_hand),
            unit=unit,
            week=week_label(short_week) if short_week else "",
        )
        findings.append(
            Finding(
                FindingCode.SHORTAGE,
                Severity.BLOCKING,
                " ".join(message.split()),
                week=short_week,
                material=material,
                required=requirement.quantity,
                available=on_hand,
                lines=tuple(short_lines),
            )
        )
    return findings


def _add_unique(target: list[PlanLine], seen: set[int], lines: Iterable[PlanLine]) -> None:
    """Append the lines not yet in ``target`` (the same object, not an equal one), keeping order.

    ``seen`` holds the ids of what ``target`` holds, so this stays linear in big plans.
    """
    for line in lines:
        if id(line) not in seen:
            seen.add(id(line))
            target.append(line)


@dataclass
class _CrewNeed:
    crew: int = 0
    lines: list[PlanLine] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)


def _crew_needs(
    lines: Sequence[PlanLine], explosion: Explosion, routings: Iterable[Routing]
) -> dict[tuple[str, date, str, int], _CrewNeed]:
    by_product = routings_by_product(r for r in routings if r.skill is not None and r.crew_size > 0)
    needs: dict[tuple[str, date, str, int], _CrewNeed] = defaultdict(_CrewNeed)
    for line in lines:
        for item in explosion.per_unit(line.product):
            for routing in by_product.get(item, ()):
                assert routing.skill is not None
                need = needs[(routing.work_centre, line.due_week, routing.skill, routing.skill_level)]
                need.crew = max(need.crew, routing.crew_size)
                _add_unique(need.lines, need.seen, (line,))
    return dict(sorted(needs.items()))


def _crew_findings(
    needs: Mapping[tuple[str, date, str, int], _CrewNeed],
    centres: Mapping[str, WorkCentre],
    qualifications: Mapping[str, Sequence[Qualification]],
) -> list[Finding]:
    findings = []
    for (centre, week, skill, level), need in needs.items():
        day = last_working_day(centres[centre], week)
        members = qualified_members(qualifications.get(skill, ()), level, day)
        if len(members) >= need.crew:
            continue
        message = _(
            "{work_centre} needs a crew of {crew} holding {skill} at level {level} or above in week {week}; "
            "qualified members: {count}."
        ).format(
            work_centre=centre,
            crew=need.crew,
            skill=skill,
            level=level,
            week=week_label(week),
            count=len(members),
        )
        findings.append(
            Finding(
                FindingCode.CREW_GAP,
                Severity.BLOCKING,
                message,
                week=week,
                work_centre=centre,
                skill=skill,
                skill_level=level,
                required=Decimal(need.crew),
                available=Decimal(len(members)),
                members=members,
                lines=tuple(need.lines),
            )
        )
    return findings


def _expiry_findings(
    needs: Mapping[tuple[str, date, str, int], _CrewNeed],
    centres: Mapping[str, WorkCentre],
    qualifications: Mapping[str, Sequence[Qualification]],
    period: tuple[date, date],
) -> list[Finding]:
    start, end = period
    lowest: dict[str, int] = {}
    for _centre, _week, skill, level in needs:
        lowest[skill] = min(level, lowest.get(skill, level))
    findings = []
    for skill, min_level in sorted(lowest.items()):
        by_member: dict[str, list[Qualification]] = defaultdict(list)
        for entry in qualifications.get(skill, ()):
            if entry.level >= min_level:
                by_member[entry.member].append(entry)
        for member, entries in sorted(by_member.items()):
            if any(e.expires_on is None or e.expires_on > end for e in entries):
                continue
            latest = max(entries, key=lambda e: (e.expires_on, e.level))
            expires_on = latest.expires_on
            assert expires_on is not None
            if not start < expires_on <= end:
                continue
            affected: list[PlanLine] = []
            affected_seen: set[int] = set()
            affected_centres: list[str] = []
            for (centre, week, need_skill, level), need in needs.items():
                if need_skill != skill or level > latest.level:
                    continue
                if last_working_day(centres[centre], week) >= expires_on:
                    if centre not in affected_centres:
                        affected_centres.append(centre)
                    _add_unique(affected, affected_seen, need.lines)
            message = _(
                "{member}'s certification in {skill} (level {level}) expires on {expires_on}, "
                "inside the plan period."
            ).format(member=member, skill=skill, level=latest.level, expires_on=expires_on.isoformat())
            if affected_centres:
                message += " " + _("The plan still needs it after that at {work_centres}.").format(
                    work_centres=", ".join(sorted(affected_centres))
                )
            findings.append(
                Finding(
                    FindingCode.CERTIFICATION_EXPIRING,
                    Severity.WARNING,
                    message,
                    week=week_of(expires_on),
                    skill=skill,
                    skill_level=latest.level,
                    member=member,
                    expires_on=expires_on,
                    lines=tuple(affected),
                )
            )
    return findings


def _skills_not_checked(needs: Mapping[tuple[str, date, str, int], _CrewNeed]) -> list[Finding]:
    if not needs:
        return []
    lines: list[PlanLine] = []
    seen: set[int] = set()
    for need in needs.values():
        _add_unique(lines, seen, need.lines)
    skills = sorted({skill for _c, _w, skill, _l in needs})
    message = _("Crew qualifications were not checked: there are no training records for {skills}.").format(
        skills=", ".join(skills)
    )
    return [Finding(FindingCode.SKILLS_NOT_CHECKED, Severity.INFO, message, lines=tuple(lines))]


def _routing_findings(
    lines: Sequence[PlanLine], explosion: Explosion, routings: Iterable[Routing]
) -> list[Finding]:
    routed = {routing.product for routing in routings}
    unrouted: dict[str, list[PlanLine]] = defaultdict(list)
    for line in lines:
        if not routed.intersection(explosion.per_unit(line.product)):
            unrouted[line.product].append(line)
    return [
        Finding(
            FindingCode.NO_ROUTING,
            Severity.INFO,
            _("{product} has no routing, nor do its components: it puts no load on any work centre.").format(
                product=product
            ),
            product=product,
            lines=tuple(product_lines),
        )
        for product, product_lines in sorted(unrouted.items())
    ]


def check_plan(
    lines: Sequence[PlanLine],
    *,
    bom: Iterable[BomLine] = (),
    work_centres: Iterable[WorkCentre] = (),
    routings: Iterable[Routing] = (),
    stock: Mapping[str, Decimal] | None = None,
    qualifications: Mapping[str, Iterable[Qualification | tuple[str, int, date | None]]] | None = None,
    products: Iterable[Product] = (),
    period: tuple[date, date] | None = None,
    high_load_pct: Decimal | None = DEFAULT_HIGH_LOAD_PCT,
) -> list[Finding]:
    """Every finding about the plan, sorted: blocking first, then by code, week and subject.

    ``stock`` maps material codes to quantities on hand (missing means none). ``qualifications``
    maps skill codes to members' current levels (``Qualification`` or ``(member, level,
    expires_on)`` tuples); ``None`` means there are no training records
    and skips crew checks. ``products`` only supplies units for the messages. ``period`` is
    (first day, last day) inclusive, by default Monday of the first due week to Sunday of the
    last. ``high_load_pct=None`` turns off the high-load warning.

    Raises ``PlanError`` for a BOM cycle, a routing naming an unknown work centre or a work
    centre given twice; everything else comes back as findings.
    """
    lines = list(lines)
    if not lines:
        return []
    routings = list(routings)
    centres = centres_by_code(work_centres)
    check_routing_centres(routings, centres)
    explosion = Explosion(bom)
    if high_load_pct is not None:
        high_load_pct = as_decimal(high_load_pct, _("The high-load threshold"))
    if period is None:
        period = plan_period(lines)
    units = {product.code: product.unit for product in products}

    findings = _capacity_findings(load_lines(lines, explosion, routings), centres, high_load_pct)
    findings += _material_findings(lines, explode_lines(lines, explosion), stock or {}, units)
    needs = _crew_needs(lines, explosion, routings)
    if qualifications is None:
        findings += _skills_not_checked(needs)
    else:
        by_skill = _qualifications(qualifications)
        findings += _crew_findings(needs, centres, by_skill)
        findings += _expiry_findings(needs, centres, by_skill, period)
    findings += _routing_findings(lines, explosion, routings)
    return sorted(findings, key=finding_sort_key)
