"""A cooperative in assembly with a secret motion vote, for the voting-code tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pytest
from sqlalchemy.orm import Session

from coop.assemblies import ballots
from coop.assemblies import service as assemblies
from coop.assemblies.models import AssemblyKind, Motion
from coop.members import service as members
from coop.votes.codes.slips import IssuedSlips
from coop.votes.models import VoteMethod
from tests.assemblies.conftest import Meeting, build_cooperative


@dataclass
class SecretMotion:
    meeting: Meeting
    motion: Motion

    @property
    def session(self) -> Session:
        return self.meeting.session

    @property
    def target(self) -> ballots.BallotVote:
        return ballots.find_ballot_vote(self.session, f"motion:{self.motion.id}")

    def issue(self, spares: int = 0, from_spares: bool = False) -> IssuedSlips:
        return ballots.issue_slips(
            self.session,
            actor=self.meeting.secretary,
            now=self.meeting.now,
            target=self.target,
            spares=spares,
            from_spares=from_spares,
        )

    def cast(self, code: str, *choices: str) -> str:
        return ballots.cast_with_code(
            self.session, now=self.meeting.now, target=self.target, code=code, choices=list(choices)
        ).tracker

    def close(self, confirm_empty: bool = True):  # type: ignore[no-untyped-def]
        """Most voting-code tests leave codes unused on purpose, so the close confirms it by default
        (test_missing_ballots.py checks the refusal without the confirmation)."""
        return assemblies.close_motion_vote(
            self.session,
            actor=self.meeting.secretary,
            now=self.meeting.now,
            motion=self.motion,
            confirm_empty=confirm_empty,
        )


def open_meeting(session: Session, now: datetime, size: int = 45) -> Meeting:
    secretary = build_cooperative(session, now, size=size)
    assembly = assemblies.open_assembly(
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


def secret_motion(
    meeting: Meeting, present: Sequence[int] = range(1, 31), proxies: Sequence[tuple[int, int]] = ()
) -> SecretMotion:
    """``proxies``: (giver, holder) pairs; givers stay absent, holders must be present."""
    meeting.attend(*present)
    for giver, holder in proxies:
        assemblies.grant_proxy(
            meeting.session,
            actor=meeting.secretary,
            now=meeting.now,
            assembly=meeting.assembly,
            giver=f"{giver:04d}",
            holder=f"{holder:04d}",
        )
    motion = meeting.motion("Comprar un horno")
    assemblies.open_motion_vote(
        meeting.session, actor=meeting.secretary, now=meeting.now, motion=motion, method=VoteMethod.secret
    )
    return SecretMotion(meeting, motion)


@pytest.fixture
def meeting(session: Session, now: datetime) -> Meeting:
    return open_meeting(session, now)


def member_actor(session: Session, number: int) -> members.Actor:
    return members.Actor(members.find_member(session, f"{number:04d}"))
