"""The training needs analysis read from the records: the pure inputs built, the gaps found, named.

Which plans load the horizon: every plan drafted, submitted, approved or in progress, except one
revised by a later version that is itself one of these (its revision replaces it); or, when the
user names plans, exactly those (then each must crew some skill in the horizon).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.errors import TrainingError
from coop.i18n import _
from coop.members.models import Member
from coop.parsing import parse_week
from coop.plans import capacity, pure_inputs
from coop.plans.centres import list_work_centres
from coop.plans.common import find_plan
from coop.plans.models import (
    Closure,
    Plan,
    PlanStatus,
    Product,
    RequiredSkill,
    WorkCentre,
)
from coop.plans.views import pure_work_centre
from coop.training import coverage
from coop.training.common import member_key, parse_hours
from coop.training.history import load_assessments
from coop.training.models import RoleTerm, Skill, TrainingSession
from coop.training_plan.needs import find_gaps, untaught_skills
from coop.training_plan.needs_data import (
    HOURS_PER_MEMBER,
    Holding,
    NeedsInputs,
    PlanLoad,
    Requirement,
    SkillTarget,
    TermAway,
    Worker,
)
from coop.training_plan.needs_views import Names, NeedsReport, report_of

LOADING = (PlanStatus.draft, PlanStatus.submitted, PlanStatus.approved, PlanStatus.in_progress)
DEFAULT_WEEKS = 13


def _plans(session: Session, asked: Sequence[str | int]) -> list[tuple[Plan, bool]]:
    if asked:
        found = {plan.id: plan for plan in (find_plan(session, ref) for ref in asked)}
        return [(plan, True) for plan in found.values()]
    plans = list(session.scalars(select(Plan).where(Plan.status.in_(LOADING)).order_by(Plan.id)))
    revised = {plan.predecessor_id for plan in plans if plan.predecessor_id is not None}
    return [(plan, False) for plan in plans if plan.id not in revised]


def _plan_loads(
    session: Session, plans: list[tuple[Plan, bool]], codes: dict[int, str]
) -> tuple[PlanLoad, ...]:
    return tuple(
        PlanLoad(plan.label, pure_inputs.plan_lines(session, plan.id, codes), asked) for plan, asked in plans
    )


def load_needs_inputs(
    session: Session,
    *,
    today: date,
    start: date,
    weeks: int,
    plans: Sequence[str | int] = (),
    hours_per_member: Decimal = HOURS_PER_MEMBER,
) -> tuple[NeedsInputs, Names]:
    """The records read into the pure analysis's inputs, and the names people read them by."""
    first = capacity.week_of(start)
    last_day = first + timedelta(weeks=max(weeks, 1)) - timedelta(days=1)
    members = list(session.scalars(select(Member)))
    workers = tuple(Worker(member_key(m), m.name, m.active, m.deactivated_on) for m in members)
    levels = coverage.current_levels(load_assessments(session), today)
    holdings = tuple(
        Holding(member, skill, int(current.assessed_level), current.expires_on)
        for (member, skill), current in levels.items()
        if current.assessed_level > 0
    )
    by_id = {m.id: member_key(m) for m in members}
    terms = tuple(
        TermAway(by_id[member_id], role.value, starts_on, ends_on)
        for member_id, role, starts_on, ends_on in session.execute(
            select(RoleTerm.member_id, RoleTerm.role, RoleTerm.starts_on, RoleTerm.ends_on).order_by(
                RoleTerm.id
            )
        )
    )
    skills = list(session.scalars(select(Skill).order_by(Skill.code)))
    skill_codes = {s.id: s.code for s in skills}
    targets = tuple(SkillTarget(s.code, s.qualifying_level, s.minimum_qualified, s.name) for s in skills)
    centre_rows: list[WorkCentre] = list_work_centres(session)
    centre_codes = {c.id: c.code for c in centre_rows}
    closures = session.execute(
        select(Closure.work_centre_id, Closure.closed_on).where(
            Closure.closed_on >= first, Closure.closed_on <= last_day
        )
    ).all()
    centres = tuple(
        pure_work_centre(c, frozenset(day for cid, day in closures if cid is None or cid == c.id))
        for c in centre_rows
    )
    requirements = tuple(
        Requirement(centre_codes[r.work_centre_id], skill_codes[r.skill_id], r.min_level, r.min_qualified)
        for r in session.scalars(select(RequiredSkill).order_by(RequiredSkill.id))
    )
    codes: dict[int, str] = {pid: code for pid, code in session.execute(select(Product.id, Product.code))}
    routings = pure_inputs.routings(session, codes, centre_codes, skill_codes)
    bom = pure_inputs.bom_lines(session, codes)
    outside = frozenset(
        skill_codes[sid]
        for sid in session.scalars(
            select(TrainingSession.skill_id).where(TrainingSession.outside_trainer.is_not(None)).distinct()
        )
    )
    inputs = NeedsInputs(
        today=today,
        start=start,
        weeks=weeks,
        workers=workers,
        holdings=holdings,
        terms=terms,
        requirements=requirements,
        targets=targets,
        work_centres=centres,
        routings=routings,
        bom=bom,
        plans=_plan_loads(session, _plans(session, plans), codes),
        hours_per_member=hours_per_member,
        outside_trainers=outside,
    )
    names = Names(
        members={member_key(m): m.name for m in members},
        skills={s.code: s.name for s in skills},
        centres={c.code: c.name for c in centre_rows},
        terms={(t.member, t.starts_on): t.role for t in terms},
    )
    return inputs, names


def parse_start(text: date | str) -> date:
    """The Monday of a week written ``2027-W05`` or as any day of it."""
    return parse_week(
        text,
        lambda value: TrainingError(
            _("'{value}' is not a week; write it like 2027-W05, or give any day of it.").format(value=value)
        ),
        error=TrainingError,
    )


def training_needs(
    session: Session,
    *,
    today: date,
    start: date | str | None = None,
    weeks: int = DEFAULT_WEEKS,
    plans: Sequence[str | int] = (),
    hours: Decimal | int | str = HOURS_PER_MEMBER,
) -> NeedsReport:
    """The gaps of the horizon (``weeks`` from the week of ``start``, default: next week), named.

    ``hours``: a member's working hours in a week, as typed (``40``, ``37.5``).
    """
    first = parse_start(start) if start is not None else capacity.week_of(today) + timedelta(weeks=1)
    inputs, names = load_needs_inputs(
        session, today=today, start=first, weeks=weeks, plans=plans, hours_per_member=parse_hours(hours)
    )
    gaps = find_gaps(inputs)
    return report_of(inputs, gaps, untaught_skills(inputs, gaps), names)
