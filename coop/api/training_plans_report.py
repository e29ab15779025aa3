"""The printed training plan's data read from the records (``c.training_plans.report``).

The plan itself comes as ``show`` gives it: an approved plan from its frozen snapshot, checked
against its hash. Beside it the records give what the snapshot does not hold: the causes of each
gap (the needs analysis for the plan's weeks, as on the day it was proposed), where each session is
held (the work centres that need its skill, or the place a held session was logged at), the
assembly's decision, and the progress once a session was held. The view model is then built by the
pure :mod:`coop.reports.training_plan_model`, in the cooperative's language.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from coop.errors import CoopError, TrainingError
from coop.i18n import _, in_cooperative_language
from coop.members.cooperative import get_cooperative
from coop.plans.assembly_approval import snapshot_hash
from coop.plans.models import RequiredSkill, Routing, WorkCentre
from coop.reports.plan_model import ApprovalSection
from coop.reports.training_plan_model import PlanSource, TrainingPlanReport, build_report
from coop.training.models import Skill
from coop.training_plan.followup import plan_progress
from coop.training_plan.models import TrainingPlan, TrainingPlanSession, TrainingPlanTrainee
from coop.training_plan.needs import find_gaps
from coop.training_plan.needs_inputs import load_needs_inputs
from coop.training_plan.needs_views import causes_text
from coop.training_plan.views import shown_data

__all__ = ["training_plan_report", "training_plan_source"]


def _causes(session: Session, plan: TrainingPlan) -> dict[tuple[str, int, str], str]:
    """Each gap's causes in words, from the needs analysis the plan was proposed from."""
    proposed_on = plan.created_at.date()
    try:
        inputs, names = load_needs_inputs(session, today=proposed_on, start=plan.starts_on, weeks=plan.weeks)
        gaps = find_gaps(inputs)
    except CoopError:  # the records no longer make an analysis of those weeks: the causes go unsaid
        return {}
    return {(g.skill, g.level, g.week.isoformat()): causes_text(g.causes, names, proposed_on) for g in gaps}


def _places(session: Session, plan: TrainingPlan) -> dict[int, str]:
    """Where each planned session is held: the work centres that need (or whose routings use) its skill."""
    centres: dict[int, set[str]] = {}
    for model in (RequiredSkill, Routing):
        rows = session.execute(
            select(model.skill_id, WorkCentre.name).join(WorkCentre, WorkCentre.id == model.work_centre_id)
        )
        for skill_id, name in rows:
            if skill_id is not None:
                centres.setdefault(skill_id, set()).add(name)
    return {row.number: ", ".join(sorted(centres.get(row.skill_id, ()))) for row in plan.sessions}


def _load_sessions(session: Session, plan: TrainingPlan) -> None:
    """Read the plan's sessions with their skills, trainers, trainees and held sessions at once."""
    session.scalars(
        select(TrainingPlanSession)
        .where(TrainingPlanSession.plan_id == plan.id)
        .options(
            joinedload(TrainingPlanSession.skill),
            joinedload(TrainingPlanSession.trainer),
            joinedload(TrainingPlanSession.held_session),
            selectinload(TrainingPlanSession.trainees).joinedload(TrainingPlanTrainee.member),
        )
    ).all()


def _approval(session: Session, plan: TrainingPlan, language: str) -> ApprovalSection | None:
    if plan.approval_motion is None:
        return None
    from coop.plans.reports import approval_section  # the plans' report module, only when it is needed

    return approval_section(session, plan.approval_motion, language)


def _pending(plan: TrainingPlan) -> str | None:
    motion = plan.approval_motion
    if motion is None or (motion.vote is not None and motion.vote.closed_at is not None):
        return None
    return _("Before assembly {assembly} as motion {position}, not decided yet.").format(
        assembly=motion.assembly_id, position=motion.position
    )


@in_cooperative_language
def training_plan_source(session: Session, plan: TrainingPlan, *, today: date) -> PlanSource:
    """What the printed plan reads, as plain data. Raises TrainingError for an altered snapshot."""
    if plan.approved_snapshot is not None and snapshot_hash(plan.approved_snapshot) != plan.approved_hash:
        raise TrainingError(
            _(
                "The stored approved version of training plan {plan} does not match its hash; it was "
                "altered after the approval. Check the database with: coop audit verify"
            ).format(plan=plan.label)
        )
    cooperative = get_cooperative(session)
    _load_sessions(session, plan)
    held = [row for row in plan.sessions if row.held_session is not None]
    return PlanSource(
        cooperative=cooperative.name,
        language=cooperative.language,
        today=today,
        plan=shown_data(session, plan),
        created_by=plan.created_by,
        created_on=plan.created_at.date(),
        submitted_on=plan.submitted_at.date() if plan.submitted_at else None,
        approval=_approval(session, plan, cooperative.language),
        pending_motion=_pending(plan),
        causes=_causes(session, plan),
        skill_names=dict(session.execute(select(Skill.code, Skill.name)).tuples().all()),
        places=_places(session, plan),
        held_places={
            row.number: row.held_session.place
            for row in held
            if row.held_session is not None and row.held_session.place
        },
        progress=plan_progress(session, plan, on=today) if held else None,
    )


@in_cooperative_language
def training_plan_report(session: Session, plan: TrainingPlan, *, today: date) -> TrainingPlanReport:
    """The printed training plan's view model, in the cooperative's language."""
    return build_report(training_plan_source(session, plan, today=today))
