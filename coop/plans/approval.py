"""The assembly's vote moves the plan: a decided ``plan_approval`` motion approves or rejects it.

The assemblies domain knows nothing of plans: it emits ``motion.decided`` when a vote closes,
and importing this module subscribes the plans to it for ``plan_approval`` motions
(``coop.events`` imports it the first time anything is emitted). The handler runs in the transaction
that closes the vote, so if it fails the vote is not closed either.

An adopted motion approves the plan and freezes it: the printed plan as it stood at that moment
(view model, load charts, findings, acknowledgements, the motion and its vote) is stored as
canonical JSON with its SHA-256 hash; every later print of the plan renders that snapshot.
"""

from __future__ import annotations

from coop.plans import reports
from coop.plans.assembly_approval import approve_by_vote
from coop.plans.models import Plan

MOTION_KIND = "plan_approval"

approve_by_vote(
    MOTION_KIND,
    Plan.approval_motion_id,
    events=("coop.plan.approved", "coop.plan.rejected"),
    id_key="plan_id",
    freeze=lambda session, plan, now: reports.freeze(session, plan, now=now),
)
