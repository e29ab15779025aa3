"""Many terminals voting on one motion at the same moment: no vote lost, none counted twice."""

from __future__ import annotations

import multiprocessing
import time
from datetime import datetime

from sqlalchemy import func, select

from coop import db
from coop.assemblies import common, motion_votes, motions
from coop.errors import CoopError
from coop.members.actors import resolve_actor
from coop.votes.models import Choice, VoteMethod, VoteParticipation
from tests.factories.meetings import open_meeting, propose

VOTERS = 24


def _cast(url: str, number: str, start_at: float) -> str:
    """Runs in its own process, as another terminal would."""
    engine = db.engine_for(url)
    time.sleep(max(0.0, start_at - time.time()))
    try:
        with db.session_scope(engine) as session:
            actor = resolve_actor(session, "0001")
            motion = common.find_motion(session, "1")
            motion_votes.cast_motion_vote(
                session,
                actor=actor,
                now=datetime(2026, 11, 25, 18, 30),
                motion=motion,
                choice=Choice.yes if int(number) % 3 else Choice.no,
                voter=number,
            )
        return "ok"
    except CoopError as error:
        return "refused: " + error.message
    finally:
        engine.dispose()


def test_concurrent_voters_each_counted_once(db_url: str, now: datetime) -> None:
    engine = db.engine_for(db_url)
    with db.session_scope(engine) as session:
        meeting = open_meeting(session, now, size=VOTERS + 6)
        meeting.attend(*range(1, VOTERS + 1))
        motion = propose(meeting.ctx, meeting.assembly, "Horno", "Comprar un horno")
        meeting.ctx(motions.second_motion, motion=motion, seconder="0004")
        meeting.open_vote(motion, VoteMethod.roll_call)
    engine.dispose()
    # Every voter tries twice at the same instant, from two processes.
    numbers = [f"{n:04d}" for n in range(1, VOTERS + 1)] * 2
    start_at = time.time() + 2.0
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes=12) as pool:
        outcomes = pool.starmap(_cast, [(db_url, number, start_at) for number in numbers])
    accepted = [o for o in outcomes if o == "ok"]
    refused = [o for o in outcomes if o != "ok"]
    assert len(accepted) == VOTERS
    assert len(refused) == VOTERS
    assert all("has already voted" in o and "a member votes once" in o for o in refused), refused[:3]
    with db.session_scope(db.engine_for(db_url)) as session:
        rows = session.scalars(select(VoteParticipation.represented_member_id)).all()
        assert len(rows) == len(set(rows)) == VOTERS
        motion = common.find_motion(session, "1")
        decision = motion_votes.close_motion_vote(
            session, actor=resolve_actor(session, "0001"), now=now, motion=motion
        )
        assert decision.yes + decision.no == VOTERS
        assert decision.no == len([n for n in range(1, VOTERS + 1) if n % 3 == 0])
        from coop.audit import verify_chain

        assert verify_chain(session).intact
        cast_events = session.scalar(select(func.count()).select_from(VoteParticipation))
        assert cast_events == VOTERS
