"""Corrections that keep history: a time of the assembly, an attendance entry, a reopening, and an
erratum about earlier minutes that were already approved.

Nothing is corrected silently. Each correction is an audited act by the secretary with a reason;
the audit event keeps what was changed, from what to what, and why. Made once the assembly had
closed, a correction prints in its minutes as an erratum ("Fe de erratas"), read back from those
events (:mod:`.errata`). Approved minutes never change: the correction then goes, as an erratum,
into the minutes of a later assembly.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from coop import vocabulary
from coop.assemblies.attendance import assembly_began
from coop.assemblies.common import motion_label, require_officer
from coop.assemblies.meetings import check_closing_time
from coop.assemblies.models import Assembly, AssemblyStatus, MinutesStatus
from coop.assemblies.moments import (
    REOPENED_ACTION,
    Moment,
    closing_before_reopening,
    moment_of,
    refuse_before,
    refuse_future,
    shown,
)
from coop.audit import record_change
from coop.errors import AssemblyError
from coop.formatting import format_time
from coop.i18n import _
from coop.members.actors import Actor, find_member
from coop.members.models import Member
from coop.votes.models import VoteParticipation

CORRECTED_ACTION = "coop.assembly.corrected"
ATTENDANCE_CORRECTED_ACTION = "coop.attendance.corrected"
ERRATUM_ACTION = "coop.assembly.erratum_recorded"
ERRATA_ACTIONS = (CORRECTED_ACTION, ATTENDANCE_CORRECTED_ACTION, REOPENED_ACTION, ERRATUM_ACTION)


def require_correctable(assembly: Assembly) -> None:
    """An assembly whose record may still change: opened, and its minutes not approved."""
    if assembly.minutes_status is MinutesStatus.approved:
        raise AssemblyError(
            _(
                "The minutes of assembly {id} are approved, and approved minutes never change; record "
                "the correction in the next assembly's minutes with: "
                'coop assembly erratum NEXT --about {id} --text "..."'
            ).format(id=assembly.id)
        )
    if assembly.status is AssemblyStatus.called:
        raise AssemblyError(
            _("Assembly {id} has not opened yet, so there is nothing recorded to correct.").format(
                id=assembly.id
            )
        )


def require_reason(reason: str) -> str:
    if not reason.strip():
        raise AssemblyError(_('A correction needs its reason: --reason "what the paper notes say".'))
    return reason.strip()


def _had_closed(session: Session, assembly: Assembly) -> bool:
    """Closed now, or reopened after a close: a correction then prints as an erratum."""
    return assembly.closed_at is not None or closing_before_reopening(session, assembly) is not None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


# --- a time of the assembly -------------------------------------------------------------------


def correct_assembly_times(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    reason: str,
    opened_at: Moment | None = None,
    closed_at: Moment | None = None,
    second_call_at: Moment | None = None,
) -> list[dict[str, str | None]]:
    """Correct the opening, closing or second-call time; every other time recorded must still fit
    inside the corrected opening and closing. Returns the changes, each {field, from, to}."""
    require_officer(session, actor, assembly, _("Correcting an assembly"), chair=False)
    require_correctable(assembly)
    why = require_reason(reason)
    if opened_at is None and closed_at is None and second_call_at is None:
        raise AssemblyError(_("Say which time to correct: --opened-at, --closed-at or --second-call-at."))
    changes: list[dict[str, str | None]] = []
    if opened_at is not None:
        moment = moment_of(assembly, opened_at, now)
        refuse_future(moment, now, _("opening"))
        changes.append({"field": "opened_at", "from": _iso(assembly.opened_at), "to": moment.isoformat()})
        assembly.opened_at = moment
    if second_call_at is not None:
        if assembly.second_call_at is None:
            raise AssemblyError(
                _(
                    "Assembly {id} was not held at second call; there is no second-call time to correct."
                ).format(id=assembly.id)
            )
        moment = moment_of(assembly, second_call_at, now)
        refuse_future(moment, now, _("second call"))
        changes.append(
            {"field": "second_call_at", "from": _iso(assembly.second_call_at), "to": moment.isoformat()}
        )
        assembly.second_call_at = moment
    if closed_at is not None:
        if assembly.closed_at is None:
            raise AssemblyError(
                _(
                    "Assembly {id} is still open; close it with: coop assembly close {id} --closed-at WHEN"
                ).format(id=assembly.id)
            )
        moment = moment_of(assembly, closed_at, now)
        old = assembly.closed_at
        for stay in assembly.attendance:  # members in the room until the close leave at the new close
            if stay.left_at == old:
                stay.left_at = None
        assembly.closed_at = None
        check_closing_time(assembly, moment, now)
        for stay in assembly.attendance:
            if stay.left_at is None:
                stay.left_at = moment
        assembly.closed_at = moment
        changes.append({"field": "closed_at", "from": _iso(old), "to": moment.isoformat()})
    _check_times_fit(assembly)
    record_change(
        session,
        CORRECTED_ACTION,
        actor,
        now,
        {
            "assembly_id": assembly.id,
            "changes": changes,
            "reason": why,
            "after_close": _had_closed(session, assembly),
        },
    )
    return changes


def _check_times_fit(assembly: Assembly) -> None:
    """After a correction: the second call and every vote lie between the opening and the closing."""
    if assembly.opened_at is None:
        return
    if assembly.second_call_at is not None:
        refuse_before(assembly.second_call_at, assembly.opened_at, _("second call"), _("the opening"))
    for motion in assembly.motions:
        if motion.vote is not None:
            refuse_before(motion.vote.opened_at, assembly.opened_at, _("vote opening"), _("the opening"))
    if assembly.closed_at is not None:
        refuse_before(assembly.closed_at, assembly.opened_at, _("closing"), _("the opening"))


# --- an attendance entry ----------------------------------------------------------------------


def _present_at(stays: list[tuple[datetime, datetime | None]], moment: datetime) -> bool:
    return any(arrived <= moment and (left is None or left > moment) for arrived, left in stays)


def _refuse_changed_vote_facts(
    session: Session,
    assembly: Assembly,
    member: Member,
    before: list[tuple[datetime, datetime | None]],
    after: list[tuple[datetime, datetime | None]],
) -> None:
    """A correction may not change who was in the room when a vote opened (its quorum is recorded),
    nor leave out of the room a member who voted."""
    for motion in assembly.motions:
        vote = motion.vote
        if vote is None:
            continue
        if _present_at(before, vote.opened_at) != _present_at(after, vote.opened_at):
            raise AssemblyError(
                _(
                    "This correction would change who was present when the vote on {motion} opened at "
                    "{time}, and the quorum recorded with that vote counts {member}; correct the times "
                    "so that they stay on the same side of {time}."
                ).format(motion=motion_label(motion), time=format_time(vote.opened_at), member=member.label)
            )
        voted = session.query(VoteParticipation.id).filter(
            VoteParticipation.vote_id == vote.id, VoteParticipation.cast_by_member_id == member.id
        )
        if voted.first() is None:
            continue
        end = vote.closed_at or datetime.max
        if not any(arrived < end and (left is None or left > vote.opened_at) for arrived, left in after):
            raise AssemblyError(
                _(
                    "{member} voted on {motion}, so the record must keep them in the room during that "
                    "vote ({opened} to {closed})."
                ).format(
                    member=member.label,
                    motion=motion_label(motion),
                    opened=format_time(vote.opened_at),
                    closed=format_time(vote.closed_at) or "…",
                )
            )


def correct_attendance(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    member: str,
    reason: str,
    arrived: Moment | None = None,
    left: Moment | None = None,
    remove: bool = False,
) -> Member:
    """Correct a member's arrival (their first one) or departure (their last one), or remove a member
    ticked by mistake. A proxy the member's arrival had revoked follows the corrected arrival."""
    require_officer(session, actor, assembly, _("Correcting attendance"), chair=False)
    require_correctable(assembly)
    why = require_reason(reason)
    found = find_member(session, member)
    stays = sorted((s for s in assembly.attendance if s.member_id == found.id), key=lambda s: s.arrived_at)
    if not stays:
        raise AssemblyError(
            _(
                "{member} has no attendance entry in assembly {id}; a missed arrival is recorded with "
                "coop assembly attend {id} {number} --at HH:MM (reopen a closed assembly first)."
            ).format(member=found.label, id=assembly.id, number=found.number or found.id)
        )
    if remove != (arrived is None and left is None):
        raise AssemblyError(_("Give --arrived and/or --left to correct the times, or --remove alone."))
    before = [(s.arrived_at, s.left_at) for s in stays]
    changes: list[dict[str, str | None]] = []
    if remove:
        after: list[tuple[datetime, datetime | None]] = []
        changes.append({"field": "removed", "from": before[0][0].isoformat(), "to": None})
    else:
        after = list(before)
        if arrived is not None:
            moment = moment_of(assembly, arrived, now)
            _check_attendance_moment(assembly, moment, now, _("arrival"))
            changes.append({"field": "arrived", "from": before[0][0].isoformat(), "to": moment.isoformat()})
            after[0] = (moment, after[0][1])
        if left is not None:
            moment = moment_of(assembly, left, now)
            _check_attendance_moment(assembly, moment, now, _("departure"))
            changes.append({"field": "left", "from": _iso(before[-1][1]), "to": moment.isoformat()})
            after[-1] = (after[-1][0], moment)
        for stay_arrived, stay_left in after:
            if stay_left is not None and stay_left < stay_arrived:
                arrived_text, left_text = shown(stay_arrived, stay_left)
                raise AssemblyError(
                    _("{member} cannot leave at {left}, before they arrived at {arrived}.").format(
                        member=found.label, left=left_text, arrived=arrived_text
                    )
                )
    _refuse_changed_vote_facts(session, assembly, found, before, after)
    first_arrival = before[0][0]
    for proxy in assembly.proxies:  # revoked because the giver came in person: follow the arrival
        if (
            proxy.giver_id == found.id
            and proxy.revoked_reason == "giver_present"
            and proxy.revoked_at == first_arrival
        ):
            proxy.revoked_at = after[0][0] if after else None
            proxy.revoked_reason = "giver_present" if after else None
    if remove:
        for stay in stays:
            assembly.attendance.remove(stay)
            session.delete(stay)
    else:
        for stay, (stay_arrived, stay_left) in zip(stays, after, strict=True):
            stay.arrived_at, stay.left_at = stay_arrived, stay_left
    session.flush()
    record_change(
        session,
        ATTENDANCE_CORRECTED_ACTION,
        actor,
        now,
        {
            "assembly_id": assembly.id,
            "member_id": found.id,
            "member": found.label,
            "changes": changes,
            "reason": why,
            "after_close": _had_closed(session, assembly),
        },
    )
    return found


def _check_attendance_moment(assembly: Assembly, moment: datetime, now: datetime, what: str) -> None:
    refuse_future(moment, now, what)
    refuse_before(moment, assembly_began(assembly), what, _("the assembly began"))
    if assembly.closed_at is not None and moment > assembly.closed_at:
        time_text, closing = shown(moment, assembly.closed_at)
        raise AssemblyError(
            _(
                "The {what} time {time} is after assembly {id} closed ({closed}); give a time up to {closed}."
            ).format(what=what, time=time_text, id=assembly.id, closed=closing)
        )


# --- reopening --------------------------------------------------------------------------------


def reopen_assembly(
    session: Session, *, actor: Actor, now: datetime, assembly: Assembly, reason: str
) -> Assembly:
    """Reopen a closed assembly whose minutes are a draft, to correct its record (the secretary).

    Members who were in the room at the close are in the room again; closing again without a time
    closes it at the time it first closed.
    """
    require_officer(session, actor, assembly, _("Reopening an assembly"), chair=False)
    require_correctable(assembly)
    why = require_reason(reason)
    if assembly.status is not AssemblyStatus.closed or assembly.closed_at is None:
        raise AssemblyError(
            _("Assembly {id} is {status}; only a closed assembly can be reopened.").format(
                id=assembly.id, status=vocabulary.label(assembly.status)
            )
        )
    closed_at = assembly.closed_at
    latest = {}
    for stay in assembly.attendance:  # each member's last stay: the ones that ended with the close
        if stay.member_id not in latest or stay.arrived_at > latest[stay.member_id].arrived_at:
            latest[stay.member_id] = stay
    for stay in latest.values():
        if stay.left_at == closed_at:
            stay.left_at = None
    assembly.status = AssemblyStatus.open
    assembly.closed_at = None
    record_change(
        session,
        REOPENED_ACTION,
        actor,
        now,
        {"assembly_id": assembly.id, "closed_at": closed_at.isoformat(), "reason": why},
    )
    return assembly


# --- an erratum about approved minutes --------------------------------------------------------


def record_erratum(
    session: Session, *, actor: Actor, now: datetime, assembly: Assembly, about: Assembly, text: str
) -> Assembly:
    """Record, for the minutes of ``assembly``, a correction of the approved minutes of ``about``."""
    require_officer(session, actor, assembly, _("Recording an erratum"), chair=False)
    if assembly.minutes_status is MinutesStatus.approved or assembly.status is AssemblyStatus.called:
        raise AssemblyError(
            _(
                "An erratum goes into the minutes of an assembly that is open, or closed with its minutes "
                "still a draft; assembly {id} is not."
            ).format(id=assembly.id)
        )
    if about.id == assembly.id or about.called_for >= assembly.called_for:
        raise AssemblyError(
            _(
                "An erratum in the minutes of assembly {id} corrects an earlier assembly; {about} is not."
            ).format(id=assembly.id, about=about.id)
        )
    if about.minutes_status is not MinutesStatus.approved:
        raise AssemblyError(
            _(
                "The minutes of assembly {about} are still a draft: correct them directly, with coop "
                "assembly correct {about} or coop assembly attendance-fix {about}."
            ).format(about=about.id)
        )
    if not text.strip():
        raise AssemblyError(_('Say what the erratum corrects: --text "..."'))
    record_change(
        session,
        ERRATUM_ACTION,
        actor,
        now,
        {"assembly_id": assembly.id, "about_assembly_id": about.id, "text": text.strip()},
    )
    return assembly
