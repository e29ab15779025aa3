"""Bylaw presets change results as the law says; second call opens on time, not a minute before."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from coop.assemblies import meetings, motion_votes
from coop.assemblies.minutes import build_minutes
from coop.audit import AuditEvent
from coop.errors import AssemblyError, BylawError
from coop.members.bylaws import MOTION_KINDS
from coop.members.bylaws_record import apply_bylaw_preset, bylaws_in_force, set_bylaw
from coop.members.presets import all_presets
from coop.votes.models import VoteMethod
from tests.factories.meetings import Meeting


def _vote_20_15_10(meeting: Meeting) -> bool:
    meeting.attend(*range(1, 46))
    motion = meeting.motion("Compra de prensa")
    meeting.ctx(
        motion_votes.open_motion_vote,
        motion=motion,
        method=VoteMethod.show_of_hands,
    )
    meeting.ctx(motion_votes.enter_hand_count, motion=motion, yes=20, no=15, abstain=10)
    return meeting.ctx(motion_votes.close_motion_vote, motion=motion).adopted


@pytest.mark.parametrize("name", ["robert", "ar-ley-20337"])
def test_a_preset_sets_the_decision_rule_of_every_kind_of_motion_once(name: str) -> None:
    keys = [rule.key for rule in all_presets()[name].rules if rule.key.startswith("threshold.")]
    assert sorted(keys) == sorted(f"threshold.{kind}" for kind in MOTION_KINDS)


def test_robert_adopts_20_of_35_cast(meeting: Meeting) -> None:
    meeting.ctx(apply_bylaw_preset, name="robert")
    assert _vote_20_15_10(meeting) is True


def test_ley_20337_rejects_20_of_45_present(meeting: Meeting) -> None:
    meeting.ctx(apply_bylaw_preset, name="ar-ley-20337")
    assert _vote_20_15_10(meeting) is False
    motion = meeting.assembly.motions[0]
    assert motion.vote is not None and motion.vote.article == "Ley 20.337, art. 53"
    assert "23 were needed" in (motion.vote.explanation or "") and "(Ley 20.337, art. 53)" in (
        motion.vote.explanation or ""
    )
    minutes = build_minutes(meeting.session, meeting.assembly)
    assert minutes.motions[0].vote is not None and minutes.motions[0].vote.article == "Ley 20.337, art. 53"


def test_preset_apply_is_audited_and_reports_changes(meeting: Meeting) -> None:
    changes = meeting.ctx(apply_bylaw_preset, name="ar-ley-20337")
    changed = {c.key: (c.old, c.new) for c in changes if c.changed}
    assert changed["threshold.ordinary"] == ("majority_cast", "majority_present")
    assert changed["quorum.second_call_minutes"] == ("0", "60")
    in_force = bylaws_in_force(meeting.session)
    assert in_force["threshold.bylaws_amendment"].value == "two_thirds_present"
    assert in_force["quorum"].article == "Ley 20.337, art. 49"
    assert in_force["quorum.second_call_minutes"].source == "preset ar-ley-20337"
    actions = meeting.session.scalars(
        select(AuditEvent.action).order_by(AuditEvent.seq.desc()).limit(1)
    ).all()
    assert actions == ["coop.bylaws.preset_applied"]
    # The cooperative can then adjust a single value.
    meeting.ctx(
        set_bylaw,
        key="proxy.max_per_holder",
        value="2",
        article="Estatuto, art. 35",
    )
    assert bylaws_in_force(meeting.session)["threshold.ordinary"].value == "majority_present"
    with pytest.raises(BylawError, match="no bylaw preset called 'roberts'"):
        meeting.ctx(apply_bylaw_preset, name="roberts")


def test_second_call_refused_a_minute_early_then_accepted(meeting: Meeting) -> None:
    meeting.ctx(apply_bylaw_preset, name="ar-ley-20337")
    meeting.attend(*range(1, 13))  # 12 of 45: no quorum at the called time
    motion = meeting.motion("Vacaciones")
    with pytest.raises(AssemblyError, match="Quorum not reached"):
        meeting.ctx(
            motion_votes.open_motion_vote,
            motion=motion,
            method=VoteMethod.show_of_hands,
        )
    called = meeting.assembly.called_for
    with pytest.raises(AssemblyError, match="1 minute"):
        meetings.record_second_call(
            meeting.session,
            actor=meeting.secretary,
            now=called + timedelta(minutes=59),
            assembly=meeting.assembly,
        )
    assert meeting.assembly.second_call_at is None
    meetings.record_second_call(
        meeting.session,
        actor=meeting.secretary,
        now=called + timedelta(minutes=60),
        assembly=meeting.assembly,
    )
    motion_votes.open_motion_vote(
        meeting.session,
        actor=meeting.secretary,
        now=called + timedelta(minutes=61),
        motion=motion,
        method=VoteMethod.show_of_hands,
    )
    assert motion.vote is not None and motion.vote.quorum_met and motion.vote.quorum_at_second_call
    minutes = build_minutes(meeting.session, meeting.assembly)
    assert minutes.second_call == ("The assembly was held at second call, at 11:00, with 12 members present.")


def test_second_call_needs_bylaws_that_provide_it(meeting: Meeting) -> None:
    with pytest.raises(AssemblyError, match="provide no second call"):
        meetings.record_second_call(
            meeting.session,
            actor=meeting.secretary,
            now=meeting.now + timedelta(hours=3),
            assembly=meeting.assembly,
        )
