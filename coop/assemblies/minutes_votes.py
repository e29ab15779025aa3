"""What the minutes print of one vote: its quorum, result line, ballots and objections (see
:mod:`coop.assemblies.minutes`)."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from coop import vocabulary
from coop.assemblies.models import (
    Motion,
    ObjectionStatus,
)
from coop.assemblies.motion_votes import attendance_at_vote
from coop.formatting import format_time
from coop.i18n import _, ngettext
from coop.members.bylaws import decision_rule_title
from coop.reports import minutes_model as mm
from coop.votes import service as votes
from coop.votes.ballot_box import slips_handed_out
from coop.votes.models import Vote, VoteMethod

T = TypeVar("T")


def _quorum_line(vote: Vote) -> mm.QuorumLine:
    return mm.QuorumLine(
        statement=vote.quorum_statement,
        present=vote.quorum_present,
        proxies_counted=vote.quorum_proxies if vote.quorum_proxies_counted else 0,
        required=vote.quorum_required,
        met=vote.quorum_met,
        at_second_call=vote.quorum_at_second_call,
    )


def _basis_phrase(session: Session, vote: Vote) -> str:
    n = vote.basis_count or 0
    if vote.basis == "votes_cast":
        return ngettext("{n} vote cast", "{n} votes cast", n).format(n=n)
    if vote.basis == "present":
        present = ngettext("{n} member present", "{n} members present", n).format(n=n)
        in_room, by_proxy = attendance_at_vote(session, vote)
        if by_proxy and in_room + by_proxy == n:
            # Beside "17 members attended", a bare "20 present" reads as a mistake: say who is who.
            return _("{present} ({in_person} in person and {by_proxy} by proxy)").format(
                present=present, in_person=in_room, by_proxy=by_proxy
            )
        return present
    if vote.basis == "members":
        return ngettext("{n} active member", "{n} active members", n).format(n=n)
    if vote.basis == "objections":
        return ngettext("{n} objection standing", "{n} objections standing", n).format(n=n)
    return str(n)


def _roll_call_name(entry: votes.RollCallEntry, names: dict[int, str]) -> str:
    """The voter as the roll call names them: a vote cast with a proxy says for whom."""
    represented = names.get(entry.member_id, "?")
    if entry.cast_by_member_id == entry.member_id:
        return represented
    return _("{holder} by proxy for {giver}").format(
        holder=names.get(entry.cast_by_member_id, "?"), giver=represented
    )


def _vote_line(session: Session, vote: Vote | None, names: dict[int, str]) -> mm.VoteResultLine | None:
    if vote is None or vote.closed_at is None:
        return None
    roll = tuple(
        (_roll_call_name(entry, names), entry.choice.value) for entry in votes.roll_call(session, vote)
    )
    return mm.VoteResultLine(
        method=vocabulary.label(vote.method),
        yes=vote.yes_count or 0,
        no=vote.no_count or 0,
        abstain=vote.abstain_count or 0,
        rule=decision_rule_title(vote.rule),
        required=vote.required or 0,
        basis=_basis_phrase(session, vote),
        adopted=bool(vote.adopted),
        result=_("Adopted") if vote.adopted else _("Not adopted"),
        explanation=vote.explanation or "",
        article=vote.article,
        quorum=_quorum_line(vote),
        opened_at=format_time(vote.opened_at),
        closed_at=format_time(vote.closed_at),
        roll_call=roll,
        ballots=_ballots_sentence(session, vote),
    )


def _ballots_sentence(session: Session, vote: Vote) -> str | None:
    """How many ballots the box received, said in the minutes even when it is none."""
    if vote.method not in (VoteMethod.secret, VoteMethod.roll_call):
        return None
    ballots = (vote.yes_count or 0) + (vote.no_count or 0) + (vote.abstain_count or 0)
    if vote.method is VoteMethod.roll_call:
        return ngettext(
            "{count} vote recorded in the roll call.", "{count} votes recorded in the roll call.", ballots
        ).format(count=ballots)
    cast = ngettext("{count} ballot cast", "{count} ballots cast", ballots).format(count=ballots)
    codes = sum(slips_handed_out(session, vote.id))
    if not codes:
        return _("{ballots}.").format(ballots=cast)
    handed_out = ngettext(
        "of {count} voting code handed out", "of {count} voting codes handed out", codes
    ).format(count=codes)
    sentence = _("{ballots} ({handed_out}).").format(ballots=cast, handed_out=handed_out)
    note = slips_note(vote)
    return f"{sentence} {note}" if note else sentence


def slips_note(vote: Vote | None) -> str | None:
    """The secretary's reason for certifying a count whose voting slips did not balance."""
    if vote is None or not vote.slips_unbalanced:
        return None
    return _(
        "The voting slips did not balance when the count was certified; the secretary's reason: {reason}"
    ).format(reason=vote.slips_unbalanced)


def _objections(motion: Motion) -> tuple[mm.ObjectionLine, ...]:
    lines = []
    for objection in motion.objections:
        if objection.status is ObjectionStatus.open:
            status = _("stands")
        elif objection.status is ObjectionStatus.withdrawn:
            status = _("withdrawn: {how}").format(how=objection.resolution)
        else:
            status = _("resolved: {how}").format(how=objection.resolution)
        lines.append(mm.ObjectionLine(member=objection.member.label, reason=objection.reason, status=status))
    return tuple(lines)
