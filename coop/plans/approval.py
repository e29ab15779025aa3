"""The assembly's vote moves the plan: a decided ``plan_approval`` motion approves or rejects it.

The assemblies domain knows nothing of plans: it emits ``motion.decided`` when a vote closes,
and importing this module subscribes :func:`record_decision` to it for ``plan_approval`` motions
(``coop.events`` imports it the first time anything is emitted). The handler runs in the transaction
that closes the vote, so if it fails the vote is not closed either.

An adopted motion approves the plan and freezes it: the printed plan as it stood at that moment
(view model, load charts, findings, acknowledgements, the motion and its vote) is stored as
canonical JSON with its SHA-256 hash; every later print of the plan renders that snapshot.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from coop.assemblies.models import Motion
from coop.members.actors import Actor
from coop.plans import reports
from coop.plans.assembly_approval import react_to_decisions, record_outcome
from coop.plans.models import Plan, PlanStatus

MOTION_KIND = "plan_approval"


def record_decision(
    session: Session, plan: Plan, *, motion: Motion, adopted: bool, actor: Actor, now: datetime
) -> Plan:
    """Submitted → approved (with its snapshot) or rejected, as the assembly decided."""
    if plan.status is not PlanStatus.submitted:
        # Only a submitted plan is linked to a motion, and only the vote moves it on; anything
        # else is left exactly as it is rather than undoing the assembly's vote.
        return plan
    plan.decided_at = now
    plan.status = PlanStatus.approved if adopted else PlanStatus.rejected
    record_outcome(
        session,
        motion=motion,
        adopted=adopted,
        actor=actor,
        now=now,
        events=("coop.plan.approved", "coop.plan.rejected"),
        subject={"plan_id": plan.id},
        freeze=lambda: reports.freeze(session, plan, now=now),
    )
    return plan


react_to_decisions(MOTION_KIND, Plan.approval_motion_id, record_decision)
