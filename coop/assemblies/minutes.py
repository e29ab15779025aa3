"""Minutes: built from the record while in draft, frozen as a snapshot with its hash once approved.

A reprint of approved minutes renders the stored snapshot, never the live record, so it is
identical to the approved text; a snapshot whose hash no longer matches is refused.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import datetime
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from coop import vocabulary
from coop.assemblies.errata import errata
from coop.assemblies.minutes_votes import (
    _objections,
    _quorum_line,
    _vote_line,
    slips_note,
)
from coop.assemblies.models import (
    AgendaItem,
    Assembly,
    AssemblyStatus,
    Attendance,
    MinutesStatus,
    Motion,
    MotionStatus,
)
from coop.assemblies.moments import late_entry_days
from coop.audit import chain_anchor
from coop.errors import AssemblyError
from coop.formatting import format_date, format_time
from coop.i18n import _, in_cooperative_language, ngettext
from coop.keys.checkpoints import latest_checkpoint
from coop.members.bylaws import motion_kind_label
from coop.members.bylaws_record import bylaws_in_force
from coop.members.cooperative import get_cooperative
from coop.members.models import Member
from coop.reports import minutes_model as mm
from coop.rules.quorum import SecondCall, check_quorum

T = TypeVar("T")


def _status_label(motion: Motion) -> str:
    return {
        MotionStatus.adopted: _("Adopted"),
        MotionStatus.rejected: _("Not adopted"),
        MotionStatus.withdrawn: _("Withdrawn"),
        MotionStatus.postponed: _("Postponed"),
        MotionStatus.proposed: _("Not decided"),
        MotionStatus.seconded: _("Not decided"),
        MotionStatus.voting: _("Vote still open"),
    }[motion.status]


def _agenda_outcome(item: AgendaItem, postponed_because: str | None = None) -> str | None:
    """What the minutes say of an item none of whose motions was decided; None if one was.

    An item postponed with ``coop assembly agenda postpone`` says so with its reason, decided or not.
    An item decided by an election says whom it elected (the election's count is printed below).
    """
    if postponed_because is not None:
        return _("This item was postponed: {reason}.").format(reason=postponed_because.rstrip(". "))
    if item.election is not None:
        from coop.votes.models import ElectionStatus

        if item.election.status is not ElectionStatus.closed:
            return _("Election {id} under this item was not counted.").format(id=item.election.id)
        from coop.assemblies.elections import official_result  # the count's modules, only when needed

        winners = official_result(item.election)["winners"]
        return ngettext(
            "Decided by election {id} (its count is under Elections): elected {names}.",
            "Decided by election {id} (its count is under Elections): elected {names}.",
            len(winners),
        ).format(id=item.election.id, names=", ".join(winners))
    main = [m for m in item.motions if m.parent_id is None]
    if any(m.status in (MotionStatus.adopted, MotionStatus.rejected) for m in main):
        return None
    if any(m.status is MotionStatus.postponed for m in main):
        return _("This item was postponed.")
    if main:
        return _("This item was considered; no decision was taken.")
    return _("This item was not reached.")


def _assembly_quorum(
    session: Session, assembly: Assembly, stretches: dict[int, list[tuple[datetime, datetime | None]]]
) -> mm.QuorumLine:
    """The quorum as recorded with the first vote; without votes, at the fullest moment of the room.

    Everyone who ever came in is not a quorum: members who left before others arrived were never
    in the room together, so the count is the most members present at one time.
    """
    first_vote = next((m.vote for m in assembly.motions if m.vote is not None), None)
    if first_vote is not None:
        return _quorum_line(first_vote)
    from coop.members.register import count_active_members

    bylaws = bylaws_in_force(session)
    arrivals = [arrived for member_stretches in stretches.values() for arrived, _left in member_stretches]
    fullest = max((_present_at(stretches, moment) for moment in arrivals), default=0)
    check = check_quorum(
        bylaws["quorum"].value,
        count_active_members(session),
        fullest,
        second_call=SecondCall(minimum=int(bylaws["quorum.second_call_minimum"].value))
        if assembly.second_call_at is not None
        else None,
    )
    return mm.QuorumLine(
        statement=check.explanation,
        present=check.present,
        proxies_counted=0,
        required=check.required,
        met=check.met,
        at_second_call=check.at_second_call,
    )


def _elections(session: Session, assembly: Assembly) -> tuple[mm.ElectionSection, ...]:
    """Elections held at the assembly and counted, from their official (hash-checked) results."""
    from coop.votes.models import Election, ElectionStatus

    elections = session.scalars(
        select(Election)
        .where(Election.assembly_id == assembly.id, Election.status == ElectionStatus.closed)
        .order_by(Election.id)
    ).all()
    if not elections:
        return ()
    from coop.assemblies.election_methods import counting_steps, method_phrase
    from coop.assemblies.elections import official_result  # the count's modules, only when needed

    sections = []
    for election in elections:
        result = official_result(election)
        method = method_phrase(election.rules_preset)
        sections.append(
            mm.ElectionSection(
                title=election.title,
                seats=election.seats,
                method=method,
                ballots=int(result["total_ballots"]),
                winners=tuple(result["winners"]),
                rounds=counting_steps(result),
                slips_note=slips_note(election.vote),
            )
        )
    return tuple(sections)


def _present_at(stretches: dict[int, list[tuple[datetime, datetime | None]]], moment: datetime) -> int:
    """How many members were in the room at ``moment``."""
    return sum(
        any(arrived <= moment and (left is None or left > moment) for arrived, left in member_stretches)
        for member_stretches in stretches.values()
    )


def _second_call_sentence(
    assembly: Assembly, stretches: dict[int, list[tuple[datetime, datetime | None]]]
) -> str | None:
    if assembly.second_call_at is None:
        return None
    count = _present_at(stretches, assembly.second_call_at)
    return ngettext(
        "The assembly was held at second call, at {time}, with {count} member present.",
        "The assembly was held at second call, at {time}, with {count} members present.",
        count,
    ).format(time=format_time(assembly.second_call_at), count=count)


@in_cooperative_language
def build_minutes(session: Session, assembly: Assembly) -> mm.Minutes:
    """The minutes as the record stands now (a draft until approved)."""
    cooperative = get_cooperative(session)
    language = cooperative.language
    members: dict[int, Member] = {}
    stretches: dict[int, list[tuple[datetime, datetime | None]]] = {}
    # The attendance with its members in one query, not one query per member.
    stays = session.scalars(
        select(Attendance)
        .where(Attendance.assembly_id == assembly.id)
        .order_by(Attendance.id)
        .options(joinedload(Attendance.member))
    )
    for stay in stays:
        members[stay.member_id] = stay.member
        stretches.setdefault(stay.member_id, []).append((stay.arrived_at, stay.left_at))
    names = {member_id: member.label for member_id, member in members.items()}
    for proxy in assembly.proxies:
        names.setdefault(proxy.giver_id, proxy.giver.label)
    held: dict[int, list[str]] = {}
    proxies = []
    for proxy in assembly.proxies:
        if proxy.revoked_at is None:
            status = _("in force")
            held.setdefault(proxy.holder_id, []).append(proxy.giver.label)
        else:
            status = _("revoked at {time}: the member came in person").format(
                time=format_time(proxy.revoked_at)
            )
        proxies.append(mm.ProxyLine(giver=proxy.giver.label, holder=proxy.holder.label, status=status))
    closing = assembly.closed_at

    def departure(left: datetime | None) -> str | None:
        return format_time(left) if left and left != closing else None  # the close is no departure

    attendees = tuple(
        mm.AttendeeLine(
            number=members[mid].number,
            name=members[mid].name,
            arrived=format_time(stretches[mid][0][0]),
            left=departure(stretches[mid][-1][1]),
            proxies_held_for=tuple(held.get(mid, ())),
            stays=tuple((format_time(arrived), departure(left)) for arrived, left in stretches[mid])
            if len(stretches[mid]) > 1
            else (),
        )
        for mid in sorted(members, key=lambda i: (members[i].number or "~", members[i].name))
    )
    # The assembly sits at its called time (not before, even if the record was opened early), or
    # at second call when it was held at second call.
    sat_at = assembly.second_call_at or max(assembly.called_for, assembly.opened_at or assembly.called_for)
    previous = None
    sections = []
    under_item: dict[int, list[mm.MotionSection]] = {}
    for motion in assembly.motions:
        if motion.parent_id is not None:
            continue
        if motion.minutes_of_assembly_id is not None and motion.status is MotionStatus.adopted:
            previous = _("The minutes of assembly {id} were approved (motion {position}).").format(
                id=motion.minutes_of_assembly_id, position=motion.position
            )
        amendments = tuple(
            mm.AmendmentLine(
                number=a.position,
                title=a.title,
                proposed_text=a.text,
                mover=a.proposer.label,
                seconder=a.seconder.label if a.seconder else None,
                fate=_status_label(a),
                vote=_vote_line(session, a.vote, names),
            )
            for a in motion.amendments
        )
        (under_item.setdefault(motion.agenda_item_id, []) if motion.agenda_item_id else sections).append(
            mm.MotionSection(
                number=motion.position,
                title=motion.title,
                kind=motion_kind_label(motion.kind),
                original_text=motion.text,
                final_text=motion.final_text,
                mover=motion.proposer.label,
                seconder=motion.seconder.label if motion.seconder else None,
                status=_status_label(motion),
                amendments=amendments,
                vote=_vote_line(session, motion.vote, names),
                objections=_objections(motion),
            )
        )
    from coop.assemblies.agenda import postponements
    from coop.members.register import count_active_members

    postponed = postponements(session, assembly)
    agenda = tuple(
        mm.AgendaSection(
            number=item.position,
            title=item.title,
            text=item.text,
            motions=tuple(under_item.get(item.id, ())),
            outcome=_agenda_outcome(item, postponed[item.id]["reason"] if item.id in postponed else None),
        )
        for item in assembly.agenda
    )
    kind_title = (
        _("Minutes of the ordinary assembly")
        if assembly.kind.value == "ordinary"
        else _("Minutes of the extraordinary assembly")
    )
    return mm.Minutes(
        cooperative=cooperative.name,
        title=kind_title,
        assembly_number=_("Assembly {id}").format(id=assembly.id),
        kind=vocabulary.label(assembly.kind),
        date=format_date(assembly.called_for, language),
        called_time=format_time(assembly.called_for),
        opened_time=format_time(sat_at),
        opened_at_second_call=assembly.second_call_at is not None,
        closed_time=format_time(assembly.closed_at) or None,
        place=assembly.place,
        chair=assembly.chair.label,
        secretary=assembly.secretary.label,
        attendance_count=len(members),
        active_members=count_active_members(session),
        attendees=attendees,
        proxies=tuple(proxies),
        quorum=_assembly_quorum(session, assembly, stretches),
        previous_minutes=previous,
        motions=tuple(sections),
        elections=_elections(session, assembly),
        agenda=agenda,
        status="approved" if assembly.minutes_status is MinutesStatus.approved else "draft",
        audit_anchor=str(anchor) if (anchor := chain_anchor(session)) else None,
        audit_checkpoint=_checkpoint_line(session, language),
        language=language,
        second_call=_second_call_sentence(assembly, stretches),
        entered_note=_entered_note(session, assembly, language),
        errata=tuple(
            mm.ErratumLine(entered=format_date(e.entered, language), what=e.what, reason=e.reason)
            for e in errata(session, assembly)
        ),
    )


def _checkpoint_line(session: Session, language: str) -> mm.CheckpointLine | None:
    """The latest checkpoint signed with the officer's key (:mod:`coop.keys.checkpoints`), if any."""
    if (checkpoint := latest_checkpoint(session)) is None:
        return None
    signed_on = format_date(checkpoint.signed_at, language)
    return mm.CheckpointLine(
        checkpoint.number, str(checkpoint.anchor), checkpoint.key_fingerprint, checkpoint.holder, signed_on
    )


def _entered_note(session: Session, assembly: Assembly, language: str) -> str | None:
    """Said when any act of the assembly was entered after the fact (:mod:`.moments`)."""
    days = late_entry_days(session, assembly)
    if not days:
        return None
    return _("Entered in the record on {days} from the secretary's notes.").format(
        days=", ".join(format_date(day, language) for day in days)
    )


def snapshot_hash(snapshot_json: str) -> str:
    return hashlib.sha256(snapshot_json.encode("utf-8")).hexdigest()


def minutes_for_print(session: Session, assembly: Assembly) -> mm.Minutes:
    """Approved minutes from their snapshot (checked against its hash); a draft from the record."""
    if assembly.status is AssemblyStatus.called:
        raise AssemblyError(
            _(
                "Assembly {id} has not opened yet, so it has no minutes; its notice is printed with: "
                "coop assembly notice {id} --out FILE"
            ).format(id=assembly.id)
        )
    if assembly.minutes_status is not MinutesStatus.approved:
        return build_minutes(session, assembly)
    snapshot = assembly.minutes_snapshot or ""
    if snapshot_hash(snapshot) != assembly.minutes_hash:
        raise AssemblyError(
            _(
                "The stored approved minutes of assembly {id} do not match their hash; they were "
                "altered after approval. Check the database with: coop audit verify"
            ).format(id=assembly.id)
        )
    minutes = from_dict(mm.Minutes, json.loads(snapshot))
    return dataclasses.replace(minutes, snapshot_hash=assembly.minutes_hash)


def from_dict(kind: type[T], data: Any) -> T:
    """Rebuild a frozen view-model dataclass (and its nested ones) from its JSON form."""
    hints = get_type_hints(kind)
    values = {}
    for field in dataclasses.fields(kind):  # type: ignore[arg-type]
        if field.name in data:
            values[field.name] = _convert(hints[field.name], data[field.name])
    return kind(**values)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    args = get_args(hint)
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value)  # type: ignore[arg-type]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item) for item in value)
        return tuple(_convert(a, v) for a, v in zip(args, value, strict=False))
    if origin is not None and type(None) in args:  # Optional[X]
        inner = next(a for a in args if a is not type(None))
        return _convert(inner, value)
    if origin is dict:
        return dict(value)
    return value
