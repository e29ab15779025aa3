"""Who receives a slip, and issuing, cancelling and reissuing the slips of a secret vote."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, load_only

from coop.audit import record_event
from coop.errors import VoteError
from coop.i18n import _, ngettext
from coop.votes.codes.symbols import code_hash, new_code, normalize_code
from coop.votes.models import (
    CancelReason,
    CodeStatus,
    SlipRecipient,
    Vote,
    VoteMethod,
    VoteParticipation,
    VoteStatus,
    VotingCode,
)


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
        # FOR NO KEY UPDATE when alone, else FOR KEY SHARE, taken by the owner's function
        # coop_hold_vote: a teller's login may not lock rows of votes itself.
        status = session.scalar(
            text("SELECT coop_hold_vote(:vote, :alone)"), {"vote": vote.id, "alone": alone}
        )
        if status != VoteStatus.open.value:
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
            ngettext(
                "{count} member has already voted on vote {id} without codes; voting codes must be "
                "issued before the first ballot.",
                "{count} members have already voted on vote {id} without codes; voting codes must be "
                "issued before the first ballot.",
                direct,
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
                ngettext(
                    "{count} member needs a slip but only {available} left; "
                    "print new slips with: coop ballot codes {id} --out slips.pdf",
                    "{count} members need a slip but only {available} left; "
                    "print new slips with: coop ballot codes {id} --out slips.pdf",
                    len(newcomers),
                ).format(
                    count=len(newcomers),
                    available=ngettext("{count} spare slip is", "{count} spare slips are", available).format(
                        count=available
                    ),
                    id=vote.id,
                )
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


READABLE_COLUMNS = (
    VotingCode.id,
    VotingCode.vote_id,
    VotingCode.serial,
    VotingCode.status,
    VotingCode.cancel_reason,
    VotingCode.replaces_serial,
)


def _code_by_serial(session: Session, vote: Vote, serial: int) -> VotingCode:
    code = session.scalar(
        select(VotingCode)
        .options(load_only(*READABLE_COLUMNS))  # on PostgreSQL no login may read code_hash
        .where(VotingCode.vote_id == vote.id, VotingCode.serial == serial)
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
    if session.get_bind().dialect.name == "postgresql":
        # No login may update a code: the owner's coop_cancel_code only sets issued -> cancelled.
        outcome = session.scalar(
            text("SELECT coop_cancel_code(:vote, :serial, :reason)"),
            {"vote": vote.id, "serial": serial, "reason": reason.value},
        )
        session.refresh(code, ["status", "cancel_reason"])
        if outcome != "cancelled":  # used or cancelled meanwhile, or the vote closed: say which
            session.refresh(vote)
            require_open(vote)
            return cancel_code(session, vote, serial=serial, reason=reason, actor=actor, now=now)
    else:
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
