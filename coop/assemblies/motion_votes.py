"""The vote on a motion: open it (quorum checked and stored with it), cast a vote in person or by
proxy, enter the tellers' count of a show of hands, and close it: count, decide under the bylaws'
rule, move the motion and tell the other domains (``motion.decided`` in :mod:`coop.events`; the
minutes a motion approves react there, in :mod:`.minutes_approval`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from coop import events
from coop.assemblies.attendance import present_member_ids, require_proxy
from coop.assemblies.common import PENDING, acting_member, motion_label, require_officer, require_open
from coop.assemblies.lifecycle import MotionAction, next_status
from coop.assemblies.meetings import current_quorum
from coop.assemblies.models import Assembly, Motion, MotionStatus
from coop.assemblies.moments import (
    Moment,
    entered_after_the_fact,
    moment_of,
    refuse_before,
    refuse_future,
    with_time,
)
from coop.assemblies.motion_record import record_motion_close
from coop.assemblies.motions import transition
from coop.audit import record_change, record_event
from coop.errors import AssemblyError, VoteError
from coop.i18n import _, for_the_record, ngettext
from coop.keys.material import OpenedKey
from coop.members.actors import Actor, find_member
from coop.members.bylaws_record import bylaws_in_force
from coop.members.register import count_active_members
from coop.votes import service as votes
from coop.votes.ballot_box import freeze_vote, lock_ballot_box, slips_handed_out
from coop.votes.codes.returns import certify_slips, unbalanced_record
from coop.votes.codes.symbols import SECRET_CAST_ACTOR
from coop.votes.models import Choice, Vote, VoteMethod
from coop.votes.sealing import open_ballot_box
from coop.votes.thresholds import Decision, DecisionRule, VoteContext, decide
from coop.votes.thresholds import Objection as ObjectionInput


def _needs_seconding(session: Session, motion: Motion) -> bool:
    if _rule_for(session, motion.kind)[0] == DecisionRule.CONSENT or motion.kind == "minutes_approval":
        return False
    return bylaws_in_force(session)["motion.seconding_required"].value == "yes"


def _rule_for(session: Session, kind: str) -> tuple[DecisionRule, str | None]:
    bylaw = bylaws_in_force(session)[f"threshold.{kind}"]
    return DecisionRule(bylaw.value), bylaw.article


def open_motion_vote(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    motion: Motion,
    method: VoteMethod | None = None,
    at: Moment | None = None,
) -> Motion:
    """Open the vote, now or at ``at`` (a time on the assembly's day); the quorum is counted from
    the attendance record at that moment and stored with the vote."""
    assembly = motion.assembly
    require_open(assembly)
    require_officer(session, actor, assembly, _("Opening a vote"))
    opened_at = moment_of(assembly, at, now)
    refuse_future(opened_at, now, _("vote opening"))
    if at is not None and assembly.opened_at is not None:  # a time typed from the notes
        refuse_before(opened_at, assembly.opened_at, _("vote opening"), _("the opening"))
    next_status(motion.status.value, MotionAction.open_vote, motion_label(motion))
    if motion.status is MotionStatus.proposed and _needs_seconding(session, motion):
        raise AssemblyError(
            _(
                "{motion} has not been seconded; the bylaws require a seconder before the vote "
                "(coop motion second)."
            ).format(motion=motion_label(motion))
        )
    pending = [a for a in motion.amendments if a.status in PENDING or a.status is MotionStatus.postponed]
    if pending:
        raise AssemblyError(
            _("{amendment} is still pending; amendments are decided before their motion.").format(
                amendment=motion_label(pending[0])
            )
        )
    rule, article = _rule_for(session, motion.kind)
    if rule is DecisionRule.CONSENT:
        method = VoteMethod.consent
    elif method is None or method is VoteMethod.consent:
        raise AssemblyError(_("Say how the assembly votes: --method roll-call, secret or show-of-hands."))
    # Stored with the vote and printed in the minutes: worded in the cooperative's language.
    counted_at = None if at is None else opened_at
    with for_the_record(session):
        quorum = current_quorum(session, assembly, counted_at)
        title = motion_label(motion)
    if not quorum.met:
        # Told to whoever opens the vote: the same check, in their language.
        raise AssemblyError(
            _("The vote cannot open: {quorum}").format(
                quorum=current_quorum(session, assembly, counted_at).explanation
            )
        )
    vote = votes.open_vote(
        session,
        title=title,
        method=method,
        rule=rule.value,
        tie_rule=bylaws_in_force(session)["tie_rule"].value,
        article=article,
        quorum=quorum,
        active_members=count_active_members(session),
        now=opened_at,
    )
    motion.vote_id = vote.id
    transition(
        session,
        motion,
        MotionAction.open_vote,
        actor=actor,
        now=now,
        data=with_time(
            {
                "vote_id": vote.id,
                "method": method.value,
                "rule": rule.value,
                "quorum": {
                    "present": quorum.present,
                    "proxies": quorum.proxies_represented,
                    "required": quorum.required,
                    "met": quorum.met,
                    "at_second_call": quorum.at_second_call,
                },
            },
            opened_at,
            now,
        ),
    )
    return motion


@dataclass(frozen=True)
class CastResult:
    voter: str
    on_behalf_of: str | None
    secret: bool


def cast_motion_vote(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    motion: Motion,
    choice: Choice,
    voter: str | None = None,
    on_behalf_of: str | None = None,
) -> CastResult:
    """One member's vote, in person or for the absent member whose proxy they hold."""
    assembly = motion.assembly
    require_open(assembly)
    next_status(motion.status.value, MotionAction.record_vote, motion_label(motion))
    vote = motion.vote
    assert vote is not None  # a motion being voted on always has its vote
    member = acting_member(session, actor, voter, assembly, _("Recording a vote"))
    if vote.method is VoteMethod.secret and (actor.member is None or actor.member.id != member.id):
        raise VoteError(
            _("In a secret vote each member casts their own ballot: run the command --as yourself.")
        )
    if member.id not in _may_vote_in_person(assembly, vote, now):
        raise VoteError(
            _("{member} is not recorded as present, so cannot vote; record the arrival first.").format(
                member=member.label
            )
        )
    represented = member
    if on_behalf_of is not None:
        represented = find_member(session, on_behalf_of)
        require_proxy(assembly, member, represented)
    votes.record_choice(
        session,
        vote,
        represented_member_id=represented.id,
        cast_by_member_id=member.id,
        choice=choice,
        voter_label=represented.label,
    )
    if vote.method is VoteMethod.secret:
        # Only that a ballot went in: who took part is in vote_participation (fixed at the close), and
        # an audit row naming the voter, stamped to the microsecond, is one more clue to pair with
        # the ballots' order, so it names no one.
        record_event(
            session,
            "coop.vote.cast",
            actor=SECRET_CAST_ACTOR,
            now=now,
            data={"motion_id": motion.id, "vote_id": vote.id},
        )
    else:
        data = {"motion_id": motion.id, "vote_id": vote.id, "member_id": represented.id}
        if vote.method is VoteMethod.roll_call:
            data["choice"] = choice.value
        if represented.id != member.id:
            data["by_proxy_holder_id"] = member.id
        record_change(session, "coop.vote.cast", actor, now, data)
    return CastResult(
        voter=member.label,
        on_behalf_of=represented.label if represented.id != member.id else None,
        secret=vote.method is VoteMethod.secret,
    )


def _may_vote_in_person(assembly: Assembly, vote: Vote, now: datetime) -> set[int]:
    """Members who may cast a vote: those in the room now; for a vote entered after the fact from
    the notes, anyone the record has in the room at some moment since the vote opened (their
    departure may have been typed before their vote)."""
    present = present_member_ids(assembly)
    if entered_after_the_fact(vote.opened_at, now):
        present |= {
            stay.member_id
            for stay in assembly.attendance
            if stay.arrived_at <= now and (stay.left_at is None or stay.left_at > vote.opened_at)
        }
    return present


def _officer_step(session: Session, actor: Actor, motion: Motion, action: MotionAction, doing: str) -> Vote:
    """What an officer's step in a motion's vote checks first: the assembly is open, an officer acts,
    the motion allows ``action``; the motion's vote."""
    require_open(motion.assembly)
    require_officer(session, actor, motion.assembly, doing)
    next_status(motion.status.value, action, motion_label(motion))
    vote = motion.vote
    assert vote is not None  # a motion being voted on always has its vote
    return vote


def enter_hand_count(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    motion: Motion,
    yes: int,
    no: int,
    abstain: int,
    tellers: str | None = None,
) -> Motion:
    vote = _officer_step(session, actor, motion, MotionAction.record_vote, _("Entering the tellers' count"))
    eligible = vote.quorum_present + vote.quorum_proxies
    votes.enter_hand_count(
        session, vote, yes=yes, no=no, abstain=abstain, tellers=tellers or actor.label, eligible=eligible
    )
    record_change(
        session,
        "coop.vote.hand_counted",
        actor,
        now,
        {
            "motion_id": motion.id,
            "vote_id": vote.id,
            "yes": yes,
            "no": no,
            "abstain": abstain,
            "tellers": vote.hand_counted_by,
        },
    )
    return motion


def _refuse_missing_ballots(motion: Motion, vote: Vote, ballots: int, codes_handed_out: int) -> None:
    if vote.method not in (VoteMethod.secret, VoteMethod.roll_call):
        return  # a show of hands is counted by the tellers; consent has no ballots
    if ballots == 0:
        raise AssemblyError(
            _(
                "No ballot was cast in the vote on {motion}; if that is what happened, close it "
                "again with --confirm-empty, and the minutes will say that no ballot was cast."
            ).format(motion=motion_label(motion))
        )
    if ballots < codes_handed_out:
        # here ballots >= 1, so at least two codes were handed out
        cast = ngettext("only {ballots} ballot was cast", "only {ballots} ballots were cast", ballots)
        raise AssemblyError(
            _(
                "{codes} voting codes were handed out for {motion}, but {cast}; if the others did "
                "not vote, close it again with --confirm-empty."
            ).format(codes=codes_handed_out, motion=motion_label(motion), cast=cast.format(ballots=ballots))
        )


def attendance_at_vote(session: Session, vote: Vote) -> tuple[int, int]:
    """Those present at a vote: (members in the room, absent members represented by proxy).

    The room when the vote opened, plus anyone who arrived and voted since (or, with voting codes,
    who arrived and received a slip). The minutes recount it the same way from the same record.
    """
    slips_in_person, slips_by_proxy = slips_handed_out(session, vote.id)
    in_room = max(
        vote.quorum_present,
        votes.participation_count(session, vote) - vote.quorum_proxies,
        slips_in_person,
    )
    return in_room, max(vote.quorum_proxies, slips_by_proxy)


def close_motion_vote(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    motion: Motion,
    casting_vote: str | None = None,
    confirm_empty: bool = False,
    at: Moment | None = None,
    slips_unbalanced: str | None = None,
    officer_key: OpenedKey | None = None,
) -> Decision:
    """Count, decide under the bylaws' rule, and move the motion.

    A secret vote whose ballots are sealed closes only with ``officer_key``, the returning
    officer's opened key they were sealed to (see :mod:`coop.votes.sealing`).

    An adopted amendment also rewrites its main motion's final text. A roll-call or secret vote
    that received no ballot, or a coded vote with fewer ballots than voting codes handed out,
    closes only with ``confirm_empty``: an empty box is more often a mistake than a decision.
    ``at`` is when the vote closed (a time on the assembly's day), if not now. A coded vote whose
    slips do not balance closes only with ``slips_unbalanced``, the reason the minutes print.
    """
    vote = _officer_step(session, actor, motion, MotionAction.close, _("Closing a vote"))
    closed_at = moment_of(motion.assembly, at, now)
    refuse_future(closed_at, now, _("vote closing"))
    if at is not None:  # a time typed from the notes
        refuse_before(closed_at, vote.opened_at, _("vote closing"), _("the opening of its vote"))
    lock_ballot_box(session, vote)  # no ballot lands while the vote is counted and frozen
    # The count is certified only when every printed slip is accounted for (or the reason is given).
    slips = certify_slips(session, vote, unbalanced_reason=slips_unbalanced)
    open_ballot_box(session, vote, officer_key)  # sealed ballots opened, every ballot shuffled
    count = votes.count_votes(session, vote)
    if not confirm_empty:
        _refuse_missing_ballots(motion, vote, count.total, sum(slips_handed_out(session, vote.id)))
    in_room, by_proxy = attendance_at_vote(session, vote)
    context = VoteContext(
        present=in_room,
        active_members=vote.active_members,
        proxies_represented=by_proxy,
        proxies_count=True,
    )
    objections = [
        ObjectionInput(by=o.member.label, reason=o.reason, status=o.status.value) for o in motion.objections
    ]

    def decision_now() -> Decision:
        return decide(
            vote.rule,
            count,
            context,
            tie_rule=vote.tie_rule,
            casting_vote=casting_vote,
            objections=objections,
            article=vote.article,
        )

    decision = decision_now()  # told to whoever closes the vote, in their language
    with for_the_record(session):
        recorded = decision_now()  # kept with the vote and printed in the minutes
    # A secret ballot box is fixed in the audit chain while the vote is still open.
    freeze_vote(session, vote=vote, actor=actor.label, now=now)
    votes.close_vote(vote, count, recorded, closed_at)
    motion.status = MotionStatus.adopted if decision.adopted else MotionStatus.rejected
    if decision.adopted and motion.parent is not None:
        motion.parent.final_text = motion.text
    record_motion_close(session, motion=motion, actor=actor, now=now)  # what decided, in the audit chain
    record_change(
        session,
        "coop.motion.closed",
        actor,
        now,
        with_time(
            {
                "motion_id": motion.id,
                "vote_id": vote.id,
                "yes": count.yes,
                "no": count.no,
                "abstain": count.abstain,
                "rule": vote.rule,
                "required": decision.required,
                "adopted": decision.adopted,
                "explanation": recorded.explanation,  # the record's words, as the minutes print them
                "confirmed_missing_ballots": confirm_empty,
            }
            | unbalanced_record(slips, slips_unbalanced),
            closed_at,
            now,
            assembly_id=motion.assembly_id,
        ),
    )
    events.emit(
        "motion.decided", session=session, motion=motion, adopted=decision.adopted, actor=actor, now=now
    )
    return decision
