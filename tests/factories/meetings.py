"""An open assembly of the cooperative, its motions and votes, and a motion put to a secret vote."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from coop import db
from coop.assemblies import attendance, ballots, meetings, motion_votes, motions
from coop.assemblies.models import Assembly, AssemblyKind, Motion
from coop.members.actors import Actor
from coop.votes.codes import returns
from coop.votes.codes.slips import IssuedSlips, uses_codes
from coop.votes.models import Choice, CodeStatus, VoteMethod, VoteStatus, VotingCode
from coop.votes.thresholds import Decision
from tests.factories.context import Context
from tests.factories.cooperative import build_cooperative
from tests.factories.keys import TEST_KEY


def numbers(members: Iterable[int]) -> list[str]:
    """Member numbers as the register writes them: 5 -> "0005"."""
    return [f"{n:04d}" for n in members]


@dataclass
class Meeting:
    """An ordinary assembly in the Comedor, chaired by 0002, with Ana Núñez (0001) as secretary."""

    session: Session
    assembly: Assembly
    secretary: Actor
    now: datetime

    @property
    def ctx(self) -> Context:
        """The secretary acting now: most steps of a meeting are hers."""
        return Context(self.session, self.secretary, self.now)

    def later(self, minutes: int) -> datetime:
        return self.now + timedelta(minutes=minutes)

    def attend(self, *members: int) -> None:
        self.ctx(attendance.check_in, assembly=self.assembly, members=numbers(members))

    def grant_proxy(self, giver: int, holder: int) -> None:
        self.ctx(attendance.grant_proxy, assembly=self.assembly, giver=f"{giver:04d}", holder=f"{holder:04d}")

    def motion(
        self, title: str = "Comprar un horno", kind: str = "ordinary", by: int = 3, second: int | None = 4
    ) -> Motion:
        motion = propose(self.ctx, self.assembly, title, f"Texto: {title}", kind=kind, proposer=f"{by:04d}")
        if second is not None:
            self.ctx(motions.second_motion, motion=motion, seconder=f"{second:04d}")
        return motion

    def amend(self, motion: Motion) -> Motion:
        """The electric-kiln amendment to ``motion``, proposed by 0008 and seconded by 0009."""
        amendment = self.ctx(
            motions.amend_motion,
            motion=motion,
            title="Horno eléctrico",
            text="Comprar un horno eléctrico",
            proposer="0008",
        )
        self.ctx(motions.second_motion, motion=amendment, seconder="0009")
        return amendment

    def open_vote(self, motion: Motion, method: VoteMethod | None = VoteMethod.roll_call) -> None:
        self.ctx(motion_votes.open_motion_vote, motion=motion, method=method)

    def vote(self, motion: Motion, members: Iterable[int], choice: Choice) -> None:
        for number in members:
            self.ctx(motion_votes.cast_motion_vote, motion=motion, choice=choice, voter=f"{number:04d}")

    def close_vote(self, motion: Motion, casting_vote: str | None = None) -> Decision:
        return self.ctx(
            motion_votes.close_motion_vote, motion=motion, casting_vote=casting_vote, officer_key=TEST_KEY
        )


def open_assembly(
    ctx: Context,
    called_for: datetime | None = None,
    kind: AssemblyKind = AssemblyKind.ordinary,
    chair: str = "0002",
    secretary: str = "0001",
) -> Assembly:
    """An assembly in the Comedor called for ``called_for`` (default: now)."""
    return ctx(
        meetings.open_assembly,
        called_for=called_for or ctx.now,
        place="Comedor",
        kind=kind,
        chair=chair,
        secretary=secretary,
    )


def propose(
    ctx: Context,
    assembly: Assembly,
    title: str,
    text: str,
    *,
    kind: str = "ordinary",
    proposer: str = "0003",
    **details: object,
) -> Motion:
    """A motion proposed to ``assembly`` (``details``: e.g. minutes_of)."""
    return ctx(
        motions.propose_motion,
        assembly=assembly,
        title=title,
        text=text,
        kind=kind,
        proposer=proposer,
        **details,
    )


def open_meeting(session: Session, now: datetime, size: int = 45) -> Meeting:
    """A cooperative of ``size`` members (see build_cooperative) with an ordinary assembly open."""
    secretary = build_cooperative(session, now, size=size)
    return Meeting(session, open_assembly(Context(session, secretary, now)), secretary, now)


@dataclass
class SecretMotion:
    """A motion of ``meeting`` whose secret vote is open, with its voting codes to issue and use."""

    meeting: Meeting
    motion: Motion

    @property
    def session(self) -> Session:
        return self.meeting.session

    @property
    def target(self) -> ballots.BallotVote:
        return ballots.find_ballot_vote(self.session, f"motion:{self.motion.id}")

    def issue(self, spares: int = 0, from_spares: bool = False) -> IssuedSlips:
        return self.meeting.ctx(
            ballots.issue_slips, target=self.target, spares=spares, from_spares=from_spares
        )

    def cast(self, code: str, *choices: str) -> str:
        return ballots.cast_with_code(
            self.session, now=self.meeting.now, target=self.target, code=code, choices=list(choices)
        ).tracker

    def unused_serials(self) -> list[int]:
        """The serials of the slips no ballot was cast with and nobody cancelled: in an honest vote,
        the slips the tellers hold at the close (handed back by members who did not vote, and spares)."""
        return list(
            self.session.scalars(
                select(VotingCode.serial)
                .where(VotingCode.vote_id == self.motion.vote_id, VotingCode.status == CodeStatus.issued)
                .order_by(VotingCode.serial)
            )
        )

    def return_slips(self, *serials: int) -> returns.ReturnedEntry:
        """The tellers enter the serials of slips they hold unused."""
        return self.meeting.ctx(ballots.return_slips, target=self.target, serials=[str(s) for s in serials])

    def close(self, confirm_empty: bool = True, *, return_unused: bool = True) -> Decision:
        """Most voting-code tests leave codes unused on purpose, so the close confirms it by default
        (test_missing_ballots.py checks the refusal without the confirmation). Before it, the tellers
        enter every unused slip as returned (``return_unused``), so that the slips balance
        (test_slip_returns.py checks the refusal when they do not)."""
        vote = self.motion.vote
        if return_unused and vote is not None and vote.status is VoteStatus.open and uses_codes(vote):
            held = returns.returned_serials(self.session, vote.id)
            if unused := [serial for serial in self.unused_serials() if serial not in held]:
                self.return_slips(*unused)
        return self.meeting.ctx(
            motion_votes.close_motion_vote,
            motion=self.motion,
            confirm_empty=confirm_empty,
            officer_key=TEST_KEY,
        )


def secret_motion(
    meeting: Meeting, present: Sequence[int] = range(1, 31), proxies: Sequence[tuple[int, int]] = ()
) -> SecretMotion:
    """``proxies``: (giver, holder) pairs; givers stay absent, holders must be present."""
    meeting.attend(*present)
    for giver, holder in proxies:
        meeting.grant_proxy(giver, holder)
    motion = meeting.motion("Comprar un horno")
    meeting.open_vote(motion, VoteMethod.secret)
    return SecretMotion(meeting, motion)


def closed_secret_vote(engine: Engine, now: datetime, choices: Sequence[str]) -> int:
    """A secret motion vote, committed: one slip used per choice, in slip order, then closed."""
    with db.session_scope(engine) as session:
        vote = secret_motion(open_meeting(session, now))
        slips = vote.issue().slips
        for slip, choice in zip(slips[: len(choices)], choices, strict=True):
            vote.cast(slip.code, choice)
        vote.close()
        return vote.motion.vote_id
