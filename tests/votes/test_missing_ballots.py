"""A roll-call or secret vote closes with no ballot, or with fewer ballots than voting codes handed
out, only when the secretary confirms it; the minutes always state the number of ballots."""

from __future__ import annotations

import pytest

from coop.assemblies.minutes import build_minutes
from coop.assemblies.models import MotionStatus
from coop.assemblies.motion_votes import close_motion_vote, enter_hand_count, open_motion_vote
from coop.errors import AssemblyError
from coop.votes.models import Choice, VoteMethod
from tests.factories.meetings import Meeting, secret_motion


def _close(meeting: Meeting, motion, confirm_empty: bool = False):  # type: ignore[no-untyped-def]
    return meeting.ctx(close_motion_vote, motion=motion, confirm_empty=confirm_empty)


def _ballots_line(meeting: Meeting) -> str | None:
    """The ballots line of the minutes' only motion."""
    (section,) = build_minutes(meeting.session, meeting.assembly).motions
    assert section.vote is not None
    return section.vote.ballots


@pytest.mark.parametrize("method", [VoteMethod.roll_call, VoteMethod.secret])
def test_a_vote_with_no_ballot_needs_confirming(meeting: Meeting, method: VoteMethod) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion()
    meeting.ctx(open_motion_vote, motion=motion, method=method)
    with pytest.raises(AssemblyError, match=r"No ballot was cast .* --confirm-empty"):
        _close(meeting, motion)
    assert motion.status is MotionStatus.voting  # nothing moved
    decision = _close(meeting, motion, confirm_empty=True)
    assert not decision.adopted
    assert (
        _ballots_line(meeting)
        == {
            VoteMethod.roll_call: "0 votes recorded in the roll call.",
            VoteMethod.secret: "0 ballots cast.",
        }[method]
    )


def test_a_roll_call_states_its_ballots(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion()
    meeting.ctx(open_motion_vote, motion=motion, method=VoteMethod.roll_call)
    meeting.vote(motion, range(1, 17), Choice.yes)
    meeting.vote(motion, [17], Choice.abstain)
    assert _close(meeting, motion).adopted  # some members not voting is a roll call's normal course
    assert _ballots_line(meeting) == "17 votes recorded in the roll call."


def test_a_show_of_hands_has_no_ballots_to_confirm(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    motion = meeting.motion()
    meeting.ctx(
        open_motion_vote,
        motion=motion,
        method=VoteMethod.show_of_hands,
    )
    meeting.ctx(enter_hand_count, motion=motion, yes=0, no=0, abstain=30)
    assert not _close(meeting, motion).adopted
    assert _ballots_line(meeting) is None


def test_fewer_ballots_than_codes_handed_out_needs_confirming(meeting: Meeting) -> None:
    secret = secret_motion(meeting, present=range(1, 24))  # 23 present: the quorum of 45 members
    codes = [slip.code for slip in secret.issue().slips]
    assert len(codes) == 23
    for code in codes[:20]:
        secret.cast(code, "yes")
    with pytest.raises(AssemblyError, match=r"23 voting codes were handed out .* only 20 ballots were cast"):
        secret.close(confirm_empty=False)
    decision = _close(meeting, secret.motion, confirm_empty=True)  # slips 21–23 were entered returned above
    assert decision.adopted
    assert _ballots_line(meeting) == "20 ballots cast (of 23 voting codes handed out)."


def test_every_code_used_closes_without_confirming(meeting: Meeting) -> None:
    secret = secret_motion(meeting, present=range(1, 24))
    for slip in secret.issue().slips:
        secret.cast(slip.code, "no")
    assert not secret.close(confirm_empty=False).adopted
    assert _ballots_line(meeting) == "23 ballots cast (of 23 voting codes handed out)."
