"""Load and capacity: the hours a plan puts on each work centre each week, and the hours it has.

A plan line loads its due week with the routings of every item of its explosion; available
hours are the centre's hours per day times its open days in that week.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from coop.errors import PlanError
from coop.i18n import _
from coop.plans.capacity.bom import Explosion
from coop.plans.capacity.inputs import BomLine, PlanLine, Routing, WorkCentre
from coop.plans.capacity.quantities import ZERO
from coop.plans.capacity.results import LineLoad, WeekCapacity, WeekLoad
from coop.plans.capacity.weeks import week_of

# --------------------------------------------------------------------------- capacity


def open_days(work_centre: WorkCentre, week_start: date) -> list[date]:
    """The working days of that ISO week at the centre that are not closures."""
    monday = week_of(week_start)
    days = (monday + timedelta(days=i) for i in range(work_centre.working_days_per_week))
    return [day for day in days if day not in work_centre.closures]


def available_hours(work_centre: WorkCentre, week_start: date) -> Decimal:
    """Effective hours in that ISO week: hours per day (see ``WorkCentre``) × open days."""
    return work_centre.hours_per_day * len(open_days(work_centre, week_start))


def last_working_day(work_centre: WorkCentre, week: date) -> date:
    return week + timedelta(days=work_centre.working_days_per_week - 1)


def routings_by_product(routings: Iterable[Routing]) -> dict[str, list[Routing]]:
    by_product: dict[str, list[Routing]] = defaultdict(list)
    for routing in routings:
        by_product[routing.product].append(routing)
    return by_product


def load_lines(
    lines: Sequence[PlanLine], explosion: Explosion, routings: Iterable[Routing]
) -> list[WeekLoad]:
    by_product = routings_by_product(routings)
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
    return load_lines(lines, Explosion(bom), routings)


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


def centres_by_code(work_centres: Iterable[WorkCentre]) -> dict[str, WorkCentre]:
    centres: dict[str, WorkCentre] = {}
    for centre in work_centres:
        if centre.code in centres:
            raise PlanError(_("Work centre {code} is given twice.").format(code=centre.code))
        centres[centre.code] = centre
    return centres


def check_routing_centres(routings: Iterable[Routing], centres: Mapping[str, WorkCentre]) -> None:
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
    centres = centres_by_code(work_centres)
    check_routing_centres(routings, centres)
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
