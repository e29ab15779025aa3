"""A roll call entered in one go, and a roll-call vote withdrawn by mistake.

A roll call comes from a CSV file (``number,choice`` and an optional ``for`` column for a vote
cast with a proxy; Spanish headings ``número``, ``voto`` or ``opción``, ``en representación de``)
or typed as a list (``0001=sí 0002=no``). Every line goes through the single vote's own checks
(:func:`coop.assemblies.motion_votes.cast_motion_vote`) inside one savepoint: when any line is
refused, every refusal is listed with its line and nothing is recorded.

A roll-call vote recorded by mistake is withdrawn while the vote is open, with a reason: the
ballot is deleted (so that the member may vote again) and the audit chain keeps what it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop import csvfiles
from coop.assemblies.common import motion_label, require_officer, require_open
from coop.assemblies.lifecycle import MotionAction, next_status
from coop.assemblies.models import Motion
from coop.assemblies.motion_votes import CastResult, cast_motion_vote
from coop.audit import record_change
from coop.errors import AssemblyError, CoopError, MemberError, VoteError
from coop.i18n import _, ngettext
from coop.members.actors import Actor, find_member
from coop.members.models import Member
from coop.votes import service as votes
from coop.votes.models import Choice, Vote, VoteMethod, VoteParticipation, VoteStatus

ROLL_CALL_COLUMNS = ("number", "choice", "for")
WITHDRAWN_ACTION = "coop.vote.withdrawn"


@dataclass(frozen=True)
class RollCallLine:
    """One vote of a roll call: where it was given (``line 4``, ``0003=talvez``), by whom, how."""

    where: str
    voter: str
    choice: str
    on_behalf_of: str | None = None


def lines_from_file(
    path: Path, *, dialect: csvfiles.CsvDialect = csvfiles.DETECT
) -> tuple[list[RollCallLine], list[str]]:
    """The roll call a CSV file holds, and the lines it refuses outright (too many cells)."""
    source = path.name
    content = csvfiles.read_file(path, error=VoteError)
    rows, problems = csvfiles.read_rows(
        content, source, ROLL_CALL_COLUMNS, ("number", "choice"), dialect=dialect, error=VoteError
    )
    lines = [
        RollCallLine(
            where=_("line {line}").format(line=row.line),
            voter=row.get("number").lstrip("#"),
            choice=row.get("choice"),
            on_behalf_of=row.get("for").lstrip("#") or None,
        )
        for row in rows
    ]
    return lines, problems


def lines_from_entries(entries: Sequence[str]) -> tuple[list[RollCallLine], list[str]]:
    """The roll call typed as ``NUMBER=CHOICE`` entries, and the entries not written that way."""
    lines: list[RollCallLine] = []
    problems: list[str] = []
    for entry in entries:
        voter, equals, choice = entry.partition("=")
        if not equals or not voter.strip() or not choice.strip():
            problems.append(_("{entry}: write each vote as NUMBER=CHOICE, like 0004=yes").format(entry=entry))
            continue
        lines.append(RollCallLine(where=entry, voter=voter.strip(), choice=choice.strip()))
    return lines, problems


def cast_roll_call(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    motion: Motion,
    lines: Sequence[RollCallLine],
    problems: Sequence[str] = (),
) -> list[CastResult]:
    """Every vote of a roll call recorded, or one VoteError listing every refused line (none recorded).

    Each line is the single vote (same checks, same audit event); ``problems`` found while reading
    head the list of refusals.
    """
    require_open(motion.assembly)
    next_status(motion.status.value, MotionAction.record_vote, motion_label(motion))
    vote = _roll_call_vote(motion)
    if not lines and not problems:
        raise VoteError(_("The roll call has no votes in it; give NUMBER=CHOICE entries or a --file."))
    found = list(problems)
    recorded: list[CastResult] = []
    first_line: dict[int, str] = {}
    with session.begin_nested():  # a refusal rolls back every vote recorded before it
        for line in lines:
            try:
                choice = votes.parse_choice(line.choice)
                represented = _member_or_none(session, line.on_behalf_of or line.voter)
                if represented is not None and represented.id in first_line:
                    raise VoteError(
                        _("{member} is also in the roll call at {other}").format(
                            member=represented.label, other=first_line[represented.id]
                        )
                    )
                recorded.append(_cast(session, actor, now, motion, line, choice))
                if represented is not None:
                    first_line[represented.id] = line.where
            except CoopError as refusal:
                found.append(
                    _("{where}: {reason}").format(where=line.where, reason=refusal.message.rstrip("."))
                )
        if found:
            raise VoteError(_refusal(vote, found))
    return recorded


def _cast(
    session: Session, actor: Actor, now: datetime, motion: Motion, line: RollCallLine, choice: Choice
) -> CastResult:
    return cast_motion_vote(
        session,
        actor=actor,
        now=now,
        motion=motion,
        choice=choice,
        voter=line.voter,
        on_behalf_of=line.on_behalf_of,
    )


def _member_or_none(session: Session, reference: str) -> Member | None:
    """The member a line names, or None (the single vote's checks then say what is wrong)."""
    try:
        return find_member(session, reference)
    except MemberError:
        return None


def _refusal(vote: Vote, problems: Sequence[str]) -> str:
    heading = ngettext(
        "The roll call on '{title}' has {count} refused vote, so no vote was recorded; "
        "correct it and enter the roll call again:",
        "The roll call on '{title}' has {count} refused votes, so no vote was recorded; "
        "correct them and enter the roll call again:",
        len(problems),
    ).format(title=vote.title, count=len(problems))
    return heading + "\n  " + "\n  ".join(problems)


def _roll_call_vote(motion: Motion) -> Vote:
    """The motion's open roll-call vote, or one sentence saying why there is none."""
    vote = motion.vote
    if vote is None:
        raise AssemblyError(
            _("{motion} has no vote open; open it first (coop motion open-vote).").format(
                motion=motion_label(motion)
            )
        )
    if vote.method is not VoteMethod.roll_call:
        raise VoteError(
            _(
                "The vote on {motion} is by {method}, not a roll call; each member's vote is recorded "
                "only in a roll-call vote."
            ).format(motion=motion_label(motion), method=votes.method_label(vote.method))
        )
    return vote


def withdraw_roll_call_vote(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    motion: Motion,
    member: str,
    reason: str,
) -> Member:
    """Withdraw one member's roll-call vote (an officer), so that it can be cast again; audited.

    ``member`` is the member the vote counts for (for a vote cast with a proxy, the giver).
    Returns that member.
    """
    if not reason.strip():
        raise VoteError(_("Say why the vote is withdrawn with --reason; the audit log keeps it."))
    vote = motion.vote
    if vote is not None and vote.status is not VoteStatus.open:
        raise VoteError(
            _("The vote on {motion} is closed; a vote can be withdrawn only while its vote is open.").format(
                motion=motion_label(motion)
            )
        )
    if vote is not None and vote.method is VoteMethod.secret:
        raise VoteError(
            _(
                "The vote on {motion} is secret: a ballot is kept apart from its voter, so it cannot be "
                "withdrawn."
            ).format(motion=motion_label(motion))
        )
    if vote is not None and vote.method is VoteMethod.show_of_hands:
        raise VoteError(
            _(
                "The vote on {motion} is by show of hands: there is no member's vote to withdraw; "
                "enter the tellers' totals again instead."
            ).format(motion=motion_label(motion))
        )
    require_open(motion.assembly)
    require_officer(session, actor, motion.assembly, _("Withdrawing a vote"))
    next_status(motion.status.value, MotionAction.record_vote, motion_label(motion))
    vote = _roll_call_vote(motion)
    if vote.code_pepper is not None:
        raise VoteError(
            _(
                "The votes on {motion} are cast with voting codes; a ballot cast with a code cannot "
                "be withdrawn."
            ).format(motion=motion_label(motion))
        )
    represented = find_member(session, member)
    ballot = session.scalar(
        select(VoteParticipation).where(
            VoteParticipation.vote_id == vote.id, VoteParticipation.represented_member_id == represented.id
        )
    )
    if ballot is None:
        raise VoteError(
            _("{member} has not voted on {motion}; there is no vote to withdraw.").format(
                member=represented.label, motion=motion_label(motion)
            )
        )
    data: dict[str, object] = {
        "motion_id": motion.id,
        "vote_id": vote.id,
        "member_id": represented.id,
        "choice": ballot.choice.value if ballot.choice is not None else None,
        "reason": reason.strip(),
    }
    if ballot.cast_by_member_id != represented.id:
        data["by_proxy_holder_id"] = ballot.cast_by_member_id
    session.delete(ballot)
    session.flush()
    record_change(session, WITHDRAWN_ACTION, actor, now, data)
    return represented
