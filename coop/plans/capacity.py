"""Capacity, material and crew checks for a production plan: plain data in, findings out.

This module is pure: it reads no database, no clock and no global state, and it imports
nothing from coop but errors and the translation hook. The plan services build the frozen
dataclasses below from their models, call :func:`check_plan` (or the smaller functions) and
store or print what comes back.

Conventions (each is tested in ``tests/plans/test_capacity.py``)
-----------------------------------------------------------------
Weeks
    A week is an ISO week, written as the ``date`` of its Monday. Every date given as a week
    (``PlanLine.due_week``, ``available_hours(..., week_start)``) is moved back to the Monday of
    its ISO week, so any day of the week names that week. :func:`iso_week` turns ``(2025, 7)``
    into that Monday and :func:`week_label` turns the Monday into ``"2025-W07"``.

Bills of materials and scrap
    A ``BomLine`` says that one unit of ``parent`` needs ``quantity`` units of ``component``.
    Scrap is a percentage *added* to the net need on that line::

        gross = net × (1 + scrap_pct / 100)

    so 100 bricks needing 2 kg of clay each with 5 % scrap need 100 × 2 × 1.05 = 210 kg. The
    gross quantity of a component is what must be made (or issued), so it is what is exploded
    further down and what loads the component's own routings. Scrap compounds level by level.
    Exact ``Decimal`` arithmetic is used throughout; nothing is rounded until a ``Finding`` is
    written (hours to 0.01, percentages to 0.1, half up).

Materials
    A material is any item that has no BOM lines of its own. A planned product with no BOM
    lines is therefore itself a material (something bought or taken from stock). Stock is only
    compared with material requirements: there is no netting of components on hand and no
    incoming receipts. A material runs short in the first due week at which the cumulative
    requirement (lines taken by due week, then priority, then plan order) exceeds the stock;
    the lines of a ``shortage`` finding are the ones that cannot be fully supplied.

Load
    The whole quantity of a plan line, and of every component in its BOM, is loaded in the
    line's due week (no lead-time offsetting). Load in hours = minutes per unit × gross
    quantity / 60, summed over every routing of every item of the explosion. A product may
    pass through several work centres (one ``Routing`` per operation).

Available hours
    hours per shift × shifts per day × parallel stations × efficiency % / 100 × open days,
    where the working days are the first ``working_days_per_week`` days of the ISO week
    (Monday to Friday for 5) and a closure on a working day removes that day. A closure on a
    day the centre does not work anyway changes nothing.

Overload
    load % = load / available × 100; a load above 100 % is ``blocking`` (exactly 100 % is not),
    a load at or above ``high_load_pct`` (90 % by default) is a ``warning``, and any load in a
    week with no available hours is ``blocking``.

Crew qualification and certifications
    ``Qualification.expires_on`` is the first day the certification is no longer valid (the
    same convention as ``coop.training.coverage``); ``None`` means it does not expire. A member
    counts for a week at a work centre if they hold the skill at the required level or above
    and the certification is still valid on the last working day of that week at that centre.
    For each (work centre, week, skill, level) in use, fewer such members than the largest crew
    size needed is ``blocking`` (``crew_gap``). The crew is compared with the members who could
    staff one station: the check does not try to spread people over shifts, parallel stations
    or work centres. A certification (at a level some used routing needs) whose holder has no
    later one and whose ``expires_on`` falls inside the plan period (valid on its first day,
    invalid on or before its last) is a ``warning`` (``certification_expiring``). When no
    qualification data is given at all (``qualifications=None``: no training records), crew
    checks are skipped and one ``info`` finding (``skills_not_checked``) says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from coop.errors import PlanError
from coop.i18n import _

__all__ = [
    "BomLine",
    "Finding",
    "FindingCode",
    "LineLoad",
    "LineQuantity",
    "MaterialRequirement",
    "PlanLine",
    "Product",
    "Qualification",
    "Routing",
    "Severity",
    "WeekCapacity",
    "WeekLoad",
    "WorkCentre",
    "available_hours",
    "check_plan",
    "ensure_acyclic",
    "explode_bom",
    "find_bom_cycle",
    "iso_week",
    "item_requirements",
    "load_by_week",
    "open_days",
    "plan_period",
    "qualified_members",
    "week_label",
    "week_of",
    "weekly_capacity",
]

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
SIXTY = Decimal(60)
MAX_LEVEL = 4
HOURS_QUANTUM = Decimal("0.01")
PERCENT_QUANTUM = Decimal("0.1")
DEFAULT_HIGH_LOAD_PCT = Decimal(90)


# --------------------------------------------------------------------------- helpers


def _decimal(value: object, what: str) -> Decimal:
    """``value`` as a finite Decimal (int, str, Decimal; a float goes through its repr)."""
    try:
        if isinstance(value, bool):
            raise TypeError
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, int | str):
            result = Decimal(value)
        elif isinstance(value, float):
            result = Decimal(repr(value))
        else:
            raise TypeError
    except (TypeError, ValueError, InvalidOperation):
        raise PlanError(_("{what} must be a number, not {value}.").format(what=what, value=value)) from None
    if not result.is_finite():
        raise PlanError(_("{what} must be a number, not {value}.").format(what=what, value=value))
    return result


def _integer(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanError(_("{what} must be a whole number, not {value}.").format(what=what, value=value))
    return value


def _code(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PlanError(_("{what} must not be empty.").format(what=what))
    return value


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


def _round(value: Decimal, quantum: Decimal) -> Decimal:
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def _fmt(value: Decimal) -> str:
    """A number for a sentence: at most two decimals, no trailing zeros, no exponent."""
    rounded = _round(value, HOURS_QUANTUM)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def week_of(day: date) -> date:
    """The Monday of the ISO week containing ``day``."""
    return day - timedelta(days=day.weekday())


def iso_week(year: int, week: int) -> date:
    """The Monday of ISO week ``week`` of ``year`` (``iso_week(2025, 7)`` is 2025-02-10)."""
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise PlanError(_("{year}-W{week} is not an ISO week.").format(year=year, week=week)) from None


def week_label(week: date) -> str:
    """``"2025-W07"`` for any day of that ISO week."""
    iso = week.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


# --------------------------------------------------------------------------- input types


@dataclass(frozen=True)
class Product:
    """Any item: a finished product, a component or a material (an item with no BOM lines)."""

    code: str
    name: str = ""
    unit: str = ""

    def __post_init__(self) -> None:
        _code(self.code, _("A product code"))


@dataclass(frozen=True)
class BomLine:
    """One unit of ``parent`` needs ``quantity`` units of ``component``, plus ``scrap_pct`` %."""

    parent: str
    component: str
    quantity: Decimal
    scrap_pct: Decimal = ZERO

    def __post_init__(self) -> None:
        _code(self.parent, _("A bill of materials parent"))
        _code(self.component, _("A bill of materials component"))
        quantity = _decimal(self.quantity, _("A bill of materials quantity"))
        scrap = _decimal(self.scrap_pct, _("A scrap percentage"))
        if quantity <= 0:
            raise PlanError(
                _("{parent} → {component}: the quantity per unit must be above zero, not {quantity}.").format(
                    parent=self.parent, component=self.component, quantity=quantity
                )
            )
        if not ZERO <= scrap < HUNDRED:
            raise PlanError(
                _(
                    "{parent} → {component}: scrap must be at least 0 % and below 100 %, not {scrap} %."
                ).format(parent=self.parent, component=self.component, scrap=scrap)
            )
        _set(self, "quantity", quantity)
        _set(self, "scrap_pct", scrap)

    @property
    def gross_factor(self) -> Decimal:
        """Gross units of component per unit of parent: quantity × (1 + scrap % / 100)."""
        return self.quantity * (ONE + self.scrap_pct / HUNDRED)


@dataclass(frozen=True)
class WorkCentre:
    """A place where work is done: a kiln, a press line, a packing table.

    ``parallel`` is the number of identical machines or stations; ``efficiency_pct`` scales
    the nominal hours (it may exceed 100 when standard times are known to be generous);
    ``closures`` are the dates the centre does not work (holidays, maintenance, assembly days).
    """

    code: str
    hours_per_shift: Decimal
    shifts_per_day: int
    working_days_per_week: int = 5
    parallel: int = 1
    efficiency_pct: Decimal = HUNDRED
    closures: frozenset[date] = field(default_factory=frozenset)
    name: str = ""

    def __post_init__(self) -> None:
        _code(self.code, _("A work centre code"))
        hours = _decimal(self.hours_per_shift, _("Hours per shift"))
        shifts = _integer(self.shifts_per_day, _("Shifts per day"))
        days = _integer(self.working_days_per_week, _("Working days per week"))
        parallel = _integer(self.parallel, _("Parallel capacity"))
        efficiency = _decimal(self.efficiency_pct, _("Efficiency"))
        if hours <= 0 or shifts < 1 or hours * shifts > 24:
            raise PlanError(
                _(
                    "Work centre {code}: {shifts} shifts of {hours} h do not fit in a day; "
                    "give at least one shift of more than 0 h and at most 24 h a day."
                ).format(code=self.code, shifts=shifts, hours=hours)
            )
        if not 1 <= days <= 7:
            raise PlanError(
                _("Work centre {code}: working days per week must be from 1 to 7, not {days}.").format(
                    code=self.code, days=days
                )
            )
        if parallel < 1:
            raise PlanError(
                _("Work centre {code}: parallel capacity must be at least 1, not {parallel}.").format(
                    code=self.code, parallel=parallel
                )
            )
        if efficiency <= 0:
            raise PlanError(
                _("Work centre {code}: efficiency must be above 0 %, not {efficiency} %.").format(
                    code=self.code, efficiency=efficiency
                )
            )
        _set(self, "hours_per_shift", hours)
        _set(self, "efficiency_pct", efficiency)
        _set(self, "closures", frozenset(self.closures))

    @property
    def hours_per_day(self) -> Decimal:
        """Effective hours on one open day: shift hours × shifts × parallel × efficiency."""
        return self.hours_per_shift * self.shifts_per_day * self.parallel * self.efficiency_pct / HUNDRED


@dataclass(frozen=True)
class Routing:
    """One operation: ``product`` passes through ``work_centre`` taking ``minutes_per_unit``.

    ``crew_size`` people are needed at the station; when ``skill`` is set each of them must
    hold it at ``skill_level`` (0–4) or above.
    """

    product: str
    work_centre: str
    minutes_per_unit: Decimal
    crew_size: int = 1
    skill: str | None = None
    skill_level: int = 0

    def __post_init__(self) -> None:
        _code(self.product, _("A routing product"))
        _code(self.work_centre, _("A routing work centre"))
        minutes = _decimal(self.minutes_per_unit, _("Minutes per unit"))
        crew = _integer(self.crew_size, _("Crew size"))
        level = _integer(self.skill_level, _("Skill level"))
        if minutes <= 0:
            raise PlanError(
                _(
                    "Routing {product} at {work_centre}: minutes per unit must be above zero, not {minutes}."
                ).format(product=self.product, work_centre=self.work_centre, minutes=minutes)
            )
        if crew < 0:
            raise PlanError(
                _("Routing {product} at {work_centre}: the crew size cannot be negative ({crew}).").format(
                    product=self.product, work_centre=self.work_centre, crew=crew
                )
            )
        if not 0 <= level <= MAX_LEVEL:
            raise PlanError(
                _(
                    "Routing {product} at {work_centre}: the skill level must be from 0 to 4, not {level}."
                ).format(product=self.product, work_centre=self.work_centre, level=level)
            )
        if self.skill is not None:
            _code(self.skill, _("A routing skill"))
        _set(self, "minutes_per_unit", minutes)


@dataclass(frozen=True)
class PlanLine:
    """Make ``quantity`` of ``product`` in the ISO week ``due_week`` (moved to its Monday).

    ``priority``: a lower number is more urgent; it orders lines within a week when stock is
    shared out. ``ref`` is whatever the caller uses to name the line (a line number, an id).
    """

    product: str
    quantity: Decimal
    due_week: date
    priority: int = 0
    ref: str = ""

    def __post_init__(self) -> None:
        _code(self.product, _("A plan line product"))
        quantity = _decimal(self.quantity, _("A plan quantity"))
        _integer(self.priority, _("A priority"))
        if quantity <= 0:
            raise PlanError(
                _("Plan line for {product}: the quantity must be above zero, not {quantity}.").format(
                    product=self.product, quantity=quantity
                )
            )
        if not isinstance(self.due_week, date):
            raise PlanError(
                _("Plan line for {product}: the due week must be a date.").format(product=self.product)
            )
        _set(self, "quantity", quantity)
        _set(self, "due_week", week_of(self.due_week))


@dataclass(frozen=True)
class Qualification:
    """A member's current level in one skill and when the certification stops being valid.

    ``expires_on`` is the first day it is no longer valid; ``None``: it does not expire.
    """

    member: str
    level: int
    expires_on: date | None = None

    def __post_init__(self) -> None:
        _code(self.member, _("A qualified member"))
        level = _integer(self.level, _("Skill level"))
        if not 0 <= level <= MAX_LEVEL:
            raise PlanError(
                _("{member}: the skill level must be from 0 to 4, not {level}.").format(
                    member=self.member, level=level
                )
            )
        if self.expires_on is not None and not isinstance(self.expires_on, date):
            raise PlanError(_("{member}: the expiry must be a date.").format(member=self.member))

    def valid_on(self, day: date) -> bool:
        return self.expires_on is None or day < self.expires_on


# --------------------------------------------------------------------------- output types


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"
    INFO = "info"


_SEVERITY_RANK = {Severity.BLOCKING: 0, Severity.WARNING: 1, Severity.INFO: 2}


class FindingCode(StrEnum):
    OVERLOAD = "overload"
    HIGH_LOAD = "high_load"
    SHORTAGE = "shortage"
    CREW_GAP = "crew_gap"
    CERTIFICATION_EXPIRING = "certification_expiring"
    SKILLS_NOT_CHECKED = "skills_not_checked"
    NO_ROUTING = "no_routing"


@dataclass(frozen=True)
class Finding:
    """One thing that could make the plan fail, with the numbers and the lines behind it.

    Numbers by code:

    * ``overload`` / ``high_load``: ``required`` load hours, ``available`` hours, ``percent``
      (``None`` when no hours are available);
    * ``shortage``: ``required`` quantity of ``material``, ``available`` stock, ``shortfall``;
      ``week`` is the first week it runs short;
    * ``crew_gap``: ``required`` crew size, ``available`` qualified count, ``members`` who qualify;
    * ``certification_expiring``: ``member``, ``expires_on``, ``week`` containing that day.
    """

    code: FindingCode
    severity: Severity
    message: str
    week: date | None = None
    work_centre: str | None = None
    product: str | None = None
    material: str | None = None
    skill: str | None = None
    skill_level: int | None = None
    member: str | None = None
    required: Decimal | None = None
    available: Decimal | None = None
    percent: Decimal | None = None
    expires_on: date | None = None
    members: tuple[str, ...] = ()
    lines: tuple[PlanLine, ...] = ()

    @property
    def shortfall(self) -> Decimal | None:
        if self.required is None or self.available is None:
            return None
        return max(self.required - self.available, ZERO)

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING


def _finding_key(finding: Finding) -> tuple[object, ...]:
    return (
        _SEVERITY_RANK[finding.severity],
        finding.code.value,
        finding.week or date.min,
        finding.work_centre or "",
        finding.product or "",
        finding.material or "",
        finding.skill or "",
        finding.skill_level if finding.skill_level is not None else -1,
        finding.member or "",
    )


@dataclass(frozen=True)
class LineQuantity:
    line: PlanLine
    quantity: Decimal


@dataclass(frozen=True)
class MaterialRequirement:
    """Gross quantity of one material over the plan, and which lines need how much."""

    material: str
    quantity: Decimal
    contributions: tuple[LineQuantity, ...]

    @property
    def lines(self) -> tuple[PlanLine, ...]:
        return tuple(c.line for c in self.contributions)


@dataclass(frozen=True)
class LineLoad:
    line: PlanLine
    minutes: Decimal

    @property
    def hours(self) -> Decimal:
        return self.minutes / SIXTY


@dataclass(frozen=True)
class WeekLoad:
    """Load on one work centre in one week, exact, in minutes; ``contributions`` in plan order."""

    work_centre: str
    week: date
    minutes: Decimal
    contributions: tuple[LineLoad, ...]

    @property
    def hours(self) -> Decimal:
        return self.minutes / SIXTY

    @property
    def lines(self) -> tuple[PlanLine, ...]:
        return tuple(c.line for c in self.contributions)


@dataclass(frozen=True)
class WeekCapacity:
    """One bar of a load chart: load versus available hours for a work centre and week."""

    work_centre: str
    week: date
    load_minutes: Decimal
    available_hours: Decimal
    lines: tuple[PlanLine, ...]

    @property
    def load_hours(self) -> Decimal:
        return self.load_minutes / SIXTY

    @property
    def percent(self) -> Decimal | None:
        """Load as a percentage of the available hours, exact; ``None`` if none are available."""
        if self.available_hours == 0:
            return None
        return self.load_minutes / (self.available_hours * SIXTY) * HUNDRED

    @property
    def overloaded(self) -> bool:
        return self.load_minutes > self.available_hours * SIXTY


# --------------------------------------------------------------------------- bill of materials


def _bom_children(bom: Iterable[BomLine]) -> dict[str, tuple[BomLine, ...]]:
    children: dict[str, list[BomLine]] = defaultdict(list)
    for line in bom:
        children[line.parent].append(line)
    return {parent: tuple(sorted(lines, key=lambda x: x.component)) for parent, lines in children.items()}


def _cycle_error(cycle: Sequence[str]) -> PlanError:
    return PlanError(_("The bill of materials has a cycle: {cycle}.").format(cycle=" → ".join(cycle)))


class _Explosion:
    """Gross quantities per unit of an item, memoised, with cycle detection."""

    def __init__(self, bom: Iterable[BomLine]) -> None:
        self.children = _bom_children(bom)
        self._memo: dict[str, dict[str, Decimal]] = {}

    def is_material(self, item: str) -> bool:
        return item not in self.children

    def per_unit(self, item: str) -> dict[str, Decimal]:
        """Every item in ``item``'s tree (itself included, at 1) → gross units per unit."""
        return self._visit(item, [], set())

    def _visit(self, item: str, path: list[str], on_path: set[str]) -> dict[str, Decimal]:
        if item in on_path:
            raise _cycle_error([*path[path.index(item) :], item])
        known = self._memo.get(item)
        if known is not None:
            return known
        path.append(item)
        on_path.add(item)
        result: dict[str, Decimal] = {item: ONE}
        for line in self.children.get(item, ()):
            factor = line.gross_factor
            for sub, quantity in self._visit(line.component, path, on_path).items():
                result[sub] = result.get(sub, ZERO) + factor * quantity
        path.pop()
        on_path.discard(item)
        self._memo[item] = result
        return result


def find_bom_cycle(bom: Iterable[BomLine]) -> tuple[str, ...] | None:
    """The first cycle found (``("A", "B", "A")``), searching parents in code order, or None."""
    children = _bom_children(bom)
    path: list[str] = []
    on_path: set[str] = set()
    done: set[str] = set()

    def visit(item: str) -> tuple[str, ...] | None:
        if item in on_path:
            return (*path[path.index(item) :], item)
        if item in done:
            return None
        path.append(item)
        on_path.add(item)
        for line in children.get(item, ()):
            found = visit(line.component)
            if found:
                return found
        path.pop()
        on_path.discard(item)
        done.add(item)
        return None

    for parent in sorted(children):
        found = visit(parent)
        if found:
            return found
    return None


def ensure_acyclic(bom: Iterable[BomLine]) -> None:
    """Raise ``PlanError`` naming the cycle (``A → B → A``) if the BOM has one."""
    cycle = find_bom_cycle(bom)
    if cycle is not None:
        raise _cycle_error(cycle)


def item_requirements(product: str, bom: Iterable[BomLine], quantity: Decimal = ONE) -> dict[str, Decimal]:
    """Gross quantity of every item in ``product``'s tree (itself included) for ``quantity``."""
    quantity = _decimal(quantity, _("A quantity"))
    return {item: quantity * q for item, q in sorted(_Explosion(bom).per_unit(product).items())}


def _explode(lines: Sequence[PlanLine], explosion: _Explosion) -> dict[str, MaterialRequirement]:
    per_material: dict[str, list[LineQuantity]] = defaultdict(list)
    for line in lines:
        for item, per_unit in explosion.per_unit(line.product).items():
            if explosion.is_material(item):
                per_material[item].append(LineQuantity(line, line.quantity * per_unit))
    return {
        material: MaterialRequirement(
            material, sum((c.quantity for c in contributions), ZERO), tuple(contributions)
        )
        for material, contributions in sorted(per_material.items())
    }


def explode_bom(lines: Sequence[PlanLine], bom: Iterable[BomLine]) -> dict[str, MaterialRequirement]:
    """Gross material requirements of the plan lines, by material code (in code order).

    Raises ``PlanError`` naming the cycle if a line's product reaches a cycle in the BOM.
    """
    return _explode(lines, _Explosion(bom))


# --------------------------------------------------------------------------- capacity


def open_days(work_centre: WorkCentre, week_start: date) -> list[date]:
    """The working days of that ISO week at the centre that are not closures."""
    monday = week_of(week_start)
    days = (monday + timedelta(days=i) for i in range(work_centre.working_days_per_week))
    return [day for day in days if day not in work_centre.closures]


def available_hours(work_centre: WorkCentre, week_start: date) -> Decimal:
    """Effective hours in that ISO week: hours per day (see ``WorkCentre``) × open days."""
    return work_centre.hours_per_day * len(open_days(work_centre, week_start))


def _last_working_day(work_centre: WorkCentre, week: date) -> date:
    return week + timedelta(days=work_centre.working_days_per_week - 1)


def _routings_by_product(routings: Iterable[Routing]) -> dict[str, list[Routing]]:
    by_product: dict[str, list[Routing]] = defaultdict(list)
    for routing in routings:
        by_product[routing.product].append(routing)
    return by_product


def _load(lines: Sequence[PlanLine], explosion: _Explosion, routings: Iterable[Routing]) -> list[WeekLoad]:
    by_product = _routings_by_product(routings)
    buckets: dict[tuple[str, date], dict[int, Decimal]] = defaultdict(dict)
    for index, line in enumerate(lines):
        for item, per_unit in explosion.per_unit(line.product).items():
            for routing in by_product.get(item, ()):
                bucket = buckets[(routing.work_centre, line.due_week)]
                minutes = line.quantity * per_unit * routing.minutes_per_unit
                bucket[index] = bucket.get(index, ZERO) + minutes
    loads = []
    for (centre, week), per_line in sorted(buckets.items()):
        contributions = tuple(LineLoad(lines[i], minutes) for i, minutes in sorted(per_line.items()))
        loads.append(WeekLoad(centre, week, sum((c.minutes for c in contributions), ZERO), contributions))
    return loads


def load_by_week(
    lines: Sequence[PlanLine], bom: Iterable[BomLine], routings: Iterable[Routing]
) -> list[WeekLoad]:
    """Load per work centre per week (only where there is some), by (work centre, week).

    Each plan line loads its due week with its own routings and those of every component of
    its BOM explosion, at gross (scrap-inclusive) quantities.
    """
    return _load(lines, _Explosion(bom), routings)


def plan_period(lines: Sequence[PlanLine]) -> tuple[date, date]:
    """First and last day (inclusive) of the weeks the lines are due: Monday to Sunday."""
    if not lines:
        raise PlanError(_("A plan with no lines has no period."))
    weeks = [line.due_week for line in lines]
    return min(weeks), max(weeks) + timedelta(days=6)


def _weeks_between(first: date, last: date) -> list[date]:
    week, end = week_of(first), week_of(last)
    weeks = []
    while week <= end:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


def _centres(work_centres: Iterable[WorkCentre]) -> dict[str, WorkCentre]:
    centres: dict[str, WorkCentre] = {}
    for centre in work_centres:
        if centre.code in centres:
            raise PlanError(_("Work centre {code} is given twice.").format(code=centre.code))
        centres[centre.code] = centre
    return centres


def _check_routing_centres(routings: Iterable[Routing], centres: Mapping[str, WorkCentre]) -> None:
    for routing in routings:
        if routing.work_centre not in centres:
            raise PlanError(
                _("The routing of {product} names work centre {work_centre}, which does not exist.").format(
                    product=routing.product, work_centre=routing.work_centre
                )
            )


def weekly_capacity(
    lines: Sequence[PlanLine],
    *,
    bom: Iterable[BomLine] = (),
    work_centres: Iterable[WorkCentre] = (),
    routings: Iterable[Routing] = (),
    weeks: Sequence[date] | None = None,
) -> list[WeekCapacity]:
    """Load versus available hours for every work centre and every week (for load charts).

    ``weeks`` defaults to every week from the first to the last due week of the lines; weeks
    are moved to their Mondays. Sorted by work centre code, then week.
    """
    routings = list(routings)
    centres = _centres(work_centres)
    _check_routing_centres(routings, centres)
    if weeks is None:
        weeks = _weeks_between(*plan_period(lines)) if lines else []
    week_list = sorted({week_of(w) for w in weeks})
    loads = {(load.work_centre, load.week): load for load in load_by_week(lines, bom, routings)}
    grid = []
    for code in sorted(centres):
        for week in week_list:
            load = loads.get((code, week))
            grid.append(
                WeekCapacity(
                    code,
                    week,
                    load.minutes if load else ZERO,
                    available_hours(centres[code], week),
                    load.lines if load else (),
                )
            )
    return grid


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
            "load": _fmt(load.hours),
            "available": _fmt(available),
            "percent": f"{_round(percent, PERCENT_QUANTUM):f}" if percent is not None else "",
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
                required=_round(load.hours, HOURS_QUANTUM),
                available=_round(available, HOURS_QUANTUM),
                percent=_round(percent, PERCENT_QUANTUM) if percent is not None else None,
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
        on_hand = _decimal(stock.get(material, ZERO), _("Stock of {material}").format(material=material))
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
            required=_fmt(requirement.quantity),
            on_hand=_fmt(on_hand),
            shortfall=_fmt(requirement.quantity - on_hand),
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
    lines: Sequence[PlanLine], explosion: _Explosion, routings: Iterable[Routing]
) -> dict[tuple[str, date, str, int], _CrewNeed]:
    by_product = _routings_by_product(r for r in routings if r.skill is not None and r.crew_size > 0)
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
        day = _last_working_day(centres[centre], week)
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
                if _last_working_day(centres[centre], week) >= expires_on:
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
    lines: Sequence[PlanLine], explosion: _Explosion, routings: Iterable[Routing]
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
    centres = _centres(work_centres)
    _check_routing_centres(routings, centres)
    explosion = _Explosion(bom)
    if high_load_pct is not None:
        high_load_pct = _decimal(high_load_pct, _("The high-load threshold"))
    if period is None:
        period = plan_period(lines)
    units = {product.code: product.unit for product in products}

    findings = _capacity_findings(_load(lines, explosion, routings), centres, high_load_pct)
    findings += _material_findings(lines, _explode(lines, explosion), stock or {}, units)
    needs = _crew_needs(lines, explosion, routings)
    if qualifications is None:
        findings += _skills_not_checked(needs)
    else:
        by_skill = _qualifications(qualifications)
        findings += _crew_findings(needs, centres, by_skill)
        findings += _expiry_findings(needs, centres, by_skill, period)
    findings += _routing_findings(lines, explosion, routings)
    return sorted(findings, key=_finding_key)
