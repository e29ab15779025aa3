"""Assemblies, quorums and motions as commands show them (elections are in
:mod:`coop.assemblies.election_views`): frozen views, each with one ``as_json()``, the one
serializer that ``--format json`` prints and the tables read.

Times are shown to the minute (``2026-11-25 18:30``), as the minutes print them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from coop.i18n import N_
from coop.views import View, moment_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.assemblies.lifecycle import MotionAction
    from coop.assemblies.meetings import QuorumRecord
    from coop.assemblies.models import (
        AgendaItem,
        Assembly,
        AssemblyKind,
        AssemblyStatus,
        MinutesStatus,
        Motion,
        MotionStatus,
        ObjectionStatus,
    )
    from coop.members.bylaws import MotionKind
    from coop.rules.decisions import Basis, DecisionRule
    from coop.rules.quorum import QuorumCheck
    from coop.votes.models import Vote, VoteMethod, VoteStatus


# --- assemblies and their quorum ---------------------------------------------------------------


@dataclass(frozen=True)
class AssemblyView(View):
    """One assembly, as listed."""

    headings: ClassVar[Mapping[str, str]] = {
        "id": "#",
        "kind": N_("Kind"),
        "called_for": N_("Called for"),
        "place": N_("Place"),
        "chair": N_("Chair"),
        "secretary": N_("Secretary"),
        "status": N_("Status"),
        "second_call_at": N_("Second call"),
        "closed_at": N_("Closed at"),
        "minutes": N_("Minutes"),
    }

    id: int
    kind: AssemblyKind
    called_for: datetime
    place: str
    chair: str
    secretary: str
    status: AssemblyStatus
    second_call_at: datetime | None
    closed_at: datetime | None
    minutes: MinutesStatus


@dataclass(frozen=True)
class ProxyView(View):
    """A proxy in force: the absent member who gave it and the member who holds it."""

    headings: ClassVar[Mapping[str, str]] = {"giver": N_("Given by"), "holder": N_("Held by")}

    giver: str
    holder: str


@dataclass(frozen=True)
class AgendaItemView(View):
    """A motion as an assembly's record lists it."""

    headings: ClassVar[Mapping[str, str]] = {
        "id": N_("Id"),
        "position": "#",
        "title": N_("Title"),
        "status": N_("Status"),
    }

    id: int
    position: str
    title: str
    status: MotionStatus


@dataclass(frozen=True)
class AgendaPointView(View):
    """One item of an assembly's agenda (orden del día), by its number."""

    headings: ClassVar[Mapping[str, str]] = {
        "number": "#",
        "title": N_("Title"),
        "text": N_("Text"),
        "motion_kind": N_("Kind of motion"),
        "postponed": N_("Postponed because"),
    }
    # Said only of an item that stands postponed: the agenda as it was before stays as it was.
    json_omit_none: ClassVar[frozenset[str]] = frozenset({"postponed"})

    number: int
    title: str
    text: str | None
    motion_kind: MotionKind | None
    postponed: str | None = None  # the reason, while the item stands postponed during the meeting


AGENDA_COLUMNS = ("number", "title", "text", "motion_kind")


def agenda_point_view(item: AgendaItem, postponed: str | None = None) -> AgendaPointView:
    """The item as the agenda lists it; ``postponed`` is the reason it stands postponed, if it does."""
    from coop.members.bylaws import MotionKind

    return AgendaPointView.copied(
        item,
        number=item.position,
        motion_kind=MotionKind(item.motion_kind) if item.motion_kind else None,
        postponed=postponed,
    )


@dataclass(frozen=True)
class AssemblyRecordView(View):
    """One assembly as ``coop assembly show`` prints it: who is there, proxies, quorum, motions."""

    json_inline: ClassVar[str | None] = "assembly"
    headings: ClassVar[Mapping[str, str]] = {
        "present": N_("Present now"),
        "attended": N_("Attended at some point"),
        "proxies_in_force": N_("Proxies in force"),
        "quorum": N_("Quorum"),
        "motions": N_("Motions"),
        "agenda": N_("Agenda"),
    }

    assembly: AssemblyView
    present: tuple[str, ...]  # labels of the members in the room now
    attended: int  # members who were in the room at some time
    proxies_in_force: tuple[ProxyView, ...]
    quorum: str | None  # the quorum statement; None for a closed assembly with nobody in the room
    motions: tuple[AgendaItemView, ...]
    agenda: tuple[AgendaPointView, ...] = ()


@dataclass(frozen=True)
class QuorumView(View):
    """Whether an open assembly has quorum now, with the numbers and the sentence for the minutes."""

    headings: ClassVar[Mapping[str, str]] = {
        "met": N_("Quorum met"),
        "present": N_("Present"),
        "proxies": N_("Proxies"),
        "proxies_counted": N_("Proxies counted"),
        "required": N_("Required"),
        "missing": N_("Missing"),
        "at_second_call": N_("At second call"),
        "statement": N_("Statement"),
    }

    met: bool
    present: int
    proxies: int
    proxies_counted: int
    required: int
    missing: int
    at_second_call: bool
    statement: str


def recorded_quorum_json(record: QuorumRecord) -> dict[str, Any]:
    """A closed assembly's quorum as its record holds it (the record is already a frozen view)."""
    return {
        "assembly_id": record.assembly_id,
        "status": "closed",
        "closed_at": moment_text(record.closed_at),
        "attended": record.attended,
        "represented_by_proxy": record.represented_by_proxy,
        "second_call_at": moment_text(record.second_call_at),
        "votes": [
            {
                "motion_id": v.motion_id,
                "position": v.position,
                "opened_at": moment_text(v.opened_at),
                "present": v.present,
                "proxies": v.proxies,
                "proxies_counted": v.proxies_counted,
                "required": v.required,
                "met": v.met,
                "at_second_call": v.at_second_call,
                "statement": v.statement,
            }
            for v in record.votes
        ],
    }


def assembly_view(assembly: Assembly) -> AssemblyView:
    """The view of one assembly."""
    return AssemblyView.copied(
        assembly,
        chair=assembly.chair.label,
        secretary=assembly.secretary.label,
        minutes=assembly.minutes_status,
    )


def list_assemblies(session: Session) -> list[AssemblyView]:
    """Every assembly, oldest first."""
    from coop.assemblies.meetings import list_assemblies as assemblies_in_order

    return [assembly_view(assembly) for assembly in assemblies_in_order(session)]


def quorum_view(check: QuorumCheck) -> QuorumView:
    """The view of a quorum check."""
    return QuorumView.copied(check, proxies=check.proxies_represented, statement=check.explanation)


def assembly_record_view(session: Session, assembly: Assembly) -> AssemblyRecordView:
    """One assembly with its attendance, proxies, quorum now (while anyone is in the room) and motions."""
    from coop.assemblies.agenda import postponements
    from coop.assemblies.attendance import present_stays, proxies_in_force
    from coop.assemblies.meetings import current_quorum

    someone_present = bool(present_stays(assembly))
    postponed = postponements(session, assembly)
    return AssemblyRecordView(
        assembly=assembly_view(assembly),
        present=tuple(s.member.label for s in assembly.attendance if s.left_at is None),
        attended=len({s.member_id for s in assembly.attendance}),
        proxies_in_force=tuple(
            ProxyView(giver=p.giver.label, holder=p.holder.label) for p in proxies_in_force(assembly)
        ),
        quorum=quorum_view(current_quorum(session, assembly)).statement
        if someone_present or assembly.status.value == "open"
        else None,
        motions=tuple(AgendaItemView.copied(m) for m in assembly.motions),
        agenda=tuple(
            agenda_point_view(item, postponed[item.id]["reason"] if item.id in postponed else None)
            for item in assembly.agenda
        ),
    )


# --- motions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectionView(View):
    headings: ClassVar[Mapping[str, str]] = {
        "id": N_("Id"),
        "member": N_("Member"),
        "reason": N_("Reason"),
        "status": N_("Status"),
        "resolution": N_("Resolution"),
    }

    id: int
    member: str
    reason: str
    status: ObjectionStatus
    resolution: str | None


@dataclass(frozen=True)
class VoteQuorumView(View):
    """The quorum recorded with a vote when it opened."""

    headings: ClassVar[Mapping[str, str]] = {
        "present": N_("Present"),
        "proxies": N_("Proxies"),
        "proxies_counted": N_("Proxies counted"),
        "required": N_("Required"),
        "met": N_("Quorum met"),
        "at_second_call": N_("At second call"),
    }

    present: int
    proxies: int
    proxies_counted: bool
    required: int
    met: bool
    at_second_call: bool


@dataclass(frozen=True)
class MotionVoteView(View):
    """A motion's vote: its method, the quorum recorded when it opened, the count and the decision."""

    headings: ClassVar[Mapping[str, str]] = {
        "method": N_("Method"),
        "status": N_("Status"),
        "rule": N_("Decision rule"),
        "article": N_("Article"),
        "quorum": N_("Quorum"),
        "yes": N_("Yes"),
        "no": N_("No"),
        "abstain": N_("Abstentions"),
        "required": N_("Yes votes required"),
        "basis": N_("Measured against"),
        "basis_count": N_("Number measured against"),
        "adopted": N_("Adopted"),
        "explanation": N_("Explanation"),
    }

    method: VoteMethod
    status: VoteStatus
    rule: DecisionRule
    article: str | None
    quorum: VoteQuorumView
    yes: int | None
    no: int | None
    abstain: int | None
    required: int | None
    basis: Basis | None
    basis_count: int | None
    adopted: bool | None
    explanation: str | None


@dataclass(frozen=True)
class MotionView(View):
    """One motion or amendment, with its vote and objections."""

    headings: ClassVar[Mapping[str, str]] = {
        "id": N_("Id"),
        "assembly_id": N_("Assembly"),
        "position": "#",
        "kind": N_("Kind"),
        "title": N_("Title"),
        "text": N_("Text"),
        "final_text": N_("Final text"),
        "proposer": N_("Proposer"),
        "seconder": N_("Seconder"),
        "status": N_("Status"),
        "amendment_of": N_("Amendment of"),
        "vote": N_("Vote"),
        "objections": N_("Objections"),
    }

    id: int
    assembly_id: int
    position: str
    kind: MotionKind
    title: str
    text: str
    final_text: str | None
    proposer: str
    seconder: str | None
    status: MotionStatus
    amendment_of: int | None
    vote: MotionVoteView | None
    objections: tuple[ObjectionView, ...]


@dataclass(frozen=True)
class MotionRecordView(View):
    """A motion as ``coop motion show`` prints it: the motion and what may happen to it next."""

    json_inline: ClassVar[str | None] = "motion"
    headings: ClassVar[Mapping[str, str]] = {"next_steps": N_("Next steps")}

    motion: MotionView
    next_steps: tuple[MotionAction, ...]


def _motion_vote_view(vote: Vote) -> MotionVoteView:
    from coop.assemblies.meetings import recorded_quorum
    from coop.rules.decisions import Basis, DecisionRule

    return MotionVoteView.copied(
        vote,
        rule=DecisionRule(vote.rule),
        quorum=VoteQuorumView(**recorded_quorum(vote)),
        yes=vote.yes_count,
        no=vote.no_count,
        abstain=vote.abstain_count,
        basis=Basis(vote.basis) if vote.basis is not None else None,
    )


def motion_view(motion: Motion) -> MotionView:
    """The view of one motion."""
    from coop.members.bylaws import MotionKind

    return MotionView.copied(
        motion,
        kind=MotionKind(motion.kind),
        proposer=motion.proposer.label,
        seconder=motion.seconder.label if motion.seconder else None,
        amendment_of=motion.parent_id,
        vote=_motion_vote_view(motion.vote) if motion.vote is not None else None,
        objections=tuple(ObjectionView.copied(o, member=o.member.label) for o in motion.objections),
    )


def motion_record_view(motion: Motion) -> MotionRecordView:
    """One motion with the steps its status allows."""
    from coop.assemblies.lifecycle import allowed_actions

    return MotionRecordView(
        motion=motion_view(motion), next_steps=tuple(allowed_actions(motion.status.value))
    )


def agenda_motions(assembly: Assembly) -> list[MotionView]:
    """An assembly's motions and amendments in agenda order (1, 1.1, 2, ..., 10)."""
    views = [motion_view(motion) for motion in assembly.motions]
    return sorted(views, key=lambda view: [int(part) for part in view.position.split(".")])


def assembly_quorum(session: Session, assembly: Assembly) -> QuorumView | QuorumRecord:
    """The quorum of an open assembly counted now; of a closed one, the quorum its record holds
    (nobody is in the room any more, so a count would say 0 present)."""
    from coop.assemblies.meetings import current_quorum, quorum_record

    if assembly.closed_at is not None:
        return quorum_record(assembly)
    return quorum_view(current_quorum(session, assembly))
