"""A training plan proposed from the records and stored as a draft, edited, and submitted.

``propose_training_plan`` runs the needs analysis and the pure proposal over the database's data
(members' levels, prerequisites, trainers at level 3 or above, closures, the production hours the
plans book each member for) and stores the sessions, their trainees and every gap with its sentence.
Trainers and coordinators write plans (a secretary may too); only a draft is edited; the assembly
approves a submitted one (see ``approval``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop import vocabulary
from coop.audit import record_change
from coop.errors import TrainingError
from coop.i18n import _, for_the_record, ngettext
from coop.members.actors import Actor, find_member
from coop.members.models import Member, Role
from coop.plans import capacity
from coop.plans.models import Closure, RequiredSkill, WorkCentre
from coop.training.models import Skill
from coop.training_plan import proposal_inputs as pi
from coop.training_plan.crew_hours import booked_hours
from coop.training_plan.models import (
    TrainingPlan,
    TrainingPlanGap,
    TrainingPlanSession,
    TrainingPlanStatus,
    TrainingPlanTrainee,
)
from coop.training_plan.needs import find_gaps, untaught_skills
from coop.training_plan.needs_data import MAX_WEEKS
from coop.training_plan.needs_inputs import load_needs_inputs, parse_start
from coop.training_plan.proposal import propose
from coop.training_plan.proposal_words import explain
from coop.training_plan.types import Gap


def require_plan_writer(actor: Actor, doing: str) -> None:
    """Trainers and coordinators write training plans; a secretary may too."""
    member = actor.member
    if member is not None and any(
        member.has_role(r) for r in (Role.trainer, Role.coordinator, Role.secretary)
    ):
        return
    raise TrainingError(
        _("{doing} is for a trainer or a coordinator; ask one of them to do it.").format(doing=doing)
    )


def find_training_plan(session: Session, reference: str | int) -> TrainingPlan:
    text = str(reference).strip().lstrip("#")
    plan = session.get(TrainingPlan, int(text)) if text.isdigit() else None
    if plan is None:
        plan = session.scalars(
            select(TrainingPlan).where(TrainingPlan.name == str(reference).strip())
        ).first()
    if plan is None:
        raise TrainingError(
            _("There is no training plan '{ref}'; see them with: coop training plan list").format(
                ref=reference
            )
        )
    return plan


def require_draft(plan: TrainingPlan) -> None:
    if plan.status is not TrainingPlanStatus.draft:
        raise TrainingError(
            _("Training plan {plan} is {status}; only a draft can be changed.").format(
                plan=plan.label, status=vocabulary.label(plan.status)
            )
        )


def _refuse_untaught(gaps: list[Gap], untaught: list[str], names: dict[str, str]) -> None:
    """A proposal only of gaps nobody can teach would plan no session: refused, nothing stored."""
    if not gaps or any(gap.skill not in untaught for gap in gaps):
        return
    skills = ", ".join(f"{names.get(code, code)} ({code})" for code in untaught)
    raise TrainingError(
        ngettext(
            "Nobody can teach {skills}, the skill of every gap: no member holds it at level {level} or above "
            "and no outside trainer has given it, so no session can be proposed; its gaps close only "
            "with an outside trainer or a new member.",
            "Nobody can teach {skills}, the skills of every gap: no member holds them at level {level} or "
            "above and no outside trainer has given them, so no session can be proposed; their gaps close "
            "only with an outside trainer or a new member.",
            len(untaught),
        ).format(skills=skills, level=pi.TEACHING_LEVEL)
    )


def _skill_inputs(session: Session) -> list[pi.Skill]:
    centres: dict[int, list[str]] = {}
    for skill_id, code in session.execute(
        select(RequiredSkill.skill_id, WorkCentre.code).join(
            WorkCentre, WorkCentre.id == RequiredSkill.work_centre_id
        )
    ):
        centres.setdefault(skill_id, []).append(code)
    return [
        pi.Skill(
            s.code,
            s.name,
            tuple(sorted((p.requires.code, p.min_level) for p in s.prerequisites)),
            tuple(sorted(centres.get(s.id, []))),
        )
        for s in session.scalars(select(Skill).order_by(Skill.code))
    ]


def _past_picks(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(TrainingPlanTrainee.member_id, func.count()).group_by(TrainingPlanTrainee.member_id)
    )
    return {member_id: count for member_id, count in rows}


def propose_training_plan(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    name: str,
    start: date | str | None = None,
    weeks: int = 13,
) -> tuple[TrainingPlan, list[str]]:
    """Store the proposal for the gaps of ``weeks`` weeks from ``start`` (default: next week) as a
    draft; return it with one sentence per gap."""
    require_plan_writer(actor, _("Proposing a training plan"))
    clean = name.strip()
    if not clean:
        raise TrainingError(_("Give the training plan a name with --name."))
    if not 1 <= weeks <= MAX_WEEKS:
        raise TrainingError(_("The horizon must be 1 to 104 weeks, not {weeks}.").format(weeks=weeks))
    this_week = capacity.week_of(now.date())
    first = parse_start(start) if start is not None else this_week + timedelta(weeks=1)
    if first < this_week:
        raise TrainingError(
            _("The horizon starts in the past ({week}); start it this week or later with --from.").format(
                week=first.isoformat()
            )
        )
    inputs, names = load_needs_inputs(session, today=now.date(), start=first, weeks=weeks)
    gaps = find_gaps(inputs)
    _refuse_untaught(gaps, untaught_skills(inputs, gaps), names.skills)
    members = list(session.scalars(select(Member).where(Member.active.is_(True)).order_by(Member.id)))
    levels: dict[str, list[tuple[str, int]]] = {}
    for holding in inputs.holdings:
        if holding.valid_on(first):
            levels.setdefault(holding.member, []).append((holding.skill, holding.level))
    picks = _past_picks(session)
    # production first: the plans' crew-hours each member is booked for, this week to the horizon's end
    ahead = (first - this_week).days // 7 + weeks
    booked = booked_hours(inputs, (this_week + timedelta(weeks=n) for n in range(ahead)))
    pure_members = [
        pi.Member(
            m.reference,
            m.name,
            tuple(sorted(levels.get(m.reference, []))),
            planned_hours=tuple(sorted(booked.get(m.reference, {}).items())),
            past_picks=picks.get(m.id, 0),
        )
        for m in members
    ]
    codes = {c.id: c.code for c in session.scalars(select(WorkCentre))}
    closures = [
        pi.Closure(day, codes.get(cid) if cid is not None else None)
        for cid, day in session.execute(select(Closure.work_centre_id, Closure.closed_on))
    ]
    # Sessions are held from today on: the days of this week gone by are closed to them.
    closures += [pi.Closure(this_week + timedelta(days=n)) for n in range((now.date() - this_week).days)]
    result = propose(
        gaps, pure_members, _skill_inputs(session), pi.Settings(first_week=this_week), (), closures
    )
    plan = TrainingPlan(
        name=clean,
        starts_on=first,
        weeks=weeks,
        status=TrainingPlanStatus.draft,
        created_at=now,
        created_by=actor.label,
    )
    skills = {s.code: s for s in session.scalars(select(Skill))}
    by_ref = {m.reference: m for m in members}
    for planned in result.sessions:
        row = TrainingPlanSession(
            number=planned.number,
            skill=skills[planned.skill],
            level=planned.level,
            held_on=planned.day,
            hours=planned.hours,
            trainer=None if planned.outside else by_ref[planned.trainer],
            outside_trainer=planned.trainer_name if planned.outside else None,
        )
        row.trainees = [TrainingPlanTrainee(member=by_ref[ref]) for ref in planned.trainees]
        plan.sessions.append(row)
    sentences = []
    for position, outcome in enumerate(result.outcomes, start=1):
        sentence = explain(outcome, result, names.members, names.skills)  # told in the reader's language
        sentences.append(sentence)
        with for_the_record(session):  # kept in the cooperative's, as the record is
            recorded = explain(outcome, result, names.members, names.skills)
        gap = outcome.gap
        plan.gaps.append(
            TrainingPlanGap(
                position=position,
                skill=skills[gap.skill],
                level=gap.level,
                week=gap.week,
                needed=gap.needed,
                available=gap.available,
                short=outcome.still_short,
                status=outcome.status.value,
                reason=recorded,
            )
        )
    session.add(plan)
    session.flush()
    record_change(
        session,
        "coop.training_plan.proposed",
        actor,
        now,
        {"training_plan_id": plan.id, "sessions": len(plan.sessions), "gaps": len(plan.gaps)},
    )
    return plan, sentences


def _session(plan: TrainingPlan, number: int) -> TrainingPlanSession:
    for row in plan.sessions:
        if row.number == number:
            return row
    raise TrainingError(
        _("Training plan {plan} has no session {number}; see them with: coop training plan show {id}").format(
            plan=plan.label, number=number, id=plan.id
        )
    )


def _level_of(session: Session, member: Member, skill: Skill, on: date) -> int:
    from coop.training import coverage
    from coop.training.history import load_assessments

    current = coverage.current_levels(load_assessments(session), on).get((member.reference, skill.code))
    return int(current.assessed_level) if current is not None else 0


def edit_training_plan(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    plan: TrainingPlan,
    number: int,
    add_trainee: str | None = None,
    remove_trainee: str | None = None,
    week: str | None = None,
    trainer: str | None = None,
) -> TrainingPlanSession:
    """Change one session of a draft: a trainee added or removed, moved to a week, another trainer."""
    require_plan_writer(actor, _("Editing a training plan"))
    require_draft(plan)
    row = _session(plan, number)
    changes: dict[str, object] = {}
    if add_trainee is not None:
        member = find_member(session, add_trainee)
        if any(t.member_id == member.id for t in row.trainees):
            raise TrainingError(
                _("{member} is already a trainee of session {number}.").format(
                    member=member.name, number=number
                )
            )
        if _level_of(session, member, row.skill, now.date()) >= row.level:
            raise TrainingError(
                _("{member} is already at level {level} in {skill}; choose someone below it.").format(
                    member=member.name, level=row.level, skill=row.skill.name
                )
            )
        row.trainees.append(TrainingPlanTrainee(member=member))
        changes["added_trainee"] = member.reference
    if remove_trainee is not None:
        member = find_member(session, remove_trainee)
        kept = [t for t in row.trainees if t.member_id != member.id]
        if len(kept) == len(row.trainees):
            raise TrainingError(
                _("{member} is not a trainee of session {number}.").format(member=member.name, number=number)
            )
        row.trainees = kept
        changes["removed_trainee"] = member.reference
    if week is not None:
        monday = parse_start(week)
        day = monday + timedelta(days=row.held_on.weekday())
        opening = [g.week for g in plan.gaps if g.skill_id == row.skill_id and g.level >= row.level]
        if opening and monday >= min(opening):
            raise TrainingError(
                _("Session {number} must be held before week {week}, when its gap opens.").format(
                    number=number, week=min(opening).isoformat()
                )
            )
        if day < now.date():
            raise TrainingError(_("Session {number} cannot be moved into the past.").format(number=number))
        row.held_on = day
        changes["held_on"] = day.isoformat()
    if trainer is not None:
        member = find_member(session, trainer)
        level = _level_of(session, member, row.skill, now.date())
        if level < max(pi.TEACHING_LEVEL, row.level):
            raise TrainingError(
                _(
                    "{member} is at level {have} in {skill}; a trainer of level {level} must be at level "
                    "{need} or above."
                ).format(
                    member=member.name,
                    have=level,
                    skill=row.skill.name,
                    level=row.level,
                    need=max(pi.TEACHING_LEVEL, row.level),
                )
            )
        row.trainer = member
        row.outside_trainer = None
        changes["trainer"] = member.reference
    if not changes:
        raise TrainingError(_("Say what to change: --add-trainee, --remove-trainee, --week or --trainer."))
    session.flush()
    record_change(
        session,
        "coop.training_plan.edited",
        actor,
        now,
        {"training_plan_id": plan.id, "session": number, **changes},
    )
    return row


def submit_training_plan(
    session: Session, *, actor: Actor, now: datetime, plan: TrainingPlan
) -> TrainingPlan:
    require_plan_writer(actor, _("Submitting a training plan"))
    require_draft(plan)
    plan.status = TrainingPlanStatus.submitted
    plan.submitted_at = now
    session.flush()
    record_change(session, "coop.training_plan.submitted", actor, now, {"training_plan_id": plan.id})
    return plan
