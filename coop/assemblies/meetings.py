"""The meeting itself: open and close an assembly, hold it at second call, and its quorum, counted now
or as its record holds it once closed. Quorum is computed from the bylaws when a vote opens and stored
with the vote (:mod:`.motion_votes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop import vocabulary
from coop.assemblies.attendance import present_member_ids, proxies_in_force
from coop.assemblies.common import motion_label, require_active, require_officer, require_open
from coop.assemblies.models import Assembly, AssemblyKind, AssemblyStatus, MinutesStatus, MotionStatus
from coop.assemblies.moments import (
    Moment,
    closing_before_reopening,
    moment_of,
    refuse_before,
    refuse_future,
    with_time,
)
from coop.audit import record_change
from coop.errors import AssemblyError
from coop.i18n import _
from coop.members.actors import Actor, find_member, require_role
from coop.members.bylaws_record import bylaws_in_force
from coop.members.models import Member, Role
from coop.members.register import count_active_members
from coop.rules.quorum import QuorumCheck, SecondCall, check_quorum, second_call_available
from coop.votes.models import Vote


def parse_kind(text: str) -> AssemblyKind:
    """``ordinary``, ``extraordinaria``... (:func:`coop.vocabulary.parse`), or an AssemblyError."""
    return vocabulary.parse(
        AssemblyKind,
        text,
        lambda typed: AssemblyError(
            _("'{kind}' is not a kind of assembly; use {words}.").format(
                kind=typed, words=vocabulary.words_text(AssemblyKind)
            )
        ),
    )


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
    at: Moment | None = None,
) -> Assembly:
    """A new assembly, open from ``at`` (a time on the day it is called for), or from now."""
    require_role(session, actor, Role.secretary, _("Opening an assembly"))
    check_place(place)
    opened_at = at if isinstance(at, datetime) or at is None else datetime.combine(called_for.date(), at)
    if opened_at is not None:
        refuse_future(opened_at, now, _("opening"))
    return insert_assembly(
        session,
        actor,
        now,
        "coop.assembly.opened",
        kind=kind,
        called_for=called_for,
        place=place,
        chair=require_active(find_member(session, chair)),
        secretary=require_active(find_member(session, secretary)),
        status=AssemblyStatus.open,
        opened_at=opened_at,
    )


def check_place(place: str) -> None:
    if not place.strip():
        raise AssemblyError(_('An assembly needs a place: --place "Dining hall".'))


def insert_assembly(
    session: Session,
    actor: Actor,
    now: datetime,
    action: str,
    *,
    kind: AssemblyKind,
    called_for: datetime,
    place: str,
    chair: Member,
    secretary: Member,
    status: AssemblyStatus,
    opened_at: datetime | None = None,
) -> Assembly:
    """A new assembly, opened (at ``opened_at``, or now) or only called, with the audit event
    ``action`` that records it."""
    opened = (opened_at or now) if status is AssemblyStatus.open else None
    assembly = Assembly(
        kind=kind,
        called_for=called_for,
        place=place.strip(),
        chair_id=chair.id,
        secretary_id=secretary.id,
        status=status,
        opened_at=opened,
        minutes_status=MinutesStatus.draft,
    )
    session.add(assembly)
    session.flush()
    record_change(
        session,
        action,
        actor,
        now,
        with_time(
            {
                "assembly_id": assembly.id,
                "kind": kind.value,
                "called_for": called_for.isoformat(),
                "place": assembly.place,
                "chair": chair.label,
                "secretary": secretary.label,
            },
            opened or now,
            now,
        ),
    )
    return assembly


def open_called_assembly(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    chair: str | None = None,
    secretary: str | None = None,
    at: Moment | None = None,
) -> Assembly:
    """Open an assembly that was called, from ``at`` (a time on its day) or now; ``chair`` and
    ``secretary`` replace those named at the call."""
    require_role(session, actor, Role.secretary, _("Opening an assembly"))
    if assembly.status is not AssemblyStatus.called:
        raise AssemblyError(
            _("Assembly {id} is already {status}; only a called assembly can be opened.").format(
                id=assembly.id, status=vocabulary.label(assembly.status)
            )
        )
    opened_at = moment_of(assembly, at, now)
    refuse_future(opened_at, now, _("opening"))
    if chair is not None:
        assembly.chair_id = require_active(find_member(session, chair)).id
    if secretary is not None:
        assembly.secretary_id = require_active(find_member(session, secretary)).id
    assembly.status = AssemblyStatus.open
    assembly.opened_at = opened_at
    session.flush()
    session.refresh(assembly)
    record_change(
        session,
        "coop.assembly.opened",
        actor,
        now,
        with_time(
            {
                "assembly_id": assembly.id,
                "kind": assembly.kind.value,
                "called_for": assembly.called_for.isoformat(),
                "place": assembly.place,
                "chair": assembly.chair.label,
                "secretary": assembly.secretary.label,
            },
            opened_at,
            now,
        ),
    )
    return assembly


def list_assemblies(session: Session) -> list[Assembly]:
    return list(session.scalars(select(Assembly).order_by(Assembly.id)))


def close_assembly(
    session: Session, *, actor: Actor, now: datetime, assembly: Assembly, at: Moment | None = None
) -> Assembly:
    """Close the assembly at ``at`` (a time on its day) or now; a reopened assembly closes again,
    unless told otherwise, at the time it first closed. Members still in the room leave at the close.
    """
    require_officer(session, actor, assembly, _("Closing an assembly"))
    require_open(assembly)
    if at is None:
        at = closing_before_reopening(session, assembly)
    closed_at = moment_of(assembly, at, now)
    check_closing_time(assembly, closed_at, now)
    voting = [m for m in assembly.motions if m.status is MotionStatus.voting]
    if voting:
        raise AssemblyError(
            _("{motion} is still being voted on; close its vote before closing the assembly.").format(
                motion=motion_label(voting[0])
            )
        )
    for stay in assembly.attendance:
        if stay.left_at is None:
            stay.left_at = closed_at
    assembly.status = AssemblyStatus.closed
    assembly.closed_at = closed_at
    record_change(
        session,
        "coop.assembly.closed",
        actor,
        now,
        with_time({"assembly_id": assembly.id, "closed_at": closed_at.isoformat()}, closed_at, now),
    )
    return assembly


def recorded_times(assembly: Assembly) -> list[tuple[datetime, str]]:
    """Every time recorded in the assembly after its opening, each with what it is, in words."""
    times: list[tuple[datetime, str]] = []
    for stay in assembly.attendance:
        times.append((stay.arrived_at, _("an arrival")))
        if stay.left_at is not None and stay.left_at != assembly.closed_at:
            times.append((stay.left_at, _("a departure")))
    if assembly.second_call_at is not None:
        times.append((assembly.second_call_at, _("the second call")))
    for motion in assembly.motions:
        if motion.vote is not None:
            times.append((motion.vote.opened_at, _("the opening of a vote")))
            if motion.vote.closed_at is not None:
                times.append((motion.vote.closed_at, _("the closing of a vote")))
    return times


def check_closing_time(assembly: Assembly, closed_at: datetime, now: datetime) -> None:
    """The close is not in the future, nor before the opening or any time recorded in the meeting."""
    refuse_future(closed_at, now, _("closing"))
    if assembly.opened_at is not None:
        refuse_before(closed_at, assembly.opened_at, _("closing"), _("the opening"))
    latest = max(recorded_times(assembly), default=None, key=lambda pair: pair[0])
    if latest is not None:
        refuse_before(closed_at, latest[0], _("closing"), latest[1])


def current_quorum(session: Session, assembly: Assembly, at: datetime | None = None) -> QuorumCheck:
    """The quorum now, or at the moment ``at`` as the attendance record has it."""
    bylaws = bylaws_in_force(session)
    second_call = None
    if assembly.second_call_at is not None and (at is None or assembly.second_call_at <= at):
        second_call = SecondCall(minimum=int(bylaws["quorum.second_call_minimum"].value))
    return check_quorum(
        bylaws["quorum"].value,
        count_active_members(session),
        len(present_member_ids(assembly, at)),
        proxies_represented=len(proxies_in_force(assembly, at)),
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


def recorded_quorum(vote: Vote) -> dict[str, Any]:
    """The quorum stored with a vote when it opened, by the names its views give it."""
    return {
        "present": vote.quorum_present,
        "proxies": vote.quorum_proxies,
        "proxies_counted": vote.quorum_proxies_counted,
        "required": vote.quorum_required,
        "met": vote.quorum_met,
        "at_second_call": vote.quorum_at_second_call,
    }


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
            **recorded_quorum(motion.vote),
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


def record_second_call(
    session: Session, *, actor: Actor, now: datetime, assembly: Assembly, at: Moment | None = None
) -> Assembly:
    """Hold the assembly at second call (at ``at``, or now), once the bylaws' waiting time after the
    called time is over."""
    require_officer(session, actor, assembly, _("Recording the second call"))
    require_open(assembly)
    moment = moment_of(assembly, at, now)
    refuse_future(moment, now, _("second call"))
    if at is not None and assembly.opened_at is not None:  # a time typed from the notes
        refuse_before(moment, assembly.opened_at, _("second call"), _("the opening"))
    wait = int(bylaws_in_force(session)["quorum.second_call_minutes"].value)
    if wait <= 0:
        raise AssemblyError(_("The bylaws provide no second call (quorum.second_call_minutes is 0)."))
    if assembly.second_call_at is not None:
        raise AssemblyError(
            _("Assembly {id} is already at second call since {time}.").format(
                id=assembly.id, time=assembly.second_call_at.strftime("%H:%M")
            )
        )
    status = second_call_available(assembly.called_for, moment, wait)
    if not status.available:
        raise AssemblyError(status.explanation)
    assembly.second_call_at = moment
    record_change(
        session,
        "coop.assembly.second_called",
        actor,
        now,
        {
            "assembly_id": assembly.id,
            "at": moment.isoformat(),
            "present": len(present_member_ids(assembly, moment)),
        },
    )
    return assembly
