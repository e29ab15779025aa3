"""The minutes say exactly what happened: each stretch of presence, the time the assembly sat,
who voted by proxy, and how many of those "present" were in person.

The story: an assembly called for 10:00 under the Ley 20.337 preset (second call after an hour,
ordinary motions by a majority of those present). Seventeen members come at 10:00, not a quorum;
three absent members give proxies. Member 0008 steps out at 10:20 and is back at 10:40. The
assembly sits at second call at 11:01; member 0018 arrives at 11:03. A roll call follows in which
the three proxy holders also vote for the members they represent.
"""

from __future__ import annotations

import html
import re

import pytest

from coop.assemblies import attendance, meetings, motion_votes
from coop.assemblies.minutes import build_minutes
from coop.members.bylaws_record import apply_bylaw_preset
from coop.reports import render
from coop.reports.minutes_model import Minutes
from coop.votes.models import Choice, VoteMethod
from tests.factories.meetings import Meeting

PROXIES = {30: 5, 31: 6, 32: 7}  # giver -> holder


def _number(n: int) -> str:
    return f"{n:04d}"


def _at(meeting: Meeting, hh_mm: str):  # type: ignore[no-untyped-def]
    hours, minutes = (int(part) for part in hh_mm.split(":"))
    return meeting.now.replace(hour=hours, minute=minutes)


@pytest.fixture
def minutes(meeting: Meeting) -> Minutes:
    session, assembly = meeting.session, meeting.assembly
    meeting.ctx(apply_bylaw_preset, name="ar-ley-20337")
    meeting.attend(*range(1, 18))
    for giver, holder in PROXIES.items():
        meeting.ctx(
            attendance.grant_proxy,
            assembly=assembly,
            giver=_number(giver),
            holder=_number(holder),
        )
    meeting.ctx.at(_at(meeting, "10:20"))(attendance.check_out, assembly=assembly, members=["0008"])
    meeting.ctx.at(_at(meeting, "10:40"))(attendance.check_in, assembly=assembly, members=["0008"])
    meeting.ctx.at(_at(meeting, "11:01"))(meetings.record_second_call, assembly=assembly)
    meeting.ctx.at(_at(meeting, "11:03"))(attendance.check_in, assembly=assembly, members=["0018"])
    motion = meeting.motion("Horno nuevo")
    meeting.ctx.at(_at(meeting, "11:05"))(
        motion_votes.open_motion_vote, motion=motion, method=VoteMethod.roll_call
    )
    for number in range(1, 19):
        meeting.ctx.at(_at(meeting, "11:06"))(
            motion_votes.cast_motion_vote,
            motion=motion,
            choice=Choice.yes if number <= 12 else Choice.no,
            voter=_number(number),
        )
    for giver, holder in PROXIES.items():
        meeting.ctx.at(_at(meeting, "11:07"))(
            motion_votes.cast_motion_vote,
            motion=motion,
            choice=Choice.yes,
            voter=_number(holder),
            on_behalf_of=_number(giver),
        )
    meeting.ctx.at(_at(meeting, "11:10"))(motion_votes.close_motion_vote, motion=motion)
    meeting.ctx.at(_at(meeting, "11:30"))(meetings.close_assembly, assembly=assembly)
    return build_minutes(session, assembly)


def _text(minutes: Minutes) -> str:
    page = render.render_html("minutes.html.j2", minutes=minutes)
    body = page.split("<body", 1)[1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).replace("\u00a0", " ").split())


def test_a_member_who_left_and_came_back_shows_each_stretch(minutes: Minutes) -> None:
    text = _text(minutes)
    assert "0008 Socio 0008 (left 10:20, returned 10:40)" in text
    # The one who came after the assembly sat is noted as arriving late; the others are not.
    assert "0018 Socio 0018 (arrived 11:03)" in text
    assert "0007 Socio 0007;" in text


def test_the_minutes_print_the_time_the_assembly_sat_at_second_call(minutes: Minutes) -> None:
    assert minutes.opened_time == "11:01"
    text = _text(minutes)
    assert "Opened at 11:01, at second call" in text
    assert "Opened at 10:00" not in text


def test_the_second_call_sentence_counts_those_present_at_that_moment(minutes: Minutes) -> None:
    """17 were in the room at 11:01; member 0018 came after, so 18 attended in all."""
    assert minutes.attendance_count == 18
    assert minutes.second_call == "The assembly was held at second call, at 11:01, with 17 members present."


def test_each_proxy_vote_in_a_roll_call_is_marked(minutes: Minutes) -> None:
    roll = dict(minutes.motions[0].vote.roll_call)  # type: ignore[union-attr]
    for giver, holder in PROXIES.items():
        assert (
            roll[f"Socio {holder:04d} (#{holder:04d}) by proxy for Socio {giver:04d} (#{giver:04d})"] == "yes"
        )
        assert f"Socio {giver:04d} (#{giver:04d})" not in roll  # the absent member did not vote in person
    assert roll["Socio 0005 (#0005)"] == "yes"  # the holder's own vote, unmarked
    assert len(minutes.motions[0].vote.roll_call) == 21  # type: ignore[union-attr]


def test_members_present_at_a_vote_say_how_many_came_by_proxy(minutes: Minutes) -> None:
    vote = minutes.motions[0].vote
    assert vote is not None
    assert vote.basis == "21 members present (18 in person and 3 by proxy)"
    assert "11 of 21 members present (18 in person and 3 by proxy)" in _text(minutes)


def test_without_votes_the_quorum_line_counts_one_moment_and_the_second_call(meeting: Meeting) -> None:
    """No vote recorded a quorum: the minutes count those in the room together at the fullest
    moment (not everyone who ever came in), and an assembly held at second call says so."""
    session, assembly = meeting.session, meeting.assembly
    meeting.ctx(apply_bylaw_preset, name="ar-ley-20337")
    meeting.attend(*range(1, 16))  # 15 at 10:00
    meeting.ctx.at(_at(meeting, "10:30"))(
        attendance.check_out,
        assembly=assembly,
        members=[_number(n) for n in range(1, 11)],
    )
    meeting.ctx.at(_at(meeting, "10:40"))(
        attendance.check_in,
        assembly=assembly,
        members=[_number(n) for n in range(20, 30)],
    )  # 25 came in all, never more than 15 at once
    meeting.ctx.at(_at(meeting, "11:00"))(meetings.record_second_call, assembly=assembly)
    meeting.ctx.at(_at(meeting, "11:30"))(meetings.close_assembly, assembly=assembly)
    minutes = build_minutes(session, assembly)
    assert minutes.attendance_count == 25
    assert minutes.quorum.present == 15 and minutes.quorum.at_second_call and minutes.quorum.met
    assert minutes.quorum.statement.startswith("Quorum reached at second call: 15 present")


def test_the_new_details_survive_the_approved_snapshot(minutes: Minutes) -> None:
    """Approved minutes reprint from their JSON snapshot: stretches and the second call included."""
    import json

    from coop.assemblies.minutes import from_dict
    from coop.audit import canonical_json

    assert from_dict(Minutes, json.loads(canonical_json(minutes.to_dict()))) == minutes
