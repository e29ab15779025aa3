"""The assembly's vote moves a training plan: a decided ``training_plan`` motion approves or rejects it.

As production plans (:mod:`coop.plans.approval`): importing this module subscribes the training
plans to ``motion.decided``; an adopted motion approves the plan and freezes it as canonical JSON
with its SHA-256 hash, which ``show`` prints from then on.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from coop.assemblies.models import Motion
from coop.i18n import _, for_the_record
from coop.members.actors import Actor
from coop.plans.assembly_approval import approve_by_vote, is_pending, propose_approval, seal
from coop.training_plan.models import TrainingPlan, TrainingPlanStatus
from coop.training_plan.views import plan_data

MOTION_KIND = "training_plan"


def freeze(session: Session, plan: TrainingPlan) -> str:
    plan.approved_snapshot, plan.approved_hash = seal(plan_data(session, plan))
    return plan.approved_hash


approve_by_vote(
    MOTION_KIND,
    TrainingPlan.approval_motion_id,
    events=("coop.training_plan.approved", "coop.training_plan.rejected"),
    id_key="training_plan_id",
    freeze=lambda session, plan, _now: freeze(session, plan),
)


def propose_training_plan_approval(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    plan: TrainingPlan,
    assembly: str | int,
    proposer: str | None = None,
    agenda_item: int | None = None,
) -> Motion:
    """Put a submitted training plan before an open assembly as a motion of kind ``training_plan``."""
    from coop.errors import TrainingError
    from coop.training_plan.store import require_plan_writer

    require_plan_writer(actor, _("Proposing the approval of a training plan"))
    if plan.status is not TrainingPlanStatus.submitted:
        raise TrainingError(
            _(
                "Training plan {plan} is not submitted; submit it first with: coop training plan submit {id}"
            ).format(plan=plan.label, id=plan.id)
        )
    earlier = plan.approval_motion
    if is_pending(earlier):
        raise TrainingError(
            _("Training plan {plan} is already before assembly {assembly} as motion {motion}.").format(
                plan=plan.label, assembly=earlier.assembly_id, motion=earlier.id
            )
        )

    def attach(motion: Motion) -> None:
        plan.approval_motion = motion

    return propose_approval(
        session,
        actor=actor,
        now=now,
        assembly=assembly,
        kind=MOTION_KIND,
        wording=lambda: _approval_wording(session, plan),
        proposer=proposer,
        agenda_item=agenda_item,
        attach=attach,
        event="coop.training_plan.approval_proposed",
        subject={"training_plan_id": plan.id},
    )


def _approval_wording(session: Session, plan: TrainingPlan) -> tuple[str, str]:
    """The title and text of the motion that approves ``plan``: the assembly's record, in its language."""
    with for_the_record(session):
        title = _("Training plan {name}").format(name=plan.name)
        text = _(
            "The assembly approves training plan {plan} for {weeks} weeks from {start}: {sessions} sessions, "
            "{gaps} gaps looked at. Once approved, it is changed only by a new plan approved the same way."
        ).format(
            plan=plan.label,
            weeks=plan.weeks,
            start=plan.starts_on.isoformat(),
            sessions=len(plan.sessions),
            gaps=len(plan.gaps),
        )
    return title, text
