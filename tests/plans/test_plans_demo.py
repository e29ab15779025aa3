"""The demo plant's production plan builds through the services, is approved at assembly 2 and prints."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from coop import db
from coop.demo import build_demo, demo_database_path
from coop.demo.plans import PLAN_WEEKS
from coop.plans.capacity.results import FindingCode
from coop.plans.centres import list_routings
from coop.plans.check import check_plan
from coop.plans.common import find_plan
from coop.plans.models import PlanStatus
from tests.factories.context import FIXED_NOW


def test_demo_plan_has_one_overload_one_shortfall_and_is_approved_by_the_assembly(tmp_path: Path) -> None:
    lines = build_demo(tmp_path, now=FIXED_NOW)
    assert any("the check found 1 overload and 1 shortfall" in line for line in lines)
    assert any(
        line.startswith("Assembly 2 approved plan #1 Primer trimestre v1 by a show of hands")
        for line in lines
    )
    engine = db.engine_for(db.resolve_url(str(demo_database_path(tmp_path))))
    with db.session_scope(engine) as session:
        plan = find_plan(session, 1)
        assert plan.status is PlanStatus.approved
        assert plan.approval_motion is not None and plan.approval_motion.assembly_id == 2
        assert len({line.due_week for line in plan.lines}) == PLAN_WEEKS
        check = check_plan(session, plan, on=FIXED_NOW.date())
        blocking = [item.finding.code for item in check.findings if item.blocking]
        assert blocking == [FindingCode.OVERLOAD, FindingCode.SHORTAGE]
        assert all(item.acknowledged for item in check.findings if item.blocking)
        routed_skills = {r.skill.code for r in list_routings(session) if r.skill is not None}
        assert routed_skills == {"PRE-OP", "ESM-LIN", "HOR-CARGA", "HOR-CURVA", "ESM-PREP"}
    # The demo cooperative works in Spanish, so its plan prints in Spanish.
    reader = PdfReader(io.BytesIO((tmp_path / "production-plan-1.pdf").read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Primer trimestre" in text
    assert "PIG-GRIS" in text and "HORNO-T" in text
    assert "Production plan:" not in text
