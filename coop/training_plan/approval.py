"""The assembly's vote moves a training plan: a decided ``training_plan`` motion approves or rejects it.

As production plans (:mod:`coop.plans.approval`): importing this module subscribes
:func:`on_motion_decided` to ``motion.decided``; an adopted motion approves the plan and freezes
it as canonical JSON with its SHA-256 hash, which ``show`` prints from then on.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.assemblies.models import Motion
from coop.audit import canonical_json, record_change
from coop.events import subscribe
from coop.i18n import _, for_the_record
from coop.members.actors import Actor
from coop.training_plan.models import TrainingPlan, TrainingPlanStatus
from coop.training_plan.views import plan_data

MOTION_KIND = "training_plan"
PENDING_MOTION = ("proposed", "seconded", "voting", "postponed")


def freeze(session: Session, plan: TrainingPlan) -> str:
    snapshot = canonical_json(plan_data(session, plan))
    plan.approved_snapshot = snapshot
    plan.approved_hash = hashlib.sha256(snapshot.encode("utf-8")).hexdigest()
    return plan.approved_hash


def record_decision(
    session: Session, *, plan: TrainingPlan, motion: Motion, adopted: bool, actor: Actor, now: datetime
) -> TrainingPlan:
    """Submitted → approved (frozen) or rejected, as the assembly decided."""
    if plan.status is not TrainingPlanStatus.submitted:
        return plan
    plan.decided_at = now
    if adopted:
        plan.status = TrainingPlanStatus.approved
        session.flush()
        digest = freeze(session, plan)
        record_change(
            session,
            "coop.training_plan.approved",
            actor,
            now,
            {"training_plan_id": plan.id, "motion_id": motion.id, "snapshot_hash": digest},
        )
    else:
        plan.status = TrainingPlanStatus.rejected
        record_change(
            session,
            "coop.training_plan.rejected",
            actor,
            now,
            {"training_plan_id": plan.id, "motion_id": motion.id},
        )
    return plan


def on_motion_decided(
    *, session: Session, motion: Motion, adopted: bool, actor: Actor, now: datetime, **_extra: Any
) -> None:
    if motion.kind != MOTION_KIND:
        return
    plan = session.scalars(select(TrainingPlan).where(TrainingPlan.approval_motion_id == motion.id)).first()
    if plan is not None:
        record_decision(session, plan=plan, motion=motion, adopted=adopted, actor=actor, now=now)


subscribe("motion.decided", on_motion_decided)


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
    from coop.assemblies.common import find_assembly
    from coop.assemblies.motions import propose_motion
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
    if earlier is not None and earlier.status.value in PENDING_MOTION:
        raise TrainingError(
            _("Training plan {plan} is already before assembly {assembly} as motion {motion}.").format(
                plan=plan.label, assembly=earlier.assembly_id, motion=earlier.id
            )
        )
    found = find_assembly(session, assembly)
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
    motion = propose_motion(
        session,
        actor=actor,
        now=now,
        assembly=found,
        title=title,
        text=text,
        kind=MOTION_KIND,
        proposer=proposer,
        agenda_item=agenda_item,
    )
    plan.approval_motion = motion
    session.flush()
    record_change(
        session,
        "coop.training_plan.approval_proposed",
        actor,
        now,
        {"training_plan_id": plan.id, "motion_id": motion.id, "assembly_id": found.id},
    )
    return motion
