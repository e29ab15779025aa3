"""A small tile plant for the plan tests, with numbers worked out by hand.

    BALD-30 (floor tile, pcs)  -> BIZC-30 1 pcs, 10 % scrap;  ESM-BL 0.2 kg, 5 % scrap
    BIZC-30 (biscuit, pcs)     -> ARC-ROJ 2 kg
    ARC-ROJ (red clay, kg): 5,000 in stock;  ESM-BL (white glaze, kg): 300 in stock

    HORNO  kiln   8 h × 2 shifts × 1 × 75 % = 12 h a day, Monday to Friday = 60 h a week;
                  closed Tuesday 2026-12-08 (holiday) -> 48 h in 2026-W50
    PRENSA press  7.5 h × 1 shift × 2 presses × 90 % = 13.5 h a day = 67.5 h a week

    BALD-30 at HORNO: 3 min a tile, a crew of 2 holding HOR-CARGA at level 3 or above
    BIZC-30 at PRENSA: 1.5 min a biscuit, no particular skill

The plan "Verano" covers 2026-W49 to 2026-W52 with two lines of 1,000 tiles:
line 1 due 2026-W49 loads the kiln 50 h of 60 (83.3 %); line 2 due 2026-W50 loads it 50 h of
48 (104.2 %: an overload). The glaze needed is 2 × 1,000 × 0.21 = 420 kg against 300 in stock:
120 kg short from 2026-W50. Two members (0003, 0004) hold HOR-CARGA at level 3: the crew is met.

The cooperative comes from the assembly tests: 0001 Ana Núñez is the secretary, 0002 Zofia
Łukasiewicz a coordinator, 0003–0045 members; an assembly is open with members 1–30 present.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from coop.assemblies import attendance, motion_votes, motions
from coop.assemblies.models import Assembly, Motion
from coop.members.actors import Actor
from coop.plans.catalogue import add_product, set_bom_line, set_stock
from coop.plans.centres import (
    add_closure,
    add_work_centre,
    check_centre_spec,
    check_routing_spec,
    set_routing,
)
from coop.plans.check import acknowledge_finding, check_plan
from coop.plans.drafts import add_plan_line, create_plan
from coop.plans.lifecycle import propose_plan_approval, submit_plan
from coop.plans.models import Plan, Product, WorkCentre
from coop.training.assessments import record_assessment
from coop.training.coverage import Level
from coop.training.skills import add_skill
from coop.votes.models import VoteMethod
from tests.factories.context import Context, member_actor
from tests.factories.cooperative import build_cooperative
from tests.factories.meetings import numbers, open_assembly

W49 = date(2026, 11, 30)
W50 = date(2026, 12, 7)
W52 = date(2026, 12, 21)
HOLIDAY = date(2026, 12, 8)


@dataclass
class TilePlant:
    session: Session
    now: datetime
    secretary: Actor
    coordinator: Actor
    member: Actor
    tile: Product
    biscuit: Product
    clay: Product
    glaze: Product
    kiln: WorkCentre
    press: WorkCentre
    assembly: Assembly

    def acting(self, actor: Actor | None = None) -> Context:
        """``actor`` (by default the coordinator, who plans) acting now in the plant's session."""
        return Context(self.session, actor or self.coordinator, self.now)

    def plan(self, name: str = "Verano", lines: bool = True) -> Plan:
        ctx = self.acting()
        plan = ctx(create_plan, name=name, period_start=W49, period_end=W52)
        if lines:
            for week in (W49, W50):
                ctx(add_plan_line, plan=plan, product=self.tile, quantity="1000", due_week=week)
        return plan

    def acknowledge_all(self, plan: Plan) -> None:
        check = check_plan(self.session, plan, on=self.now.date())
        for item in check.open_blocking:
            self.acting()(
                acknowledge_finding,
                plan=plan,
                key=item.key,
                reason="Se cubre con horas extra y compra de esmalte.",
            )

    def submit(self, plan: Plan) -> None:
        """Acknowledge every blocking finding and submit the plan to the assembly."""
        self.acknowledge_all(plan)
        self.acting()(submit_plan, plan=plan)

    def vote_on(self, plan: Plan, *, yes: int, no: int, abstain: int = 0) -> None:
        """Put the submitted plan to the assembly and decide it by a show of hands."""
        motion = self.acting()(propose_plan_approval, plan=plan, assembly=self.assembly.id)
        decide_by_show_of_hands(self.acting(self.secretary), motion, yes=yes, no=no, abstain=abstain)


def decide_by_show_of_hands(chair: Context, motion: Motion, *, yes: int, no: int, abstain: int = 0) -> None:
    """The chair has the motion seconded by 0005, voted by a show of hands and closed."""
    chair(motions.second_motion, motion=motion, seconder="0005")
    chair(motion_votes.open_motion_vote, motion=motion, method=VoteMethod.show_of_hands)
    chair(motion_votes.enter_hand_count, motion=motion, yes=yes, no=no, abstain=abstain)
    chair(motion_votes.close_motion_vote, motion=motion)


def _train_kiln_loaders(ctx: Context) -> None:
    """HOR-CARGA, held at level 3 by 0003 and 0004."""
    skill = ctx(
        add_skill,
        code="HOR-CARGA",
        name="Carga de vagonetas",
        category="Hornos",
        safety_critical=True,
        minimum_qualified=2,
    )
    for number in ("0003", "0004"):
        ctx(
            record_assessment,
            member=number,
            skill=skill,
            level=Level.INDEPENDENT,
            assessed_on=date(2026, 6, 1),
            outside_assessor="Técnico del fabricante del horno",
        )


def build_tile_plant(session: Session, now: datetime, *, with_training: bool = True) -> TilePlant:
    secretary = Context(session, build_cooperative(session, now), now)
    plans = secretary.acting_as(member_actor(session, "0002"))
    if with_training:
        _train_kiln_loaders(secretary)

    def product(code: str, name: str, unit: str) -> Product:
        return plans(add_product, code=code, name=name, unit=unit)

    tile = product("BALD-30", "Baldosa 30×30", "pcs")
    biscuit = product("BIZC-30", "Bizcocho 30×30", "pcs")
    clay = product("ARC-ROJ", "Arcilla roja", "kg")
    glaze = product("ESM-BL", "Esmalte blanco", "kg")
    for parent, component, quantity, scrap in (
        (tile, biscuit, "1", "10"),
        (tile, glaze, "0.2", "5"),
        (biscuit, clay, "2", None),
    ):
        plans(set_bom_line, parent=parent, component=component, quantity=quantity, scrap_pct=scrap)
    plans(set_stock, product=clay, quantity="5000")
    plans(set_stock, product=glaze, quantity="300")
    kiln = plans(
        add_work_centre,
        spec=check_centre_spec(
            code="HORNO", name="Horno túnel", hours_per_shift="8", shifts_per_day=2, efficiency_pct="75"
        ),
    )
    press = plans(
        add_work_centre,
        spec=check_centre_spec(
            code="PRENSA",
            name="Prensas",
            hours_per_shift="7.5",
            shifts_per_day=1,
            parallel=2,
            efficiency_pct="90",
        ),
    )
    plans(add_closure, centre=kiln, day=HOLIDAY, reason="Feriado")
    kiln_routing = check_routing_spec(
        session,
        minutes_per_unit="3",
        crew_size=2,
        skill="HOR-CARGA" if with_training else None,
        skill_level=3 if with_training else None,
    )
    plans(set_routing, product=tile, centre=kiln, spec=kiln_routing)
    plans(
        set_routing, product=biscuit, centre=press, spec=check_routing_spec(session, minutes_per_unit="1.5")
    )
    assembly = open_assembly(secretary)
    secretary(attendance.check_in, assembly=assembly, members=numbers(range(1, 31)))
    return TilePlant(
        session=session,
        now=now,
        secretary=secretary.actor,
        coordinator=plans.actor,
        member=member_actor(session, "0010"),
        tile=tile,
        biscuit=biscuit,
        clay=clay,
        glaze=glaze,
        kiln=kiln,
        press=press,
        assembly=assembly,
    )


def amount(text: str) -> Decimal:
    return Decimal(text)
