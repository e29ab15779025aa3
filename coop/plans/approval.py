"""The assembly's vote moves the plan: a decided ``plan_approval`` motion approves or rejects it.

The assemblies domain knows nothing of plans: it emits ``motion.decided`` when a vote closes,
and importing this module subscribes :func:`on_motion_decided` (``coop.events`` imports it the
first time anything is emitted). The handler runs in the transaction that closes the vote, so if
it fails the vote is not closed either.

An adopted motion approves the plan and freezes it: the printed plan as it stood at that moment
(view model, load charts, findings, acknowledgements, the motion and its vote) is stored as
canonical JSON with its SHA-256 hash; every later print of the plan renders that snapshot.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.assemblies.models import Motion
from coop.audit import record_change
from coop.events import subscribe
from coop.members.actors import Actor
from coop.plans import reports
from coop.plans.models import Plan, PlanStatus

MOTION_KIND = "plan_approval"


def record_decision(
    session: Session, *, plan: Plan, motion: Motion, adopted: bool, actor: Actor, now: datetime
) -> Plan:
    """Submitted → approved (with its snapshot) or rejected, as the assembly decided."""
    if plan.status is not PlanStatus.submitted:
        # Only a submitted plan is linked to a motion, and only the vote moves it on; anything
        # else is left exactly as it is rather than undoing the assembly's vote.
        return plan
    plan.decided_at = now
    if adopted:
        plan.status = PlanStatus.approved
        session.flush()
        digest = reports.freeze(session, plan, now=now)
        record_change(
            session,
            "coop.plan.approved",
            actor,
            now,
            {"plan_id": plan.id, "motion_id": motion.id, "snapshot_hash": digest},
        )
    else:
        plan.status = PlanStatus.rejected
        record_change(session, "coop.plan.rejected", actor, now, {"plan_id": plan.id, "motion_id": motion.id})
    return plan


def on_motion_decided(
    *, session: Session, motion: Motion, adopted: bool, actor: Actor, now: datetime, **_extra: Any
) -> None:
    if motion.kind != MOTION_KIND:
        return
    plan = session.scalars(select(Plan).where(Plan.approval_motion_id == motion.id)).first()
    if plan is None:
        return
    record_decision(session, plan=plan, motion=motion, adopted=adopted, actor=actor, now=now)


subscribe("motion.decided", on_motion_decided)
