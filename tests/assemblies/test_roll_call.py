"""A roll call entered at once, all votes or none, and a roll-call vote withdrawn and cast again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from coop.assemblies import roll_call
from coop.assemblies.models import Motion
from coop.audit import AuditEvent
from coop.errors import CoopError, PermissionDenied, VoteError
from coop.members.actors import find_member
from coop.members.models import Member
from coop.votes import service as votes
from coop.votes.models import Choice, VoteMethod
from tests.factories.context import member_actor
from tests.factories.meetings import Meeting


def _voting(meeting: Meeting, method: VoteMethod = VoteMethod.roll_call) -> Motion:
    meeting.attend(*range(1, 31))
    motion = meeting.motion()
    meeting.open_vote(motion, method)
    return motion


def _typed(meeting: Meeting, motion: Motion, *entries: str) -> list[roll_call.CastResult]:
    lines, problems = roll_call.lines_from_entries(entries)
    return meeting.ctx(roll_call.cast_roll_call, motion=motion, lines=lines, problems=problems)


def _events(meeting: Meeting, action: str) -> list[dict[str, object]]:
    rows = meeting.session.scalars(
        select(AuditEvent.data).where(AuditEvent.action == action).order_by(AuditEvent.seq)
    )
    return [json.loads(row) for row in rows]


def _ballots(meeting: Meeting, motion: Motion) -> dict[str, Choice]:
    assert motion.vote is not None
    entries = votes.roll_call(meeting.session, motion.vote)
    return {meeting.session.get_one(Member, entry.member_id).number or "": entry.choice for entry in entries}


def test_a_typed_roll_call_records_every_vote_with_its_audit_event(meeting: Meeting) -> None:
    motion = _voting(meeting)
    recorded = _typed(meeting, motion, "0003=sí", "0004=no", "0005=abstención", "0006=yes")
    assert [r.voter for r in recorded] == [
        "Socio 0003 (#0003)",
        "Socio 0004 (#0004)",
        "Socio 0005 (#0005)",
        "Socio 0006 (#0006)",
    ]
    assert meeting.close_vote(motion).adopted
    assert (motion.vote.yes_count, motion.vote.no_count, motion.vote.abstain_count) == (2, 1, 1)
    assert [e["choice"] for e in _events(meeting, "coop.vote.cast")] == ["yes", "no", "abstain", "yes"]


def test_every_bad_line_is_named_and_nothing_is_recorded(meeting: Meeting, tmp_path: Path) -> None:
    motion = _voting(meeting)
    meeting.vote(motion, [7], Choice.yes)
    sheet = tmp_path / "votos.csv"
    sheet.write_text(
        "number,choice\n0003,yes\n0099,no\n0004,perhaps\n0005,no\n0040,yes\n0003,no\n0007,no\n",
        encoding="utf-8",
    )
    lines, problems = roll_call.lines_from_file(sheet)
    with pytest.raises(VoteError) as refused:
        meeting.ctx(roll_call.cast_roll_call, motion=motion, lines=lines, problems=problems)
    message = refused.value.message
    assert "has 5 refused votes, so no vote was recorded" in message
    assert "line 3: No member has the number or name '0099'" in message
    assert "line 4: 'perhaps' is not a choice" in message
    assert "line 6: Socio 0040 (#0040) is not recorded as present" in message
    assert "line 7: Socio 0003 (#0003) is also in the roll call at line 2" in message
    assert "line 8: Socio 0007 (#0007) has already voted" in message
    assert "line 2:" not in message and "line 5:" not in message
    assert _ballots(meeting, motion) == {"0007": Choice.yes}  # only the vote cast before
    assert len(_events(meeting, "coop.vote.cast")) == 1


def test_a_proxy_holder_votes_for_the_giver_in_the_for_column(meeting: Meeting, tmp_path: Path) -> None:
    meeting.grant_proxy(giver=40, holder=5)
    motion = _voting(meeting)
    sheet = tmp_path / "votos.csv"
    sheet.write_text("number,choice,for\n0005,yes,\n0005,no,0040\n0006,no,0041\n", encoding="utf-8")
    lines, problems = roll_call.lines_from_file(sheet)
    with pytest.raises(VoteError, match=r"line 4: Socio 0006 .* holds no proxy in force from Socio 0041"):
        meeting.ctx(roll_call.cast_roll_call, motion=motion, lines=lines, problems=problems)
    sheet.write_text("number,choice,for\n0005,yes,\n0005,no,0040\n", encoding="utf-8")
    lines, problems = roll_call.lines_from_file(sheet)
    recorded = meeting.ctx(roll_call.cast_roll_call, motion=motion, lines=lines, problems=problems)
    assert recorded[1].on_behalf_of == "Socio 0040 (#0040)" and recorded[1].voter == "Socio 0005 (#0005)"
    assert _ballots(meeting, motion) == {"0005": Choice.yes, "0040": Choice.no}


def test_a_roll_call_is_refused_for_a_secret_vote(meeting: Meeting) -> None:
    motion = _voting(meeting, VoteMethod.secret)
    with pytest.raises(VoteError, match="is by secret ballot, not a roll call"):
        _typed(meeting, motion, "0003=yes")


def test_a_mistaken_vote_is_withdrawn_audited_and_cast_again(meeting: Meeting) -> None:
    motion = _voting(meeting)
    _typed(meeting, motion, "0003=yes", "0004=no")
    withdrawn = meeting.ctx(
        roll_call.withdraw_roll_call_vote, motion=motion, member="0004", reason="Dijo sí; se cargó no."
    )
    assert withdrawn.number == "0004"
    assert _ballots(meeting, motion) == {"0003": Choice.yes}
    [event] = _events(meeting, roll_call.WITHDRAWN_ACTION)
    assert event["choice"] == "no" and event["reason"] == "Dijo sí; se cargó no."
    assert event["member_id"] == withdrawn.id
    with pytest.raises(VoteError, match=r"Socio 0004 .* has not voted on"):
        meeting.ctx(roll_call.withdraw_roll_call_vote, motion=motion, member="0004", reason="again")
    _typed(meeting, motion, "0004=yes")
    assert _ballots(meeting, motion) == {"0003": Choice.yes, "0004": Choice.yes}
    assert meeting.close_vote(motion).adopted and motion.vote.yes_count == 2


def test_a_proxy_vote_is_withdrawn_by_its_giver(meeting: Meeting) -> None:
    meeting.grant_proxy(giver=40, holder=5)
    motion = _voting(meeting)
    _typed(meeting, motion, "0005=yes")
    lines = [roll_call.RollCallLine("line 2", "0005", "no", on_behalf_of="0040")]
    meeting.ctx(roll_call.cast_roll_call, motion=motion, lines=lines)
    meeting.ctx(roll_call.withdraw_roll_call_vote, motion=motion, member="0040", reason="Era sí.")
    [event] = _events(meeting, roll_call.WITHDRAWN_ACTION)
    assert event["by_proxy_holder_id"] == find_member(meeting.session, "0005").id
    assert _ballots(meeting, motion) == {"0005": Choice.yes}


@pytest.mark.parametrize(
    ("method", "refusal"),
    [
        (VoteMethod.secret, "is secret: a ballot is kept apart from its voter"),
        (VoteMethod.show_of_hands, "is by show of hands: there is no member's vote to withdraw"),
    ],
)
def test_withdrawing_is_refused_where_there_is_no_member_s_vote(
    meeting: Meeting, method: VoteMethod, refusal: str
) -> None:
    motion = _voting(meeting, method)
    with pytest.raises(VoteError, match=refusal):
        meeting.ctx(roll_call.withdraw_roll_call_vote, motion=motion, member="0003", reason="x")


def test_withdrawing_is_refused_once_the_vote_is_closed_and_without_a_reason(meeting: Meeting) -> None:
    motion = _voting(meeting)
    _typed(meeting, motion, "0003=yes")
    with pytest.raises(VoteError, match="Say why the vote is withdrawn with --reason"):
        meeting.ctx(roll_call.withdraw_roll_call_vote, motion=motion, member="0003", reason="  ")
    with pytest.raises(PermissionDenied):
        meeting.ctx.acting_as(member_actor(meeting.session, 9))(
            roll_call.withdraw_roll_call_vote, motion=motion, member="0003", reason="x"
        )
    meeting.close_vote(motion)
    with pytest.raises(CoopError, match="is closed; a vote can be withdrawn only while its vote is open"):
        meeting.ctx(roll_call.withdraw_roll_call_vote, motion=motion, member="0003", reason="x")
    assert _events(meeting, roll_call.WITHDRAWN_ACTION) == []
