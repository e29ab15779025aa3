"""What the pure check reads: products, BOM lines, work centres, routings, plan lines, qualifications.

Frozen dataclasses that check their own values when made, so the arithmetic never meets a bad
number; a date given as a week is moved back to the Monday of its ISO week.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coop.errors import PlanError
from coop.i18n import _
from coop.plans.capacity.quantities import (
    HUNDRED,
    MAX_LEVEL,
    ONE,
    ZERO,
    as_code,
    as_decimal,
    as_whole,
    set_field,
)
from coop.plans.capacity.weeks import week_of

# --------------------------------------------------------------------------- input types


@dataclass(frozen=True)
class Product:
    """Any item: a finished product, a component or a material (an item with no BOM lines)."""

    code: str
    name: str = ""
    unit: str = ""

    def __post_init__(self) -> None:
        as_code(self.code, _("A product code"))


@dataclass(frozen=True)
class BomLine:
    """One unit of ``parent`` needs ``quantity`` units of ``component``, plus ``scrap_pct`` %."""

    parent: str
    component: str
    quantity: Decimal
    scrap_pct: Decimal = ZERO

    def __post_init__(self) -> None:
        as_code(self.parent, _("A bill of materials parent"))
        as_code(self.component, _("A bill of materials component"))
        quantity = as_decimal(self.quantity, _("A bill of materials quantity"))
        scrap = as_decimal(self.scrap_pct, _("A scrap percentage"))
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
        set_field(self, "quantity", quantity)
        set_field(self, "scrap_pct", scrap)

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
        as_code(self.code, _("A work centre code"))
        hours = as_decimal(self.hours_per_shift, _("Hours per shift"))
        shifts = as_whole(self.shifts_per_day, _("Shifts per day"))
        days = as_whole(self.working_days_per_week, _("Working days per week"))
        parallel = as_whole(self.parallel, _("Parallel capacity"))
        efficiency = as_decimal(self.efficiency_pct, _("Efficiency"))
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
        set_field(self, "hours_per_shift", hours)
        set_field(self, "efficiency_pct", efficiency)
        set_field(self, "closures", frozenset(self.closures))

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
        as_code(self.product, _("A routing product"))
        as_code(self.work_centre, _("A routing work centre"))
        minutes = as_decimal(self.minutes_per_unit, _("Minutes per unit"))
        crew = as_whole(self.crew_size, _("Crew size"))
        level = as_whole(self.skill_level, _("Skill level"))
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
            as_code(self.skill, _("A routing skill"))
        set_field(self, "minutes_per_unit", minutes)


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
        as_code(self.product, _("A plan line product"))
        quantity = as_decimal(self.quantity, _("A plan quantity"))
        as_whole(self.priority, _("A priority"))
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
        set_field(self, "quantity", quantity)
        set_field(self, "due_week", week_of(self.due_week))


@dataclass(frozen=True)
class Qualification:
    """A member's current level in one skill and when the certification stops being valid.

    ``expires_on`` is the first day it is no longer valid; ``None``: it does not expire.
    """

    member: str
    level: int
    expires_on: date | None = None

    def __post_init__(self) -> None:
        as_code(self.member, _("A qualified member"))
        level = as_whole(self.level, _("Skill level"))
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
