"""The demo plant's production plan builds through the services, is approved at assembly 2 and prints."""

from __future__ import annotations

import io
import random
from pathlib import Path

from pypdf import PdfReader

from coop import db
from coop.demo import build_demo, demo_database_path
from coop.plans import capacity
from coop.plans import service as plans
from coop.plans.demo import PLAN_WEEKS, build_plans_demo, print_plan_documents
from coop.plans.models import PlanStatus
from tests.conftest import FIXED_NOW


def test_demo_plan_has_one_overload_one_shortfall_and_is_approved_by_the_assembly(tmp_path: Path) -> None:
    build_demo(tmp_path, now=FIXED_NOW)
    engine = db.engine_for(db.resolve_url(str(demo_database_path(tmp_path))))
    with db.session_scope(engine) as session:
        lines = build_plans_demo(session, now=FIXED_NOW, rng=random.Random(20261125))
    assert len(lines) == 3
    assert "the check found 1 overload and 1 shortfall" in lines[1]
    assert lines[2].startswith("Assembly 2 approved plan #1 Primer trimestre v1 by a show of hands")
    with db.session_scope(engine) as session:
        plan = plans.find_plan(session, 1)
        assert plan.status is PlanStatus.approved
        assert plan.approval_motion is not None and plan.approval_motion.assembly_id == 2
        assert len({line.due_week for line in plan.lines}) == PLAN_WEEKS
        check = plans.check_plan(session, plan, on=FIXED_NOW.date())
        blocking = [item.finding.code for item in check.findings if item.blocking]
        assert blocking == [capacity.FindingCode.OVERLOAD, capacity.FindingCode.SHORTAGE]
        assert all(item.acknowledged for item in check.findings if item.blocking)
        routed_skills = {r.skill.code for r in plans.list_routings(session) if r.skill is not None}
        assert routed_skills == {"PRE-OP", "ESM-LIN", "HOR-CARGA", "HOR-CURVA", "ESM-PREP"}
        written = print_plan_documents(session, tmp_path, on=FIXED_NOW.date())
    assert written == [
        f"Printed production plan #1 Primer trimestre v1: {tmp_path / 'production-plan-1.pdf'}"
    ]
    reader = PdfReader(io.BytesIO((tmp_path / "production-plan-1.pdf").read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Production plan: Primer trimestre" in text
    assert "APPROVED BY THE ASSEMBLY" in text
    assert "PIG-GRIS" in text and "HORNO-T" in text
