"""Reasoned objections to a consent motion while it is being decided, and how each was resolved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from coop import vocabulary
from coop.assemblies.common import acting_member, motion_label, require_officer, require_open
from coop.assemblies.lifecycle import MotionAction, next_status
from coop.assemblies.models import Motion, Objection, ObjectionStatus
from coop.audit import record_change
from coop.errors import AssemblyError
from coop.i18n import _
from coop.members.actors import Actor
from coop.votes.models import VoteMethod


def raise_objection(
    session: Session, *, actor: Actor, now: datetime, motion: Motion, reason: str, member: str | None = None
) -> Objection:
    assembly = motion.assembly
    require_open(assembly)
    next_status(motion.status.value, MotionAction.object, motion_label(motion))
    if motion.vote is None or motion.vote.method is not VoteMethod.consent:
        raise AssemblyError(
            _("Objections are for consent motions; vote against {motion} instead.").format(
                motion=motion_label(motion)
            )
        )
    if not reason.strip():
        raise AssemblyError(_('An objection must give its reason: --reason "...".'))
    objector = acting_member(session, actor, member, assembly, _("Recording an objection"))
    objection = Objection(
        motion_id=motion.id,
        member_id=objector.id,
        reason=reason.strip(),
        status=ObjectionStatus.open,
        raised_at=now,
    )
    motion.objections.append(objection)
    session.flush()
    record_change(
        session,
        "coop.objection.raised",
        actor,
        now,
        {
            "motion_id": motion.id,
            "objection_id": objection.id,
            "member": objector.label,
            "reason": objection.reason,
        },
    )
    return objection


def resolve_objection(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    objection_id: int,
    resolution: str,
    withdrawn: bool = False,
) -> Objection:
    objection = session.get(Objection, objection_id)
    if objection is None:
        raise AssemblyError(_("There is no objection {id}.").format(id=objection_id))
    motion = objection.motion
    require_open(motion.assembly)
    next_status(motion.status.value, MotionAction.object, motion_label(motion))
    if objection.status is not ObjectionStatus.open:
        raise AssemblyError(
            _("Objection {id} is already {status}.").format(
                id=objection.id, status=vocabulary.label(objection.status)
            )
        )
    if not resolution.strip():
        raise AssemblyError(_('Say how the objection was resolved: --resolution "...".'))
    if actor.member is None or actor.member.id != objection.member_id:
        require_officer(session, actor, motion.assembly, _("Resolving an objection"))
    objection.status = ObjectionStatus.withdrawn if withdrawn else ObjectionStatus.resolved
    objection.resolution = resolution.strip()
    objection.resolved_at = now
    record_change(
        session,
        "coop.objection.resolved",
        actor,
        now,
        {
            "objection_id": objection.id,
            "status": objection.status.value,
            "resolution": objection.resolution,
        },
    )
    return objection
