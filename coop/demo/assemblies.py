"""The demo's assemblies: assembly 1 decides four motions; assembly 2 approves its minutes and holds
the election of :mod:`coop.demo.elections`."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from coop.assemblies import attendance, meetings, motion_votes, motions, objections
from coop.assemblies.models import AssemblyKind
from coop.demo.elections import build_election
from coop.i18n import _
from coop.members import service
from coop.votes.models import Choice, VoteMethod


def build_assemblies(session: Session, *, now: datetime, rng: random.Random) -> list[str]:
    """Assembly 1 decides four motions; assembly 2 approves its minutes."""
    secretary = service.Actor(service.find_member(session, "0001"))
    day = (now - timedelta(days=30)).replace(hour=18, minute=0, second=0, microsecond=0)
    assembly = meetings.open_assembly(
        session,
        actor=secretary,
        now=day,
        called_for=day,
        place="Comedor de la planta",
        kind=AssemblyKind.ordinary,
        chair="0002",
        secretary="0001",
    )
    active = [m.number for m in service.list_members(session) if m.number]
    arriving = active[:44]
    attendance.check_in(
        session,
        actor=secretary,
        now=day + timedelta(minutes=2),
        assembly=assembly,
        members=arriving[:40],
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
        session,
        actor=secretary,
        now=day + timedelta(minutes=25),
        assembly=assembly,
        members=arriving[40:],
    )

    def at(minutes: int) -> datetime:
        return day + timedelta(minutes=minutes)

    def roll_call(motion, yes: int, no: int, abstain: int, minute: int) -> None:  # type: ignore[no-untyped-def]
        voters = list(arriving)
        rng.shuffle(voters)
        choices = [Choice.yes] * yes + [Choice.no] * no + [Choice.abstain] * abstain
        for number, choice in zip(voters, choices, strict=False):
            motion_votes.cast_motion_vote(
                session, actor=secretary, now=at(minute), motion=motion, choice=choice, voter=number
            )

    # 1. An ordinary motion, amended before it is voted.
    kiln = motions.propose_motion(
        session,
        actor=secretary,
        now=at(30),
        assembly=assembly,
        title="Reparación del horno túnel",
        text="Destinar el fondo de reserva a reparar el horno túnel antes de fin de año.",
        kind="ordinary",
        proposer="0002",
    )
    motions.second_motion(session, actor=secretary, now=at(31), motion=kiln, seconder="0003")
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
    motions.second_motion(session, actor=secretary, now=at(36), motion=amendment, seconder="0004")
    motion_votes.open_motion_vote(
        session, actor=secretary, now=at(40), motion=amendment, method=VoteMethod.show_of_hands
    )
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
    motion_votes.close_motion_vote(session, actor=secretary, now=at(43), motion=amendment)
    motion_votes.open_motion_vote(
        session, actor=secretary, now=at(45), motion=kiln, method=VoteMethod.roll_call
    )
    roll_call(kiln, 33, 7, 4, 47)
    motion_votes.close_motion_vote(session, actor=secretary, now=at(55), motion=kiln)

    # 2. A decision by consent, with an objection that was resolved.
    shifts = motions.propose_motion(
        session,
        actor=secretary,
        now=at(60),
        assembly=assembly,
        title="Horario de verano",
        text="De diciembre a febrero el turno mañana empieza a las 6:00.",
        kind="consent",
        proposer="0004",
    )
    motion_votes.open_motion_vote(session, actor=secretary, now=at(61), motion=shifts)
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
    motion_votes.close_motion_vote(session, actor=secretary, now=at(72), motion=shifts)

    # 3. A bylaw amendment that fails for lack of two thirds.
    bylaw = motions.propose_motion(
        session,
        actor=secretary,
        now=at(75),
        assembly=assembly,
        title="Reforma del artículo 34",
        text="Cada asociado podrá representar hasta dos ausentes mediante carta poder.",
        kind="bylaws_amendment",
        proposer="0003",
    )
    motions.second_motion(session, actor=secretary, now=at(76), motion=bylaw, seconder="0006")
    motion_votes.open_motion_vote(
        session, actor=secretary, now=at(80), motion=bylaw, method=VoteMethod.secret
    )
    voters = list(arriving)
    rng.shuffle(voters)
    for number, choice in zip(
        voters, [Choice.yes] * 24 + [Choice.no] * 15 + [Choice.abstain] * 3, strict=False
    ):
        voter = service.Actor(service.find_member(session, number))
        motion_votes.cast_motion_vote(session, actor=voter, now=at(85), motion=bylaw, choice=choice)
    motion_votes.close_motion_vote(session, actor=secretary, now=at(95), motion=bylaw)
    attendance.check_out(session, actor=secretary, now=at(100), assembly=assembly, members=arriving[-3:])
    meetings.close_assembly(session, actor=secretary, now=at(110), assembly=assembly)

    # Assembly 2 approves the minutes of assembly 1.
    second_day = (now - timedelta(days=2)).replace(hour=18, minute=0, second=0, microsecond=0)
    second = meetings.open_assembly(
        session,
        actor=secretary,
        now=second_day,
        called_for=second_day,
        place="Comedor de la planta",
        kind=AssemblyKind.ordinary,
        chair="0002",
        secretary="0001",
    )
    attendance.check_in(session, actor=secretary, now=second_day, assembly=second, members=active[:38])
    approval = motions.propose_motion(
        session,
        actor=secretary,
        now=second_day,
        assembly=second,
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
    election_lines = build_election(session, second_day, rng, voters=active[:38], assembly=str(second.id))
    return [
        _(
            "Assembly 1: 44 members present and one proxy; an amended motion adopted by roll call, a consent "
            "decision with a resolved objection, a bylaw amendment not adopted for lack of two thirds."
        ),
        _("Assembly 2 (open): approved the minutes of assembly 1."),
        *election_lines,
    ]
