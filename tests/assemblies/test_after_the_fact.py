"""An assembly entered the next morning from paper notes, with its real times, and corrections that
keep history: audited with a reason, printed as errata once the assembly had closed, refused once
its minutes are approved (the erratum then goes into a later assembly's minutes).

The assembly met on 28 November 2026 from 18:05 to 20:40; the secretary types it on the 29th at 09:00.
"""

from __future__ import annotations

import json
from datetime import datetime, time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.assemblies import attendance, corrections, meetings, motion_votes, motions
from coop.assemblies.minutes import build_minutes
from coop.assemblies.models import Assembly, AssemblyKind, AssemblyStatus, MinutesStatus, Motion
from coop.audit import AuditEvent, verify_chain
from coop.errors import AssemblyError, VoteError
from coop.votes.models import Choice, VoteMethod
from tests.factories.context import FIXED_NOW, Context
from tests.factories.cooperative import build_cooperative
from tests.factories.keys import TEST_KEY
from tests.factories.meetings import numbers, propose

CALLED_FOR = datetime(2026, 11, 28, 18, 0)
NEXT_MORNING = datetime(2026, 11, 29, 9, 0)
IN_ROOM = range(1, 31)  # 30 of the 45 members came


@pytest.fixture
def typed(session: Session) -> Context:
    """The secretary at her keyboard the morning after, with the cooperative of 45 members."""
    return Context(session, build_cooperative(session, FIXED_NOW), NEXT_MORNING)


def _open(ctx: Context, at: time | datetime = time(18, 5)) -> Assembly:
    return ctx(
        meetings.open_assembly,
        called_for=CALLED_FOR,
        place="Comedor",
        kind=AssemblyKind.ordinary,
        chair="0002",
        secretary="0001",
        at=at,
    )


def _seconded(ctx: Context, assembly: Assembly) -> Motion:
    motion = propose(ctx, assembly, "Comprar un horno", "Texto: horno", proposer="0003")
    ctx(motions.second_motion, motion=motion, seconder="0004")
    return motion


def _meeting_with_a_vote(ctx: Context) -> tuple[Assembly, Motion]:
    """Opened 18:05, 30 arrivals 18:10, one vote 18:30-18:50 where 0003 votes, 0030 leaves 19:00."""
    assembly = _open(ctx)
    ctx(attendance.check_in, assembly=assembly, members=numbers(IN_ROOM), at=time(18, 10))
    motion = _seconded(ctx, assembly)
    ctx(motion_votes.open_motion_vote, motion=motion, method=VoteMethod.roll_call, at=time(18, 30))
    for number in range(3, 20):
        ctx(motion_votes.cast_motion_vote, motion=motion, choice=Choice.yes, voter=f"{number:04d}")
    ctx(motion_votes.close_motion_vote, motion=motion, at=time(18, 50))
    ctx(attendance.check_out, assembly=assembly, members=["0030"], at=time(19, 0))
    return assembly, motion


def _closed_meeting(ctx: Context) -> tuple[Assembly, Motion]:
    assembly, motion = _meeting_with_a_vote(ctx)
    ctx(meetings.close_assembly, assembly=assembly, at=time(20, 40))
    return assembly, motion


def _following_assembly(ctx: Context) -> tuple[Context, Assembly]:
    """The next assembly, opened on 20 December at 18:30, and the context of that day."""
    later_day = ctx.at(datetime(2026, 12, 20, 18, 30))
    following = later_day(
        meetings.open_assembly,
        called_for=datetime(2026, 12, 20, 18, 0),
        place="Comedor",
        kind=AssemblyKind.ordinary,
        chair="0002",
        secretary="0001",
    )
    return later_day, following


def _events(session: Session, action: str) -> list[dict]:
    return [
        json.loads(e.data) for e in session.scalars(select(AuditEvent).where(AuditEvent.action == action))
    ]


def test_an_assembly_entered_the_next_morning_keeps_its_real_times(typed: Context) -> None:
    assembly, motion = _closed_meeting(typed)
    assert assembly.opened_at == datetime(2026, 11, 28, 18, 5)
    assert assembly.closed_at == datetime(2026, 11, 28, 20, 40)
    assert motion.vote is not None
    assert motion.vote.opened_at == datetime(2026, 11, 28, 18, 30)
    assert motion.vote.closed_at == datetime(2026, 11, 28, 18, 50)
    assert motion.vote.quorum_present == 30  # counted at 18:30 from the attendance record
    minutes = build_minutes(typed.session, assembly)
    assert (minutes.opened_time, minutes.closed_time) == ("18:05", "20:40")
    assert motion.vote is not None
    assert "29 November 2026" in (minutes.entered_note or "")
    departed = next(a for a in minutes.attendees if a.number == "0030")
    assert departed.left == "19:00"


def test_the_audit_keeps_the_moment_of_typing_and_adds_the_real_time(typed: Context) -> None:
    _closed_meeting(typed)
    events = typed.session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert all(e.occurred_at <= NEXT_MORNING for e in events)
    assert [e.occurred_at for e in events] == sorted(e.occurred_at for e in events)  # never back-dated
    opened = typed.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "coop.assembly.opened")
    ).one()
    assert opened.occurred_at == NEXT_MORNING
    assert json.loads(opened.data)["at"] == "2026-11-28T18:05:00"
    assert _events(typed.session, "coop.motion.closed")[0]["at"] == "2026-11-28T18:50:00"
    assert verify_chain(typed.session).intact


def test_an_assembly_typed_live_says_nothing_of_notes(typed: Context) -> None:
    live = typed.at(datetime(2026, 11, 28, 18, 20))
    assembly = _open(live, at=time(18, 5))  # a quarter of an hour late: still typed in the room
    assert build_minutes(typed.session, assembly).entered_note is None


def test_the_rule_for_after_the_fact_is_more_than_an_hour_late() -> None:
    from coop.assemblies.moments import entered_after_the_fact

    happened = datetime(2026, 11, 28, 18, 0)
    assert not entered_after_the_fact(happened, datetime(2026, 11, 28, 19, 0))
    assert entered_after_the_fact(happened, datetime(2026, 11, 28, 19, 1))


def test_an_opening_in_the_future_is_refused(typed: Context) -> None:
    with pytest.raises(AssemblyError, match="later than now"):
        _open(typed, at=datetime(2026, 11, 29, 10, 0))


def test_a_second_call_before_the_opening_is_refused(typed: Context) -> None:
    assembly = _open(typed)
    with pytest.raises(AssemblyError, match=r"second call time 17:50 is before the opening \(18:05\)"):
        typed(meetings.record_second_call, assembly=assembly, at=time(17, 50))


def test_a_close_before_a_recorded_time_is_refused(typed: Context) -> None:
    assembly, _motion = _meeting_with_a_vote(typed)
    with pytest.raises(AssemblyError, match=r"closing time 18:40 is before .* \(19:00\)"):
        typed(meetings.close_assembly, assembly=assembly, at=time(18, 40))
    assert assembly.status is AssemblyStatus.open


def test_a_vote_closed_before_it_opened_is_refused(typed: Context) -> None:
    assembly = _open(typed)
    typed(attendance.check_in, assembly=assembly, members=numbers(IN_ROOM), at=time(18, 10))
    motion = _seconded(typed, assembly)
    typed(motion_votes.open_motion_vote, motion=motion, method=VoteMethod.show_of_hands, at=time(18, 30))
    with pytest.raises(AssemblyError, match=r"vote closing time 18:20 is before the opening of its vote"):
        typed(motion_votes.close_motion_vote, motion=motion, at=time(18, 20))


def test_a_vote_opened_before_the_assembly_is_refused(typed: Context) -> None:
    assembly = _open(typed)
    motion = _seconded(typed, assembly)
    with pytest.raises(AssemblyError, match=r"vote opening time 17:30 is before the opening"):
        typed(motion_votes.open_motion_vote, motion=motion, method=VoteMethod.show_of_hands, at=time(17, 30))


def test_a_bare_time_is_on_the_assembly_day_not_today(typed: Context) -> None:
    assembly = _open(typed)
    typed(attendance.check_in, assembly=assembly, members=["0005"], at=time(18, 15))
    assert assembly.attendance[0].arrived_at == datetime(2026, 11, 28, 18, 15)


def test_a_correction_of_a_closed_assembly_prints_as_an_erratum(typed: Context) -> None:
    assembly, _motion = _closed_meeting(typed)
    typed(
        corrections.correct_assembly_times,
        assembly=assembly,
        closed_at=time(20, 55),
        reason="El acta en papel dice 20:55",
    )
    typed(
        corrections.correct_attendance,
        assembly=assembly,
        member="0030",
        left=time(19, 15),
        reason="Se retiró 19:15 según la planilla",
    )
    assert assembly.closed_at == datetime(2026, 11, 28, 20, 55)
    stayed = next(s for s in assembly.attendance if s.member_id != assembly.attendance[-1].member_id)
    assert stayed.left_at == datetime(2026, 11, 28, 20, 55)  # in the room until the corrected close
    minutes = build_minutes(typed.session, assembly)
    assert minutes.closed_time == "20:55"
    assert [e.what for e in minutes.errata] == [
        "Closing time: 20:40 changed to 20:55.",
        "Departure of Socio 0030 (#0030): 19:00 changed to 19:15.",
    ]
    assert minutes.errata[0].reason == "El acta en papel dice 20:55"
    assert minutes.errata[0].entered == "29 November 2026"


def test_a_correction_of_an_open_assembly_is_audited_but_no_erratum(typed: Context) -> None:
    assembly, _motion = _meeting_with_a_vote(typed)
    typed(corrections.correct_assembly_times, assembly=assembly, opened_at=time(18, 2), reason="Reloj")
    assert build_minutes(typed.session, assembly).errata == ()
    assert _events(typed.session, "coop.assembly.corrected")[0]["changes"][0]["to"] == "2026-11-28T18:02:00"


def test_a_correction_needs_a_reason(typed: Context) -> None:
    assembly, _motion = _closed_meeting(typed)
    with pytest.raises(AssemblyError, match="needs its reason"):
        typed(corrections.correct_assembly_times, assembly=assembly, closed_at=time(20, 50), reason=" ")


def test_a_correction_that_changes_a_vote_quorum_is_refused(typed: Context) -> None:
    assembly, _motion = _closed_meeting(typed)
    with pytest.raises(AssemblyError, match="would change who was present when the vote"):
        typed(
            corrections.correct_attendance,
            assembly=assembly,
            member="0025",
            arrived=time(18, 40),
            reason="Llegó tarde",
        )


def test_removing_a_member_who_voted_is_refused(typed: Context) -> None:
    assembly, _motion = _closed_meeting(typed)
    with pytest.raises(AssemblyError, match="would change who was present"):
        typed(corrections.correct_attendance, assembly=assembly, member="0005", remove=True, reason="x")


def test_a_member_ticked_by_mistake_is_removed_with_an_erratum(typed: Context) -> None:
    assembly = _open(typed)
    typed(attendance.check_in, assembly=assembly, members=numbers(IN_ROOM), at=time(18, 10))
    typed(meetings.close_assembly, assembly=assembly, at=time(19, 0))
    typed(corrections.correct_attendance, assembly=assembly, member="0029", remove=True, reason="No vino")
    minutes = build_minutes(typed.session, assembly)
    assert minutes.attendance_count == 29
    assert minutes.errata[0].what == "Socio 0029 (#0029) was removed from the attendance: recorded in error."


def test_an_attendance_time_after_the_close_is_refused(typed: Context) -> None:
    assembly, _motion = _closed_meeting(typed)
    with pytest.raises(AssemblyError, match=r"after assembly .* closed \(20:40\)"):
        typed(corrections.correct_attendance, assembly=assembly, member="0030", left=time(21, 0), reason="x")


def test_reopen_for_a_missed_arrival_then_close_again_at_the_first_close(typed: Context) -> None:
    assembly = _open(typed)
    typed(attendance.check_in, assembly=assembly, members=numbers(IN_ROOM), at=time(18, 10))
    typed(meetings.close_assembly, assembly=assembly, at=time(19, 0))
    typed(corrections.reopen_assembly, assembly=assembly, reason="Faltó anotar a 0031")
    assert assembly.status is AssemblyStatus.open
    assert len(attendance.present_member_ids(assembly)) == 30
    with pytest.raises(
        AssemblyError, match=r"reopened to correct .* closed at 2026-11-28 19:00.* --at HH:MM"
    ):
        typed(attendance.check_in, assembly=assembly, members=["0031"])  # typed now: not a time of it
    typed(attendance.check_in, assembly=assembly, members=["0031"], at=time(18, 20))
    typed(meetings.close_assembly, assembly=assembly)
    assert assembly.closed_at == datetime(2026, 11, 28, 19, 0)
    minutes = build_minutes(typed.session, assembly)
    assert minutes.attendance_count == 31
    assert minutes.errata[0].what == "The assembly, closed at 19:00, was reopened to correct its record."
    assert minutes.errata[0].reason == "Faltó anotar a 0031"


def test_approved_minutes_refuse_every_correction_and_the_erratum_goes_into_the_next(typed: Context) -> None:
    earlier, _motion = _closed_meeting(typed)
    earlier.minutes_status = MinutesStatus.approved
    for attempt in (
        lambda: typed(corrections.reopen_assembly, assembly=earlier, reason="x"),
        lambda: typed(
            corrections.correct_assembly_times, assembly=earlier, closed_at=time(20, 50), reason="x"
        ),
        lambda: typed(
            corrections.correct_attendance, assembly=earlier, member="0030", left=time(19, 5), reason="x"
        ),
    ):
        with pytest.raises(AssemblyError, match=r"approved minutes never change.*coop assembly erratum"):
            attempt()
    later_day, following = _following_assembly(typed)
    later_day(
        corrections.record_erratum, assembly=following, about=earlier, text="El cierre fue a las 20:50."
    )
    minutes = build_minutes(typed.session, following)
    assert [e.what for e in minutes.errata] == [
        f"On the minutes of assembly {earlier.id}: El cierre fue a las 20:50."
    ]
    with pytest.raises(AssemblyError, match="corrects an earlier assembly"):
        later_day(corrections.record_erratum, assembly=following, about=following, text="x")


def test_a_voter_who_came_during_the_vote_stays_in_the_room_for_it(typed: Context) -> None:
    assembly = _open(typed)
    typed(attendance.check_in, assembly=assembly, members=numbers(IN_ROOM), at=time(18, 10))
    motion = _seconded(typed, assembly)
    typed(motion_votes.open_motion_vote, motion=motion, method=VoteMethod.roll_call, at=time(18, 30))
    typed(attendance.check_in, assembly=assembly, members=["0031"], at=time(18, 40))
    typed(motion_votes.cast_motion_vote, motion=motion, choice=Choice.yes, voter="0031")
    typed(motion_votes.close_motion_vote, motion=motion, at=time(18, 50))
    with pytest.raises(AssemblyError, match=r"Socio 0031 \(#0031\) voted on Motion 1 .* \(18:30 to 18:50\)"):
        typed(
            corrections.correct_attendance, assembly=assembly, member="0031", arrived=time(19, 0), reason="x"
        )
    typed(corrections.correct_attendance, assembly=assembly, member="0031", arrived=time(18, 45), reason="x")
    late = [s.arrived_at for s in assembly.attendance if s.arrived_at != datetime(2026, 11, 28, 18, 10)]
    assert late == [datetime(2026, 11, 28, 18, 45)]


def test_approved_minutes_keep_their_errata_in_the_snapshot(typed: Context) -> None:
    from coop.assemblies.minutes import minutes_for_print

    earlier, _motion = _closed_meeting(typed)
    typed(corrections.correct_assembly_times, assembly=earlier, closed_at=time(20, 50), reason="Notas")
    later_day, following = _following_assembly(typed)
    later_day(attendance.check_in, assembly=following, members=numbers(IN_ROOM))
    approval = propose(
        later_day,
        following,
        "Acta anterior",
        "Aprobar el acta",
        kind="minutes_approval",
        proposer="0001",
        minutes_of=str(earlier.id),
    )
    later_day(motion_votes.open_motion_vote, motion=approval, method=VoteMethod.show_of_hands)
    later_day(motion_votes.enter_hand_count, motion=approval, yes=28, no=0, abstain=2)
    later_day(motion_votes.close_motion_vote, motion=approval)
    assert earlier.minutes_status is MinutesStatus.approved
    printed = minutes_for_print(typed.session, earlier)
    assert printed.status == "approved"
    assert [e.what for e in printed.errata] == ["Closing time: 20:40 changed to 20:50."]
    with pytest.raises(AssemblyError, match="approved minutes never change"):
        later_day(corrections.reopen_assembly, assembly=earlier, reason="x")


def test_an_election_at_the_assembly_entered_after_the_fact(typed: Context) -> None:
    from coop.assemblies import elections
    from coop.members.actors import Actor, find_member

    assembly = _open(typed)
    typed(attendance.check_in, assembly=assembly, members=numbers(IN_ROOM), at=time(18, 10))
    election = typed(
        elections.create_election,
        title="Síndico",
        seats=1,
        rules="irv",
        candidates=["0003", "0004"],
        assembly=str(assembly.id),
    )
    typed(elections.open_election, election=election, at=time(19, 0))
    voter = Actor(find_member(typed.session, "0010"))
    typed.acting_as(voter)(elections.cast_election_ballot, election=election, ranking=["0003"])
    with pytest.raises(AssemblyError, match=r"election closing time 18:55 is before the opening"):
        typed(elections.close_election, election=election, at=time(18, 55), officer_key=TEST_KEY)
    typed(elections.close_election, election=election, at=time(19, 30), officer_key=TEST_KEY)
    assert (election.opened_at, election.closed_at) == (
        datetime(2026, 11, 28, 19, 0),
        datetime(2026, 11, 28, 19, 30),
    )
    assert _events(typed.session, "coop.election.closed")[0]["at"] == "2026-11-28T19:30:00"


def test_a_member_whose_departure_was_typed_first_still_votes_in_a_vote_entered_afterwards(
    typed: Context,
) -> None:
    """The notes are typed attendance first: 0030 left at 19:00, after voting in the 18:30 vote."""
    assembly = _open(typed)
    typed(attendance.check_in, assembly=assembly, members=numbers(IN_ROOM), at=time(18, 10))
    typed(attendance.check_out, assembly=assembly, members=["0030"], at=time(19, 0))
    typed(attendance.check_out, assembly=assembly, members=["0029"], at=time(18, 20))
    motion = _seconded(typed, assembly)
    typed(motion_votes.open_motion_vote, motion=motion, method=VoteMethod.roll_call, at=time(18, 30))
    assert motion.vote is not None and motion.vote.quorum_present == 29  # 0029 had left, 0030 not yet
    typed(motion_votes.cast_motion_vote, motion=motion, choice=Choice.yes, voter="0030")
    with pytest.raises(VoteError, match="not recorded as present"):
        typed(motion_votes.cast_motion_vote, motion=motion, choice=Choice.yes, voter="0029")
