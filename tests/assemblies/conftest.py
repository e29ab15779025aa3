"""A small cooperative with an open assembly, for the assembly and motion tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.assemblies import attendance, meetings, motion_votes, motions
from coop.assemblies.models import Assembly, AssemblyKind
from coop.members import service as members
from coop.members.models import Cooperative, Role


@dataclass
class Meeting:
    session: Session
    assembly: Assembly
    secretary: members.Actor
    now: datetime

    def later(self, minutes: int) -> datetime:
        return self.now + timedelta(minutes=minutes)

    def attend(self, *numbers: int) -> None:
        attendance.check_in(
            self.session,
            actor=self.secretary,
            now=self.now,
            assembly=self.assembly,
            members=[f"{n:04d}" for n in numbers],
        )

    def motion(
        self, title: str = "Comprar un horno", kind: str = "ordinary", by: int = 3, second: int | None = 4
    ):
        motion = motions.propose_motion(
            self.session,
            actor=self.secretary,
            now=self.now,
            assembly=self.assembly,
            title=title,
            text=f"Texto: {title}",
            kind=kind,
            proposer=f"{by:04d}",
        )
        if second is not None:
            motions.second_motion(
                self.session, actor=self.secretary, now=self.now, motion=motion, seconder=f"{second:04d}"
            )
        return motion

    def vote(self, motion, numbers: range | list[int], choice) -> None:  # type: ignore[no-untyped-def]
        for number in numbers:
            motion_votes.cast_motion_vote(
                self.session,
                actor=self.secretary,
                now=self.now,
                motion=motion,
                choice=choice,
                voter=f"{number:04d}",
            )


def build_cooperative(session: Session, now: datetime, size: int = 45) -> members.Actor:
    if session.scalars(select(Cooperative)).first() is None:  # the cli fixture may have named it
        members.set_up_cooperative(session, name="Cooperativa Cerámica Núñez", language="en", now=now)
    secretary = members.Actor(
        members.add_member(
            session,
            actor=members.Actor(None),
            now=now,
            name="Ana Núñez",
            number="0001",
            roles=[Role.secretary],
        )
    )
    members.add_member(
        session, actor=secretary, now=now, name="Zofia Łukasiewicz", number="0002", roles=[Role.coordinator]
    )
    for number in range(3, size + 1):
        members.add_member(
            session, actor=secretary, now=now, name=f"Socio {number:04d}", number=f"{number:04d}"
        )
    return secretary


@pytest.fixture
def meeting(session: Session, now: datetime) -> Meeting:
    secretary = build_cooperative(session, now)
    assembly = meetings.open_assembly(
        session,
        actor=secretary,
        now=now,
        called_for=now,
        place="Comedor",
        kind=AssemblyKind.ordinary,
        chair="0002",
        secretary="0001",
    )
    return Meeting(session, assembly, secretary, now)
