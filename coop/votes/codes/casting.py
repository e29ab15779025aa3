"""Casting a ballot with a code: one transaction marks the code used and stores the ballot."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from coop.audit import record_event
from coop.errors import VoteError
from coop.i18n import _
from coop.votes.codes.slips import hold_ballot_box, require_open, require_secret, uses_codes
from coop.votes.codes.symbols import CODE_ACTOR, code_hash, normalize_code, tracker
from coop.votes.models import (
    CancelReason,
    Choice,
    CodeStatus,
    SecretBallot,
    Vote,
    VoteKind,
    VotingCode,
    random_id,
)
from coop.votes.sealing import sealed_ballot, seals_ballots, store_sealed


@dataclass(frozen=True)
class CodeCast:
    vote_id: int
    tracker: str


def cast_with_code(
    session: Session,
    vote: Vote,
    *,
    code: str,
    choice: Choice | None = None,
    ranking: Sequence[str] | None = None,
    now: datetime,
) -> CodeCast:
    """Mark the code used and put the ballot in the box, both or neither.

    ``choice`` for a yes/no vote; ``ranking`` (validated candidate names) for a ranked one.
    """
    require_codes(vote)
    on_postgres = _on_postgres(session)
    if on_postgres:
        require_open(vote)  # and coop_cast_with_code holds the vote open until this commits
    else:
        hold_ballot_box(session, vote)
    if (vote.kind is VoteKind.ranked) != (ranking is not None) or (ranking is None and choice is None):
        raise VoteError(_("A ranked vote takes a ranking, a yes/no vote a choice."))
    assert vote.code_pepper is not None and vote.tracker_salt is not None
    hashed = code_hash(vote.code_pepper, normalize_code(code))
    stored = json.dumps(list(ranking), ensure_ascii=False) if ranking is not None else None
    ballot_id = random_id()
    if on_postgres and seals_ballots(vote):
        sealed = sealed_ballot(session, vote, ballot_id=ballot_id, choice=choice, ranking=stored)
        _cast_sealed_through_the_database(session, vote, hashed, sealed)
    elif on_postgres:
        _cast_through_the_database(session, vote, hashed, ballot_id, choice, stored)
    else:
        marked = session.execute(
            update(VotingCode)
            .where(
                VotingCode.vote_id == vote.id,
                VotingCode.code_hash == hashed,
                VotingCode.status == CodeStatus.issued,
            )
            .values(status=CodeStatus.used)
            .execution_options(synchronize_session=False)
        )
        if marked.rowcount != 1:  # type: ignore[attr-defined]
            raise _refusal(session, vote, hashed)
        if seals_ballots(vote):  # sealed to the officer's key until the close (coop.votes.sealing)
            store_sealed(session, vote, ballot_id=ballot_id, choice=choice, ranking=stored)
        else:
            ballot = {"id": ballot_id, "vote_id": vote.id, "choice": choice, "ranking": stored}
            session.execute(SecretBallot.__table__.insert().values(**ballot))
    record_event(session, "coop.ballot.cast", actor=CODE_ACTOR, now=now, data={"vote_id": vote.id})
    return CodeCast(
        vote_id=vote.id,
        tracker=tracker(vote.tracker_salt, ballot_id, choice.value if choice else None, stored),
    )


def _on_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _cast_through_the_database(
    session: Session, vote: Vote, hashed: str, ballot_id: str, choice: Choice | None, ranking: str | None
) -> None:
    """On PostgreSQL no login may read the codes or put a ballot in the box: the owner's
    function ``coop_cast_with_code`` checks the code, marks it used and stores the ballot."""
    outcome = session.scalar(
        text("SELECT coop_cast_with_code(:vote, :hash, :ballot, :choice, :ranking)"),
        {
            "vote": vote.id,
            "hash": hashed,
            "ballot": ballot_id,
            "choice": choice.value if choice else None,
            "ranking": ranking,
        },
    )
    if outcome == "closed":
        session.refresh(vote)
        require_open(vote)
    if outcome != "cast":
        raise _refusal(session, vote, hashed)


def _cast_sealed_through_the_database(session: Session, vote: Vote, hashed: str, sealed: str) -> None:
    """As :func:`_cast_through_the_database`, for a ballot sealed to the officer's key: the owner's
    function ``coop_cast_sealed_with_code`` marks the code used and stores the sealed box."""
    outcome = session.scalar(
        text("SELECT coop_cast_sealed_with_code(:vote, :hash, :row, :sealed)"),
        {"vote": vote.id, "hash": hashed, "row": random_id(), "sealed": sealed},
    )
    if outcome == "closed":
        session.refresh(vote)
        require_open(vote)
    if outcome != "cast":
        raise _refusal(session, vote, hashed)


def _code_status(session: Session, vote: Vote, hashed: str) -> tuple[str, str | None] | None:
    """The status and cancel reason of the code with hash ``hashed``, or None if it is no code of
    ``vote`` (on PostgreSQL through ``coop_code_status``: logins cannot read the hashes)."""
    if _on_postgres(session):
        row = session.execute(
            text("SELECT status, cancel_reason FROM coop_code_status(:vote, :hash)"),
            {"vote": vote.id, "hash": hashed},
        ).first()
    else:
        row = session.execute(
            select(VotingCode.status, VotingCode.cancel_reason).where(
                VotingCode.vote_id == vote.id, VotingCode.code_hash == hashed
            )
        ).first()
    if row is None:
        return None
    return str(row[0]), (str(row[1]) if row[1] is not None else None)


def require_codes(vote: Vote) -> None:
    """A secret vote with voting codes issued: what a terminal checks before asking anything."""
    require_secret(vote)
    if not uses_codes(vote):
        raise VoteError(
            _(
                "No voting codes were issued for vote {id}; the secretary issues them with: "
                "coop ballot codes {id} --out slips.pdf"
            ).format(id=vote.id)
        )


def check_code(session: Session, vote: Vote, code: str) -> None:
    """Before the voter chooses: the code is typed right (its check symbol) and would cast a
    ballot in this open vote now. Reads only; casting checks again in its own transaction."""
    require_codes(vote)
    require_open(vote)
    assert vote.code_pepper is not None
    hashed = code_hash(vote.code_pepper, normalize_code(code))
    found = _code_status(session, vote, hashed)
    if found is None or found[0] != CodeStatus.issued.value:
        raise _refusal(session, vote, hashed)


def _refusal(session: Session, vote: Vote, hashed: str) -> VoteError:
    found = _code_status(session, vote, hashed)
    if found is None:
        return VoteError(
            _(
                "This code is not one of the codes of vote {id} ({title}); check the vote number and the "
                "code on your slip."
            ).format(id=vote.id, title=vote.title)
        )
    if found[0] == CodeStatus.used.value:
        return VoteError(
            _(
                "This code has already been used: each code casts one ballot, so nothing was recorded; "
                "if you did not use it, tell the secretary now."
            )
        )
    if found[1] == CancelReason.paper.value:
        return VoteError(
            _("This code was handed in for a paper ballot and no longer works; nothing was recorded.")
        )
    return VoteError(
        _(
            "This code was cancelled (its slip was reported lost) and no longer works; nothing was "
            "recorded — ask the secretary for your new slip."
        )
    )
