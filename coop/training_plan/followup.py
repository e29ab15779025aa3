"""Follow-through: a planned session held (logged from the plan), and the plan's progress.

``log_planned_session`` logs the session actually held from planned session ``PLAN:N`` of an
approved plan: its skill, trainer and trainees are those planned unless named otherwise, and the
planned session then points at it. ``plan_progress`` says, per planned session, whether it was held
and which trainees have since been assessed at the level it teaches; and per gap, whether the
members qualified now (at the gap's level or above, assessment still valid) reach what it needs.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from coop.errors import TrainingError
from coop.i18n import _
from coop.members.actors import Actor
from coop.training import coverage
from coop.training.history import load_assessments
from coop.training.models import SessionKind, TrainingSession
from coop.training.sessions import log_session, record_attendance
from coop.training_plan.models import TrainingPlan, TrainingPlanSession, TrainingPlanStatus
from coop.training_plan.store import find_training_plan


def find_planned(session: Session, reference: str) -> TrainingPlanSession:
    """``PLAN:N``: session N of training plan PLAN (its number or name)."""
    plan_ref, separator, number = reference.rpartition(":")
    if not separator or not number.strip().isdigit() or not plan_ref.strip():
        raise TrainingError(
            _("'{ref}' is not PLAN:SESSION; write it like --from-plan 1:3 (session 3 of plan 1).").format(
                ref=reference
            )
        )
    plan = find_training_plan(session, plan_ref)
    for row in plan.sessions:
        if row.number == int(number):
            return row
    raise TrainingError(
        _("Training plan {plan} has no session {number}; see them with: coop training plan show {id}").format(
            plan=plan.label, number=int(number), id=plan.id
        )
    )


def log_planned_session(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    planned: TrainingPlanSession,
    held_on: date,
    hours: Decimal | str | None = None,
    kind: SessionKind = SessionKind.practice,
    trainer: str | None = None,
    outside_trainer: str | None = None,
    place: str | None = None,
    note: str | None = None,
) -> TrainingSession:
    """Log the session held for ``planned`` and record its trainees as present."""
    plan = planned.plan
    if plan.status is not TrainingPlanStatus.approved:
        raise TrainingError(
            _(
                "Training plan {plan} is not approved by the assembly; its sessions are held once it is."
            ).format(plan=plan.label)
        )
    if planned.held_session_id is not None:
        raise TrainingError(
            _("Session {number} of training plan {plan} was already held as session {id}.").format(
                number=planned.number, plan=plan.label, id=planned.held_session_id
            )
        )
    if trainer is None and outside_trainer is None:
        if planned.trainer is not None:
            trainer = planned.trainer.reference
        else:
            outside_trainer = planned.outside_trainer
    held = log_session(
        session,
        actor=actor,
        now=now,
        skill=planned.skill,
        held_on=held_on,
        hours=hours if hours is not None else planned.hours,
        kind=kind,
        trainer=trainer,
        outside_trainer=outside_trainer,
        place=place,
        note=note,
        level=planned.level,  # the trainer teaches no level above their own
    )
    if planned.trainees:
        record_attendance(
            session,
            actor=actor,
            now=now,
            training_session=held,
            members=[t.member.reference for t in planned.trainees],
        )
    planned.held_session = held
    session.flush()
    return held


def plan_progress(session: Session, plan: TrainingPlan, *, on: date) -> dict[str, Any]:
    """Planned vs held vs assessed per session; gaps closed and still open, as plain data."""
    levels = coverage.current_levels(load_assessments(session), on)

    def level(member: str, skill: str) -> int:
        current = levels.get((member, skill))
        return int(current.level) if current is not None else 0

    sessions = []
    for row in plan.sessions:
        held = row.held_session
        trainees = [t.member.reference for t in row.trainees]
        sessions.append(
            {
                "number": row.number,
                "skill": row.skill.code,
                "level": row.level,
                "planned_on": row.held_on.isoformat(),
                "held": held is not None,
                "held_session_id": held.id if held is not None else None,
                "held_on": held.held_on.isoformat() if held is not None else None,
                "trainees": trainees,
                "assessed": [m for m in trainees if level(m, row.skill.code) >= row.level],
            }
        )
    members = sorted({member for member, _skill in levels})
    gaps = []
    for gap in plan.gaps:
        qualified = sum(1 for m in members if level(m, gap.skill.code) >= gap.level)
        gaps.append(
            {
                "skill": gap.skill.code,
                "level": gap.level,
                "week": gap.week.isoformat(),
                "needed": gap.needed,
                "qualified_now": qualified,
                "closed": qualified >= gap.needed,
            }
        )
    return {
        "id": plan.id,
        "name": plan.name,
        "status": plan.status.value,
        "on": on.isoformat(),
        "sessions": sessions,
        "gaps": gaps,
        "gaps_closed": sum(1 for g in gaps if g["closed"]),
        "gaps_open": sum(1 for g in gaps if not g["closed"]),
    }


def progress_lines(data: dict[str, Any]) -> list[str]:
    lines = [
        _("Progress of training plan #{id} {name} on {on}:").format(
            id=data["id"], name=data["name"], on=data["on"]
        )
    ]
    for row in data["sessions"]:
        held = (
            _("held on {day} (session {id})").format(day=row["held_on"], id=row["held_session_id"])
            if row["held"]
            else _("not held yet")
        )
        lines.append(
            _(
                "  {number}. {skill} level {level}, planned {planned}: {held}; "
                "assessed {assessed} of {trainees}"
            ).format(
                number=row["number"],
                skill=row["skill"],
                level=row["level"],
                planned=row["planned_on"],
                held=held,
                assessed=len(row["assessed"]),
                trainees=len(row["trainees"]),
            )
        )
    lines.append(
        _("Gaps closed: {closed}; still open: {open}.").format(
            closed=data["gaps_closed"], open=data["gaps_open"]
        )
    )
    for gap in data["gaps"]:
        state = _("closed") if gap["closed"] else _("open")
        lines.append(
            _("  {week} {skill} level {level}: {qualified} of {needed} qualified now, {state}").format(
                week=gap["week"],
                skill=gap["skill"],
                level=gap["level"],
                qualified=gap["qualified_now"],
                needed=gap["needed"],
                state=state,
            )
        )
    return lines
