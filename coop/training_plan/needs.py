"""The training needs analysis: which skills the plant will be short of, week by week, and why.

This module is pure: it reads no database, no clock and no global state; it takes a
:class:`~coop.training_plan.needs_data.NeedsInputs` and gives back a list of
:class:`~coop.training_plan.types.Gap`. The load of the production plans is computed by the
capacity check's own functions (:mod:`coop.plans.capacity.load`), so both say the same.

Conventions (each is tested in ``tests/training_plan/test_needs.py``)
--------------------------------------------------------------------
Horizon
    ``weeks`` ISO weeks (1 to 104) from the week of ``start``; a horizon whose first week is
    before the week of ``today`` is refused: the past cannot be trained for.

The day a week is judged on
    Each (skill, week) is judged on one day: the last working day of that week among the work
    centres that require the skill or are loaded with it that week (``working_days`` counted from
    Monday, as in the capacity check), or the Friday when only the skill's target asks for it.

Members needed, per skill, level and week: the largest of
    (a) **minimum**: each work centre's required minimum (``Requirement``) at that level, in the
        weeks the centre works (at least one working day that is not a closure); the largest of
        the centres' minimums, since a minimum is the centre's standing need, not a crew;
    (b) **load**: the crews the plans need. A plan line loads its due week (no lead time) with
        every routing of every item of its BOM explosion, as the capacity check loads it. At a
        work centre, a routing that names the skill and level with a crew of ``n`` needs ``n``
        heads; its crew-hours are its load hours × ``n``. The centre needs the largest crew of
        those routings, or more when their crew-hours exceed what that many members give in a
        week (``hours_per_member``, 40 by default): ⌈crew-hours / hours_per_member⌉. Different
        work centres work at once, so their heads are **added** up;
    (c) **single point**: the skill's bus-factor target (``SkillTarget``: its
        ``minimum_qualified`` at its qualifying level), every week of the horizon.
    Levels are not pooled: a need at level 3 and a need at level 2 of one skill are two
    (skill, level) rows, each compared with the members at that level or above.

Members available in a week: those holding the skill at the level or above, and on the day
the week is judged on (``d``)
    * still members: active with no departure date, or ``left_on`` after ``d``;
    * with a valid certification: ``expires_on`` after ``d`` (the first day it is no longer
      valid, as in :mod:`coop.training.coverage`); only the latest assessment counts, so a lapsed
      certification is not saved by an older one;
    * not away on a rotating role that takes them off the floor: a term in one of
      ``off_floor_roles`` that covers ``d``. By default only the **coordinator** (the plant's
      general coordination) is off the floor; section coordinators coordinate their own section
      while working in it, and the council's offices (president, secretary, treasurer, auditor)
      are held alongside production, as in the recuperated factories.

Gaps
    One gap per (skill, level, week) where needed > available; consecutive weeks are separate
    gaps, sorted by week, skill, level. Its causes, in this order:
    ``minimum`` (each centre whose minimum exceeds the available members, with that minimum),
    ``load`` (when the added crews exceed them: each loaded centre, with its heads),
    ``single_point`` (when the target exceeds them, with the target), then the members who hold
    the skill at the level but are not available, one cause each, by date (on one day: departures,
    lapses, terms; then by member): ``leaving`` (left on
    or before ``d``, within the year before it; longer ago is no news), else ``lapse`` (the day
    it lapsed), else ``rotation`` (the day the term started).

Who can teach
    :func:`untaught_skills` names the skills of the gaps that no member can teach from within:
    nobody still a member holds them at ``TEACHING_LEVEL`` (3) or above with a valid
    certification today, and no outside trainer has given them. That is a finding, not a
    refusal: the other gaps still need their analysis, and the way out (an outside trainer,
    a hire) is the assembly's to choose.

Refusals
    A horizon in the past, or of 0 or more than 104 weeks; a requirement or routing naming a
    work centre that is not given; a plan the user asked for (``asked``) that puts no crew on
    any skill, or has no line in the horizon.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from coop.errors import TrainingError
from coop.i18n import _
from coop.plans.capacity.bom import Explosion
from coop.plans.capacity.inputs import PlanLine, Routing, WorkCentre
from coop.plans.capacity.load import centres_by_code, load_lines, open_days
from coop.plans.capacity.weeks import week_label, week_of
from coop.training_plan.needs_data import MAX_WEEKS, TEACHING_LEVEL, Holding, NeedsInputs, Worker
from coop.training_plan.types import CauseDetail, Gap, GapCause

RECENT_DEPARTURE = timedelta(days=365)
ABSENCES = (GapCause.leaving, GapCause.lapse, GapCause.rotation)  # on one day, named in this order

__all__ = ["find_gaps", "horizon_weeks", "untaught_skills"]


def horizon_weeks(start: date, weeks: int, today: date) -> list[date]:
    """The Mondays of the horizon, or a TrainingError for a horizon in the past, empty or too long."""
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise TrainingError(
            _("A horizon must be from 1 to {max} weeks, not {weeks}.").format(max=MAX_WEEKS, weeks=weeks)
        )
    first, this_week = week_of(start), week_of(today)
    if first < this_week:
        raise TrainingError(
            _("The horizon starts in {start}, which has passed; start in this week ({now}) or later.").format(
                start=week_label(first), now=week_label(this_week)
            )
        )
    return [first + timedelta(weeks=i) for i in range(weeks)]


@dataclass
class _Demand:
    minimum: dict[str, int] = field(default_factory=dict)  # centre -> its minimum
    load: dict[str, int] = field(default_factory=dict)  # centre -> heads
    target: int = 0
    days: set[date] = field(default_factory=set)  # last working days of the centres asking

    @property
    def needed(self) -> int:
        return max(max(self.minimum.values(), default=0), sum(self.load.values()), self.target)


def _last_working_day(centre: WorkCentre, week: date) -> date:
    return week + timedelta(days=centre.working_days_per_week - 1)


def _check_centres(inputs: NeedsInputs, centres: dict[str, WorkCentre]) -> None:
    named = [(r.centre, r.skill) for r in inputs.requirements] + [
        (r.work_centre, r.product) for r in inputs.routings
    ]
    for centre, what in named:
        if centre not in centres:
            raise TrainingError(
                _("{what} names work centre {centre}, which does not exist.").format(what=what, centre=centre)
            )


def _crewed(routing: Routing) -> bool:
    return routing.skill is not None and routing.crew_size > 0 and routing.skill_level > 0


def _check_plans(inputs: NeedsInputs, weeks: list[date], explosion: Explosion) -> list[PlanLine]:
    """The plan lines due in the horizon; a plan asked for must have some, and crew some skill."""
    in_horizon = set(weeks)
    crewed_items = {r.product for r in inputs.routings if _crewed(r)}
    lines: list[PlanLine] = []
    for plan in inputs.plans:
        mine = [line for line in plan.lines if line.due_week in in_horizon]
        lines.extend(mine)
        if not plan.asked:
            continue
        if not mine:
            raise TrainingError(
                _(
                    "Plan {plan} has no line due from {first} to {last}; choose a horizon that covers it."
                ).format(plan=plan.ref, first=week_label(weeks[0]), last=week_label(weeks[-1]))
            )
        if not any(crewed_items & explosion.per_unit(line.product).keys() for line in mine):
            raise TrainingError(
                _(
                    "Plan {plan} puts no crew on any skill: none of its products' routings names a skill "
                    "and a crew of 1 or more; give them one (coop workcentre routing add) "
                    "or leave the plan out."
                ).format(plan=plan.ref)
            )
    return lines


def _demands(inputs: NeedsInputs, weeks: list[date]) -> dict[tuple[str, int, date], _Demand]:
    centres = centres_by_code(inputs.work_centres)
    _check_centres(inputs, centres)
    explosion = Explosion(inputs.bom)
    lines = _check_plans(inputs, weeks, explosion)
    demand: dict[tuple[str, int, date], _Demand] = defaultdict(_Demand)
    for req in inputs.requirements:  # (a) the centres' minimums, in the weeks they work
        centre = centres[req.centre]
        for week in weeks:
            if open_days(centre, week):
                cell = demand[(req.skill, req.level, week)]
                cell.minimum[req.centre] = max(cell.minimum.get(req.centre, 0), req.minimum)
                cell.days.add(_last_working_day(centre, week))
    crews: dict[tuple[str, int, str, date], list[tuple[int, Decimal]]] = defaultdict(list)
    for routing in (r for r in inputs.routings if _crewed(r)):  # (b) the plans' crews
        for load in load_lines(lines, explosion, [routing]):
            key = (routing.skill or "", routing.skill_level, load.work_centre, load.week)
            crews[key].append((routing.crew_size, load.minutes * routing.crew_size / 60))
    for (skill, level, code, week), loads in crews.items():
        crew_hours = sum((hours for _crew, hours in loads), Decimal(0))
        heads = max(max(crew for crew, _hours in loads), math.ceil(crew_hours / inputs.hours_per_member))
        cell = demand[(skill, level, week)]
        cell.load[code] = heads
        cell.days.add(_last_working_day(centres[code], week))
    for target in inputs.targets:  # (c) the skill's bus-factor target
        if target.minimum > 0:
            for week in weeks:
                cell = demand[(target.skill, target.level, week)]
                cell.target = max(cell.target, target.minimum)
    return demand


def _absence(
    holding: Holding, worker: Worker | None, day: date, inputs: NeedsInputs
) -> CauseDetail | bool | None:
    """Why a holder is not available on ``day`` (a cause, or True when not worth naming), else None."""
    if worker is None:
        return True
    if worker.left_on is not None and worker.left_on <= day:
        return (
            CauseDetail(GapCause.leaving, worker.member, worker.left_on)
            if day - worker.left_on < RECENT_DEPARTURE
            else True
        )
    if worker.left_on is None and not worker.active:
        return True
    if not holding.valid_on(day):
        return CauseDetail(GapCause.lapse, worker.member, holding.expires_on)
    away = [t for t in inputs.terms if t.member == worker.member and t.role in inputs.off_floor_roles]
    for term in sorted(away, key=lambda t: t.starts_on):
        if term.covers(day):
            return CauseDetail(GapCause.rotation, worker.member, term.starts_on)
    return None


def find_gaps(inputs: NeedsInputs) -> list[Gap]:
    """Every (skill, level, week) of the horizon where fewer members are available than needed."""
    weeks = horizon_weeks(inputs.start, inputs.weeks, inputs.today)
    workers = {w.member: w for w in inputs.workers}
    holders: dict[str, list[Holding]] = defaultdict(list)
    for holding in inputs.holdings:
        holders[holding.skill].append(holding)
    gaps = []
    for (skill, level, week), cell in sorted(_demands(inputs, weeks).items()):
        day = max(cell.days, default=week + timedelta(days=4))
        available = 0
        absent: list[CauseDetail] = []
        for holding in holders.get(skill, ()):
            if holding.level < level:
                continue
            why = _absence(holding, workers.get(holding.member), day, inputs)
            if why is None:
                available += 1
            elif isinstance(why, CauseDetail):
                absent.append(why)
        if cell.needed <= available:
            continue
        causes = [
            CauseDetail(GapCause.minimum, centre=code, needed=minimum)
            for code, minimum in sorted(cell.minimum.items())
            if minimum > available
        ]
        if sum(cell.load.values()) > available:
            causes += [CauseDetail(GapCause.load, centre=c, needed=n) for c, n in sorted(cell.load.items())]
        if cell.target > available:
            causes.append(CauseDetail(GapCause.single_point, needed=cell.target))
        causes += sorted(absent, key=lambda c: (c.on or date.min, ABSENCES.index(c.cause), c.member or ""))
        gaps.append(Gap(skill, level, week, cell.needed, available, tuple(causes)))
    return gaps


def untaught_skills(inputs: NeedsInputs, gaps: list[Gap]) -> list[str]:
    """The skills of ``gaps`` nobody can teach: no member at level 3 or above today, no outside trainer."""
    workers = {w.member: w for w in inputs.workers}
    teachers = {
        h.skill
        for h in inputs.holdings
        if h.level >= TEACHING_LEVEL
        and h.valid_on(inputs.today)
        and (worker := workers.get(h.member)) is not None
        and (worker.left_on > inputs.today if worker.left_on is not None else worker.active)
    }
    return sorted({g.skill for g in gaps} - teachers - inputs.outside_trainers)
