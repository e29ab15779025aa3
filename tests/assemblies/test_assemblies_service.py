"""Assemblies and motions on SQLite and PostgreSQL: quorum, proxies, lifecycle, decisions, minutes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from coop.assemblies import attendance, meetings, motion_votes, motions, objections
from coop.assemblies.minutes import build_minutes, minutes_for_print
from coop.assemblies.models import MinutesStatus, Motion, MotionStatus, Objection
from coop.audit import AuditEvent
from coop.errors import AssemblyError, VoteError
from coop.members.actors import find_member
from coop.members.bylaws_record import set_bylaw
from coop.members.register import deactivate_member
from coop.votes.models import Choice, SecretBallot, VoteMethod, VoteParticipation
from tests.factories.context import member_actor
from tests.factories.meetings import Meeting, numbers, open_assembly, propose


def _cast_for(meeting: Meeting, motion: Motion, choice: Choice, giver: str) -> None:
    """0010 votes for ``giver``, whose proxy they may or may not hold."""
    meeting.ctx(motion_votes.cast_motion_vote, motion=motion, choice=choice, voter="0010", on_behalf_of=giver)


def _object(meeting: Meeting, motion: Motion, member: str, reason: str) -> Objection:
    return meeting.ctx(objections.raise_objection, motion=motion, reason=reason, member=member)


def _audit_count(meeting: Meeting) -> int:
    return meeting.session.scalar(select(func.count(AuditEvent.seq))) or 0


def test_vote_refused_without_quorum_says_how_many_more(meeting: Meeting) -> None:
    meeting.attend(*range(1, 20))  # 19 of 45; majority quorum is 23
    motion = meeting.motion()
    with pytest.raises(AssemblyError, match="Quorum not reached: 19 present, 23 required; 4 more members"):
        meeting.open_vote(motion)
    assert motion.status is MotionStatus.seconded and motion.vote_id is None


def test_quorum_recorded_with_the_vote(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    meeting.grant_proxy(40, 10)
    motion = meeting.motion()
    meeting.open_vote(motion)
    vote = motion.vote
    assert vote is not None
    assert (vote.quorum_present, vote.quorum_proxies, vote.quorum_required, vote.quorum_met) == (
        30,
        1,
        23,
        True,
    )
    assert vote.quorum_proxies_counted is False


def test_proxy_cap_and_revocation_on_arrival(meeting: Meeting) -> None:
    meeting.attend(*range(1, 25))
    meeting.grant_proxy(40, 10)
    with pytest.raises(AssemblyError, match="already holds 1 proxy and the bylaws allow 1"):
        meeting.grant_proxy(41, 10)
    assert len(attendance.proxies_in_force(meeting.assembly)) == 1
    meeting.attend(40)
    assert attendance.proxies_in_force(meeting.assembly) == []
    assert meeting.assembly.proxies[0].revoked_reason == "giver_present"


def test_one_member_one_vote_in_person_or_by_proxy(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    meeting.grant_proxy(40, 10)
    motion = meeting.motion()
    meeting.open_vote(motion)
    meeting.vote(motion, [10], Choice.yes)
    _cast_for(meeting, motion, Choice.no, "0040")
    with pytest.raises(VoteError, match="Socio 0010 \\(#0010\\) has already voted"):
        meeting.vote(motion, [10], Choice.no)
    with pytest.raises(VoteError, match="already voted"):
        _cast_for(meeting, motion, Choice.yes, "0040")
    with pytest.raises(VoteError, match="holds no proxy in force from Socio 0041"):
        _cast_for(meeting, motion, Choice.yes, "0041")
    with pytest.raises(VoteError, match="not recorded as present"):
        meeting.vote(motion, [44], Choice.yes)
    assert meeting.session.scalar(select(func.count(VoteParticipation.id))) == 2


def test_database_enforces_one_vote_per_member(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion()
    meeting.open_vote(motion)
    meeting.vote(motion, [5], Choice.yes)
    member_id = find_member(meeting.session, "0005").id
    with pytest.raises(Exception, match=r"(?i)unique"), meeting.session.begin_nested():
        meeting.session.execute(
            text(
                "INSERT INTO vote_participation (vote_id, represented_member_id, cast_by_member_id, choice) "
                "VALUES (:v, :m, :m, 'no')"
            ),
            {"v": motion.vote_id, "m": member_id},
        )


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("second_again", "is seconded, so 'second' is not possible; from seconded you can: amend, withdraw"),
        ("vote_before_open", "is seconded, so 'vote' is not possible"),
        ("close_before_open", "is seconded, so 'close' is not possible"),
        ("amend_withdrawn", "is withdrawn, so 'amend' is not possible; nothing more can be done with it"),
        ("resume_not_postponed", "is seconded, so 'resume' is not possible"),
    ],
)
def test_illegal_transitions_refused_and_nothing_written(meeting: Meeting, action: str, message: str) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion()
    if action == "amend_withdrawn":
        meeting.ctx(motions.withdraw_motion, motion=motion)
    before_status, before_events = motion.status, _audit_count(meeting)
    operations = {
        "second_again": lambda: meeting.ctx(motions.second_motion, motion=motion, seconder="0007"),
        "vote_before_open": lambda: meeting.vote(motion, [5], Choice.yes),
        "close_before_open": lambda: meeting.ctx(motion_votes.close_motion_vote, motion=motion),
        "amend_withdrawn": lambda: meeting.ctx(motions.amend_motion, motion=motion, title="", text="Otro"),
        "resume_not_postponed": lambda: meeting.ctx(motions.resume_motion, motion=motion),
    }
    with pytest.raises(AssemblyError, match=message):
        operations[action]()
    assert motion.status is before_status
    assert _audit_count(meeting) == before_events


def test_seconder_must_differ_and_seconding_required(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion(second=None)
    with pytest.raises(AssemblyError, match="another member must second it"):
        meeting.ctx(motions.second_motion, motion=motion, seconder="0003")
    with pytest.raises(AssemblyError, match="has not been seconded"):
        meeting.open_vote(motion, VoteMethod.show_of_hands)


def test_postpone_and_resume_returns_to_previous_state(meeting: Meeting) -> None:
    motion = meeting.motion()
    meeting.ctx(motions.postpone_motion, motion=motion)
    assert motion.status is MotionStatus.postponed
    meeting.ctx(motions.resume_motion, motion=motion)
    assert motion.status is MotionStatus.seconded


def test_adopted_amendment_changes_the_final_text(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion("Horno nuevo")
    amendment = meeting.amend(motion)
    with pytest.raises(AssemblyError, match=r"Amendment 1\.1 .* is still pending"):
        meeting.open_vote(motion)
    meeting.open_vote(amendment)
    meeting.vote(amendment, range(1, 20), Choice.yes)
    meeting.vote(amendment, range(20, 25), Choice.no)
    assert meeting.close_vote(amendment).adopted
    assert motion.final_text == "Comprar un horno eléctrico" and motion.text == "Texto: Horno nuevo"
    meeting.open_vote(motion)
    meeting.vote(motion, range(1, 25), Choice.yes)
    assert meeting.close_vote(motion).adopted


def test_two_thirds_failure_and_secret_ballot(meeting: Meeting) -> None:
    meeting.attend(*range(1, 46))
    motion = meeting.motion("Reforma del estatuto", kind="bylaws_amendment")
    meeting.open_vote(motion, VoteMethod.secret)
    for number in range(1, 30):
        choice = Choice.yes if number <= 19 else Choice.no
        voter = meeting.ctx.acting_as(member_actor(meeting.session, number))
        voter(motion_votes.cast_motion_vote, motion=motion, choice=choice)
    with pytest.raises(VoteError, match="each member casts their own ballot"):
        meeting.vote(motion, [30], Choice.yes)
    decision = meeting.close_vote(motion)
    assert not decision.adopted
    assert (decision.yes, decision.no, decision.required) == (19, 10, 20)  # 19 of 29 is short of two thirds
    assert motion.vote is not None and (motion.vote.yes_count, motion.vote.no_count) == (19, 10)
    # Secret: participation has no choice, ballots have no member.
    choices = meeting.session.scalars(
        select(VoteParticipation.choice).where(VoteParticipation.vote_id == motion.vote_id)
    ).all()
    assert choices == [None] * 29
    assert meeting.session.scalar(select(func.count()).select_from(SecretBallot)) == 29
    cast_events = meeting.session.execute(
        select(AuditEvent.actor, AuditEvent.data).where(AuditEvent.action == "coop.vote.cast")
    ).all()
    assert len(cast_events) == 29
    assert all('"choice"' not in data for _actor, data in cast_events)
    # Nor whose ballot went in: no member named, in the data or as the actor, in any of the 29 rows.
    assert {actor for actor, _data in cast_events} == {"(secret ballot)"}
    assert all('"member_id"' not in data and "by_proxy" not in data for _actor, data in cast_events)


def test_two_thirds_boundary(meeting: Meeting) -> None:
    meeting.attend(*range(1, 46))
    motion = meeting.motion("Reforma", kind="bylaws_amendment")
    meeting.open_vote(motion, VoteMethod.show_of_hands)
    meeting.ctx(motion_votes.enter_hand_count, motion=motion, yes=20, no=10, abstain=15)
    assert meeting.close_vote(motion).adopted  # 20 of 30 cast is exactly two thirds


def test_hand_count_cannot_exceed_those_present(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion()
    meeting.open_vote(motion, VoteMethod.show_of_hands)
    with pytest.raises(VoteError, match="add up to 31, but only 30 votes can be cast"):
        meeting.ctx(motion_votes.enter_hand_count, motion=motion, yes=20, no=11, abstain=0)


def test_tie_fails_by_default_and_chair_can_decide(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion("Empate")
    meeting.open_vote(motion)
    meeting.vote(motion, range(1, 11), Choice.yes)
    meeting.vote(motion, range(11, 21), Choice.no)
    decision = meeting.close_vote(motion)
    assert not decision.adopted and decision.tie
    meeting.ctx(set_bylaw, key="tie_rule", value="chair_decides")
    second = meeting.motion("Desempate")
    meeting.open_vote(second)
    meeting.vote(second, range(1, 11), Choice.yes)
    meeting.vote(second, range(11, 21), Choice.no)
    assert meeting.close_vote(second, casting_vote="yes").adopted


def test_consent_objection_kept_with_resolution(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion("Horario de verano", kind="consent", second=None)
    meeting.open_vote(motion, None)
    assert motion.vote is not None and motion.vote.method is VoteMethod.consent
    objection = _object(meeting, motion, "0012", "El turno noche no fue consultado")
    with pytest.raises(AssemblyError, match="must give its reason"):
        _object(meeting, motion, "0013", "  ")
    meeting.ctx(
        objections.resolve_objection,
        objection_id=objection.id,
        resolution="Se consultó al turno noche en el acto",
    )
    decision = meeting.close_vote(motion)
    assert decision.adopted
    assert motion.objections[0].resolution == "Se consultó al turno noche en el acto"


def test_consent_blocked_by_standing_objection(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion("Cambio de turnos", kind="consent", second=None)
    meeting.open_vote(motion, None)
    _object(meeting, motion, "0015", "Afecta a quienes cuidan niños")
    assert not meeting.close_vote(motion).adopted


def test_minutes_approved_by_later_assembly_are_frozen(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion("Horno nuevo")
    meeting.open_vote(motion)
    meeting.vote(motion, range(1, 21), Choice.yes)
    meeting.close_vote(motion)
    meeting.ctx.at(meeting.later(120))(meetings.close_assembly, assembly=meeting.assembly)
    draft = build_minutes(meeting.session, meeting.assembly)
    assert draft.status == "draft" and draft.attendance_count == 30
    assert draft.motions[0].vote is not None and draft.motions[0].vote.yes == 20

    later = open_assembly(meeting.ctx.at(meeting.later(60 * 24 * 30)), kind=meeting.assembly.kind)
    # members arrive at the later assembly, not a month before it
    meeting.ctx.at(later.called_for)(attendance.check_in, assembly=later, members=numbers(range(1, 31)))
    approval = propose(
        meeting.ctx,
        later,
        "Acta anterior",
        "Aprobar el acta de la asamblea 1",
        kind="minutes_approval",
        proposer="0001",
        minutes_of=str(meeting.assembly.id),
    )
    meeting.open_vote(approval, VoteMethod.show_of_hands)
    meeting.ctx(motion_votes.enter_hand_count, motion=approval, yes=28, no=0, abstain=2)
    meeting.close_vote(approval)
    assert meeting.assembly.minutes_status is MinutesStatus.approved
    printed = minutes_for_print(meeting.session, meeting.assembly)
    assert printed.status == "approved" and printed.snapshot_hash == meeting.assembly.minutes_hash
    assert printed.approval_note is not None and "motion 1 of assembly 2" in printed.approval_note
    # The record changing later does not change the approved minutes.
    meeting.ctx(deactivate_member, reference="0003")
    assert minutes_for_print(meeting.session, meeting.assembly) == printed
    # Editing the stored snapshot is detected (on PostgreSQL past the trigger that keeps it, as a
    # superuser can get).
    if meeting.session.get_bind().dialect.name == "postgresql":
        meeting.session.execute(text("SET LOCAL session_replication_role = replica"))
    meeting.assembly.minutes_snapshot = (meeting.assembly.minutes_snapshot or "").replace("Horno", "Hornito")
    with pytest.raises(AssemblyError, match="do not match their hash"):
        minutes_for_print(meeting.session, meeting.assembly)
