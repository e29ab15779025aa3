"""Secret ballots sealed to the returning officer's key while their vote is open, opened at the close.

While a secret vote is open nothing in the database says what a ballot cast in person or with a
code chose: it is stored in ``sealed_ballots`` as a sealed box (:func:`coop.keys.material.seal`)
that only the officer's private key opens, and that key never enters the database. The physical
order of the rows, their transaction ids and the audit events then pair voters with ciphertexts,
which say nothing.

At the close the officer's key opens every sealed ballot; all the vote's ballots (the opened
ones and the paper ones already in ``secret_ballots``) are shuffled with the operating system's
randomness, the sealed rows and the old plain rows deleted, and the plain rows written again in
that random order as one batch. On SQLite ``secure_delete`` (see :mod:`coop.db`) overwrites what
was deleted; on PostgreSQL the rows share the closing transaction's id and lie in random order.

A sealed ballot is padded to a multiple of :data:`PAD_BLOCK` bytes before sealing, so that the
length of the box says nothing of the ballot (a one-name ranking and a five-name one seal to the
same size); a ranking longer than a block takes the next multiple, and is never refused.
"""

from __future__ import annotations

import json
import secrets
import struct
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from coop.errors import KeyFileError, VoteError
from coop.i18n import _, ngettext
from coop.keys.material import OpenedKey, seal
from coop.keys.registry import RegisteredKey
from coop.votes.models import Choice, SealedBallot, SecretBallot, Vote, VoteKind, VoteMethod

PAD_BLOCK = 4096
_LENGTH = struct.Struct(">I")
_CHOICES = {choice.value for choice in Choice}


# --- pure: the sealed plaintext ---------------------------------------------------------------


@dataclass(frozen=True)
class OpenedBallot:
    """A ballot as sealed: its vote, its own random id, and its content as ``secret_ballots`` keeps it."""

    vote_id: int
    ballot_id: str
    choice: str | None
    ranking: str | None


def ballot_plaintext(ballot: OpenedBallot) -> bytes:
    """The bytes sealed for ``ballot``: a length, the ballot as JSON, zeros up to a whole block."""
    body = json.dumps(
        {"vote": ballot.vote_id, "id": ballot.ballot_id, "choice": ballot.choice, "ranking": ballot.ranking},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    size = _LENGTH.size + len(body)
    padded = -(-size // PAD_BLOCK) * PAD_BLOCK
    return _LENGTH.pack(len(body)) + body + bytes(padded - size)


def read_plaintext(data: bytes) -> OpenedBallot:
    """The ballot in an opened box; ValueError if it is not one :func:`ballot_plaintext` made."""
    if len(data) < _LENGTH.size or len(data) % PAD_BLOCK:
        raise ValueError("not a padded ballot")
    (length,) = _LENGTH.unpack_from(data)
    body, padding = data[_LENGTH.size : _LENGTH.size + length], data[_LENGTH.size + length :]
    if len(body) != length or any(padding):
        raise ValueError("not a padded ballot")
    content = json.loads(body.decode("utf-8"))
    if not isinstance(content, dict) or set(content) != {"vote", "id", "choice", "ranking"}:
        raise ValueError("not a ballot")
    vote_id, ballot_id, choice, ranking = (content[k] for k in ("vote", "id", "choice", "ranking"))
    if not isinstance(vote_id, int) or not isinstance(ballot_id, str) or len(ballot_id) != 32:
        raise ValueError("not a ballot")
    if choice is not None and choice not in _CHOICES:
        raise ValueError("not a choice")
    if ranking is not None:
        names = json.loads(ranking)
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise ValueError("not a ranking")
    return OpenedBallot(vote_id, ballot_id, choice, ranking)


def fits_vote(ballot: OpenedBallot, vote_id: int, kind: VoteKind) -> bool:
    """Whether an opened ballot belongs in this vote: its number, and a choice or a ranking as its kind."""
    if ballot.vote_id != vote_id:
        return False
    if kind is VoteKind.ranked:
        return ballot.choice is None
    return ballot.ranking is None


# --- while the vote is open -------------------------------------------------------------------


def seals_ballots(vote: Vote) -> bool:
    """A secret vote opened with a key in force: its ballots are sealed until the close.

    A secret vote opened before sealed ballots existed names no key and keeps plain ballots."""
    return vote.method is VoteMethod.secret and vote.officer_key_id is not None


def officer_key_of(session: Session, vote: Vote) -> RegisteredKey:
    key = session.get(RegisteredKey, vote.officer_key_id)
    assert key is not None  # votes.officer_key_id is a foreign key
    return key


def sealed_ballot(
    session: Session, vote: Vote, *, ballot_id: str, choice: Choice | None, ranking: str | None
) -> str:
    """The sealed box of one ballot of ``vote`` (to its officer's key), as ``sealed_ballots`` holds it."""
    plain = OpenedBallot(vote.id, ballot_id, choice.value if choice else None, ranking)
    return seal(officer_key_of(session, vote).public_key, ballot_plaintext(plain))


def store_sealed(
    session: Session, vote: Vote, *, ballot_id: str, choice: Choice | None, ranking: str | None
) -> None:
    """Put one ballot in the box, sealed, under a row id of its own (not the ballot's)."""
    sealed = sealed_ballot(session, vote, ballot_id=ballot_id, choice=choice, ranking=ranking)
    session.execute(
        SealedBallot.__table__.insert().values(id=secrets.token_hex(16), vote_id=vote.id, sealed=sealed)
    )


def sealed_count(session: Session, vote_id: int) -> int:
    return (
        session.scalar(select(func.count()).select_from(SealedBallot).where(SealedBallot.vote_id == vote_id))
        or 0
    )


# --- at the close -----------------------------------------------------------------------------


def require_officer_key(session: Session, vote: Vote, officer_key: OpenedKey | None) -> OpenedKey | None:
    """The key that opens this vote's sealed ballots: refused with one sentence if it is missing
    or is another key. None when the vote has nothing sealed (the key is then not needed)."""
    if not seals_ballots(vote) or sealed_count(session, vote.id) == 0:
        return None
    registered = officer_key_of(session, vote)
    if officer_key is None:
        raise VoteError(
            _(
                "Vote {id}'s ballots are sealed to key {fingerprint} of {holder}: close it with --key FILE."
            ).format(id=vote.id, fingerprint=registered.fingerprint, holder=registered.holder)
        )
    if officer_key.public_key != registered.public_key:
        raise KeyFileError(
            _(
                "The key given is key {found}, not key {wanted} of {holder} that vote {id} was sealed to; "
                "give that key's file."
            ).format(
                found=officer_key.fingerprint,
                wanted=registered.fingerprint,
                holder=registered.holder,
                id=vote.id,
            )
        )
    return officer_key


def open_ballot_box(session: Session, vote: Vote, officer_key: OpenedKey | None) -> int:
    """Call at the close, right after the box is locked and before counting: open every sealed
    ballot, shuffle all the vote's ballots, and write them as plain rows in that random order.

    Returns how many sealed ballots were opened. Refuses (VoteError/KeyFileError) with nothing
    changed when the key is missing or wrong, or a sealed row does not open to a ballot of this vote.
    A secret vote with nothing sealed (paper only, or opened before ballots were sealed) is shuffled
    and rewritten the same way; another method has no ballot box.
    """
    if vote.method is not VoteMethod.secret:
        return 0
    key = require_officer_key(session, vote, officer_key)
    session.flush()
    opened: list[OpenedBallot] = []
    if key is not None:
        for box in session.scalars(select(SealedBallot.sealed).where(SealedBallot.vote_id == vote.id)):
            try:
                ballot: OpenedBallot | None = read_plaintext(key.open_sealed(box))
            except (ValueError, UnicodeDecodeError):
                ballot = None
            if ballot is None or not fits_vote(ballot, vote.id, vote.kind):
                raise VoteError(
                    _(
                        "A sealed ballot of vote {id} does not open to a ballot of this vote: the box was "
                        "tampered with; nothing was counted (check it with: coop audit verify)."
                    ).format(id=vote.id)
                )
            opened.append(ballot)
    plain = session.execute(
        select(SecretBallot.id, SecretBallot.choice, SecretBallot.ranking).where(
            SecretBallot.vote_id == vote.id
        )
    ).all()
    rows = [{"id": b.ballot_id, "vote_id": vote.id, "choice": b.choice, "ranking": b.ranking} for b in opened]
    rows += [
        {"id": ballot_id, "vote_id": vote.id, "choice": choice.value if choice else None, "ranking": ranking}
        for ballot_id, choice, ranking in plain
    ]
    repeated = len(rows) - len({row["id"] for row in rows})
    if repeated:
        raise VoteError(
            ngettext(
                "Vote {id} holds {count} ballot twice under one id: the box was tampered with; nothing "
                "was counted (check it with: coop audit verify).",
                "Vote {id} holds {count} ballots twice under one id: the box was tampered with; nothing "
                "was counted (check it with: coop audit verify).",
                repeated,
            ).format(id=vote.id, count=repeated)
        )
    secrets.SystemRandom().shuffle(rows)
    if session.get_bind().dialect.name == "postgresql":
        _rewrite_through_the_database(session, vote, rows)
    else:
        session.execute(delete(SealedBallot).where(SealedBallot.vote_id == vote.id))
        session.execute(delete(SecretBallot).where(SecretBallot.vote_id == vote.id))
        if rows:
            session.execute(SecretBallot.__table__.insert(), rows)
    session.expire_all()
    return len(opened)


def _rewrite_through_the_database(session: Session, vote: Vote, rows: list[dict]) -> None:
    """On PostgreSQL no login deletes or inserts ballots itself: the owner's function
    ``coop_rewrite_ballot_box`` checks the vote is open and that the rows are as many as the box
    held (its sealed ballots and accepted paper ones), then writes them in the order given."""
    outcome = session.scalar(
        text(
            "SELECT coop_rewrite_ballot_box(:vote, CAST(:ids AS text[]), CAST(:choices AS text[]), "
            "CAST(:rankings AS text[]))"
        ),
        {
            "vote": vote.id,
            "ids": [row["id"] for row in rows],
            "choices": [row["choice"] for row in rows],
            "rankings": [row["ranking"] for row in rows],
        },
    )
    if outcome != "rewritten":
        raise VoteError(
            _(
                "The ballot box of vote {id} does not add up (its ballots against its sealed ballots and "
                "accepted paper batches), so it was not counted; check it with: coop ballot reconcile {id}"
            ).format(id=vote.id)
        )


def sealed_boxes(session: Session, vote_id: int) -> Sequence[str]:
    """The sealed boxes of an open vote (what anyone reading the table sees)."""
    return session.scalars(select(SealedBallot.sealed).where(SealedBallot.vote_id == vote_id)).all()
