"""The demo plant's training plan: proposed from the needs analysis, submitted, approved by assembly
2's vote and frozen with its hash; one planned session (after the vote, not after today) is held with
its trainees present; the demo's lines say the progress."""

from __future__ import annotations

import hashlib
from pathlib import Path

from coop import db
from coop.demo import build_demo, demo_database_path
from coop.demo.plans import PLAN_WEEKS
from coop.training_plan.models import TrainingPlanStatus
from coop.training_plan.store import find_training_plan
from tests.factories.context import FIXED_NOW


def test_demo_training_plan_is_approved_by_assembly_2_and_one_session_is_held(tmp_path: Path) -> None:
    lines = build_demo(tmp_path, now=FIXED_NOW)
    engine = db.engine_for(db.resolve_url(str(demo_database_path(tmp_path))))
    with db.session_scope(engine) as session:
        plan = find_training_plan(session, 1)
        assert plan.status is TrainingPlanStatus.approved and plan.weeks == PLAN_WEEKS
        motion = plan.approval_motion
        assert motion is not None and motion.assembly_id == 2 and motion.kind == "training_plan"
        assert plan.approved_snapshot is not None
        assert plan.approved_hash == hashlib.sha256(plan.approved_snapshot.encode("utf-8")).hexdigest()
        held = [row for row in plan.sessions if row.held_session is not None]
        assert len(held) == 1
        row = held[0]
        assert plan.decided_at is not None and plan.decided_at.date() < row.held_on <= FIXED_NOW.date()
        present = {a.member_id for a in row.held_session.attendance if a.present}
        assert present == {t.member_id for t in row.trainees} != set()
        assert row.held_session.skill_id == row.skill_id
    said = [line for line in lines if "training plan #1 primer trimestre" in line.lower()]
    assert said[1].startswith("Assembly 2 approved training plan #1 Primer trimestre by a show of hands")
    assert said[1].endswith(f"it is frozen with its SHA-256 {plan.approved_hash[:12]}…")
    assert said[2].startswith(f"Session {row.number} of training plan #1 Primer trimestre held on")
    sessions = len(plan.sessions)
    assert said[3].startswith(
        f"Progress of training plan #1 Primer trimestre on 2026-11-25: 1 of {sessions} sessions held"
    )
