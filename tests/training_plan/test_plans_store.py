"""The training plan through the Python API (``c.training_plans``), on both databases: stored as
proposed, changed only while a draft, approved by the assembly's vote with a frozen snapshot whose
SHA-256 is the hash of exactly what ``show`` prints later, rejected without one; every change audited.

The tile plant of tests.factories.plans (clock: Wednesday 2026-11-25); 0005 holds HOR-CARGA at
level 2, so the proposal trains her to level 3 before the kiln's gap opens in 2026-W49.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.api import Coop
from coop.assemblies import motion_votes, motions
from coop.audit import AuditEvent
from coop.errors import TrainingError
from coop.training_plan.models import TrainingPlan, TrainingPlanSession, TrainingPlanStatus
from coop.votes.models import VoteMethod
from tests.factories.context import FIXED_NOW, Context, member_actor
from tests.factories.plans import TilePlant
from tests.factories.training_plans import build_trainee_plant


@pytest.fixture
def tiles(session: Session) -> TilePlant:
    return build_trainee_plant(session)


def _decide(tiles: TilePlant, c: Coop, plan: TrainingPlan, *, yes: int, no: int) -> None:
    motion = c.acting_as("0001").training_plans.propose_approval(plan, tiles.assembly.id)
    assert motion.kind == "training_plan"
    chair = Context(tiles.session, member_actor(tiles.session, "0001"), FIXED_NOW)
    chair(motions.second_motion, motion=motion, seconder="0005")
    chair(motion_votes.open_motion_vote, motion=motion, method=VoteMethod.show_of_hands)
    chair(motion_votes.enter_hand_count, motion=motion, yes=yes, no=no, abstain=0)
    chair(motion_votes.close_motion_vote, motion=motion)


def _actions(session: Session) -> list[str]:
    rows = session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.action.like("coop.training_plan.%"))
        .order_by(AuditEvent.seq)
    )
    return list(rows)


def test_an_adopted_motion_approves_the_plan_and_freezes_what_show_prints(tiles: TilePlant) -> None:
    c = Coop(tiles.session, actor="0002", now=FIXED_NOW)
    plan, sentences = c.training_plans.propose("Verano", start="2026-W49", weeks=4)
    assert plan.status is TrainingPlanStatus.draft and len(sentences) == len(plan.gaps) > 0
    c.training_plans.edit(plan, 2, add_trainee="0007")
    c.training_plans.submit(plan)
    with pytest.raises(TrainingError, match="only a draft can be changed"):
        c.training_plans.edit(plan, 1, add_trainee="0008")
    _decide(tiles, c, plan, yes=20, no=3)
    assert plan.status is TrainingPlanStatus.approved and plan.decided_at == FIXED_NOW
    assert plan.approved_hash == hashlib.sha256(plan.approved_snapshot.encode()).hexdigest()
    shown = c.training_plans.show(plan)
    assert shown["approved_hash"] == plan.approved_hash
    frozen = json.loads(plan.approved_snapshot)
    assert {k: v for k, v in shown.items() if k != "approved_hash"} == {**frozen, "status": "approved"}
    assert shown["sessions"][1]["trainees"] == ["0005", "0007"]
    # a later change to a row the plan names does not change the plan as approved
    tiles.session.scalars(select(TrainingPlanSession)).first().hours = 1  # type: ignore[union-attr]
    assert c.training_plans.show(plan) == shown
    with pytest.raises(TrainingError, match="only a draft can be changed"):
        c.training_plans.edit(plan, 1, remove_trainee="0005")
    assert _actions(tiles.session) == [
        "coop.training_plan.proposed",
        "coop.training_plan.edited",
        "coop.training_plan.submitted",
        "coop.training_plan.approval_proposed",
        "coop.training_plan.approved",
    ]


def test_a_rejected_plan_is_not_frozen_and_cannot_go_back_to_the_assembly(tiles: TilePlant) -> None:
    c = Coop(tiles.session, actor="0002", now=FIXED_NOW)
    plan = c.training_plans.propose("Verano", start="2026-W49", weeks=4)[0]
    c.training_plans.submit(plan)
    _decide(tiles, c, plan, yes=3, no=20)
    assert plan.status is TrainingPlanStatus.rejected
    assert plan.approved_snapshot is None and plan.approved_hash is None
    with pytest.raises(TrainingError, match="is not submitted"):
        c.acting_as("0001").training_plans.propose_approval(plan, tiles.assembly.id)


def test_a_plan_already_before_the_assembly_is_not_proposed_twice(tiles: TilePlant) -> None:
    c = Coop(tiles.session, actor="0002", now=FIXED_NOW)
    plan = c.training_plans.propose("Verano", start="2026-W49", weeks=4)[0]
    c.training_plans.submit(plan)
    c.training_plans.propose_approval(plan, tiles.assembly.id)
    with pytest.raises(TrainingError, match="is already before assembly"):
        c.training_plans.propose_approval(plan, tiles.assembly.id)


def test_a_plain_member_writes_no_training_plan_and_nothing_is_stored(tiles: TilePlant) -> None:
    c = Coop(tiles.session, actor="0010", now=FIXED_NOW)
    with pytest.raises(TrainingError, match="is for a trainer or a coordinator"):
        c.training_plans.propose("Verano", start="2026-W49")
    assert tiles.session.scalars(select(TrainingPlan)).all() == []


def test_a_member_booked_beyond_the_week_by_the_plans_is_not_picked(tiles: TilePlant) -> None:
    """0005 and 0006 both hold HOR-CARGA at level 2 (0005 comes first by reference); an urgent plan
    books 0005, the only press operator, for 50 h of pressing this week (2026-W48, when the sessions
    are held): the proposal passes over her and trains 0006."""
    c = Coop(tiles.session, actor="0002", now=FIXED_NOW)
    secretary = c.acting_as("0001")
    secretary.training.add_skill("PRE-OP", "Operación de prensa", category="Prensas")
    for member, skill in (("0006", "HOR-CARGA"), ("0005", "PRE-OP")):
        secretary.training.record_assessment(
            member, skill, 2, assessed_on=date(2026, 6, 1), outside_assessor="Técnico"
        )
    c.plans.set_routing(
        "BIZC-30", "PRENSA", minutes_per_unit="1.5", crew_size=1, skill="PRE-OP", skill_level=2
    )
    urgent = c.plans.create_plan("Urgente", period_start="2026-W48", weeks=1)
    c.plans.add_plan_line(urgent, "BIZC-30", "2000", due_week="2026-W48")  # 2,000 × 1.5 min = 50 h
    plan = c.training_plans.propose("Verano", start="2026-W49", weeks=2)[0]
    trainees = {t.member.reference for row in plan.sessions for t in row.trainees}
    assert trainees == {"0006"}
