"""Voting codes on paper slips, and the trackers a voter checks their ballot with.

A code is 15 random symbols from an alphabet without look-alikes (no 0, O, 1, I or L) plus a
check symbol (the sum of position × value is 0 modulo the prime 31, which catches every single
mistyped symbol and every swap of two symbols), printed in groups: ``K7QM-3XH9-PT4W-9C2R``.
That is 15·log2(31) ≈ 74 random bits.
Only an HMAC of the code with the vote's secret pepper is stored, so whoever reads the database
cannot cast with a code nobody has used yet.

Casting marks the code used and stores the ballot in one transaction: an ``UPDATE ... WHERE
status = 'issued'`` decides, so two terminals typing the same code at the same instant cast
one ballot between them. The ballot row holds the choice and a random id, nothing more; the
audit event says only that a ballot was cast in this vote.

Who received a slip is listed apart (``slip_recipients``) with no serial and no code: which
serial a member holds is written only on the paper counterfoil the secretary keeps.

A tracker is an HMAC of the ballot's random id and content with the vote's secret tracker salt,
shown once to the voter when they cast. After the close every tracker is published, sorted,
never beside its choice: a voter can see that their ballot was counted but cannot prove to
anyone how they voted.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from coop.audit import record_event
from coop.errors import VoteError
from coop.i18n import _
from coop.votes.models import (
    CancelReason,
    Choice,
    CodeStatus,
    SecretBallot,
    SlipRecipient,
    Vote,
    VoteKind,
    VoteMethod,
    VoteParticipation,
    VoteStatus,
    VotingCode,
    random_id,
)

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # 31 symbols: no 0, O, 1, I or L
CODE_RANDOM_SYMBOLS = 15
CODE_LENGTH = CODE_RANDOM_SYMBOLS + 1  # and one check symbol
CODE_GROUP = 4
EXAMPLE_CODE = "K7QM-3XH9-PT4W-9C2R"
TRACKER_HEX_DIGITS = 16  # 64 bits: no two ballots of any real vote share one
# The actor recorded for a ballot cast with a code: the same for everyone, so the audit log says
# nothing of who sat at the terminal.
CODE_ACTOR = "(voting code)"

_INDEX = {symbol: index for index, symbol in enumerate(CODE_ALPHABET)}


# --- pure: codes and trackers -----------------------------------------------------------------


def _weighted_sum(symbols: str) -> int:
    """Σ position × value, positions from 1: modulo the prime 31 every weight is invertible."""
    return sum(position * _INDEX[symbol] for position, symbol in enumerate(symbols, start=1))


def check_symbol(body: str) -> str:
    """The symbol that makes the weighted sum of ``body`` plus it, at the next position, 0 mod 31."""
    base = len(CODE_ALPHABET)
    weight = len(body) + 1
    return CODE_ALPHABET[(-_weighted_sum(body) * pow(weight, -1, base)) % base]


def group(text: str, size: int = CODE_GROUP) -> str:
    return "-".join(text[i : i + size] for i in range(0, len(text), size))


def new_code(rng: random.Random | None = None) -> str:
    """A fresh code, grouped for printing; ``rng`` only for reproducible tests."""
    choose = (rng or secrets.SystemRandom()).choice
    body = "".join(choose(CODE_ALPHABET) for _unused in range(CODE_RANDOM_SYMBOLS))
    return group(body + check_symbol(body))


def normalize_code(text: str) -> str:
    """The code's 16 symbols, whatever the case, spaces or dashes it was typed with."""
    cleaned = "".join(text.split()).replace("-", "").upper()
    if len(cleaned) != CODE_LENGTH or any(symbol not in _INDEX for symbol in cleaned):
        raise VoteError(
            _(
                "That is not a voting code: a code has {length} letters and digits, printed on the slip "
                "like {example}."
            ).format(length=CODE_LENGTH, example=EXAMPLE_CODE)
        )
    if _weighted_sum(cleaned) % len(CODE_ALPHABET) != 0:
        raise VoteError(
            _("The code has a typing mistake (its last symbol does not check out); type it again as printed.")
        )
    return cleaned


def code_hash(pepper: str, code: str) -> str:
    """What is stored of a code: its HMAC-SHA256 with the vote's pepper (``code`` normalised)."""
    return hmac.new(pepper.encode("ascii"), code.encode("ascii"), hashlib.sha256).hexdigest()


def ballot_content(choice: str | None, ranking: str | None) -> str:
    """A ballot's content as one line of text: the choice and the stored ranking, tab-separated."""
    return f"{choice or ''}\t{ranking or ''}"


def tracker(salt: str, ballot_id: str, choice: str | None, ranking: str | None) -> str:
    """The tracker of one ballot: 16 hex digits in groups of four, like ``7f3a-91c2-e4b0-55d8``."""
    message = f"{ballot_id}\t{ballot_content(choice, ranking)}".encode()
    digest = hmac.new(salt.encode("ascii"), message, hashlib.sha256).hexdigest()
    return group(digest[:TRACKER_HEX_DIGITS])


def normalize_tracker(text: str) -> str:
    cleaned = "".join(text.split()).replace("-", "").lower()
    if len(cleaned) != TRACKER_HEX_DIGITS or any(c not in "0123456789abcdef" for c in cleaned):
        raise VoteError(
            _(
                "That is not a tracker: a tracker has {length} digits and letters a to f, "
                "like 7f3a-91c2-e4b0-55d8."
            ).format(length=TRACKER_HEX_DIGITS)
        )
    return group(cleaned)


# --- who receives a slip ----------------------------------------------------------------------


@dataclass(frozen=True)
class Entitlement:
    """One vote to hand a slip for: ``represented`` votes, through ``received_by`` if a proxy."""

    received_by: int
    represented: int


@dataclass(frozen=True)
class PrintedSlip:
    serial: int
    code: str
    replaces_serial: int | None = None


@dataclass(frozen=True)
class IssuedSlips:
    slips: tuple[PrintedSlip, ...]
    recipients: int
    spares: int


@dataclass(frozen=True)
class CodeSummary:
    issued: int  # printed and not yet used
    used: int
    cancelled_lost: int
    cancelled_paper: int
    recipients: int

    @property
    def total(self) -> int:
        return self.issued + self.used + self.cancelled_lost + self.cancelled_paper

    @property
    def spares_left(self) -> int:
        """Slips printed beyond those handed out, not yet used, lost or handed in."""
        return max(0, self.issued + self.used + self.cancelled_paper - self.recipients)


def require_secret(vote: Vote) -> None:
    if vote.method is not VoteMethod.secret:
        raise VoteError(
            _("Vote {id} ({title}) is not by secret ballot; voting codes are for secret votes.").format(
                id=vote.id, title=vote.title
            )
        )


def require_open(vote: Vote) -> None:
    if vote.status is not VoteStatus.open:
        raise VoteError(
            _("Vote {id} ({title}) is closed; nothing more can be cast or issued for it.").format(
                id=vote.id, title=vote.title
            )
        )


def hold_ballot_box(session: Session, vote: Vote, *, alone: bool = False) -> None:
    """Before changing an open vote's ballot box (a cast, a slip, a paper batch): make sure the
    vote is open and stays open until this transaction commits.

    On PostgreSQL the vote's row is held in key-share mode until commit, and closing a vote takes
    it for update: a close waits for the changes under way, and a change that comes during a
    close waits for it, then finds the vote closed. ``alone`` (issuing slips, entering paper)
    also keeps two such changes from numbering serials or batches at once, without holding up
    casts. SQLite's write lock, taken when a command starts, already keeps them all apart.
    """
    if session.get_bind().dialect.name == "postgresql":
        # FOR NO KEY UPDATE when alone, else FOR KEY SHARE (SQLAlchemy's spelling of the two).
        status = session.execute(
            select(Vote.status).where(Vote.id == vote.id).with_for_update(read=not alone, key_share=True)
        ).scalar_one()
        if status is not VoteStatus.open:
            session.refresh(vote)
    require_open(vote)


def uses_codes(vote: Vote) -> bool:
    return vote.code_pepper is not None


def code_summary(session: Session, vote: Vote) -> CodeSummary:
    rows = session.execute(
        select(VotingCode.status, VotingCode.cancel_reason, func.count())
        .where(VotingCode.vote_id == vote.id)
        .group_by(VotingCode.status, VotingCode.cancel_reason)
    ).all()
    counts: Counter[tuple[str, str | None]] = Counter()
    for status, reason, count in rows:
        counts[(str(status), str(reason) if reason else None)] += count
    recipients = session.scalar(
        select(func.count()).select_from(SlipRecipient).where(SlipRecipient.vote_id == vote.id)
    )
    return CodeSummary(
        issued=counts[("issued", None)],
        used=counts[("used", None)],
        cancelled_lost=counts[("cancelled", "lost")],
        cancelled_paper=counts[("cancelled", "paper")],
        recipients=recipients or 0,
    )


def _new_codes(session: Session, vote: Vote, count: int, replaces: int | None = None) -> list[PrintedSlip]:
    assert vote.code_pepper is not None
    last = session.scalar(select(func.max(VotingCode.serial)).where(VotingCode.vote_id == vote.id)) or 0
    slips = [
        PrintedSlip(serial=last + offset, code=new_code(), replaces_serial=replaces)
        for offset in range(1, count + 1)
    ]
    session.add_all(
        VotingCode(
            vote_id=vote.id,
            serial=slip.serial,
            code_hash=code_hash(vote.code_pepper, normalize_code(slip.code)),
            status=CodeStatus.issued,
            replaces_serial=replaces,
        )
        for slip in slips
    )
    session.flush()
    return slips


def issue_codes(
    session: Session,
    vote: Vote,
    *,
    entitlements: Sequence[Entitlement],
    spares: int = 0,
    from_spares: bool = False,
    actor: str,
    now: datetime,
) -> IssuedSlips:
    """Issue a slip to every entitled member who has none yet, plus ``spares`` unassigned slips.

    Run again after members arrive, it issues slips to the newcomers only. With ``from_spares``
    the newcomers are recorded as having received spare slips already printed, and no code is
    made: the database then cannot tell which serial they hold, however few they are.
    """
    require_secret(vote)
    hold_ballot_box(session, vote, alone=True)
    if spares < 0:
        raise VoteError(_("The number of spare slips cannot be negative."))
    direct = session.scalar(
        select(func.count()).select_from(VoteParticipation).where(VoteParticipation.vote_id == vote.id)
    )
    if direct:
        raise VoteError(
            _(
                "{count} members have already voted on vote {id} without codes; voting codes must be "
                "issued before the first ballot."
            ).format(count=direct, id=vote.id)
        )
    holders = set(
        session.scalars(select(SlipRecipient.represented_member_id).where(SlipRecipient.vote_id == vote.id))
    )
    newcomers: list[Entitlement] = []
    for entitlement in entitlements:
        if entitlement.represented not in holders:
            holders.add(entitlement.represented)
            newcomers.append(entitlement)
    if from_spares:
        if spares:
            raise VoteError(
                _("Spare slips are either printed (--spares) or handed out (--from-spares), not both.")
            )
        available = code_summary(session, vote).spares_left if uses_codes(vote) else 0
        if not newcomers:
            raise VoteError(
                _("Every member entitled to vote on vote {id} already has a slip.").format(id=vote.id)
            )
        if len(newcomers) > available:
            raise VoteError(
                _(
                    "{count} members need a slip but only {available} spare slips are left; "
                    "print new slips with: coop ballot codes {id} --out slips.pdf"
                ).format(count=len(newcomers), available=available, id=vote.id)
            )
    elif not newcomers and not spares:
        raise VoteError(
            _(
                "Every member entitled to vote on vote {id} already has a slip; to replace a lost one: "
                "coop ballot reissue {id} SERIAL --out slip.pdf"
            ).format(id=vote.id)
        )
    if vote.code_pepper is None:
        vote.code_pepper = secrets.token_hex(32)
        vote.tracker_salt = secrets.token_hex(32)
    slips = [] if from_spares else _new_codes(session, vote, len(newcomers) + spares)
    # Recipients go in a shuffled order, so that neither row order nor ids follow the serials.
    shuffled = list(newcomers)
    secrets.SystemRandom().shuffle(shuffled)
    session.add_all(
        SlipRecipient(
            vote_id=vote.id,
            received_by_member_id=e.received_by,
            represented_member_id=e.represented,
            issued_on=now.date(),
        )
        for e in shuffled
    )
    session.flush()
    data: dict[str, object] = {
        "vote_id": vote.id,
        "recipients": sorted(e.represented for e in newcomers),
        "slips_printed": len(slips),
        "spares": spares,
    }
    if slips:
        data["serials"] = [slips[0].serial, slips[-1].serial]
    if from_spares:
        data["from_spares"] = True
    record_event(session, "coop.ballot.codes_issued", actor=actor, now=now, data=data)
    return IssuedSlips(slips=tuple(slips), recipients=len(newcomers), spares=spares)


def _code_by_serial(session: Session, vote: Vote, serial: int) -> VotingCode:
    code = session.scalar(
        select(VotingCode).where(VotingCode.vote_id == vote.id, VotingCode.serial == serial)
    )
    if code is None:
        raise VoteError(_("Vote {id} has no slip with serial {serial}.").format(id=vote.id, serial=serial))
    return code


def cancel_code(
    session: Session, vote: Vote, *, serial: int, reason: CancelReason, actor: str, now: datetime
) -> VotingCode:
    """Cancel a slip by its serial: lost, or handed in for a paper ballot; its code stops working."""
    require_secret(vote)
    hold_ballot_box(session, vote)
    code = _code_by_serial(session, vote, serial)
    if code.status is CodeStatus.used:
        raise VoteError(
            _("Slip {serial} of vote {id} was already used to vote; it cannot be cancelled.").format(
                serial=serial, id=vote.id
            )
        )
    if code.status is CodeStatus.cancelled:
        raise VoteError(
            _("Slip {serial} of vote {id} is already cancelled.").format(serial=serial, id=vote.id)
        )
    code.status = CodeStatus.cancelled
    code.cancel_reason = reason
    session.flush()
    record_event(
        session,
        "coop.ballot.code_cancelled",
        actor=actor,
        now=now,
        data={"vote_id": vote.id, "serial": serial, "reason": reason.value},
    )
    return code


def reissue_code(session: Session, vote: Vote, *, serial: int, actor: str, now: datetime) -> PrintedSlip:
    """Replace a lost slip: cancel it (if not done yet) and make a new code with the next serial.

    The secretary hands the new slip to whoever signed the lost slip's counterfoil; the database
    learns which serial replaced which, never whose they are.
    """
    require_secret(vote)
    hold_ballot_box(session, vote, alone=True)
    code = _code_by_serial(session, vote, serial)
    if code.status is CodeStatus.issued:
        cancel_code(session, vote, serial=serial, reason=CancelReason.lost, actor=actor, now=now)
    elif code.status is CodeStatus.used:
        raise VoteError(
            _("Slip {serial} of vote {id} was already used to vote; it cannot be replaced.").format(
                serial=serial, id=vote.id
            )
        )
    elif code.cancel_reason is CancelReason.paper:
        raise VoteError(
            _("Slip {serial} of vote {id} was handed in for a paper ballot; it cannot be replaced.").format(
                serial=serial, id=vote.id
            )
        )
    replaced = session.scalar(
        select(VotingCode.serial).where(VotingCode.vote_id == vote.id, VotingCode.replaces_serial == serial)
    )
    if replaced is not None:
        raise VoteError(
            _("Slip {serial} of vote {id} was already replaced by slip {new}.").format(
                serial=serial, id=vote.id, new=replaced
            )
        )
    (slip,) = _new_codes(session, vote, 1, replaces=serial)
    record_event(
        session,
        "coop.ballot.code_reissued",
        actor=actor,
        now=now,
        data={"vote_id": vote.id, "serial": serial, "new_serial": slip.serial},
    )
    return slip


# --- casting ----------------------------------------------------------------------------------


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
    require_secret(vote)
    if not uses_codes(vote):
        raise VoteError(
            _(
                "No voting codes were issued for vote {id}; the secretary issues them with: "
                "coop ballot codes {id} --out slips.pdf"
            ).format(id=vote.id)
        )
    hold_ballot_box(session, vote)
    if (vote.kind is VoteKind.ranked) != (ranking is not None) or (ranking is None and choice is None):
        raise VoteError(_("A ranked vote takes a ranking, a yes/no vote a choice."))
    assert vote.code_pepper is not None and vote.tracker_salt is not None
    hashed = code_hash(vote.code_pepper, normalize_code(code))
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
    stored = json.dumps(list(ranking), ensure_ascii=False) if ranking is not None else None
    ballot_id = random_id()
    session.execute(
        SecretBallot.__table__.insert().values(id=ballot_id, vote_id=vote.id, choice=choice, ranking=stored)
    )
    record_event(session, "coop.ballot.cast", actor=CODE_ACTOR, now=now, data={"vote_id": vote.id})
    return CodeCast(
        vote_id=vote.id,
        tracker=tracker(vote.tracker_salt, ballot_id, choice.value if choice else None, stored),
    )


def _refusal(session: Session, vote: Vote, hashed: str) -> VoteError:
    found = session.execute(
        select(VotingCode.status, VotingCode.cancel_reason).where(
            VotingCode.vote_id == vote.id, VotingCode.code_hash == hashed
        )
    ).first()
    if found is None:
        return VoteError(
            _(
                "This code is not one of the codes of vote {id} ({title}); check the vote number and the "
                "code on your slip."
            ).format(id=vote.id, title=vote.title)
        )
    if found.status is CodeStatus.used:
        return VoteError(
            _(
                "This code has already been used: each code casts one ballot, so nothing was recorded; "
                "if you did not use it, tell the secretary now."
            )
        )
    if found.cancel_reason is CancelReason.paper:
        return VoteError(
            _("This code was handed in for a paper ballot and no longer works; nothing was recorded.")
        )
    return VoteError(
        _(
            "This code was cancelled (its slip was reported lost) and no longer works; nothing was "
            "recorded — ask the secretary for your new slip."
        )
    )


# --- trackers ---------------------------------------------------------------------------------


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
    wanted = normalize_tracker(text)
    trackers = all_trackers(session, vote)
    return TrackerCheck(
        tracker=wanted,
        found=wanted in set(trackers),
        closed=vote.status is VoteStatus.closed,
        ballots=len(trackers),
    )
