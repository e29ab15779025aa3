"""A vote, independent of meetings: who took part, and the choices.

Roll-call choices are stored with the voter; secret ballots are stored apart, with a random
id, no member, no timestamp and (on SQLite) no rowid, so nothing leads from a ballot to a person.
"""

from __future__ import annotations

import enum
import secrets
from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

import coop.members.models  # noqa: F401  (registers the members table that these keys name)
from coop.db import Base, string_enum


class VoteKind(enum.StrEnum):
    yes_no = "yes_no"
    ranked = "ranked"


class VoteMethod(enum.StrEnum):
    roll_call = "roll_call"
    secret = "secret"
    show_of_hands = "show_of_hands"
    consent = "consent"


class VoteStatus(enum.StrEnum):
    open = "open"
    closed = "closed"


class Choice(enum.StrEnum):
    yes = "yes"
    no = "no"
    abstain = "abstain"


def random_id() -> str:
    return secrets.token_hex(16)


class Vote(Base):
    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[VoteKind] = mapped_column(string_enum(VoteKind))
    method: Mapped[VoteMethod] = mapped_column(string_enum(VoteMethod))
    status: Mapped[VoteStatus] = mapped_column(string_enum(VoteStatus))
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    rule: Mapped[str] = mapped_column(String(40))
    tie_rule: Mapped[str] = mapped_column(String(20))
    article: Mapped[str | None] = mapped_column(String(200))
    # Quorum as it stood when the vote opened, kept with the vote.
    quorum_present: Mapped[int] = mapped_column(Integer)
    quorum_proxies: Mapped[int] = mapped_column(Integer)
    quorum_proxies_counted: Mapped[bool] = mapped_column(Boolean)
    quorum_required: Mapped[int] = mapped_column(Integer)
    quorum_met: Mapped[bool] = mapped_column(Boolean)
    quorum_at_second_call: Mapped[bool] = mapped_column(Boolean, default=False)
    quorum_statement: Mapped[str] = mapped_column(Text)
    active_members: Mapped[int] = mapped_column(Integer)
    # Tellers' totals for a show of hands.
    hand_yes: Mapped[int | None] = mapped_column(Integer)
    hand_no: Mapped[int | None] = mapped_column(Integer)
    hand_abstain: Mapped[int | None] = mapped_column(Integer)
    hand_counted_by: Mapped[str | None] = mapped_column(String(300))
    # The result, fixed at the close.
    yes_count: Mapped[int | None] = mapped_column(Integer)
    no_count: Mapped[int | None] = mapped_column(Integer)
    abstain_count: Mapped[int | None] = mapped_column(Integer)
    adopted: Mapped[bool | None] = mapped_column(Boolean)
    required: Mapped[int | None] = mapped_column(Integer)
    basis: Mapped[str | None] = mapped_column(String(20))
    basis_count: Mapped[int | None] = mapped_column(Integer)
    casting_vote: Mapped[str | None] = mapped_column(String(10))
    explanation: Mapped[str | None] = mapped_column(Text)
    # Secrets of a vote cast with voting codes, drawn when its codes are first issued: the
    # pepper in every code's hash, and the salt of the trackers voters check their ballot with.
    code_pepper: Mapped[str | None] = mapped_column(String(64))
    tracker_salt: Mapped[str | None] = mapped_column(String(64))

    participation: Mapped[list[VoteParticipation]] = relationship(
        back_populates="vote", order_by="VoteParticipation.id"
    )


class VoteParticipation(Base):
    """Who took part. For a roll call it also holds the choice; for a secret vote it never does.

    The unique key on (vote, represented member) is what makes one member one vote a rule of
    the database: a member's vote, in person or by proxy, can be stored once.
    """

    __tablename__ = "vote_participation"
    __table_args__ = (UniqueConstraint("vote_id", "represented_member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id"), index=True)
    represented_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    cast_by_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    choice: Mapped[Choice | None] = mapped_column(string_enum(Choice, 10))

    vote: Mapped[Vote] = relationship(back_populates="participation")


class SecretBallot(Base):
    """One secret ballot: the choice and nothing that leads back to the voter."""

    __tablename__ = "secret_ballots"
    __table_args__: ClassVar[dict[str, bool]] = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id"), index=True)
    choice: Mapped[Choice | None] = mapped_column(string_enum(Choice, 10))
    ranking: Mapped[str | None] = mapped_column(Text)


class ElectionStatus(enum.StrEnum):
    draft = "draft"
    open = "open"
    closed = "closed"


class Election(Base):
    """A ranked-choice election: its candidates, its counting rules and, once closed, its result.

    ``rules_json`` holds every counting rule (the ``rules.json`` format), so that anyone can
    recount from the exported ballots; ``result_json`` is the official count, fixed at the
    close with its hash, and every results report prints from it.
    """

    __tablename__ = "elections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    seats: Mapped[int] = mapped_column(Integer)
    rules_preset: Mapped[str | None] = mapped_column(String(40))
    rules_json: Mapped[str] = mapped_column(Text)
    # No relationship: the assemblies domain stands above the voting machinery, and declares this
    # foreign key itself (coop.assemblies.models).
    assembly_id: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[ElectionStatus] = mapped_column(string_enum(ElectionStatus))
    vote_id: Mapped[int | None] = mapped_column(ForeignKey("votes.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    result_json: Mapped[str | None] = mapped_column(Text)
    result_hash: Mapped[str | None] = mapped_column(String(64))

    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="election", order_by="Candidate.position"
    )
    vote: Mapped[Vote | None] = relationship()


class Candidate(Base):
    """A member who consented to stand, in the order of the ballot paper."""

    __tablename__ = "candidates"
    __table_args__ = (UniqueConstraint("election_id", "member_id"), UniqueConstraint("election_id", "name"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    consented_at: Mapped[datetime] = mapped_column(DateTime)

    election: Mapped[Election] = relationship(back_populates="candidates")


# --- secret ballots with voting codes ---------------------------------------------------------


class CodeStatus(enum.StrEnum):
    issued = "issued"
    used = "used"
    cancelled = "cancelled"


class CancelReason(enum.StrEnum):
    lost = "lost"  # lost or spoiled: the code no longer works; a replacement may be printed
    paper = "paper"  # handed in to the tellers in exchange for a paper ballot


class VotingCode(Base):
    """One voting code printed on a slip: its serial, a hash of the code, and whether it was used.

    Nothing here names a member: who holds which serial is written only on the paper counterfoil
    the secretary keeps. The code itself is never stored, only a hash with the vote's pepper.
    """

    __tablename__ = "voting_codes"
    __table_args__ = (UniqueConstraint("vote_id", "serial"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id"))
    serial: Mapped[int] = mapped_column(Integer)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[CodeStatus] = mapped_column(string_enum(CodeStatus, 10))
    cancel_reason: Mapped[CancelReason | None] = mapped_column(string_enum(CancelReason, 10))
    # The serial of the lost slip this one replaces (serials name no one).
    replaces_serial: Mapped[int | None] = mapped_column(Integer)


class SlipRecipient(Base):
    """A member who received a voting slip, for themselves or for the absent member whose proxy they hold.

    No serial and no code: this is the list of who could vote, never of which slip they hold.
    """

    __tablename__ = "slip_recipients"
    __table_args__ = (UniqueConstraint("vote_id", "represented_member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id"))
    received_by_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    represented_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    issued_on: Mapped[date] = mapped_column(Date)


class PaperBatchStatus(enum.StrEnum):
    entered = "entered"  # the tellers are entering it; nothing counts yet
    accepted = "accepted"  # both entries agreed; its ballots are in the ballot box
    discarded = "discarded"  # set aside; it never counted


class PaperBatch(Base):
    """A pile of paper ballots that two tellers enter independently before it counts."""

    __tablename__ = "paper_batches"
    __table_args__ = (UniqueConstraint("vote_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[PaperBatchStatus] = mapped_column(string_enum(PaperBatchStatus, 10))
    ballots: Mapped[int | None] = mapped_column(Integer)
    digest: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)

    entries: Mapped[list[PaperBatchEntry]] = relationship(
        back_populates="batch", order_by="PaperBatchEntry.id"
    )


class PaperBatchEntry(Base):
    """One teller's transcription of a batch, ballot by ballot in the order of the pile.

    ``content`` holds one normalised ballot per line (yes, no, abstain, invalid, or a ranking as
    JSON); a teller who re-enters the batch replaces their own entry.
    """

    __tablename__ = "paper_batch_entries"
    __table_args__ = (UniqueConstraint("batch_id", "teller_member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("paper_batches.id"))
    teller_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    entered_at: Mapped[datetime] = mapped_column(DateTime)
    ballots: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))

    batch: Mapped[PaperBatch] = relationship(back_populates="entries")
