"""A motion's life before and beside its vote: propose, edit, second, amend, withdraw, postpone, resume.

Every change of status is an explicit transition (:mod:`.lifecycle`) with an audit entry; an illegal
move is a clear error. The vote on a motion lives in :mod:`.motion_votes`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from coop import events, vocabulary
from coop.assemblies.agenda import find_item, postponements
from coop.assemblies.common import acting_member, find_assembly, motion_label, require_officer, require_open
from coop.assemblies.lifecycle import MotionAction, next_status
from coop.assemblies.models import Assembly, AssemblyStatus, MinutesStatus, Motion, MotionStatus
from coop.audit import record_change
from coop.errors import AssemblyError
from coop.i18n import _, for_the_record
from coop.members.actors import Actor, require_role
from coop.members.bylaws import MotionKind
from coop.members.models import Role


def parse_motion_kind(text: str) -> str:
    """A kind of motion one proposes (``plan-approval``, ``aprobación-de-plan``...), or an AssemblyError
    listing them; an amendment is proposed with ``coop motion amend``."""
    proposable = [kind for kind in MotionKind if kind is not MotionKind.amendment]

    def refuse(typed: str) -> AssemblyError:
        words = vocabulary.alternatives(vocabulary.word(kind) for kind in proposable)
        return AssemblyError(
            _("'{kind}' is not a kind of motion; use {words}.").format(kind=typed, words=words)
        )

    kind = vocabulary.parse(MotionKind, text, refuse)
    if kind not in proposable:
        raise refuse(text.strip())
    return kind.value


def _next_position(assembly: Assembly, parent: Motion | None) -> str:
    if parent is None:
        return str(sum(1 for m in assembly.motions if m.parent_id is None) + 1)
    return f"{parent.position}.{len(parent.amendments) + 1}"


def transition(
    session: Session,
    motion: Motion,
    action: MotionAction,
    *,
    actor: Actor,
    now: datetime,
    to: MotionStatus | None = None,
    data: dict | None = None,
) -> None:
    new = next_status(motion.status.value, action, motion_label(motion))
    old = motion.status
    if to is not None:
        motion.status = to
    elif new is not None:
        motion.status = MotionStatus(new)
    record_change(
        session,
        f"coop.motion.{_PAST[action]}",
        actor,
        now,
        {
            "motion_id": motion.id,
            "assembly_id": motion.assembly_id,
            "from": old.value,
            "to": motion.status.value,
            **(data or {}),
        },
    )


def mark_postponed(
    session: Session, motion: Motion, *, actor: Actor, now: datetime, data: dict | None = None
) -> None:
    """Postpone ``motion``, remembering its status so that taking it up again returns it there."""
    previous = motion.status
    transition(session, motion, MotionAction.postpone, actor=actor, now=now, data=data)
    motion.status_before_postponing = previous


def mark_resumed(
    session: Session, motion: Motion, *, actor: Actor, now: datetime, data: dict | None = None
) -> None:
    """Take a postponed ``motion`` up again, back in the status it had (proposed if none is known)."""
    transition(
        session,
        motion,
        MotionAction.resume,
        actor=actor,
        now=now,
        to=motion.status_before_postponing or MotionStatus.proposed,
        data=data,
    )
    motion.status_before_postponing = None


_PAST = {
    MotionAction.second: "seconded",
    MotionAction.amend: "amended",
    MotionAction.withdraw: "withdrawn",
    MotionAction.postpone: "postponed",
    MotionAction.resume: "resumed",
    MotionAction.open_vote: "vote_opened",
    MotionAction.record_vote: "vote_recorded",
    MotionAction.object: "objected",
    MotionAction.close: "closed",
}


def propose_motion(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    title: str,
    text: str,
    kind: str,
    proposer: str | None = None,
    minutes_of: str | None = None,
    agenda_item: int | None = None,
) -> Motion:
    """Propose a motion, under the agenda's item number ``agenda_item`` if one is given."""
    require_open(assembly)
    item = find_item(assembly, agenda_item) if agenda_item is not None else None
    if item is not None and item.id in postponements(session, assembly):
        raise AssemblyError(
            _(
                "Item {number} ({title}) is postponed; take it up again first with: "
                "coop assembly agenda resume {id} {number}"
            ).format(number=item.position, title=item.title, id=assembly.id)
        )
    if not title.strip() or not text.strip():
        raise AssemblyError(_('A motion needs a title and a text: --title "..." --text "...".'))
    member = acting_member(session, actor, proposer, assembly, _("Proposing a motion"))
    minutes_assembly = None
    if kind == "minutes_approval":
        if minutes_of is None:
            raise AssemblyError(_("A motion to approve minutes must say which: --minutes-of ASSEMBLY."))
        minutes_assembly = find_assembly(session, minutes_of)
        if minutes_assembly.id == assembly.id or minutes_assembly.status is not AssemblyStatus.closed:
            raise AssemblyError(_("Only the minutes of an earlier, closed assembly can be approved."))
        if minutes_assembly.minutes_status is MinutesStatus.approved:
            raise AssemblyError(
                _("The minutes of assembly {id} are already approved.").format(id=minutes_assembly.id)
            )
    elif minutes_of is not None:
        raise AssemblyError(_("--minutes-of is only for motions of kind minutes-approval."))
    motion = Motion(
        assembly_id=assembly.id,
        position=_next_position(assembly, None),
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        final_text=text.strip(),
        proposer_id=member.id,
        status=MotionStatus.proposed,
        minutes_of_assembly_id=minutes_assembly.id if minutes_assembly else None,
        agenda_item_id=item.id if item else None,
        proposed_at=now,
    )
    assembly.motions.append(motion)
    session.flush()
    record_change(
        session,
        "coop.motion.proposed",
        actor,
        now,
        {
            "motion_id": motion.id,
            "assembly_id": assembly.id,
            "position": motion.position,
            "kind": kind,
            "title": motion.title,
            "text": motion.text,
            "proposer": member.label,
            **({"agenda_item": item.position} if item else {}),
        },
    )
    return motion


def _refuse_editing(motion: Motion) -> AssemblyError:
    """Why a motion no longer only proposed cannot be edited, and what to do instead."""
    label = motion_label(motion)
    if motion.status is MotionStatus.seconded:
        if motion.parent_id is not None:
            return AssemblyError(
                _(
                    "{motion} has been seconded, so its wording can no longer be edited; "
                    "propose another amendment with: coop motion amend {parent_id}"
                ).format(motion=label, parent_id=motion.parent_id)
            )
        return AssemblyError(
            _(
                "{motion} has been seconded, so its wording can no longer be edited; "
                "change it by an amendment: coop motion amend {id}"
            ).format(motion=label, id=motion.id)
        )
    if motion.status is MotionStatus.postponed:
        return AssemblyError(
            _("{motion} is postponed; take it up again first with: coop motion resume {id}").format(
                motion=label, id=motion.id
            )
        )
    return AssemblyError(
        _("{motion} is {status}; only a motion still proposed, not yet seconded, can be edited.").format(
            motion=label, status=vocabulary.label(motion.status)
        )
    )


def edit_motion(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    motion: Motion,
    reason: str,
    title: str | None = None,
    text: str | None = None,
) -> Motion:
    """Correct a motion's title or text while it is only proposed (its proposer or the secretary).

    Once seconded its wording changes only by an amendment. The audit event keeps the old and the new
    wording and the reason; the motion and the minutes then read the new wording.
    """
    assembly = motion.assembly
    require_open(assembly)
    is_proposer = actor.member is not None and actor.member.id == motion.proposer_id
    is_secretary = actor.member is not None and actor.member.id == assembly.secretary_id
    if not (is_proposer or is_secretary):
        require_role(session, actor, Role.secretary, _("Editing a motion someone else proposed"))
    if motion.status is not MotionStatus.proposed:
        raise _refuse_editing(motion)
    if title is None and text is None:
        raise AssemblyError(
            _('Say what to correct in {motion}: --title "..." or --text "...".').format(
                motion=motion_label(motion)
            )
        )
    if (title is not None and not title.strip()) or (text is not None and not text.strip()):
        raise AssemblyError(_('A motion needs a title and a text: --title "..." --text "...".'))
    if not reason.strip():
        raise AssemblyError(
            _('Say why {motion} is corrected: --reason "...".').format(motion=motion_label(motion))
        )
    if any(a.status is not MotionStatus.withdrawn for a in motion.amendments):
        raise AssemblyError(
            _(
                "{motion} already has amendments that propose a wording for it; "
                "change it by another amendment: coop motion amend {id}"
            ).format(motion=motion_label(motion), id=motion.id)
        )
    before = {"title": motion.title, "text": motion.text}
    wanted = {
        "title": title.strip() if title is not None else motion.title,
        "text": text.strip() if text is not None else motion.text,
    }
    changed = [field for field in wanted if wanted[field] != before[field]]
    if not changed:
        raise AssemblyError(
            _("{motion} already reads so; nothing was changed.").format(motion=motion_label(motion))
        )
    motion.title = wanted["title"]
    # Only proposed, the motion has no adopted amendment yet: the wording voted is the text itself.
    motion.text = motion.final_text = wanted["text"]
    record_change(
        session,
        "coop.motion.edited",
        actor,
        now,
        {
            "motion_id": motion.id,
            "assembly_id": assembly.id,
            "position": motion.position,
            "reason": reason.strip(),
            "from": {field: before[field] for field in changed},
            "to": {field: wanted[field] for field in changed},
        },
    )
    return motion


def second_motion(
    session: Session, *, actor: Actor, now: datetime, motion: Motion, seconder: str | None = None
) -> Motion:
    assembly = motion.assembly
    require_open(assembly)
    member = acting_member(session, actor, seconder, assembly, _("Seconding a motion"))
    next_status(motion.status.value, MotionAction.second, motion_label(motion))
    if member.id == motion.proposer_id:
        raise AssemblyError(
            _("{member} proposed {motion}; another member must second it.").format(
                member=member.label, motion=motion_label(motion)
            )
        )
    motion.seconder_id = member.id
    transition(session, motion, MotionAction.second, actor=actor, now=now, data={"seconder": member.label})
    return motion


def _amendment_title(session: Session, motion: Motion) -> str:
    """The title an amendment gets when none is given; stored, so in the cooperative's language."""
    with for_the_record(session):
        return _("Amendment to {title}").format(title=motion.title)


def amend_motion(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    motion: Motion,
    title: str,
    text: str,
    proposer: str | None = None,
) -> Motion:
    """Propose an amendment: ``text`` is the whole new wording it proposes for the motion."""
    assembly = motion.assembly
    require_open(assembly)
    if motion.parent_id is not None:
        raise AssemblyError(
            _("{motion} is itself an amendment; amend the main motion instead.").format(
                motion=motion_label(motion)
            )
        )
    next_status(motion.status.value, MotionAction.amend, motion_label(motion))
    if not text.strip():
        raise AssemblyError(_('An amendment needs the new wording it proposes: --text "...".'))
    member = acting_member(session, actor, proposer, assembly, _("Proposing an amendment"))
    amendment = Motion(
        assembly_id=assembly.id,
        parent_id=motion.id,
        position=_next_position(assembly, motion),
        kind="amendment",
        title=(title or "").strip() or _amendment_title(session, motion),
        text=text.strip(),
        final_text=text.strip(),
        proposer_id=member.id,
        status=MotionStatus.proposed,
        proposed_at=now,
    )
    motion.amendments.append(amendment)
    assembly.motions.append(amendment)
    session.flush()
    transition(
        session,
        motion,
        MotionAction.amend,
        actor=actor,
        now=now,
        data={
            "amendment_id": amendment.id,
            "position": amendment.position,
            "text": amendment.text,
            "proposer": member.label,
        },
    )
    return amendment


def withdraw_motion(session: Session, *, actor: Actor, now: datetime, motion: Motion) -> Motion:
    require_open(motion.assembly)
    if actor.member is None or actor.member.id != motion.proposer_id:
        require_officer(session, actor, motion.assembly, _("Withdrawing a motion"))
    transition(session, motion, MotionAction.withdraw, actor=actor, now=now)
    for amendment in motion.amendments:
        if amendment.status in (MotionStatus.proposed, MotionStatus.seconded, MotionStatus.postponed):
            transition(
                session,
                amendment,
                MotionAction.withdraw,
                actor=actor,
                now=now,
                data={"because": "main motion withdrawn"},
            )
    # What the motion would have decided (a master plan's scenario) is free again.
    events.emit("motion.withdrawn", session=session, motion=motion, actor=actor, now=now)
    return motion


def postpone_motion(session: Session, *, actor: Actor, now: datetime, motion: Motion) -> Motion:
    require_open(motion.assembly)
    require_officer(session, actor, motion.assembly, _("Postponing a motion"))
    mark_postponed(session, motion, actor=actor, now=now)
    return motion


def resume_motion(session: Session, *, actor: Actor, now: datetime, motion: Motion) -> Motion:
    require_open(motion.assembly)
    require_officer(session, actor, motion.assembly, _("Taking up a postponed motion"))
    item = motion.agenda_item
    if item is not None and item.id in postponements(session, motion.assembly):
        # Its item stands postponed: the motion comes back with the item, not alone.
        raise AssemblyError(
            _(
                "{motion} stands under item {number}, which is postponed; take the item up again with: "
                "coop assembly agenda resume {id} {number}"
            ).format(motion=motion_label(motion), number=item.position, id=motion.assembly_id)
        )
    mark_resumed(session, motion, actor=actor, now=now)
    return motion
