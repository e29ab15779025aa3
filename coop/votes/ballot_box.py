"""The ballot box of a secret vote: frozen at the close, checked by ``coop audit verify``,
reconciled against the slips, exported in random order for a recount.

At the close the ballots are fixed in the audit chain (``coop.vote.frozen``): how many, a digest
of every ballot (sorted random ids and contents), the count, a fingerprint of who received a
slip or took part, and the voting codes by status. ``coop audit verify`` recomputes all of it,
so editing, deleting or adding a ballot row afterwards is reported, naming the vote; database
triggers refuse such changes in the first place (see the 0006 migration).

The closing transaction first writes every ballot again in a random order (see
:mod:`coop.votes.sealing`), and on PostgreSQL touches the vote's codes, so that neither the physical
order of the rows nor the transaction ids stored with them (``xmin``) still say in which order
ballots were cast or which code cast which.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from coop.audit import AuditEvent, record_event, register_check
from coop.errors import VoteError
from coop.i18n import N_, _, ngettext
from coop.views import View
from coop.votes.codes.returns import slip_account, slip_problems
from coop.votes.codes.slips import code_summary, uses_codes
from coop.votes.codes.symbols import ballot_content
from coop.votes.models import (
    PaperBatch,
    PaperBatchStatus,
    SecretBallot,
    SlipRecipient,
    Vote,
    VoteKind,
    VoteMethod,
    VoteParticipation,
)
from coop.votes.sealing import sealed_count

FROZEN_ACTION = "coop.vote.frozen"

BallotRow = tuple[str, str | None, str | None]  # random id, choice, ranking (as stored)


# --- pure: digests and counts -----------------------------------------------------------------


def ballots_digest(rows: Iterable[BallotRow]) -> str:
    """SHA-256 over every ballot, one ``id<TAB>choice<TAB>ranking`` line each, sorted by id."""
    digest = hashlib.sha256()
    for ballot_id, choice, ranking in sorted(rows):
        digest.update(f"{ballot_id}\t{ballot_content(choice, ranking)}\n".encode())
    return digest.hexdigest()


def ballot_count(rows: Iterable[BallotRow], kind: VoteKind) -> dict[str, int]:
    """What the ballots say, in totals: yes/no/abstain/invalid, or ranked/blank/invalid."""
    if kind is VoteKind.ranked:
        tally: Counter[str] = Counter()
        for _id, _choice, ranking in rows:
            if ranking is None:
                tally["invalid"] += 1
            elif ranking == "[]":
                tally["blank"] += 1
            else:
                tally["ranked"] += 1
        return {key: tally[key] for key in ("ranked", "blank", "invalid")}
    tally = Counter(choice or "invalid" for _id, choice, _ranking in rows)
    return {key: tally[key] for key in ("yes", "no", "abstain", "invalid")}


def voters_digest(lines: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for line in sorted(lines):
        digest.update(f"{line}\n".encode())
    return digest.hexdigest()


# --- reading the box --------------------------------------------------------------------------


def ballot_rows(session: Session, vote_id: int) -> list[BallotRow]:
    rows = session.execute(
        text("SELECT id, choice, ranking FROM secret_ballots WHERE vote_id = :vote ORDER BY id"),
        {"vote": vote_id},
    )
    return [(ballot_id, choice, ranking) for ballot_id, choice, ranking in rows]


def ballots_in_box(session: Session, vote_id: int) -> int:
    """How many ballots a secret vote holds, however they were cast (code, paper or in person),
    sealed to the officer's key while it is open or plain after the close."""
    plain = (
        session.scalar(select(func.count()).select_from(SecretBallot).where(SecretBallot.vote_id == vote_id))
        or 0
    )
    return plain + sealed_count(session, vote_id)


def slips_handed_out(session: Session, vote_id: int) -> tuple[int, int]:
    """Voting slips received (members for themselves, holders for proxies): who was there to vote."""
    rows = session.execute(
        select(SlipRecipient.received_by_member_id, SlipRecipient.represented_member_id).where(
            SlipRecipient.vote_id == vote_id
        )
    ).all()
    in_person = sum(1 for by, represented in rows if by == represented)
    return in_person, len(rows) - in_person


def voter_lines(session: Session, vote_id: int) -> list[str]:
    """Who received a slip (and for whom), and who took part without a code: the voter list."""
    slips = session.execute(
        select(SlipRecipient.received_by_member_id, SlipRecipient.represented_member_id).where(
            SlipRecipient.vote_id == vote_id
        )
    )
    took_part = session.execute(
        select(VoteParticipation.cast_by_member_id, VoteParticipation.represented_member_id).where(
            VoteParticipation.vote_id == vote_id
        )
    )
    return [f"slip\t{by}\t{represented}" for by, represented in slips] + [
        f"took_part\t{by}\t{represented}" for by, represented in took_part
    ]


def code_counts(session: Session, vote: Vote) -> dict[str, int]:
    summary = code_summary(session, vote)
    return {
        "issued": summary.issued,
        "used": summary.used,
        "cancelled_lost": summary.cancelled_lost,
        "cancelled_paper": summary.cancelled_paper,
    }


def pending_batches(session: Session, vote_id: int) -> list[int]:
    return list(
        session.scalars(
            select(PaperBatch.number)
            .where(PaperBatch.vote_id == vote_id, PaperBatch.status == PaperBatchStatus.entered)
            .order_by(PaperBatch.number)
        )
    )


# --- freezing at the close --------------------------------------------------------------------


@dataclass(frozen=True)
class FrozenVote:
    """What the audit chain fixes of a secret vote at its close (the data of coop.vote.frozen)."""

    vote_id: int
    ballots: int
    ballots_digest: str
    count: dict[str, int]
    voters: int
    voters_digest: str
    codes: dict[str, int]


def snapshot(session: Session, vote: Vote) -> FrozenVote:
    rows = ballot_rows(session, vote.id)
    voters = voter_lines(session, vote.id)
    return FrozenVote(
        vote_id=vote.id,
        ballots=len(rows),
        ballots_digest=ballots_digest(rows),
        count=ballot_count(rows, vote.kind),
        voters=len(voters),
        voters_digest=voters_digest(voters),
        codes=code_counts(session, vote),
    )


def _touch_codes(session: Session, vote: Vote) -> None:
    """PostgreSQL stamps each row with the transaction that wrote it: write the vote's codes again
    in the closing transaction, so that their ``xmin`` no longer says which code cast when. (The
    ballots were written again in random order by :func:`coop.votes.sealing.open_ballot_box`.)"""
    session.flush()
    # Through the owner's function: no login may update voting_codes (see coop.access.privileges).
    session.execute(text("SELECT coop_touch_codes(:vote)"), {"vote": vote.id})


def lock_ballot_box(session: Session, vote: Vote) -> None:
    """Call first when closing a vote: on PostgreSQL, take the vote's row for update, so that the
    count waits for every cast, slip or paper batch under way (each holds the row in key-share
    mode until it commits) and none lands after it. SQLite's write lock already does this."""
    if vote.method is VoteMethod.secret and session.get_bind().dialect.name == "postgresql":
        session.execute(select(Vote.id).where(Vote.id == vote.id).with_for_update())


def freeze_vote(session: Session, *, vote: Vote, actor: str, now: datetime) -> FrozenVote | None:
    """Fix a secret vote's ballot box in the audit chain; call it in the closing transaction,
    while the vote is still open (the triggers protect the ballots of a closed vote).

    Returns None for a vote that is not secret. A batch of paper ballots still being entered
    stops the close: every ballot the tellers hold is counted, or deliberately set aside.
    """
    if vote.method is not VoteMethod.secret:
        return None
    pending = pending_batches(session, vote.id)
    if pending:
        raise VoteError(
            _(
                "Batch {number} of paper ballots for vote {id} is entered but not accepted; accept it "
                "(coop ballot paper accept {id} --batch {number}) or set it aside (coop ballot paper "
                "discard) before the close."
            ).format(number=pending[0], id=vote.id)
        )
    if session.get_bind().dialect.name == "postgresql":
        _touch_codes(session, vote)
    frozen = snapshot(session, vote)
    record_event(session, FROZEN_ACTION, actor=actor, now=now, data=asdict(frozen))
    return frozen


def frozen_record(session: Session, vote_id: int) -> dict | None:
    """What the audit chain fixed for this vote at its close, or None if it was never frozen."""
    events = session.scalars(select(AuditEvent.data).where(AuditEvent.action == FROZEN_ACTION))
    for data in events:
        record = json.loads(data)
        if record.get("vote_id") == vote_id:
            return record
    return None


def check_frozen_votes(session: Session) -> list[str]:
    """Recompute every frozen vote; one sentence per vote whose ballots or voters changed."""
    problems: list[str] = []
    for data in session.scalars(select(AuditEvent.data).where(AuditEvent.action == FROZEN_ACTION)):
        record = json.loads(data)
        vote = session.get(Vote, record.get("vote_id"))
        if vote is None:
            problems.append(
                _("vote {id} was frozen at its close but is no longer in the database").format(
                    id=record.get("vote_id")
                )
            )
            continue
        problems.extend(_differences(record, snapshot(session, vote), vote))
    return problems


def _differences(record: dict, now: FrozenVote, vote: Vote) -> list[str]:
    name = _("vote {id} ({title})").format(id=vote.id, title=vote.title)
    problems: list[str] = []
    before = int(record.get("ballots", -1))
    if now.ballots > before:
        problems.append(
            ngettext(
                "{vote}: {count} ballot was added after the close ({now} now, {then} when frozen)",
                "{vote}: {count} ballots were added after the close ({now} now, {then} when frozen)",
                now.ballots - before,
            ).format(vote=name, count=now.ballots - before, now=now.ballots, then=before)
        )
    elif now.ballots < before:
        problems.append(
            ngettext(
                "{vote}: {count} ballot was deleted after the close ({now} now, {then} when frozen)",
                "{vote}: {count} ballots were deleted after the close ({now} now, {then} when frozen)",
                before - now.ballots,
            ).format(vote=name, count=before - now.ballots, now=now.ballots, then=before)
        )
    elif now.ballots_digest != record.get("ballots_digest"):
        problems.append(_("{vote}: a ballot was edited or replaced after the close").format(vote=name))
    if now.voters_digest != record.get("voters_digest"):
        problems.append(
            _("{vote}: the list of who received a slip or took part changed after the close").format(
                vote=name
            )
        )
    if now.codes != record.get("codes"):
        problems.append(_("{vote}: its voting codes changed after the close").format(vote=name))
    return problems


# --- reconciliation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reconciliation(View):
    """Whether a secret vote's ballots add up, as ``coop ballot reconcile`` shows it; its problems
    are sentences already in the reader's language."""

    headings: ClassVar[Mapping[str, str]] = {
        "vote_id": N_("Vote"),
        "eligible": N_("Eligible voters"),
        "slips_issued": N_("Slips issued"),
        "codes_printed": N_("Codes printed"),
        "codes_used": N_("Codes used"),
        "codes_unused": N_("Codes unused"),
        "codes_cancelled_lost": N_("Codes cancelled (lost)"),
        "codes_cancelled_paper": N_("Codes cancelled (paper ballot)"),
        "spares_left": N_("Spare slips left"),
        "slips_returned": N_("Slips returned unused"),
        "slips_unaccounted": N_("Slips unaccounted for"),
        "slips_contradicted": N_("Returned unused but used to vote"),
        "ballots": N_("Ballots"),
        "ballots_by_code": N_("Ballots cast with a code"),
        "paper_ballots": N_("Paper ballots"),
        "paper_batches_accepted": N_("Paper batches accepted"),
        "paper_batches_pending": N_("Paper batches pending"),
        "took_part_without_code": N_("Voted without a code"),
        "problems": N_("Problems"),
        "balanced": N_("The ballots add up"),
    }

    vote_id: int
    eligible: int
    slips_issued: int
    codes_printed: int
    codes_used: int
    codes_unused: int
    codes_cancelled_lost: int
    codes_cancelled_paper: int
    spares_left: int
    # The tellers' account of the printed slips (see coop.votes.codes.returns).
    slips_returned: int
    slips_unaccounted: tuple[int, ...]
    slips_contradicted: tuple[int, ...]
    ballots: int
    ballots_by_code: int
    paper_ballots: int
    paper_batches_accepted: int
    paper_batches_pending: tuple[int, ...]
    took_part_without_code: int
    problems: tuple[str, ...]
    balanced: bool


def reconcile(session: Session, vote: Vote) -> Reconciliation:
    """Do the ballots add up? Ballots cast with codes against codes used, paper ballots against
    slips handed in for them, everything against who could vote."""
    batches = list(session.scalars(select(PaperBatch).where(PaperBatch.vote_id == vote.id)))
    paper = sum(b.ballots or 0 for b in batches if b.status is PaperBatchStatus.accepted)
    direct = (
        session.scalar(
            select(func.count()).select_from(VoteParticipation).where(VoteParticipation.vote_id == vote.id)
        )
        or 0
    )
    ballots = ballots_in_box(session, vote.id)
    codes = code_summary(session, vote)
    eligible = max(vote.quorum_present + vote.quorum_proxies, codes.recipients)
    by_code = ballots - paper - direct
    problems: list[str] = []
    slips = slip_account(session, vote) if uses_codes(vote) else None
    if by_code != codes.used:
        problems.append(
            ngettext(
                "{ballots} ballot is in the box but codes, paper batches and members voting in person "
                "account for {expected}",
                "{ballots} ballots are in the box but codes, paper batches and members voting in person "
                "account for {expected}",
                ballots,
            ).format(ballots=ballots, expected=codes.used + paper + direct)
        )
    if codes.used > codes.recipients and uses_codes(vote):
        problems.append(
            ngettext(
                "{used} codes were used but only {recipients} member is recorded as having received a "
                "slip; record latecomers given spare slips with: coop ballot codes {id} --from-spares",
                "{used} codes were used but only {recipients} members are recorded as having received a "
                "slip; record latecomers given spare slips with: coop ballot codes {id} --from-spares",
                codes.recipients,
            ).format(used=codes.used, recipients=codes.recipients, id=vote.id)
        )
    if uses_codes(vote) and paper > codes.cancelled_paper:
        problems.append(
            ngettext(
                "{paper} paper ballot was accepted but only {handed} handed in for paper "
                "ballots (coop ballot cancel {id} SERIAL --paper)",
                "{paper} paper ballots were accepted but only {handed} handed in for paper "
                "ballots (coop ballot cancel {id} SERIAL --paper)",
                paper,
            ).format(
                paper=paper,
                handed=ngettext("{count} slip was", "{count} slips were", codes.cancelled_paper).format(
                    count=codes.cancelled_paper
                ),
                id=vote.id,
            )
        )
    if ballots > eligible:
        problems.append(
            ngettext(
                "{ballots} ballots are in the box but only {eligible} member could vote",
                "{ballots} ballots are in the box but only {eligible} members could vote",
                eligible,
            ).format(ballots=ballots, eligible=eligible)
        )
    if slips is not None:
        problems.extend(slip_problems(slips, vote.id))
    return Reconciliation(
        vote_id=vote.id,
        eligible=eligible,
        slips_issued=codes.recipients,
        codes_printed=codes.total,
        codes_used=codes.used,
        codes_unused=codes.issued,
        codes_cancelled_lost=codes.cancelled_lost,
        codes_cancelled_paper=codes.cancelled_paper,
        spares_left=codes.spares_left,
        ballots=ballots,
        ballots_by_code=by_code,
        paper_ballots=paper,
        paper_batches_accepted=sum(1 for b in batches if b.status is PaperBatchStatus.accepted),
        paper_batches_pending=tuple(
            sorted(b.number for b in batches if b.status is PaperBatchStatus.entered)
        ),
        took_part_without_code=direct,
        problems=tuple(problems),
        slips_returned=slips.returned if slips else 0,
        slips_unaccounted=slips.unaccounted if slips else (),
        slips_contradicted=slips.contradicted if slips else (),
        balanced=not problems,
    )


# --- export -----------------------------------------------------------------------------------


def shuffled_choices(session: Session, vote: Vote) -> list[str]:
    """The choices of a yes/no vote in random order (``invalid`` for a spoiled ballot)."""
    choices = [choice or "invalid" for _id, choice, _ranking in ballot_rows(session, vote.id)]
    secrets.SystemRandom().shuffle(choices)
    return choices


def write_choices_csv(path: Path, choices: Sequence[str]) -> None:
    """A ``choice`` column, one ballot per line, written atomically like every ballot file."""
    from coop.votes.ballot_files.common import write_atomically

    write_atomically(path, ["choice\n", *(f"{choice}\n" for choice in choices)])


register_check(check_frozen_votes)
