"""Fifty terminals cast with voting codes at once on PostgreSQL: some codes typed at two terminals
at the same instant, one in ten replayed afterwards. Every valid code counts exactly once, every
second use is refused with a clear sentence, and the box holds as many ballots as codes used."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from coop import db
from coop.assemblies import ballots
from coop.assemblies.common import find_motion
from coop.assemblies.motion_votes import close_motion_vote
from coop.audit import AuditEvent, verify_chain
from coop.errors import CoopError
from coop.members.actors import resolve_actor
from coop.votes.ballot_box import lock_ballot_box, reconcile
from coop.votes.models import CodeStatus, SealedBallot, VotingCode
from tests.factories.keys import TEST_KEY
from tests.factories.meetings import open_meeting, secret_motion

PROCESSES = 50
CODES = 150
COLLIDING = 10  # codes typed at two terminals in the very same round
REPLAYED = 15  # one in ten, typed again once everything else is in
CAST_AT = datetime(2026, 11, 25, 18, 30)


def _choice(index: int) -> str:
    return "yes" if index % 3 else "no"


def _terminal(url: str, plan: list[list[tuple[int, str]]], barrier: Any, results: Any) -> None:
    """One terminal: in each round, wait for all the others, then cast its codes of that round."""
    engine = db.engine_for(url)
    outcomes = []
    try:
        for attempts in plan:
            barrier.wait(timeout=120)
            for index, code in attempts:
                try:
                    with db.session_scope(engine) as session:
                        target = ballots.find_ballot_vote(session, "motion:1")
                        ballots.cast_with_code(
                            session, now=CAST_AT, target=target, code=code, choices=[_choice(index)]
                        )
                    outcomes.append((index, "ok"))
                except CoopError as error:
                    outcomes.append((index, error.message))
    finally:
        results.put(outcomes)
        engine.dispose()


def _plans(codes: list[str]) -> list[list[list[tuple[int, str]]]]:
    """plans[process][round] -> the (code index, code) pairs that process casts in that round."""
    rounds: list[list[list[tuple[int, str]]]] = []
    first: list[list[tuple[int, str]]] = [[] for _ in range(PROCESSES)]
    for i in range(COLLIDING):  # processes 2i and 2i+1 type code i at the same moment
        first[2 * i].append((i, codes[i]))
        first[2 * i + 1].append((i, codes[i]))
    rest = list(range(COLLIDING, CODES))
    for process in range(2 * COLLIDING, PROCESSES):
        index = rest.pop(0)
        first[process].append((index, codes[index]))
    rounds.append(first)
    while rest:
        batch: list[list[tuple[int, str]]] = [[] for _ in range(PROCESSES)]
        for process in range(PROCESSES):
            if rest:
                index = rest.pop(0)
                batch[process].append((index, codes[index]))
        rounds.append(batch)
    replays: list[list[tuple[int, str]]] = [[] for _ in range(PROCESSES)]
    for n, index in enumerate(range(0, CODES, CODES // REPLAYED)):
        replays[(n * 7) % PROCESSES].append((index, codes[index]))
    rounds.append(replays)
    return [[rounds[r][p] for r in range(len(rounds))] for p in range(PROCESSES)]


def test_fifty_terminals_each_code_counted_once(postgres_url: str, now: datetime) -> None:
    engine = db.engine_for(postgres_url)
    with db.session_scope(engine) as session:
        vote = secret_motion(open_meeting(session, now, size=CODES + 20), present=range(1, CODES + 1))
        codes = [slip.code for slip in vote.issue().slips]
        vote_id = vote.motion.vote_id
    engine.dispose()
    assert len(codes) == CODES

    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES)
    results = context.Queue()
    plans = _plans(codes)
    terminals = [
        context.Process(target=_terminal, args=(postgres_url, plan, barrier, results)) for plan in plans
    ]
    for terminal in terminals:
        terminal.start()
    outcomes = [outcome for _ in terminals for outcome in results.get(timeout=600)]
    for terminal in terminals:
        terminal.join(timeout=60)
        assert terminal.exitcode == 0

    attempts = COLLIDING * 2 + (CODES - COLLIDING) + REPLAYED
    assert len(outcomes) == attempts
    accepted = [index for index, outcome in outcomes if outcome == "ok"]
    refused = [outcome for _index, outcome in outcomes if outcome != "ok"]
    assert sorted(accepted) == list(range(CODES))  # every valid code counted exactly once
    assert len(refused) == COLLIDING + REPLAYED
    assert all(
        outcome.startswith("This code has already been used: each code casts one ballot")
        for outcome in refused
    ), refused[:3]

    with db.session_scope(engine) as session:
        ballots_in_box = session.scalar(  # sealed to the officer's key while the vote is open
            select(func.count()).select_from(SealedBallot).where(SealedBallot.vote_id == vote_id)
        )
        used = session.scalar(
            select(func.count()).where(VotingCode.vote_id == vote_id, VotingCode.status == CodeStatus.used)
        )
        assert ballots_in_box == used == CODES
        casts = session.scalar(select(func.count()).where(AuditEvent.action == "coop.ballot.cast"))
        assert casts == CODES
        target = ballots.find_ballot_vote(session, "motion:1")
        assert reconcile(session, target.vote).balanced
        decision = close_motion_vote(
            session,
            actor=resolve_actor(session, "0001"),
            now=now,
            motion=find_motion(session, "1"),
            officer_key=TEST_KEY,
        )
        assert decision.yes == sum(1 for i in range(CODES) if _choice(i) == "yes")
        assert decision.no == CODES - decision.yes
        assert verify_chain(session).intact


def test_a_cast_during_the_close_waits_then_is_refused(postgres_url: str, now: datetime) -> None:
    """The close holds the vote: a ballot typed meanwhile neither slips in after the count nor
    fails with a database error; it is refused once the vote is closed."""
    engine = db.engine_for(postgres_url)
    with db.session_scope(engine) as session:
        vote = secret_motion(open_meeting(session, now), present=range(1, 31))
        slips = vote.issue().slips
        vote.cast(slips[0].code, "yes")
    outcome: list[str] = []

    def cast_meanwhile() -> None:
        try:
            with db.session_scope(engine) as session:
                target = ballots.find_ballot_vote(session, "motion:1")
                ballots.cast_with_code(
                    session, now=CAST_AT, target=target, code=slips[1].code, choices=["no"]
                )
            outcome.append("ok")
        except CoopError as error:
            outcome.append(error.message)

    with db.session_scope(engine) as session:
        motion = find_motion(session, "1")
        lock_ballot_box(session, motion.vote)
        terminal = threading.Thread(target=cast_meanwhile)
        terminal.start()
        terminal.join(timeout=2)
        assert terminal.is_alive()  # waiting for the close
        # Slip 2 is at the terminal, neither used nor handed back: the count is certified with the reason.
        decision = close_motion_vote(
            session,
            actor=resolve_actor(session, "0001"),
            now=now,
            motion=motion,
            confirm_empty=True,
            slips_unbalanced="slip 2 was at the voting terminal when the vote closed",
            officer_key=TEST_KEY,
        )
        assert decision.yes == 1 and decision.no == 0
    terminal.join(timeout=30)
    assert outcome and outcome[0].startswith("Vote 1 (Motion 1 (Comprar un horno)) is closed")
    with db.session_scope(engine) as session:
        assert verify_chain(session).intact
        assert session.scalar(select(func.count()).where(VotingCode.status == CodeStatus.used)) == 1
