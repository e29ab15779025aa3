"""The demo's assemblies: assembly 1 decides four motions; assembly 2 approves its minutes and holds
the election of :mod:`coop.demo.elections`."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from coop.assemblies import attendance, meetings, motion_votes, motions, objections
from coop.assemblies.models import Assembly, AssemblyKind, Motion
from coop.demo.elections import build_election
from coop.i18n import _
from coop.members.actors import Actor, find_member
from coop.members.register import list_members
from coop.votes.models import Choice, VoteMethod


def build_assemblies(session: Session, *, now: datetime, rng: random.Random) -> list[str]:
    """Assembly 1 decides four motions; assembly 2 approves its minutes."""
    secretary = Actor(find_member(session, "0001"))
    day = (now - timedelta(days=30)).replace(hour=18, minute=0, second=0, microsecond=0)
    assembly = _open_assembly(session, secretary, day)
    active = [m.number for m in list_members(session) if m.number]
    arriving = active[:44]
    attendance.check_in(
        session, actor=secretary, now=day + timedelta(minutes=2), assembly=assembly, members=arriving[:40]
    )
    attendance.grant_proxy(
        session,
        actor=secretary,
        now=day,
        assembly=assembly,
        giver=active[50],
        holder="0005",
        document="Carta poder 2026-11",
    )
    attendance.check_in(
        session, actor=secretary, now=day + timedelta(minutes=25), assembly=assembly, members=arriving[40:]
    )

    def at(minutes: int) -> datetime:
        return day + timedelta(minutes=minutes)

    def propose(minute: int, proposer: str, kind: str, title: str, text: str) -> Motion:
        wording = {"title": title, "text": text, "kind": kind, "proposer": proposer}
        return motions.propose_motion(session, actor=secretary, now=at(minute), assembly=assembly, **wording)

    def second(minute: int, motion: Motion, seconder: str) -> None:
        motions.second_motion(session, actor=secretary, now=at(minute), motion=motion, seconder=seconder)

    def open_vote(minute: int, motion: Motion, method: VoteMethod | None = None) -> None:
        motion_votes.open_motion_vote(session, actor=secretary, now=at(minute), motion=motion, method=method)

    def close_vote(minute: int, motion: Motion) -> None:
        motion_votes.close_motion_vote(session, actor=secretary, now=at(minute), motion=motion)

    def shuffled_choices(yes: int, no: int, abstain: int) -> list[tuple[str, Choice]]:
        voters = list(arriving)
        rng.shuffle(voters)
        choices = [Choice.yes] * yes + [Choice.no] * no + [Choice.abstain] * abstain
        return list(zip(voters, choices, strict=False))

    # 1. An ordinary motion, amended before it is voted.
    kiln = propose(
        30,
        "0002",
        "ordinary",
        "Reparación del horno túnel",
        "Destinar el fondo de reserva a reparar el horno túnel antes de fin de año.",
    )
    second(31, kiln, "0003")
    amendment = motions.amend_motion(
        session,
        actor=secretary,
        now=at(35),
        motion=kiln,
        title="Tope de gasto",
        text="Destinar hasta $ 4.500.000 del fondo de reserva a reparar el horno túnel antes de fin de año, "
        "con tres presupuestos.",
        proposer="0005",
    )
    second(36, amendment, "0004")
    open_vote(40, amendment, VoteMethod.show_of_hands)
    motion_votes.enter_hand_count(
        session,
        actor=secretary,
        now=at(42),
        motion=amendment,
        yes=31,
        no=8,
        abstain=6,
        tellers="Inés Peña, Óscar Muñoz",
    )
    close_vote(43, amendment)
    open_vote(45, kiln, VoteMethod.roll_call)
    for number, choice in shuffled_choices(33, 7, 4):
        motion_votes.cast_motion_vote(
            session, actor=secretary, now=at(47), motion=kiln, choice=choice, voter=number
        )
    close_vote(55, kiln)

    # 2. A decision by consent, with an objection that was resolved.
    shifts = propose(
        60,
        "0004",
        "consent",
        "Horario de verano",
        "De diciembre a febrero el turno mañana empieza a las 6:00.",
    )
    open_vote(61, shifts)
    objection = objections.raise_objection(
        session,
        actor=secretary,
        now=at(63),
        motion=shifts,
        reason="No hay transporte público a esa hora.",
        member=arriving[12],
    )
    objections.resolve_objection(
        session,
        actor=secretary,
        now=at(70),
        objection_id=objection.id,
        resolution="La cooperativa contrata una combi para el turno mañana.",
    )
    close_vote(72, shifts)

    # 3. A bylaw amendment that fails for lack of two thirds.
    bylaw = propose(
        75,
        "0003",
        "bylaws_amendment",
        "Reforma del artículo 34",
        "Cada asociado podrá representar hasta dos ausentes mediante carta poder.",
    )
    second(76, bylaw, "0006")
    open_vote(80, bylaw, VoteMethod.secret)
    for number, choice in shuffled_choices(24, 15, 3):
        voter = Actor(find_member(session, number))
        motion_votes.cast_motion_vote(session, actor=voter, now=at(85), motion=bylaw, choice=choice)
    close_vote(95, bylaw)
    attendance.check_out(session, actor=secretary, now=at(100), assembly=assembly, members=arriving[-3:])
    meetings.close_assembly(session, actor=secretary, now=at(110), assembly=assembly)

    # Assembly 2 approves the minutes of assembly 1.
    second_day = (now - timedelta(days=2)).replace(hour=18, minute=0, second=0, microsecond=0)
    second_assembly = _open_assembly(session, secretary, second_day)
    attendance.check_in(
        session, actor=secretary, now=second_day, assembly=second_assembly, members=active[:38]
    )
    approval = motions.propose_motion(
        session,
        actor=secretary,
        now=second_day,
        assembly=second_assembly,
        title="Aprobación del acta anterior",
        text="Aprobar el acta de la asamblea ordinaria 1.",
        kind="minutes_approval",
        proposer="0001",
        minutes_of=str(assembly.id),
    )
    motion_votes.open_motion_vote(
        session, actor=secretary, now=second_day, motion=approval, method=VoteMethod.show_of_hands
    )
    motion_votes.enter_hand_count(
        session, actor=secretary, now=second_day, motion=approval, yes=35, no=0, abstain=3
    )
    motion_votes.close_motion_vote(session, actor=secretary, now=second_day, motion=approval)
    election_lines = build_election(
        session, second_day, rng, voters=active[:38], assembly=str(second_assembly.id)
    )
    return [
        _(
            "Assembly 1: 44 members present and one proxy; an amended motion adopted by roll call, a consent "
            "decision with a resolved objection, a bylaw amendment not adopted for lack of two thirds."
        ),
        _("Assembly 2 (open): approved the minutes of assembly 1."),
        *election_lines,
    ]


def _open_assembly(session: Session, secretary: Actor, day: datetime) -> Assembly:
    """An ordinary assembly in the plant's dining room, called for ``day`` and opened then."""
    return meetings.open_assembly(
        session,
        actor=secretary,
        now=day,
        called_for=day,
        place="Comedor de la planta",
        kind=AssemblyKind.ordinary,
        chair="0002",
        secretary="0001",
    )
