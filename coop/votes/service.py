"""The voting machinery, independent of meetings: open a vote, record participation and
choices, enter tellers' totals, count and close.

Eligibility (who is in the room, which proxies are in force) is the caller's business;
these functions enforce what holds for every vote: one ballot per member represented,
choices only while the vote is open, secret choices never stored with a member.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coop import vocabulary
from coop.errors import VoteError
from coop.i18n import _, ngettext
from coop.keys.registry import key_in_force
from coop.rules.quorum import QuorumCheck
from coop.votes.models import (
    Choice,
    SecretBallot,
    Vote,
    VoteKind,
    VoteMethod,
    VoteParticipation,
    VoteStatus,
    random_id,
)
from coop.votes.sealing import sealed_ballot, seals_ballots, store_sealed
from coop.votes.thresholds.inputs import Decision, VoteCount

# Short forms an operator may type for a choice, besides its word and label in any language.
_CHOICE_ABBREVIATIONS = {
    "y": Choice.yes,
    "s": Choice.yes,
    "for": Choice.yes,
    "n": Choice.no,
    "against": Choice.no,
    "a": Choice.abstain,
}


def parse_choice(text: str) -> Choice:
    """``yes``, ``sí``, ``abstención``... (see :func:`coop.vocabulary.parse`), or a VoteError listing them."""
    message = _("'{choice}' is not a choice; vote {words}.")
    refuse = vocabulary.refusal(Choice, VoteError, message, "choice")
    return vocabulary.parse(Choice, text, refuse, extra=_CHOICE_ABBREVIATIONS)


def parse_method(text: str) -> VoteMethod:
    """``secret``, ``a-mano-alzada``... (see :func:`coop.vocabulary.parse`), or a VoteError listing them."""
    message = _("'{method}' is not a way of voting; use {words}.")
    return vocabulary.parse(VoteMethod, text, vocabulary.refusal(VoteMethod, VoteError, message, "method"))


def open_vote(
    session: Session,
    *,
    title: str,
    method: VoteMethod,
    rule: str,
    tie_rule: str,
    article: str | None,
    quorum: QuorumCheck,
    active_members: int,
    now: datetime,
    kind: VoteKind = VoteKind.yes_no,
) -> Vote:
    """Open a vote; a secret one is sealed to the returning officer's key in force, and without
    one it does not open (the ballots would lie in the clear until the close)."""
    officer_key_id = None
    if method is VoteMethod.secret:
        in_force = key_in_force(session)
        if in_force is None:
            raise VoteError(
                _(
                    "A secret vote needs the returning officer's key, to seal its ballots until the close; "
                    "make it first: coop ballot key create --out junta-electoral.key "
                    '--holder "Junta electoral"'
                )
            )
        officer_key_id = in_force.id
    vote = Vote(
        title=title,
        kind=kind,
        method=method,
        status=VoteStatus.open,
        opened_at=now,
        rule=rule,
        tie_rule=tie_rule,
        article=article,
        quorum_present=quorum.present,
        quorum_proxies=quorum.proxies_represented,
        quorum_proxies_counted=quorum.proxies_counted > 0,
        quorum_required=quorum.required,
        quorum_met=quorum.met,
        quorum_at_second_call=quorum.at_second_call,
        quorum_statement=quorum.explanation,
        active_members=active_members,
        officer_key_id=officer_key_id,
    )
    session.add(vote)
    session.flush()
    return vote


def _require_open(vote: Vote) -> None:
    if vote.status is not VoteStatus.open:
        raise VoteError(
            _("The vote '{title}' is closed; no more votes can be recorded.").format(title=vote.title)
        )


def already_voted(session: Session, vote: Vote, represented_member_id: int) -> bool:
    return (
        session.scalar(
            select(VoteParticipation.id).where(
                VoteParticipation.vote_id == vote.id,
                VoteParticipation.represented_member_id == represented_member_id,
            )
        )
        is not None
    )


def record_choice(
    session: Session,
    vote: Vote,
    *,
    represented_member_id: int,
    cast_by_member_id: int,
    choice: Choice | None,
    voter_label: str,
    ranking: Sequence[str] | None = None,
) -> None:
    """Store one member's vote: with the name for a roll call, apart from it for a secret vote.

    A yes/no vote gives ``choice``; a ranked vote gives ``ranking`` (names, first choice first).
    """
    if (vote.kind is VoteKind.ranked) != (ranking is not None) or (ranking is None and choice is None):
        raise VoteError(_("A ranked vote takes a ranking, a yes/no vote a choice."))
    _require_open(vote)
    if vote.code_pepper is not None:
        raise VoteError(
            _(
                "Voting codes were issued for '{title}': each ballot is cast with a code, "
                "coop ballot cast {id} (nothing was recorded)."
            ).format(title=vote.title, id=vote.id)
        )
    if vote.method not in (VoteMethod.roll_call, VoteMethod.secret):
        raise VoteError(
            _("The vote '{title}' is by {method}; enter the tellers' totals instead.").format(
                title=vote.title, method=vocabulary.label(vote.method)
            )
        )
    if already_voted(session, vote, represented_member_id):
        raise VoteError(
            _("{member} has already voted on '{title}'; a member votes once.").format(
                member=voter_label, title=vote.title
            )
        )
    if vote.method is VoteMethod.secret and session.get_bind().dialect.name == "postgresql":
        _cast_secret_through_the_database(
            session,
            vote,
            represented_member_id=represented_member_id,
            cast_by_member_id=cast_by_member_id,
            choice=choice,
            ranking=ranking,
            voter_label=voter_label,
        )
        return
    participation = VoteParticipation(
        vote_id=vote.id,
        represented_member_id=represented_member_id,
        cast_by_member_id=cast_by_member_id,
        choice=choice if vote.method is VoteMethod.roll_call else None,
    )
    try:
        # A savepoint, so that a concurrent second vote by the same member fails on the
        # unique key without spoiling the rest of the command's transaction.
        with session.begin_nested():
            session.add(participation)
            session.flush()
    except IntegrityError:
        raise VoteError(
            _("{member} has already voted on '{title}'; a member votes once.").format(
                member=voter_label, title=vote.title
            )
        ) from None
    if vote.method is VoteMethod.secret:
        stored = json.dumps(list(ranking), ensure_ascii=False) if ranking is not None else None
        if seals_ballots(vote):  # sealed to the officer's key until the close (coop.votes.sealing)
            store_sealed(session, vote, ballot_id=random_id(), choice=choice, ranking=stored)
        else:  # a vote opened before ballots were sealed keeps plain ones
            session.add(SecretBallot(vote_id=vote.id, choice=choice, ranking=stored))
            session.flush()


def _cast_secret_through_the_database(
    session: Session,
    vote: Vote,
    *,
    represented_member_id: int,
    cast_by_member_id: int,
    choice: Choice | None,
    ranking: Sequence[str] | None,
    voter_label: str,
) -> None:
    """On PostgreSQL no login writes a ballot itself: the owner's function ``coop_cast_in_person``
    checks the vote is open and stores who took part and the (sealed) ballot together."""
    stored = json.dumps(list(ranking), ensure_ascii=False) if ranking is not None else None
    ballot_id = random_id()
    sealed = None
    if seals_ballots(vote):
        sealed = sealed_ballot(session, vote, ballot_id=ballot_id, choice=choice, ranking=stored)
    session.flush()
    outcome = session.scalar(
        text("SELECT coop_cast_in_person(:vote, :represented, :cast_by, :row, :sealed, :choice, :ranking)"),
        {
            "vote": vote.id,
            "represented": represented_member_id,
            "cast_by": cast_by_member_id,
            # a sealed ballot is stored under a row id of its own; a plain one under the ballot's
            "row": random_id() if sealed is not None else ballot_id,
            "sealed": sealed,
            "choice": None if sealed is not None or choice is None else choice.value,
            "ranking": None if sealed is not None else stored,
        },
    )
    if outcome == "closed":
        session.refresh(vote)
        _require_open(vote)
    if outcome == "already":
        raise VoteError(
            _("{member} has already voted on '{title}'; a member votes once.").format(
                member=voter_label, title=vote.title
            )
        )
    if outcome != "cast":
        raise VoteError(
            _("In a secret vote each member casts their own ballot: run the command --as yourself.")
        )


def enter_hand_count(
    session: Session, vote: Vote, *, yes: int, no: int, abstain: int, tellers: str, eligible: int
) -> None:
    _require_open(vote)
    if vote.method is not VoteMethod.show_of_hands:
        raise VoteError(
            _("Tellers' totals are for a show of hands; '{title}' is by {method}.").format(
                title=vote.title, method=vocabulary.label(vote.method)
            )
        )
    if min(yes, no, abstain) < 0:
        raise VoteError(_("Vote totals cannot be negative."))
    if yes + no + abstain > eligible:
        raise VoteError(
            ngettext(
                "The totals add up to {total}, but only {eligible} vote can be cast "
                "(members present plus proxies); count again.",
                "The totals add up to {total}, but only {eligible} votes can be cast "
                "(members present plus proxies); count again.",
                eligible,
            ).format(total=yes + no + abstain, eligible=eligible)
        )
    vote.hand_yes, vote.hand_no, vote.hand_abstain, vote.hand_counted_by = yes, no, abstain, tellers
    session.flush()


def count_votes(session: Session, vote: Vote) -> VoteCount:
    if vote.method is VoteMethod.show_of_hands:
        if vote.hand_yes is None:
            raise VoteError(
                _(
                    "The tellers have not entered the totals for '{title}' yet: coop motion hand-count."
                ).format(title=vote.title)
            )
        return VoteCount(yes=vote.hand_yes, no=vote.hand_no or 0, abstain=vote.hand_abstain or 0)
    if vote.method is VoteMethod.secret:
        choices = session.scalars(select(SecretBallot.choice).where(SecretBallot.vote_id == vote.id))
    else:
        choices = session.scalars(
            select(VoteParticipation.choice).where(VoteParticipation.vote_id == vote.id)
        )
    tally = Counter(choices)
    return VoteCount(yes=tally[Choice.yes], no=tally[Choice.no], abstain=tally[Choice.abstain])


def participation_count(session: Session, vote: Vote) -> int:
    return len(
        session.scalars(select(VoteParticipation.id).where(VoteParticipation.vote_id == vote.id)).all()
    )


def close_vote(vote: Vote, count: VoteCount, decision: Decision, now: datetime) -> None:
    _require_open(vote)
    vote.status = VoteStatus.closed
    vote.closed_at = now
    vote.yes_count, vote.no_count, vote.abstain_count = count.yes, count.no, count.abstain
    vote.adopted = decision.adopted
    vote.required = decision.required
    vote.basis = str(decision.basis)
    vote.basis_count = decision.basis_count
    vote.casting_vote = str(decision.casting_vote) if decision.casting_vote else None
    vote.explanation = decision.explanation


@dataclass(frozen=True)
class RollCallEntry:
    member_id: int
    cast_by_member_id: int
    choice: Choice


def roll_call(session: Session, vote: Vote) -> list[RollCallEntry]:
    if vote.method is not VoteMethod.roll_call:
        return []
    rows = session.scalars(
        select(VoteParticipation).where(VoteParticipation.vote_id == vote.id).order_by(VoteParticipation.id)
    )
    return [RollCallEntry(r.represented_member_id, r.cast_by_member_id, r.choice) for r in rows if r.choice]


def method_label(method: VoteMethod) -> str:
    """A way of voting in words: its vocabulary's label."""
    return vocabulary.label(method)
