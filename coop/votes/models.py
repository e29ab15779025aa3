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
    ForeignKey,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

import coop.keys.registry  # registers the officer keys' table that a vote names
import coop.members.models  # noqa: F401  (registers the members table that these keys name)
from coop import vocabulary
from coop.columns import Digest, Id, LongText, Name
from coop.db import Base, string_enum
from coop.i18n import N_


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


vocabulary.define(VoteKind, {VoteKind.yes_no: N_("yes or no"), VoteKind.ranked: N_("ranked")})
vocabulary.define(
    VoteMethod,
    {
        VoteMethod.roll_call: vocabulary.Term(N_("roll call"), N_("roll-call")),
        VoteMethod.secret: vocabulary.Term(N_("secret ballot"), N_("secret")),
        VoteMethod.show_of_hands: vocabulary.Term(N_("show of hands"), N_("show-of-hands")),
        VoteMethod.consent: N_("consent"),
    },
)
vocabulary.define(
    VoteStatus,
    {
        VoteStatus.open: vocabulary.in_context("vote", "open"),
        VoteStatus.closed: vocabulary.in_context("vote", "closed"),
    },
)
vocabulary.define(Choice, {Choice.yes: N_("yes"), Choice.no: N_("no"), Choice.abstain: N_("abstain")})


def random_id() -> str:
    return secrets.token_hex(16)


class Vote(Base):
    __tablename__ = "votes"

    id: Mapped[Id]
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[VoteKind] = mapped_column(string_enum(VoteKind))
    method: Mapped[VoteMethod] = mapped_column(string_enum(VoteMethod))
    status: Mapped[VoteStatus] = mapped_column(string_enum(VoteStatus))
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    rule: Mapped[str] = mapped_column(String(40))
    tie_rule: Mapped[str] = mapped_column(String(20))
    article: Mapped[Name | None]
    # Quorum as it stood when the vote opened, kept with the vote.
    quorum_present: Mapped[int]
    quorum_proxies: Mapped[int]
    quorum_proxies_counted: Mapped[bool]
    quorum_required: Mapped[int]
    quorum_met: Mapped[bool]
    quorum_at_second_call: Mapped[bool] = mapped_column(default=False)
    quorum_statement: Mapped[LongText]
    active_members: Mapped[int]
    # Tellers' totals for a show of hands.
    hand_yes: Mapped[int | None]
    hand_no: Mapped[int | None]
    hand_abstain: Mapped[int | None]
    hand_counted_by: Mapped[str | None] = mapped_column(String(300))
    # The result, fixed at the close.
    yes_count: Mapped[int | None]
    no_count: Mapped[int | None]
    abstain_count: Mapped[int | None]
    adopted: Mapped[bool | None]
    required: Mapped[int | None]
    basis: Mapped[str | None] = mapped_column(String(20))
    basis_count: Mapped[int | None]
    casting_vote: Mapped[str | None] = mapped_column(String(10))
    explanation: Mapped[LongText | None]
    # Secrets of a vote cast with voting codes, drawn when its codes are first issued: the
    # pepper in every code's hash, and the salt of the trackers voters check their ballot with.
    code_pepper: Mapped[Digest | None]
    tracker_salt: Mapped[Digest | None]
    # The returning officer's key a secret vote's ballots are sealed to while it is open.
    officer_key_id: Mapped[int | None] = mapped_column(ForeignKey("officer_keys.id"))
    # Why a coded vote was closed although its slips did not balance (unaccounted or contradicted
    # serials), as the secretary gave it; printed in the minutes. None when they balanced.
    slips_unbalanced: Mapped[LongText | None]

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

    id: Mapped[Id]
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
    ranking: Mapped[LongText | None]


class SealedBallot(Base):
    """A secret ballot cast while its vote is open, sealed to the returning officer's key.

    ``sealed`` is the ballot (its own random id, the choice or ranking, padded to a fixed length)
    in a libsodium sealed box: only the officer's private key, outside the database, opens it, at
    the close, when it becomes a plain :class:`SecretBallot` written in a random order. The row's
    own id is another random id, so nothing here says whose ballot it is or what it says.
    """

    __tablename__ = "sealed_ballots"
    __table_args__: ClassVar[dict[str, bool]] = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id"), index=True)
    sealed: Mapped[LongText]


class ElectionStatus(enum.StrEnum):
    draft = "draft"
    open = "open"
    closed = "closed"


vocabulary.define(
    ElectionStatus,
    {
        ElectionStatus.draft: vocabulary.in_context("election", "draft"),
        ElectionStatus.open: vocabulary.in_context("election", "open"),
        ElectionStatus.closed: vocabulary.in_context("election", "closed"),
    },
)


class ElectionRules(enum.StrEnum):
    """How an election is counted: a preset (``Election.rules_preset``) or the rules filed with it."""

    irv = "irv"
    stv_droop = "stv-droop"
    dhondt = "dhondt"
    sainte_lague = "sainte-lague"
    lista_completa = "lista-completa"
    lista_incompleta = "lista-incompleta"
    meek = "meek"
    wigm = "wigm"
    scottish = "scottish"
    schulze = "schulze"
    file = "file"


vocabulary.define(
    ElectionRules,
    {
        ElectionRules.irv: N_("instant runoff (irv)"),
        ElectionRules.stv_droop: N_("single transferable vote (stv-droop)"),
        ElectionRules.dhondt: N_("lists, D'Hondt (dhondt)"),
        ElectionRules.sainte_lague: N_("lists, Sainte-Laguë (sainte-lague)"),
        ElectionRules.lista_completa: N_("lists, lista completa"),
        ElectionRules.lista_incompleta: N_("lists, lista incompleta"),
        ElectionRules.meek: N_("Meek STV (meek)"),
        ElectionRules.wigm: N_("weighted inclusive Gregory STV (wigm)"),
        ElectionRules.scottish: N_("Scottish STV rules (scottish)"),
        ElectionRules.schulze: N_("Schulze method (schulze)"),
        ElectionRules.file: N_("rules file"),
    },
)


class Election(Base):
    """A ranked-choice election: its candidates, its counting rules and, once closed, its result.

    ``rules_json`` holds every counting rule (the ``rules.json`` format), so that anyone can
    recount from the exported ballots; ``result_json`` is the official count, fixed at the
    close with its hash, and every results report prints from it.
    """

    __tablename__ = "elections"

    id: Mapped[Id]
    title: Mapped[str] = mapped_column(String(300))
    seats: Mapped[int]
    rules_preset: Mapped[str | None] = mapped_column(String(40))
    rules_json: Mapped[LongText]
    # No relationship: the assemblies domain stands above the voting machinery, and declares this
    # foreign key itself (coop.assemblies.models).
    assembly_id: Mapped[int | None] = mapped_column(index=True)
    status: Mapped[ElectionStatus] = mapped_column(string_enum(ElectionStatus))
    vote_id: Mapped[int | None] = mapped_column(ForeignKey("votes.id"))
    created_at: Mapped[datetime]
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    result_json: Mapped[LongText | None]
    result_hash: Mapped[Digest | None]

    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="election", order_by="Candidate.position"
    )
    vote: Mapped[Vote | None] = relationship()


class Candidate(Base):
    """A member who consented to stand, in the order of the ballot paper."""

    __tablename__ = "candidates"
    __table_args__ = (UniqueConstraint("election_id", "member_id"), UniqueConstraint("election_id", "name"))

    id: Mapped[Id]
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    name: Mapped[Name]
    position: Mapped[int]
    consented_at: Mapped[datetime]

    election: Mapped[Election] = relationship(back_populates="candidates")


# --- secret ballots with voting codes ---------------------------------------------------------


class CodeStatus(enum.StrEnum):
    issued = "issued"
    used = "used"
    cancelled = "cancelled"


vocabulary.define(
    CodeStatus,
    {
        CodeStatus.issued: vocabulary.in_context("voting code", "issued"),
        CodeStatus.used: vocabulary.in_context("voting code", "used"),
        CodeStatus.cancelled: vocabulary.in_context("voting code", "cancelled"),
    },
)


class CancelReason(enum.StrEnum):
    lost = "lost"  # lost or spoiled: the code no longer works; a replacement may be printed
    paper = "paper"  # handed in to the tellers in exchange for a paper ballot


vocabulary.define(
    CancelReason,
    {CancelReason.lost: N_("lost or spoiled"), CancelReason.paper: N_("exchanged for a paper ballot")},
)


class VotingCode(Base):
    """One voting code printed on a slip: its serial, a hash of the code, and whether it was used.

    Nothing here names a member: who holds which serial is written only on the paper counterfoil
    the secretary keeps. The code itself is never stored, only a hash with the vote's pepper.
    """

    __tablename__ = "voting_codes"
    __table_args__ = (UniqueConstraint("vote_id", "serial"),)

    id: Mapped[Id]
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id"))
    serial: Mapped[int]
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[CodeStatus] = mapped_column(string_enum(CodeStatus, 10))
    cancel_reason: Mapped[CancelReason | None] = mapped_column(string_enum(CancelReason, 10))
    # The serial of the lost slip this one replaces (serials name no one).
    replaces_serial: Mapped[int | None]


class SlipRecipient(Base):
    """A member who received a voting slip, for themselves or for the absent member whose proxy they hold.

    No serial and no code: this is the list of who could vote, never of which slip they hold.
    """

    __tablename__ = "slip_recipients"
    __table_args__ = (UniqueConstraint("vote_id", "represented_member_id"),)

    id: Mapped[Id]
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id"))
    received_by_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    represented_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    issued_on: Mapped[date]


class ReturnedSlip(Base):
    """A slip the tellers hold unused at the close: handed back by a member who did not vote, or a
    spare never handed out. Only the serial: a returned slip names no one."""

    __tablename__ = "returned_slips"
    __table_args__ = (UniqueConstraint("vote_id", "serial"),)

    id: Mapped[Id]
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id"))
    serial: Mapped[int]
    entered_at: Mapped[datetime]


class PaperBatchStatus(enum.StrEnum):
    entered = "entered"  # the tellers are entering it; nothing counts yet
    accepted = "accepted"  # both entries agreed; its ballots are in the ballot box
    discarded = "discarded"  # set aside; it never counted


vocabulary.define(
    PaperBatchStatus,
    {
        PaperBatchStatus.entered: N_("entered"),
        PaperBatchStatus.accepted: N_("accepted"),
        PaperBatchStatus.discarded: N_("discarded"),
    },
)


class PaperBatch(Base):
    """A pile of paper ballots that two tellers enter independently before it counts."""

    __tablename__ = "paper_batches"
    __table_args__ = (UniqueConstraint("vote_id", "number"),)

    id: Mapped[Id]
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id"))
    number: Mapped[int]
    status: Mapped[PaperBatchStatus] = mapped_column(string_enum(PaperBatchStatus, 10))
    ballots: Mapped[int | None]
    digest: Mapped[Digest | None]
    decided_at: Mapped[datetime | None]

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

    id: Mapped[Id]
    batch_id: Mapped[int] = mapped_column(ForeignKey("paper_batches.id"))
    teller_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    entered_at: Mapped[datetime]
    ballots: Mapped[int]
    content: Mapped[LongText]
    digest: Mapped[Digest]

    batch: Mapped[PaperBatch] = relationship(back_populates="entries")
