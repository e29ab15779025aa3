"""Plans in the database, on SQLite and PostgreSQL: master data, the check, the lifecycle, the
assembly's vote, versions, the approved snapshot, and the refusals (cycles, bad CSV lines,
negative quantities). Numbers are those worked out in ``conftest.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from coop.audit import AuditEvent, verify_chain
from coop.errors import PermissionDenied, PlanError
from coop.members.actors import Actor
from coop.plans import reports
from coop.plans.capacity.load import available_hours
from coop.plans.capacity.results import FindingCode
from coop.plans.catalogue import add_product, set_bom_line, set_stock, update_product
from coop.plans.catalogue_imports import import_bom, import_products, import_stock
from coop.plans.centres import add_closure, list_work_centres, update_work_centre
from coop.plans.centres_imports import import_routings, import_work_centres
from coop.plans.check import acknowledge_finding, check_plan, load_inputs
from coop.plans.common import parse_week
from coop.plans.diff import diff_plans
from coop.plans.drafts import add_plan_line, create_plan, import_plan_lines, remove_plan_line
from coop.plans.lifecycle import close_plan, propose_plan_approval, revise_plan, start_plan, submit_plan
from coop.plans.models import BomLine, Plan, PlanLine, PlanStatus, Product, StockLevel
from coop.plans.plan_views import versions_of
from coop.reports.render import render_html
from tests.factories.meetings import propose
from tests.factories.plans import W49, W50, W52, TilePlant


def _keys(plant: TilePlant, plan: Plan) -> list[str]:
    return [item.key for item in check_plan(plant.session, plan, on=plant.now.date()).findings]


def _actions(plant: TilePlant) -> list[str]:
    return list(plant.session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def _html(plant: TilePlant, plan: Plan) -> str:
    return render_html(
        "plan_report.html.j2", plan=reports.plan_for_print(plant.session, plan, on=plant.now.date())
    )


# --- the check on data from the database -------------------------------------------------------------


def test_check_finds_the_overload_and_the_shortage(plant: TilePlant) -> None:
    plan = plant.plan()
    check = check_plan(plant.session, plan, on=plant.now.date())
    by_key = {item.key: item.finding for item in check.findings}
    assert list(by_key) == ["overload:HORNO:2026-W50", "shortage:ESM-BL"]
    overload = by_key["overload:HORNO:2026-W50"]
    assert (overload.required, overload.available, overload.percent) == (
        Decimal("50"),
        Decimal("48"),
        Decimal("104.2"),
    )
    assert [line.ref for line in overload.lines] == ["2"]
    shortage = by_key["shortage:ESM-BL"]
    assert shortage.required == Decimal("420")
    assert shortage.shortfall == Decimal("120")
    assert shortage.week == W50
    assert check.counts["open_blocking"] == 2


def test_check_counts_only_qualified_active_members_for_the_crew(plant: TilePlant) -> None:
    from coop.members.register import deactivate_member

    plant.acting(plant.secretary)(deactivate_member, reference="0004")
    plan = plant.plan()
    check = check_plan(plant.session, plan, on=plant.now.date())
    gaps = [item.finding for item in check.findings if item.finding.code is FindingCode.CREW_GAP]
    assert [(g.work_centre, g.week, g.skill, g.skill_level) for g in gaps] == [
        ("HORNO", W49, "HOR-CARGA", 3),
        ("HORNO", W50, "HOR-CARGA", 3),
    ]
    assert gaps[0].members == ("Socio 0003 (#0003)",)
    assert "crew_gap:HORNO:2026-W49:HOR-CARGA:3" in [item.key for item in check.findings]


def test_check_without_training_records_says_crews_were_not_checked(session, now) -> None:  # type: ignore[no-untyped-def]
    from tests.factories.plans import build_tile_plant

    plant = build_tile_plant(session, now, with_training=False)
    plan = plant.plan()
    inputs = load_inputs(session, plan, on=now.date())
    assert inputs.qualifications is None
    assert "skills_not_checked" not in _keys(plant, plan)  # no routing needs a skill here


def test_inputs_read_closures_for_the_centre_and_the_whole_plant(plant: TilePlant) -> None:
    plant.acting(plant.coordinator)(
        add_closure,
        centre=None,
        day=date(2026, 12, 24),
        reason="Nochebuena",
    )
    plan = plant.plan(lines=False)
    inputs = load_inputs(plant.session, plan, on=plant.now.date())
    kiln = next(c for c in inputs.work_centres if c.code == "HORNO")
    press = next(c for c in inputs.work_centres if c.code == "PRENSA")
    assert kiln.closures == {date(2026, 12, 8), date(2026, 12, 24)}
    assert press.closures == {date(2026, 12, 24)}
    assert available_hours(press, W52) == Decimal("54")  # 4 open days × 13.5 h


# --- lifecycle and the assembly's vote -------------------------------------------------------------


def test_lifecycle_draft_to_closed_through_the_assembly_vote(plant: TilePlant) -> None:
    session = plant.session
    plan = plant.plan()
    with pytest.raises(PlanError) as refused:
        plant.acting(plant.coordinator)(submit_plan, plan=plan)
    assert "2 blocking findings are not acknowledged" in refused.value.message
    assert "overload:HORNO:2026-W50" in refused.value.message
    assert "shortage:ESM-BL" in refused.value.message
    assert plan.status is PlanStatus.draft

    plant.acknowledge_all(plan)
    check = plant.acting(plant.coordinator)(submit_plan, plan=plan)
    assert check.counts["acknowledged"] == 2
    assert plan.status is PlanStatus.submitted

    plant.vote_on(plan, yes=20, no=5, abstain=2)
    assert plan.status is PlanStatus.approved
    assert plan.approval_motion is not None and plan.approval_motion.kind == "plan_approval"
    assert plan.approved_hash == reports.snapshot_hash(plan.approved_snapshot or "")
    snapshot = json.loads(plan.approved_snapshot or "")
    assert snapshot["status"] == "approved"
    assert snapshot["approval"]["yes"] == 20 and snapshot["approval"]["adopted"] is True

    plant.acting(plant.coordinator)(start_plan, plan=plan)
    assert plan.status is PlanStatus.in_progress
    with pytest.raises(PlanError, match="missing: line 2"):
        plant.acting(plant.coordinator)(close_plan, plan=plan, actuals={1: "1000"})
    with pytest.raises(PlanError, match=r"The actual quantity of line 1 cannot be negative \(-1\)"):
        plant.acting(plant.coordinator)(close_plan, plan=plan, actuals={1: "-1", 2: "0"})
    plant.acting(plant.coordinator)(close_plan, plan=plan, actuals={1: "1000", 2: "880"})
    assert plan.status is PlanStatus.closed
    assert [line.actual_quantity for line in plan.lines] == [Decimal("1000"), Decimal("880")]

    actions = _actions(plant)
    for action in (
        "coop.plan.created",
        "coop.plan_line.added",
        "coop.finding.acknowledged",
        "coop.plan.submitted",
        "coop.plan.approval_proposed",
        "coop.plan.approved",
        "coop.plan.started",
        "coop.plan.closed",
    ):
        assert action in actions
    assert actions.index("coop.motion.closed") < actions.index("coop.plan.approved")
    assert verify_chain(session).intact


def test_a_vote_against_rejects_the_plan(plant: TilePlant) -> None:
    plan = plant.plan()
    plant.submit(plan)
    plant.vote_on(plan, yes=5, no=20)
    assert plan.status is PlanStatus.rejected
    assert plan.approved_snapshot is None
    assert "coop.plan.rejected" in _actions(plant)
    with pytest.raises(PlanError, match="only a plan approved by the assembly can start"):
        plant.acting(plant.coordinator)(start_plan, plan=plan)
    html = _html(plant, plan)
    assert "Rejected by the assembly" in html and "REJECTED" in html


def test_only_a_submitted_plan_goes_to_the_assembly_and_only_once(plant: TilePlant) -> None:
    plan = plant.plan()
    with pytest.raises(PlanError, match="only a submitted plan goes to the assembly"):
        plant.acting(plant.coordinator)(propose_plan_approval, plan=plan, assembly=plant.assembly.id)
    plant.submit(plan)
    motion = plant.acting(plant.coordinator)(propose_plan_approval, plan=plan, assembly=plant.assembly.id)
    with pytest.raises(PlanError, match=f"already before assembly {plant.assembly.id} as motion {motion.id}"):
        plant.acting(plant.coordinator)(propose_plan_approval, plan=plan, assembly=plant.assembly.id)


def test_other_motions_leave_plans_alone(plant: TilePlant) -> None:
    from coop.assemblies.motion_votes import close_motion_vote, enter_hand_count, open_motion_vote
    from coop.assemblies.motions import second_motion
    from coop.votes.models import VoteMethod

    plan = plant.plan()
    plant.submit(plan)
    motion = propose(
        plant.acting(plant.secretary),
        plant.assembly,
        "Plan de verano",
        "Aprobar el plan de verano.",
        proposer="0002",
    )
    plant.acting(plant.secretary)(second_motion, motion=motion, seconder="0003")
    plant.acting(plant.secretary)(open_motion_vote, motion=motion, method=VoteMethod.show_of_hands)
    plant.acting(plant.secretary)(enter_hand_count, motion=motion, yes=25, no=0, abstain=0)
    plant.acting(plant.secretary)(close_motion_vote, motion=motion)
    assert plan.status is PlanStatus.submitted


def test_an_approved_plan_cannot_be_edited_only_revised(plant: TilePlant) -> None:
    session = plant.session
    plan = plant.plan()
    plant.submit(plan)
    with pytest.raises(PlanError, match="submitted to the assembly; only a draft can be edited"):
        plant.acting(plant.coordinator)(remove_plan_line, plan=plan, position=1)
    plant.vote_on(plan, yes=20, no=1)
    for attempt in (
        lambda: plant.acting(plant.coordinator)(
            add_plan_line,
            plan=plan,
            product=plant.tile,
            quantity="5",
            due_week=W49,
        ),
        lambda: plant.acting(plant.coordinator)(remove_plan_line, plan=plan, position=1),
        lambda: plant.acting(plant.coordinator)(
            acknowledge_finding, plan=plan, key="shortage:ESM-BL", reason="otra vez"
        ),
        lambda: plant.acting(plant.coordinator)(submit_plan, plan=plan),
    ):
        with pytest.raises(
            PlanError, match=rf"can never be edited; make a new version with: coop plan revise {plan.id}"
        ):
            attempt()

    revision = plant.acting(plant.coordinator)(revise_plan, plan=plan)
    assert (revision.version, revision.predecessor_id, revision.status) == (2, plan.id, PlanStatus.draft)
    assert [(line.position, line.quantity) for line in revision.lines] == [
        (1, Decimal("1000")),
        (2, Decimal("1000")),
    ]
    plant.acting(plant.coordinator)(remove_plan_line, plan=revision, position=2)
    plant.acting(plant.coordinator)(
        add_plan_line,
        plan=revision,
        product=plant.tile,
        quantity="800",
        due_week=W52,
    )
    session.flush()
    assert len(plan.lines) == 2 and plan.status is PlanStatus.approved  # the approved version is untouched
    assert [v.id for v in versions_of(session, revision)] == [plan.id, revision.id]

    with pytest.raises(PlanError, match=rf"already revised as #{revision.id}"):
        plant.acting(plant.coordinator)(revise_plan, plan=plan)
    with pytest.raises(PlanError, match="still a draft"):
        plant.acting(plant.coordinator)(revise_plan, plan=revision)

    diff = diff_plans(plan, revision)
    assert [(c.change, c.product, c.due_week, c.quantity_a, c.quantity_b) for c in diff.lines] == [
        ("removed", "BALD-30", W50, Decimal("1000"), None),
        ("added", "BALD-30", W52, None, Decimal("800")),
    ]
    assert diff.unchanged == 1


def test_only_one_version_of_a_plan_runs_at_a_time(plant: TilePlant) -> None:
    plan = plant.plan()
    plant.submit(plan)
    plant.vote_on(plan, yes=20, no=1)
    plant.acting(plant.coordinator)(start_plan, plan=plan)
    revision = plant.acting(plant.coordinator)(revise_plan, plan=plan)
    plant.acknowledge_all(revision)
    plant.acting(plant.coordinator)(submit_plan, plan=revision)
    plant.vote_on(revision, yes=20, no=1)
    with pytest.raises(PlanError, match=rf"Version #{plan.id} .* is in progress; close it first"):
        plant.acting(plant.coordinator)(start_plan, plan=revision)
    plant.acting(plant.coordinator)(close_plan, plan=plan, actuals={1: "1000", 2: "0"})
    plant.acting(plant.coordinator)(start_plan, plan=revision)
    assert revision.status is PlanStatus.in_progress


def test_an_acknowledgement_covers_only_the_figures_it_was_given_for(plant: TilePlant) -> None:
    session, now = plant.session, plant.now
    plan = plant.plan()
    plant.acknowledge_all(plan)
    plant.acting(plant.coordinator)(
        add_plan_line, plan=plan, product=plant.tile, quantity="100", due_week=W50
    )
    check = check_plan(session, plan, on=now.date())
    assert [item.key for item in check.open_blocking] == ["overload:HORNO:2026-W50", "shortage:ESM-BL"]
    assert all(item.earlier is not None for item in check.open_blocking)
    with pytest.raises(PlanError, match="2 blocking findings are not acknowledged"):
        plant.acting(plant.coordinator)(submit_plan, plan=plan)
    with pytest.raises(PlanError, match="has no finding 'overload:HORNO:2026-W51' now"):
        plant.acting(plant.coordinator)(
            acknowledge_finding, plan=plan, key="overload:HORNO:2026-W51", reason="x"
        )
    with pytest.raises(PlanError, match="must say why"):
        plant.acting(plant.coordinator)(acknowledge_finding, plan=plan, key="shortage:ESM-BL", reason=" ")


def test_snapshot_prints_identically_after_master_data_changes(plant: TilePlant) -> None:
    session, now = plant.session, plant.now
    plan = plant.plan()
    plant.submit(plan)
    plant.vote_on(plan, yes=20, no=1)
    before = _html(plant, plan)
    assert plan.approved_hash in before

    plant.acting(plant.coordinator)(set_stock, product=plant.glaze, quantity="10000")
    plant.acting(plant.coordinator)(update_work_centre, centre=plant.kiln, changes={"shifts_per_day": 3})
    plant.acting(plant.coordinator)(update_product, product=plant.tile, name="Baldosa nueva")
    session.flush()
    assert _html(plant, plan) == before
    live = render_html("plan_report.html.j2", plan=reports.build_plan_report(session, plan, on=now.date()))
    assert live != before and "Baldosa nueva" in live

    if session.get_bind().dialect.name == "postgresql":  # past the trigger, as a superuser can get
        session.execute(text("SET LOCAL session_replication_role = replica"))
    plan.approved_snapshot = (plan.approved_snapshot or "").replace("Baldosa 30×30", "Baldosa falsa")
    with pytest.raises(PlanError, match="does not match its hash"):
        reports.plan_for_print(session, plan, on=now.date())


def test_closed_plan_prints_planned_versus_actual_after_the_approved_plan(plant: TilePlant) -> None:
    session, now = plant.session, plant.now
    plan = plant.plan()
    plant.submit(plan)
    plant.vote_on(plan, yes=20, no=1)
    plant.acting(plant.coordinator)(start_plan, plan=plan)
    plant.acting(plant.coordinator)(close_plan, plan=plan, actuals={1: "1050", 2: "880"})
    model = reports.plan_for_print(session, plan, on=now.date())
    assert model.status == "approved" and model.progress is not None
    assert [(o.planned, o.actual, o.difference, o.achieved) for o in model.progress.outcome] == [
        ("1,000", "1,050", "+50", "105 %"),
        ("1,000", "880", "−120", "88 %"),
    ]
    assert (
        model.progress.outcome_summary
        == "1 of 2 lines were made in full; 96.5 % of the planned quantities in all."
    )


# --- roles -----------------------------------------------------------------------------------------


def test_planning_needs_a_coordinator_or_the_secretary(plant: TilePlant) -> None:
    with pytest.raises(PermissionDenied, match="needs the coordinator role, and Socio 0010"):
        plant.acting(plant.member)(create_plan, name="Mío", period_start=W49, period_end=W52)
    with pytest.raises(PermissionDenied, match="--as MEMBER"):
        add_product(plant.session, actor=Actor(None), now=plant.now, code="X", name="X", unit="pcs")
    plan = plant.acting(plant.secretary)(
        create_plan,
        name="De la secretaría",
        period_start=W49,
        period_end=W49,
    )
    assert plan.created_by == "Ana Núñez (#0001)"


def test_a_new_plan_runs_to_a_week_or_over_a_number_of_weeks_and_at_least_one(plant: TilePlant) -> None:
    def create(**period: object) -> Plan:
        return plant.acting(plant.coordinator)(create_plan, name="Verano", **period)

    over_four = create(period_start="2026-W49", weeks=4)
    assert (over_four.period_start, over_four.period_end) == (W49, W52)
    up_to = create(period_start="2026-12-02", period_end="2026-W52")
    assert (up_to.period_start, up_to.period_end) == (W49, W52)
    plans_before = plant.session.scalar(select(func.count(Plan.id)))
    with pytest.raises(PlanError, match=r"^A plan covers at least one week\.$"):
        create(period_start="2026-W49", weeks=0)
    with pytest.raises(PlanError, match=r"^Say how long the plan runs: --to WEEK or --weeks N\.$"):
        create(period_start="2026-W49")
    with pytest.raises(PlanError, match=r"^Say how long the plan runs"):
        create(period_start="2026-W49", period_end="2026-W52", weeks=4)
    assert plant.session.scalar(select(func.count(Plan.id))) == plans_before


# --- bad input -------------------------------------------------------------------------------------


def test_a_bom_cycle_is_refused_naming_it(plant: TilePlant) -> None:
    with pytest.raises(PlanError) as refused:
        plant.acting(plant.coordinator)(
            set_bom_line,
            parent=plant.clay,
            component=plant.tile,
            quantity="1",
        )
    assert "ARC-ROJ → BALD-30 → BIZC-30 → ARC-ROJ" in refused.value.message
    assert "nothing was changed" in refused.value.message
    with pytest.raises(PlanError, match="BALD-30 → BALD-30"):
        plant.acting(plant.coordinator)(
            set_bom_line,
            parent=plant.tile,
            component=plant.tile,
            quantity="1",
        )
    assert plant.session.scalar(select(func.count(BomLine.id))) == 3


def test_a_bom_cycle_in_a_file_is_refused_with_its_lines(plant: TilePlant, tmp_path: Path) -> None:
    file = tmp_path / "bom.csv"
    file.write_text(
        "parent,component,quantity,scrap_pct\nARC-ROJ,ESM-BL,1,\nESM-BL,BALD-30,0.5,2\n", encoding="utf-8"
    )
    with pytest.raises(PlanError) as refused:
        plant.acting(plant.coordinator)(import_bom, path=file)
    message = refused.value.message
    assert "ARC-ROJ → ESM-BL → BALD-30 → BIZC-30 → ARC-ROJ" in message
    assert "(lines 2, 3)" in message and "nothing was imported" in message
    assert plant.session.scalar(select(func.count(BomLine.id))) == 3


# A plan's CSV up to line 6; each test appends a line 7, which decides what is reported.
FIVE_LINES = (
    "product,quantity,due_week,priority\n"
    "BALD-30,500,2026-W49,1\n"
    "BALD-99,100,2026-W49,\n"
    "BALD-30,-5,2026-W50,\n"
    "\n"
    "BALD-30,100,2027-W10,\n"
)


def test_csv_bad_lines_are_listed_with_their_numbers_and_nothing_is_imported(
    plant: TilePlant, tmp_path: Path
) -> None:
    plan = plant.plan(lines=False)
    file = tmp_path / "lines.csv"

    def refusal_with_line_7(line_7: str) -> list[str]:
        file.write_text(FIVE_LINES + line_7, encoding="utf-8")
        with pytest.raises(PlanError) as refused:
            plant.acting(plant.coordinator)(import_plan_lines, plan=plan, path=file)
        return refused.value.message.splitlines()

    assert refusal_with_line_7("BIZC-30,1,2,5,,\n") == [
        "lines.csv has 1 bad line, so nothing was imported; fix it and import again:",
        "  line 7: more cells than columns",
    ]
    assert refusal_with_line_7("BALD-30,1.5,next week,\n") == [
        "lines.csv has 4 bad lines, so nothing was imported; fix them and import again:",
        "  line 3: unknown product BALD-99",
        "  line 4: quantity cannot be negative (-5)",
        "  line 6: Week 2027-W10 is outside the plan's period, 2026-W49 to 2026-W52",
        "  line 7: due_week 'next week' is not a week; write it like 2026-W49, or give any day of that week "
        "like 2026-12-02",
    ]
    assert plant.session.scalar(select(func.count(PlanLine.id))) == 0


def test_product_stock_centre_and_routing_imports_are_all_or_nothing(
    plant: TilePlant, tmp_path: Path
) -> None:
    products = tmp_path / "products.csv"
    products.write_text(
        "code,name,unit\nTAZA,Taza,pcs\nbald-30,Baldosa 30x30 esmaltada,pcs\nmal código,X,pcs\n"
    )
    with pytest.raises(PlanError, match="line 4: 'mal código' cannot be a code"):
        plant.acting(plant.coordinator)(import_products, path=products)
    assert plant.session.scalar(select(func.count(Product.id))) == 4
    products.write_text("code,name,unit\nTAZA,Taza,pcs\nbald-30,Baldosa 30x30 esmaltada,pcs\n")
    assert plant.acting(plant.coordinator)(import_products, path=products) == (
        1,
        1,
    )
    assert plant.tile.name == "Baldosa 30x30 esmaltada"

    stock = tmp_path / "stock.csv"
    stock.write_text(
        "material,quantity,counted_on\nARC-ROJ,4000,2026-11-20\nBALD-30,5,\nESM-BL,-3,\nBARRO,1,\n"
    )
    with pytest.raises(PlanError) as refused:
        plant.acting(plant.coordinator)(import_stock, path=stock)
    assert refused.value.message.splitlines()[1:] == [
        "  line 3: BALD-30 has a bill of materials, so it is not a material",
        "  line 4: quantity cannot be negative (-3)",
        "  line 5: unknown product BARRO",
    ]
    assert plant.session.scalar(
        select(StockLevel.quantity).where(StockLevel.product_id == plant.clay.id)
    ) == Decimal("5000")

    routings = tmp_path / "routings.csv"
    routings.write_text(
        "product,work_centre,minutes_per_unit,crew_size,skill,skill_level\n"
        "TAZA,HORNO,0.5,1,HOR-CARGA,2\nTAZA,ESMALTE,1,1,,\nTAZA,PRENSA,0,1,,\nTAZA,PRENSA,1,1,NADA,\n"
    )
    with pytest.raises(PlanError) as refused:
        plant.acting(plant.coordinator)(import_routings, path=routings)
    lines = refused.value.message.splitlines()[1:]
    assert lines[0] == "  line 3: unknown work centre ESMALTE"
    assert lines[1] == "  line 4: Minutes per unit must be above zero"
    assert lines[2].startswith("  line 5: There is no skill with the code or name 'NADA'")

    centres = tmp_path / "centres.csv"
    centres.write_text(
        "code,name,hours_per_shift,shifts_per_day,working_days,parallel,efficiency_pct\n"
        "ESMALTE,Línea de esmaltado,8,2,5,1,90\nSECADERO,Secadero,12,3,7,1,100\n"
    )
    with pytest.raises(PlanError, match="line 3: 3 shifts of 12 h do not fit in a day of 24 hours"):
        plant.acting(plant.coordinator)(import_work_centres, path=centres)
    assert [c.code for c in list_work_centres(plant.session)] == ["HORNO", "PRENSA"]


def _plan_line(plant: TilePlant, quantity: str) -> PlanLine:
    plan = plant.plan(lines=False)
    return plant.acting()(add_plan_line, plan=plan, product=plant.tile, quantity=quantity, due_week=W49)


def _bom_line(plant: TilePlant, quantity: str, scrap_pct: str | None = None) -> BomLine:
    ctx = plant.acting()
    return ctx(set_bom_line, parent=plant.tile, component=plant.glaze, quantity=quantity, scrap_pct=scrap_pct)


QUANTITY_REFUSALS: dict[str, tuple[Callable[[TilePlant], object], str]] = {
    "negative_line": (lambda p: _plan_line(p, "-5"), r"The quantity of BALD-30 cannot be negative \(-5\)"),
    "zero_line": (lambda p: _plan_line(p, "0"), "must be above zero"),
    "decimal_comma": (lambda p: _plan_line(p, "1,5"), "write decimals with a point"),
    "negative_stock": (
        lambda p: p.acting()(set_stock, product=p.glaze, quantity="-1"),
        "Stock of ESM-BL cannot be negative",
    ),
    "negative_bom_quantity": (lambda p: _bom_line(p, "-0.2"), "quantity per unit cannot be negative"),
    "all_scrap": (lambda p: _bom_line(p, "1", scrap_pct="100"), "Scrap must be below 100 %"),
    "stock_of_a_product": (
        lambda p: p.acting()(set_stock, product=p.tile, quantity="10"),
        "not a material",
    ),
}


@pytest.mark.parametrize("case", QUANTITY_REFUSALS, ids=str)
def test_negative_and_impossible_quantities_are_refused(plant: TilePlant, case: str) -> None:
    change, message = QUANTITY_REFUSALS[case]
    with pytest.raises(PlanError, match=message):
        change(plant)
    assert plant.session.scalar(
        select(StockLevel.quantity).where(StockLevel.product_id == plant.glaze.id)
    ) == Decimal("300")


def test_weeks_are_read_as_iso_weeks_or_any_day_in_them() -> None:
    assert parse_week("2026-W49", "w") == W49
    assert parse_week("2026w49", "w") == W49
    assert parse_week("2026-12-03", "w") == W49
    with pytest.raises(PlanError, match="2026-W54 is not an ISO week"):
        parse_week("2026-W54", "w")
