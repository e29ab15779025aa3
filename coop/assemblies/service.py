"""Assemblies and motions: meeting, attendance, proxies, quorum, the motion lifecycle and votes.

Every function takes the session, the acting member and ``now``; none commits; each change is
audited. Quorum is computed from the bylaws when a vote opens and stored with the vote.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop import csvfiles, events
from coop.assemblies.lifecycle import MotionAction, next_status
from coop.assemblies.models import (
    Assembly,
    AssemblyKind,
    AssemblyStatus,
    Attendance,
    MinutesStatus,
    Motion,
    MotionStatus,
    Objection,
    ObjectionStatus,
    Proxy,
)
from coop.assemblies.quorum import QuorumCheck, SecondCall, check_quorum, second_call_available
from coop.audit import record_event
from coop.db import get_by_number
from coop.errors import AssemblyError, InputFileError, MemberError, VoteError
from coop.formatting import format_time
from coop.i18n import _, for_the_record, ngettext
from coop.members.bylaws import MOTION_KINDS
from coop.members.models import Member, Role
from coop.members.service import Actor, bylaws_in_force, count_active_members, find_member, require_role
from coop.votes import service as votes
from coop.votes.ballot_box import freeze_vote, lock_ballot_box, slips_handed_out
from coop.votes.models import Choice, Vote, VoteMethod
from coop.votes.thresholds import Decision, DecisionRule, VoteContext, decide
from coop.votes.thresholds import Objection as ObjectionInput

PENDING = (MotionStatus.proposed, MotionStatus.seconded, MotionStatus.voting)


# --- finding things ---------------------------------------------------------------------------


def find_assembly(session: Session, reference: str | int) -> Assembly:
    return get_by_number(
        session,
        Assembly,
        reference,
        error=AssemblyError,
        missing=_("There is no assembly {ref}; see them with: coop assembly list"),
        not_a_number=_("'{ref}' is not an assembly number; see them with: coop assembly list"),
    )


def find_motion(session: Session, reference: str | int) -> Motion:
    return get_by_number(
        session,
        Motion,
        reference,
        error=AssemblyError,
        missing=_("There is no motion {ref}; see them with: coop motion list ASSEMBLY"),
        not_a_number=_("'{ref}' is not a motion number; see them with: coop motion list ASSEMBLY"),
    )


def motion_label(motion: Motion) -> str:
    what = _("Amendment") if motion.parent_id else _("Motion")
    return _("{what} {position} ({title})").format(what=what, position=motion.position, title=motion.title)


def _require_officer(session: Session, actor: Actor, assembly: Assembly, doing: str) -> None:
    """The assembly's chair or secretary, or a member holding the secretary role."""
    if actor.member is not None and actor.member.id in (assembly.chair_id, assembly.secretary_id):
        return
    require_role(session, actor, Role.secretary, doing)


def _require_open(assembly: Assembly) -> None:
    if assembly.status is not AssemblyStatus.open:
        raise AssemblyError(
            _("Assembly {id} was closed at {time}; nothing more can be recorded in it.").format(
                id=assembly.id, time=assembly.closed_at.strftime("%H:%M") if assembly.closed_at else "?"
            )
        )


def _active(member: Member) -> Member:
    if not member.active:
        raise MemberError(_("{member} is not an active member.").format(member=member.label))
    return member


# --- assemblies -------------------------------------------------------------------------------


def parse_kind(text: str) -> AssemblyKind:
    try:
        return AssemblyKind(text.strip().lower())
    except ValueError:
        raise AssemblyError(
            _("'{kind}' is not a kind of assembly; use ordinary or extraordinary.").format(kind=text)
        ) from None


def open_assembly(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    called_for: datetime,
    place: str,
    kind: AssemblyKind,
    chair: str,
    secretary: str,
) -> Assembly:
    require_role(session, actor, Role.secretary, _("Opening an assembly"))
    if not place.strip():
        raise AssemblyError(_('An assembly needs a place: --place "Dining hall".'))
    chair_member = _active(find_member(session, chair))
    secretary_member = _active(find_member(session, secretary))
    assembly = Assembly(
        kind=kind,
        called_for=called_for,
        place=place.strip(),
        chair_id=chair_member.id,
        secretary_id=secretary_member.id,
        status=AssemblyStatus.open,
        opened_at=now,
        minutes_status=MinutesStatus.draft,
    )
    session.add(assembly)
    session.flush()
    record_event(
        session,
        "coop.assembly.opened",
        actor=actor.label,
        now=now,
        data={
            "assembly_id": assembly.id,
            "kind": kind.value,
            "called_for": called_for.isoformat(),
            "place": assembly.place,
            "chair": chair_member.label,
            "secretary": secretary_member.label,
        },
    )
    return assembly


def list_assemblies(session: Session) -> list[Assembly]:
    return list(session.scalars(select(Assembly).order_by(Assembly.id)))


def close_assembly(session: Session, *, actor: Actor, now: datetime, assembly: Assembly) -> Assembly:
    _require_officer(session, actor, assembly, _("Closing an assembly"))
    _require_open(assembly)
    voting = [m for m in assembly.motions if m.status is MotionStatus.voting]
    if voting:
        raise AssemblyError(
            _("{motion} is still being voted on; close its vote before closing the assembly.").format(
                motion=motion_label(voting[0])
            )
        )
    for stay in assembly.attendance:
        if stay.left_at is None:
            stay.left_at = now
    assembly.status = AssemblyStatus.closed
    assembly.closed_at = now
    record_event(
        session,
        "coop.assembly.closed",
        actor=actor.label,
        now=now,
        data={"assembly_id": assembly.id, "closed_at": now.isoformat()},
    )
    return assembly


# --- attendance and proxies -------------------------------------------------------------------


def present_stays(assembly: Assembly) -> list[Attendance]:
    return [stay for stay in assembly.attendance if stay.left_at is None]


def present_member_ids(assembly: Assembly) -> set[int]:
    return {stay.member_id for stay in present_stays(assembly)}


def assembly_began(assembly: Assembly) -> datetime:
    """The earliest moment of the assembly: the time it was called for, or opened if earlier.

    The secretary may open the record a little before the called time to start checking members in.
    """
    return min(assembly.called_for, assembly.opened_at)


def _times(*moments: datetime) -> list[str]:
    """Times to compare in one sentence: "18:05", or with the date when they fall on different days."""
    if len({moment.date() for moment in moments}) == 1:
        return [format_time(moment) for moment in moments]
    return [moment.strftime("%Y-%m-%d %H:%M") for moment in moments]


def _check_attendance_time(assembly: Assembly, moment: datetime, now: datetime, what: str) -> None:
    """Refuse an arrival or departure time that cannot be a time at this assembly."""
    if moment > now:
        time, current = _times(moment, now)
        raise AssemblyError(
            _("The {what} time {time} is later than now ({now}); give a time that has passed.").format(
                what=what, time=time, now=current
            )
        )
    began = assembly_began(assembly)
    if moment < began:
        time, start = _times(moment, began)
        raise AssemblyError(
            _(
                "The {what} time {time} is before assembly {id} began ({began}); give a time from {began} on."
            ).format(what=what, time=time, id=assembly.id, began=start)
        )


def proxies_in_force(assembly: Assembly) -> list[Proxy]:
    """Proxies that count now: not revoked, holder in the room, giver not."""
    present = present_member_ids(assembly)
    return [
        p
        for p in assembly.proxies
        if p.revoked_at is None and p.holder_id in present and p.giver_id not in present
    ]


def check_in(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    members: Sequence[str],
    at: datetime | None = None,
) -> list[Member]:
    """Record arrivals; a proxy given by someone who arrives is revoked: they vote in person."""
    _require_officer(session, actor, assembly, _("Recording attendance"))
    _require_open(assembly)
    arrived_at = at or now
    _check_attendance_time(assembly, arrived_at, now, _("arrival"))
    found = [_active(find_member(session, reference)) for reference in members]
    present = present_member_ids(assembly)
    for member in found:
        if member.id in present:
            raise AssemblyError(_("{member} is already recorded as present.").format(member=member.label))
        last_left = max(
            (s.left_at for s in assembly.attendance if s.member_id == member.id and s.left_at), default=None
        )
        if last_left is not None and arrived_at < last_left:
            raise AssemblyError(
                _(
                    "{member} cannot return at {time}, before they left at {left}; give a time from "
                    "{left} on."
                ).format(member=member.label, time=format_time(arrived_at), left=format_time(last_left))
            )
        present.add(member.id)
        assembly.attendance.append(Attendance(member_id=member.id, arrived_at=arrived_at))
        for proxy in assembly.proxies:
            if proxy.giver_id == member.id and proxy.revoked_at is None:
                proxy.revoked_at = arrived_at
                proxy.revoked_reason = "giver_present"
                record_event(
                    session,
                    "coop.proxy.revoked",
                    actor=actor.label,
                    now=now,
                    data={"assembly_id": assembly.id, "proxy_id": proxy.id, "reason": "giver_present"},
                )
    session.flush()
    record_event(
        session,
        "coop.attendance.arrived",
        actor=actor.label,
        now=now,
        data={"assembly_id": assembly.id, "members": [m.id for m in found], "at": arrived_at.isoformat()},
    )
    return found


def read_member_numbers(content: bytes, source: str) -> list[str]:
    """Member numbers from a CSV (a 'number' column, or one number per line)."""
    rows = list(csv.reader(io.StringIO(csvfiles.decode(content, source))))
    if rows and rows[0] and rows[0][0].strip().lower() == "number":
        rows = rows[1:]
    numbers = [row[0].strip() for row in rows if row and row[0].strip()]
    if not numbers:
        raise InputFileError(_("{file} has no member numbers in it.").format(file=source))
    return numbers


def check_in_file(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    path: Path,
    at: datetime | None = None,
) -> list[Member]:
    try:
        content = path.read_bytes()
    except OSError as error:
        raise InputFileError(
            _("Cannot read {file}: {reason}.").format(file=path, reason=error.strerror)
        ) from None
    numbers = read_member_numbers(content, path.name)
    problems = []
    for line, number in enumerate(numbers, start=1):
        try:
            find_member(session, number)
        except MemberError as error:
            problems.append(_("entry {line}: {reason}").format(line=line, reason=error.message))
    if problems:
        raise InputFileError(
            _("{file} has unknown members, so no attendance was recorded:\n  {lines}").format(
                file=path.name, lines="\n  ".join(problems)
            )
        )
    return check_in(session, actor=actor, now=now, assembly=assembly, members=numbers, at=at)


def check_out(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    members: Sequence[str],
    at: datetime | None = None,
) -> list[Member]:
    _require_officer(session, actor, assembly, _("Recording attendance"))
    _require_open(assembly)
    left_at = at or now
    _check_attendance_time(assembly, left_at, now, _("departure"))
    found = [find_member(session, reference) for reference in members]
    leaving = []
    for member in found:
        stay = next((s for s in present_stays(assembly) if s.member_id == member.id), None)
        if stay is None:
            raise AssemblyError(_("{member} is not recorded as present.").format(member=member.label))
        if left_at < stay.arrived_at:
            raise AssemblyError(
                _(
                    "{member} cannot leave at {time}, before they arrived at {arrived}; give a time "
                    "from {arrived} on."
                ).format(member=member.label, time=format_time(left_at), arrived=format_time(stay.arrived_at))
            )
        leaving.append(stay)
    for stay in leaving:  # only once every member's time is known to be right
        stay.left_at = left_at
    session.flush()
    record_event(
        session,
        "coop.attendance.left",
        actor=actor.label,
        now=now,
        data={"assembly_id": assembly.id, "members": [m.id for m in found], "at": left_at.isoformat()},
    )
    return found


def grant_proxy(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    giver: str,
    holder: str,
    document: str | None = None,
) -> Proxy:
    _require_officer(session, actor, assembly, _("Recording a proxy"))
    _require_open(assembly)
    giver_member = _active(find_member(session, giver))
    holder_member = _active(find_member(session, holder))
    if giver_member.id == holder_member.id:
        raise AssemblyError(_("A member cannot hold their own proxy."))
    if giver_member.id in present_member_ids(assembly):
        raise AssemblyError(
            _("{member} is present and votes in person; a proxy is for an absent member.").format(
                member=giver_member.label
            )
        )
    active_proxies = [p for p in assembly.proxies if p.revoked_at is None]
    if any(p.giver_id == giver_member.id for p in active_proxies):
        raise AssemblyError(
            _("{member} has already given a proxy for this assembly.").format(member=giver_member.label)
        )
    if any(p.giver_id == holder_member.id for p in active_proxies):
        raise AssemblyError(
            _("{member} has given their own proxy to someone else and cannot hold one.").format(
                member=holder_member.label
            )
        )
    cap = int(bylaws_in_force(session)["proxy.max_per_holder"].value)
    held = sum(1 for p in active_proxies if p.holder_id == holder_member.id)
    if held >= cap:
        raise AssemblyError(
            _(
                "{member} already holds {held} proxies and the bylaws allow {cap} per member "
                "(proxy.max_per_holder)."
            ).format(member=holder_member.label, held=held, cap=cap)
        )
    proxy = Proxy(
        giver_id=giver_member.id,
        holder_id=holder_member.id,
        document=(document or "").strip() or None,
        granted_at=now,
    )
    assembly.proxies.append(proxy)
    session.flush()
    record_event(
        session,
        "coop.proxy.granted",
        actor=actor.label,
        now=now,
        data={
            "assembly_id": assembly.id,
            "proxy_id": proxy.id,
            "giver": giver_member.label,
            "holder": holder_member.label,
            "document": proxy.document,
        },
    )
    return proxy


def current_quorum(session: Session, assembly: Assembly) -> QuorumCheck:
    bylaws = bylaws_in_force(session)
    second_call = None
    if assembly.second_call_at is not None:
        second_call = SecondCall(minimum=int(bylaws["quorum.second_call_minimum"].value))
    return check_quorum(
        bylaws["quorum"].value,
        count_active_members(session),
        len(present_member_ids(assembly)),
        proxies_represented=len(proxies_in_force(assembly)),
        proxies_count=bylaws["quorum.proxies_count"].value == "yes",
        second_call=second_call,
    )


@dataclass(frozen=True)
class VoteQuorum:
    """The quorum as recorded when one vote opened."""

    motion_id: int
    position: str
    motion: str  # "Motion 1 (Horno)"
    opened_at: datetime
    present: int
    proxies: int
    proxies_counted: bool
    required: int
    met: bool
    at_second_call: bool
    statement: str  # in the cooperative's language, as stored with the vote


@dataclass(frozen=True)
class QuorumRecord:
    """What a closed assembly's record says about its quorum: nobody is in the room any more."""

    assembly_id: int
    closed_at: datetime
    attended: int  # members who were in the room at some time
    represented_by_proxy: int  # absent members whose proxy stood at the close
    second_call_at: datetime | None
    votes: tuple[VoteQuorum, ...]


def quorum_record(assembly: Assembly) -> QuorumRecord:
    """The quorum of a closed assembly as recorded: at each vote, and who attended."""
    if assembly.closed_at is None:
        raise AssemblyError(
            _(
                "Assembly {id} is still open: its quorum is counted now, with coop assembly quorum {id}."
            ).format(id=assembly.id)
        )
    recorded = tuple(
        VoteQuorum(
            motion_id=motion.id,
            position=motion.position,
            motion=motion_label(motion),
            opened_at=motion.vote.opened_at,
            present=motion.vote.quorum_present,
            proxies=motion.vote.quorum_proxies,
            proxies_counted=motion.vote.quorum_proxies_counted,
            required=motion.vote.quorum_required,
            met=motion.vote.quorum_met,
            at_second_call=motion.vote.quorum_at_second_call,
            statement=motion.vote.quorum_statement,
        )
        for motion in sorted(
            (m for m in assembly.motions if m.vote is not None),
            key=lambda m: (m.vote.opened_at, m.id),  # type: ignore[union-attr]
        )
        if motion.vote is not None
    )
    return QuorumRecord(
        assembly_id=assembly.id,
        closed_at=assembly.closed_at,
        attended=len({stay.member_id for stay in assembly.attendance}),
        represented_by_proxy=sum(1 for p in assembly.proxies if p.revoked_at is None),
        second_call_at=assembly.second_call_at,
        votes=recorded,
    )


def record_second_call(session: Session, *, actor: Actor, now: datetime, assembly: Assembly) -> Assembly:
    """Hold the assembly at second call, once the bylaws' waiting time after the called time is over."""
    _require_officer(session, actor, assembly, _("Recording the second call"))
    _require_open(assembly)
    wait = int(bylaws_in_force(session)["quorum.second_call_minutes"].value)
    if wait <= 0:
        raise AssemblyError(_("The bylaws provide no second call (quorum.second_call_minutes is 0)."))
    if assembly.second_call_at is not None:
        raise AssemblyError(
            _("Assembly {id} is already at second call since {time}.").format(
                id=assembly.id, time=assembly.second_call_at.strftime("%H:%M")
            )
        )
    status = second_call_available(assembly.called_for, now, wait)
    if not status.available:
        raise AssemblyError(status.explanation)
    assembly.second_call_at = now
    record_event(
        session,
        "coop.assembly.second_called",
        actor=actor.label,
        now=now,
        data={
            "assembly_id": assembly.id,
            "at": now.isoformat(),
            "present": len(present_member_ids(assembly)),
        },
    )
    return assembly


# --- motions ----------------------------------------------------------------------------------


def parse_motion_kind(text: str) -> str:
    cleaned = text.strip().lower().replace("-", "_")
    if cleaned not in MOTION_KINDS or cleaned == "amendment":
        kinds = ", ".join(k.replace("_", "-") for k in MOTION_KINDS if k != "amendment")
        raise AssemblyError(
            _("'{kind}' is not a kind of motion; use one of: {kinds}.").format(kind=text, kinds=kinds)
        )
    return cleaned


def _needs_seconding(session: Session, motion: Motion) -> bool:
    if _rule_for(session, motion.kind)[0] == DecisionRule.CONSENT or motion.kind == "minutes_approval":
        return False
    return bylaws_in_force(session)["motion.seconding_required"].value == "yes"


def _rule_for(session: Session, kind: str) -> tuple[DecisionRule, str | None]:
    bylaw = bylaws_in_force(session)[f"threshold.{kind}"]
    return DecisionRule(bylaw.value), bylaw.article


def _acting_member(
    session: Session, actor: Actor, reference: str | None, assembly: Assembly, doing: str
) -> Member:
    """The member on whose behalf something is done: themselves, or anyone if an officer acts."""
    if reference is None:
        if actor.member is None:
            raise AssemblyError(
                _("{doing} needs a member: say who with --by MEMBER or --as MEMBER.").format(doing=doing)
            )
        return _active(actor.member)
    member = _active(find_member(session, reference))
    if actor.member is None or actor.member.id != member.id:
        _require_officer(session, actor, assembly, doing)
    return member


def _next_position(assembly: Assembly, parent: Motion | None) -> str:
    if parent is None:
        return str(sum(1 for m in assembly.motions if m.parent_id is None) + 1)
    return f"{parent.position}.{len(parent.amendments) + 1}"


def _transition(
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
    record_event(
        session,
        f"coop.motion.{_PAST[action]}",
        actor=actor.label,
        now=now,
        data={
            "motion_id": motion.id,
            "assembly_id": motion.assembly_id,
            "from": old.value,
            "to": motion.status.value,
            **(data or {}),
        },
    )


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
) -> Motion:
    _require_open(assembly)
    if not title.strip() or not text.strip():
        raise AssemblyError(_('A motion needs a title and a text: --title "..." --text "...".'))
    member = _acting_member(session, actor, proposer, assembly, _("Proposing a motion"))
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
        proposed_at=now,
    )
    assembly.motions.append(motion)
    session.flush()
    record_event(
        session,
        "coop.motion.proposed",
        actor=actor.label,
        now=now,
        data={
            "motion_id": motion.id,
            "assembly_id": assembly.id,
            "position": motion.position,
            "kind": kind,
            "title": motion.title,
            "text": motion.text,
            "proposer": member.label,
        },
    )
    return motion


def second_motion(
    session: Session, *, actor: Actor, now: datetime, motion: Motion, seconder: str | None = None
) -> Motion:
    assembly = motion.assembly
    _require_open(assembly)
    member = _acting_member(session, actor, seconder, assembly, _("Seconding a motion"))
    next_status(motion.status.value, MotionAction.second, motion_label(motion))
    if member.id == motion.proposer_id:
        raise AssemblyError(
            _("{member} proposed {motion}; another member must second it.").format(
                member=member.label, motion=motion_label(motion)
            )
        )
    motion.seconder_id = member.id
    _transition(session, motion, MotionAction.second, actor=actor, now=now, data={"seconder": member.label})
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
    _require_open(assembly)
    if motion.parent_id is not None:
        raise AssemblyError(
            _("{motion} is itself an amendment; amend the main motion instead.").format(
                motion=motion_label(motion)
            )
        )
    next_status(motion.status.value, MotionAction.amend, motion_label(motion))
    if not text.strip():
        raise AssemblyError(_('An amendment needs the new wording it proposes: --text "...".'))
    member = _acting_member(session, actor, proposer, assembly, _("Proposing an amendment"))
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
    _transition(
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
    _require_open(motion.assembly)
    if actor.member is None or actor.member.id != motion.proposer_id:
        _require_officer(session, actor, motion.assembly, _("Withdrawing a motion"))
    _transition(session, motion, MotionAction.withdraw, actor=actor, now=now)
    for amendment in motion.amendments:
        if amendment.status in (MotionStatus.proposed, MotionStatus.seconded, MotionStatus.postponed):
            _transition(
                session,
                amendment,
                MotionAction.withdraw,
                actor=actor,
                now=now,
                data={"because": "main motion withdrawn"},
            )
    return motion


def postpone_motion(session: Session, *, actor: Actor, now: datetime, motion: Motion) -> Motion:
    _require_open(motion.assembly)
    _require_officer(session, actor, motion.assembly, _("Postponing a motion"))
    previous = motion.status
    _transition(session, motion, MotionAction.postpone, actor=actor, now=now)
    motion.status_before_postponing = previous
    return motion


def resume_motion(session: Session, *, actor: Actor, now: datetime, motion: Motion) -> Motion:
    _require_open(motion.assembly)
    _require_officer(session, actor, motion.assembly, _("Taking up a postponed motion"))
    _transition(
        session,
        motion,
        MotionAction.resume,
        actor=actor,
        now=now,
        to=motion.status_before_postponing or MotionStatus.proposed,
    )
    motion.status_before_postponing = None
    return motion


def open_motion_vote(
    session: Session, *, actor: Actor, now: datetime, motion: Motion, method: VoteMethod | None = None
) -> Motion:
    assembly = motion.assembly
    _require_open(assembly)
    _require_officer(session, actor, assembly, _("Opening a vote"))
    next_status(motion.status.value, MotionAction.open_vote, motion_label(motion))
    if motion.status is MotionStatus.proposed and _needs_seconding(session, motion):
        raise AssemblyError(
            _(
                "{motion} has not been seconded; the bylaws require a seconder before the vote "
                "(coop motion second)."
            ).format(motion=motion_label(motion))
        )
    pending = [a for a in motion.amendments if a.status in PENDING or a.status is MotionStatus.postponed]
    if pending:
        raise AssemblyError(
            _("{amendment} is still pending; amendments are decided before their motion.").format(
                amendment=motion_label(pending[0])
            )
        )
    rule, article = _rule_for(session, motion.kind)
    if rule is DecisionRule.CONSENT:
        method = VoteMethod.consent
    elif method is None or method is VoteMethod.consent:
        raise AssemblyError(_("Say how the assembly votes: --method roll-call, secret or show-of-hands."))
    # Stored with the vote and printed in the minutes: worded in the cooperative's language.
    with for_the_record(session):
        quorum = current_quorum(session, assembly)
        title = motion_label(motion)
    if not quorum.met:
        # Told to whoever opens the vote: the same check, in their language.
        raise AssemblyError(
            _("The vote cannot open: {quorum}").format(quorum=current_quorum(session, assembly).explanation)
        )
    vote = votes.open_vote(
        session,
        title=title,
        method=method,
        rule=rule.value,
        tie_rule=bylaws_in_force(session)["tie_rule"].value,
        article=article,
        quorum=quorum,
        active_members=count_active_members(session),
        now=now,
    )
    motion.vote_id = vote.id
    _transition(
        session,
        motion,
        MotionAction.open_vote,
        actor=actor,
        now=now,
        data={
            "vote_id": vote.id,
            "method": method.value,
            "rule": rule.value,
            "quorum": {
                "present": quorum.present,
                "proxies": quorum.proxies_represented,
                "required": quorum.required,
                "met": quorum.met,
                "at_second_call": quorum.at_second_call,
            },
        },
    )
    return motion


@dataclass(frozen=True)
class CastResult:
    voter: str
    on_behalf_of: str | None
    secret: bool


def cast_motion_vote(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    motion: Motion,
    choice: Choice,
    voter: str | None = None,
    on_behalf_of: str | None = None,
) -> CastResult:
    """One member's vote, in person or for the absent member whose proxy they hold."""
    assembly = motion.assembly
    _require_open(assembly)
    next_status(motion.status.value, MotionAction.record_vote, motion_label(motion))
    vote = motion.vote
    assert vote is not None  # a motion being voted on always has its vote
    member = _acting_member(session, actor, voter, assembly, _("Recording a vote"))
    if vote.method is VoteMethod.secret and (actor.member is None or actor.member.id != member.id):
        raise VoteError(
            _("In a secret vote each member casts their own ballot: run the command --as yourself.")
        )
    if member.id not in present_member_ids(assembly):
        raise VoteError(
            _("{member} is not recorded as present, so cannot vote; record the arrival first.").format(
                member=member.label
            )
        )
    represented = member
    if on_behalf_of is not None:
        represented = find_member(session, on_behalf_of)
        proxy = next(
            (
                p
                for p in proxies_in_force(assembly)
                if p.giver_id == represented.id and p.holder_id == member.id
            ),
            None,
        )
        if proxy is None:
            raise VoteError(
                _("{holder} holds no proxy in force from {giver} at this assembly.").format(
                    holder=member.label, giver=represented.label
                )
            )
    votes.record_choice(
        session,
        vote,
        represented_member_id=represented.id,
        cast_by_member_id=member.id,
        choice=choice,
        voter_label=represented.label,
    )
    # For a secret vote the audit records only that someone voted, never the choice.
    data = {"motion_id": motion.id, "vote_id": vote.id, "member_id": represented.id}
    if vote.method is VoteMethod.roll_call:
        data["choice"] = choice.value
    if represented.id != member.id:
        data["by_proxy_holder_id"] = member.id
    record_event(session, "coop.vote.cast", actor=actor.label, now=now, data=data)
    return CastResult(
        voter=member.label,
        on_behalf_of=represented.label if represented.id != member.id else None,
        secret=vote.method is VoteMethod.secret,
    )


def enter_hand_count(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    motion: Motion,
    yes: int,
    no: int,
    abstain: int,
    tellers: str | None = None,
) -> Motion:
    assembly = motion.assembly
    _require_open(assembly)
    _require_officer(session, actor, assembly, _("Entering the tellers' count"))
    next_status(motion.status.value, MotionAction.record_vote, motion_label(motion))
    vote = motion.vote
    assert vote is not None
    eligible = vote.quorum_present + vote.quorum_proxies
    votes.enter_hand_count(
        session, vote, yes=yes, no=no, abstain=abstain, tellers=tellers or actor.label, eligible=eligible
    )
    record_event(
        session,
        "coop.vote.hand_counted",
        actor=actor.label,
        now=now,
        data={
            "motion_id": motion.id,
            "vote_id": vote.id,
            "yes": yes,
            "no": no,
            "abstain": abstain,
            "tellers": vote.hand_counted_by,
        },
    )
    return motion


def raise_objection(
    session: Session, *, actor: Actor, now: datetime, motion: Motion, reason: str, member: str | None = None
) -> Objection:
    assembly = motion.assembly
    _require_open(assembly)
    next_status(motion.status.value, MotionAction.object, motion_label(motion))
    if motion.vote is None or motion.vote.method is not VoteMethod.consent:
        raise AssemblyError(
            _("Objections are for consent motions; vote against {motion} instead.").format(
                motion=motion_label(motion)
            )
        )
    if not reason.strip():
        raise AssemblyError(_('An objection must give its reason: --reason "...".'))
    objector = _acting_member(session, actor, member, assembly, _("Recording an objection"))
    objection = Objection(
        motion_id=motion.id,
        member_id=objector.id,
        reason=reason.strip(),
        status=ObjectionStatus.open,
        raised_at=now,
    )
    motion.objections.append(objection)
    session.flush()
    record_event(
        session,
        "coop.objection.raised",
        actor=actor.label,
        now=now,
        data={
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
    _require_open(motion.assembly)
    next_status(motion.status.value, MotionAction.object, motion_label(motion))
    if objection.status is not ObjectionStatus.open:
        raise AssemblyError(
            _("Objection {id} is already {status}.").format(id=objection.id, status=_(objection.status.value))
        )
    if not resolution.strip():
        raise AssemblyError(_('Say how the objection was resolved: --resolution "...".'))
    if actor.member is None or actor.member.id != objection.member_id:
        _require_officer(session, actor, motion.assembly, _("Resolving an objection"))
    objection.status = ObjectionStatus.withdrawn if withdrawn else ObjectionStatus.resolved
    objection.resolution = resolution.strip()
    objection.resolved_at = now
    record_event(
        session,
        "coop.objection.resolved",
        actor=actor.label,
        now=now,
        data={
            "objection_id": objection.id,
            "status": objection.status.value,
            "resolution": objection.resolution,
        },
    )
    return objection


def _refuse_missing_ballots(motion: Motion, vote: Vote, ballots: int, codes_handed_out: int) -> None:
    if vote.method not in (VoteMethod.secret, VoteMethod.roll_call):
        return  # a show of hands is counted by the tellers; consent has no ballots
    if ballots == 0:
        raise AssemblyError(
            _(
                "No ballot was cast in the vote on {motion}; if that is what happened, close it "
                "again with --confirm-empty, and the minutes will say that no ballot was cast."
            ).format(motion=motion_label(motion))
        )
    if ballots < codes_handed_out:
        # here ballots >= 1, so at least two codes were handed out
        cast = ngettext("only {ballots} ballot was cast", "only {ballots} ballots were cast", ballots)
        raise AssemblyError(
            _(
                "{codes} voting codes were handed out for {motion}, but {cast}; if the others did "
                "not vote, close it again with --confirm-empty."
            ).format(codes=codes_handed_out, motion=motion_label(motion), cast=cast.format(ballots=ballots))
        )


def attendance_at_vote(session: Session, vote: Vote) -> tuple[int, int]:
    """Those present at a vote: (members in the room, absent members represented by proxy).

    The room when the vote opened, plus anyone who arrived and voted since (or, with voting codes,
    who arrived and received a slip). The minutes recount it the same way from the same record.
    """
    slips_in_person, slips_by_proxy = slips_handed_out(session, vote.id)
    in_room = max(
        vote.quorum_present,
        votes.participation_count(session, vote) - vote.quorum_proxies,
        slips_in_person,
    )
    return in_room, max(vote.quorum_proxies, slips_by_proxy)


def close_motion_vote(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    motion: Motion,
    casting_vote: str | None = None,
    confirm_empty: bool = False,
) -> Decision:
    """Count, decide under the bylaws' rule, and move the motion.

    An adopted amendment also rewrites its main motion's final text. A roll-call or secret vote
    that received no ballot, or a coded vote with fewer ballots than voting codes handed out,
    closes only with ``confirm_empty``: an empty box is more often a mistake than a decision.
    """
    assembly = motion.assembly
    _require_open(assembly)
    _require_officer(session, actor, assembly, _("Closing a vote"))
    next_status(motion.status.value, MotionAction.close, motion_label(motion))
    vote = motion.vote
    assert vote is not None
    lock_ballot_box(session, vote)  # no ballot lands while the vote is counted and frozen
    count = votes.count_votes(session, vote)
    if not confirm_empty:
        _refuse_missing_ballots(motion, vote, count.total, sum(slips_handed_out(session, vote.id)))
    in_room, by_proxy = attendance_at_vote(session, vote)
    context = VoteContext(
        present=in_room,
        active_members=vote.active_members,
        proxies_represented=by_proxy,
        proxies_count=True,
    )
    objections = [
        ObjectionInput(by=o.member.label, reason=o.reason, status=o.status.value) for o in motion.objections
    ]

    def decision_now() -> Decision:
        return decide(
            vote.rule,
            count,
            context,
            tie_rule=vote.tie_rule,
            casting_vote=casting_vote,
            objections=objections,
            article=vote.article,
        )

    decision = decision_now()  # told to whoever closes the vote, in their language
    with for_the_record(session):
        recorded = decision_now()  # kept with the vote and printed in the minutes
    # A secret ballot box is fixed in the audit chain while the vote is still open.
    freeze_vote(session, vote=vote, actor=actor.label, now=now)
    votes.close_vote(vote, count, recorded, now)
    motion.status = MotionStatus.adopted if decision.adopted else MotionStatus.rejected
    if decision.adopted and motion.parent is not None:
        motion.parent.final_text = motion.text
    record_event(
        session,
        "coop.motion.closed",
        actor=actor.label,
        now=now,
        data={
            "motion_id": motion.id,
            "vote_id": vote.id,
            "yes": count.yes,
            "no": count.no,
            "abstain": count.abstain,
            "rule": vote.rule,
            "required": decision.required,
            "adopted": decision.adopted,
            "explanation": recorded.explanation,  # the record's words, as the minutes print them
            "confirmed_missing_ballots": confirm_empty,
        },
    )
    if decision.adopted and motion.minutes_of_assembly_id is not None:
        from coop.assemblies.minutes import approve_minutes

        approve_minutes(
            session,
            actor=actor,
            now=now,
            assembly=session.get(Assembly, motion.minutes_of_assembly_id),
            motion=motion,
        )
    events.emit(
        "motion.decided", session=session, motion=motion, adopted=decision.adopted, actor=actor, now=now
    )
    return decision
