"""Trackers after the close: the sorted list published, and a voter's check of their own."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.errors import VoteError
from coop.i18n import _
from coop.votes.codes.slips import require_secret
from coop.votes.codes.symbols import normalize_tracker, tracker
from coop.votes.models import (
    SecretBallot,
    Vote,
    VoteStatus,
)
from coop.votes.sealing import seals_ballots


def _require_trackers(vote: Vote) -> str:
    require_secret(vote)
    if vote.tracker_salt is None:
        raise VoteError(
            _("Vote {id} was not cast with voting codes, so its ballots have no trackers.").format(id=vote.id)
        )
    return vote.tracker_salt


def all_trackers(session: Session, vote: Vote) -> list[str]:
    """Every ballot's tracker, sorted: the list says which ballots were counted, never how."""
    salt = _require_trackers(vote)
    rows = session.execute(
        select(SecretBallot.id, SecretBallot.choice, SecretBallot.ranking).where(
            SecretBallot.vote_id == vote.id
        )
    )
    return sorted(
        tracker(salt, ballot_id, choice.value if choice else None, ranking)
        for ballot_id, choice, ranking in rows
    )


def published_trackers(session: Session, vote: Vote) -> list[str]:
    _require_trackers(vote)
    if vote.status is not VoteStatus.closed:
        raise VoteError(
            _("Vote {id} is still open; the trackers are published when it closes.").format(id=vote.id)
        )
    return all_trackers(session, vote)


@dataclass(frozen=True)
class TrackerCheck:
    tracker: str
    found: bool
    closed: bool
    ballots: int


def check_tracker(session: Session, vote: Vote, text: str) -> TrackerCheck:
    """Whether ``text`` is the tracker of a ballot in the box; while a vote's ballots are sealed
    (until the close) nobody can tell, so a voter is told to check after the close."""
    wanted = normalize_tracker(text)
    if vote.status is not VoteStatus.closed and seals_ballots(vote):
        _require_trackers(vote)
        raise VoteError(
            _(
                "Vote {id} is still open and its ballots are sealed until the close: check your tracker "
                "once it has closed."
            ).format(id=vote.id)
        )
    trackers = all_trackers(session, vote)
    return TrackerCheck(
        tracker=wanted,
        found=wanted in set(trackers),
        closed=vote.status is VoteStatus.closed,
        ballots=len(trackers),
    )
