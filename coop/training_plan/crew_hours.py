"""The production hours the plans already book each member for, week by week (pure).

No plan names who works a crew: a routing asks for a crew holding a skill at a level, and only the
members qualified for it can work it. So the crew-hours of each (skill, level, week) — the same
load the needs analysis counts, every routing of every item of a plan line's BOM explosion in the
line's due week, load hours × crew — are shared evenly among the members qualified for it and
available on the day the week is judged on (:mod:`coop.training_plan.needs`): 100 crew-hours
and two such members book each of them for 50 hours. A member qualified in several crewed skills
adds up their shares. Crew-hours nobody is qualified for book nobody (they are the gaps).

The proposal reads these hours as each candidate's planned hours (``Member.planned_hours``), so a
member already booked beyond the week's limit is not picked as a trainee, nor as a trainer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from coop.plans.capacity.bom import Explosion
from coop.plans.capacity.load import centres_by_code, load_lines
from coop.plans.capacity.weeks import week_of
from coop.training_plan.needs import _absence, _crewed, _last_working_day
from coop.training_plan.needs_data import NeedsInputs

__all__ = ["booked_hours"]


def booked_hours(inputs: NeedsInputs, weeks: Iterable[date]) -> dict[str, dict[date, Decimal]]:
    """Per member reference, per Monday of ``weeks``: their share of the plans' crew-hours (see above)."""
    wanted = {week_of(week) for week in weeks}
    lines = [line for plan in inputs.plans for line in plan.lines if line.due_week in wanted]
    if not lines:
        return {}
    centres = centres_by_code(inputs.work_centres)
    explosion = Explosion(inputs.bom)
    crew_hours: dict[tuple[str, int, date], Decimal] = defaultdict(Decimal)
    days: dict[tuple[str, int, date], date] = {}
    for routing in (r for r in inputs.routings if _crewed(r) and r.work_centre in centres):
        for load in load_lines(lines, explosion, [routing]):
            key = (routing.skill or "", routing.skill_level, load.week)
            crew_hours[key] += load.minutes * routing.crew_size / 60
            day = _last_working_day(centres[load.work_centre], load.week)
            days[key] = max(day, days.get(key, day))
    workers = {w.member: w for w in inputs.workers}
    booked: dict[str, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for (skill, level, week), hours in sorted(crew_hours.items()):
        day = days.get((skill, level, week), week + timedelta(days=4))
        qualified = sorted(
            {
                h.member
                for h in inputs.holdings
                if h.skill == skill
                and h.level >= level
                and _absence(h, workers.get(h.member), day, inputs) is None
            }
        )
        for member in qualified:
            booked[member][week] += hours / len(qualified)
    return {member: dict(weeks_of) for member, weeks_of in booked.items()}
