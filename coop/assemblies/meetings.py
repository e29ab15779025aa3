"""The meeting itself: open and close an assembly, hold it at second call, and its quorum, counted now
or as its record holds it once closed. Quorum is computed from the bylaws when a vote opens and stored
with the vote (:mod:`.motion_votes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop import vocabulary
from coop.assemblies.attendance import present_member_ids, proxies_in_force
from coop.assemblies.common import motion_label, require_active, require_officer, require_open
from coop.assemblies.models import Assembly, AssemblyKind, AssemblyStatus, MinutesStatus, MotionStatus
from coop.audit import record_change
from coop.errors import AssemblyError
from coop.i18n import _
from coop.members.actors import Actor, find_member, require_role
from coop.members.bylaws_record import bylaws_in_force
from coop.members.models import Member, Role
from coop.members.register import count_active_members
from coop.rules.quorum import QuorumCheck, SecondCall, check_quorum, second_call_available


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
) -> Assembly:
    require_role(session, actor, Role.secretary, _("Opening an assembly"))
    check_place(place)
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
) -> Assembly:
    """A new assembly, opened now or only called, with the audit event ``action`` that records it."""
    assembly = Assembly(
        kind=kind,
        called_for=called_for,
        place=place.strip(),
        chair_id=chair.id,
        secretary_id=secretary.id,
        status=status,
        opened_at=now if status is AssemblyStatus.open else None,
        minutes_status=MinutesStatus.draft,
    )
    session.add(assembly)
    session.flush()
    record_change(
        session,
        action,
        actor,
        now,
        {
            "assembly_id": assembly.id,
            "kind": kind.value,
            "called_for": called_for.isoformat(),
            "place": assembly.place,
            "chair": chair.label,
            "secretary": secretary.label,
        },
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
) -> Assembly:
    """Open an assembly that was called; ``chair`` and ``secretary`` replace those named at the call."""
    require_role(session, actor, Role.secretary, _("Opening an assembly"))
    if assembly.status is not AssemblyStatus.called:
        raise AssemblyError(
            _("Assembly {id} is already {status}; only a called assembly can be opened.").format(
                id=assembly.id, status=vocabulary.label(assembly.status)
            )
        )
    if chair is not None:
        assembly.chair_id = require_active(find_member(session, chair)).id
    if secretary is not None:
        assembly.secretary_id = require_active(find_member(session, secretary)).id
    assembly.status = AssemblyStatus.open
    assembly.opened_at = now
    session.flush()
    session.refresh(assembly)
    record_change(
        session,
        "coop.assembly.opened",
        actor,
        now,
        {
            "assembly_id": assembly.id,
            "kind": assembly.kind.value,
            "called_for": assembly.called_for.isoformat(),
            "place": assembly.place,
            "chair": assembly.chair.label,
            "secretary": assembly.secretary.label,
        },
    )
    return assembly


def list_assemblies(session: Session) -> list[Assembly]:
    return list(session.scalars(select(Assembly).order_by(Assembly.id)))


def close_assembly(session: Session, *, actor: Actor, now: datetime, assembly: Assembly) -> Assembly:
    require_officer(session, actor, assembly, _("Closing an assembly"))
    require_open(assembly)
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
    record_change(
        session,
        "coop.assembly.closed",
        actor,
        now,
        {"assembly_id": assembly.id, "closed_at": now.isoformat()},
    )
    return assembly


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
    require_officer(session, actor, assembly, _("Recording the second call"))
    require_open(assembly)
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
    record_change(
        session,
        "coop.assembly.second_called",
        actor,
        now,
        {"assembly_id": assembly.id, "at": now.isoformat(), "present": len(present_member_ids(assembly))},
    )
    return assembly
