"""Rough-cut capacity of a scenario, and the scenarios of a master plan side by side.

Reads the work centres (with their closures in the horizon), routings, bills of materials and the
members' qualifications into the pure inputs of :mod:`coop.master.roughcut`, applies a scenario's
assumptions (:mod:`coop.master.policies`) to the master schedule, and gathers the measures an
assembly compares: output, closing stock, overtime hours, unmet demand, training needed, the
worst centre-month.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.errors import PlanError
from coop.i18n import _
from coop.master import policies, roughcut
from coop.master.demand import all_planning
from coop.master.models import MasterPlan
from coop.master.months import add_months, month_label, month_range
from coop.master.mps import ScheduleRow
from coop.master.policies import Assumptions
from coop.master.schedule import master_schedule
from coop.plans import capacity, pure_inputs
from coop.plans.centres import list_work_centres
from coop.plans.check import member_qualifications
from coop.plans.common import quantity_text
from coop.plans.models import Closure, Product, Routing
from coop.plans.views import pure_work_centre
from coop.training.models import Skill

DEFAULT_MEMBER_HOURS = Decimal(120)


@dataclass(frozen=True)
class CapacityInputs:
    work_centres: tuple[capacity.WorkCentre, ...]
    routings: tuple[capacity.Routing, ...]
    bom: tuple[capacity.BomLine, ...]
    qualifications: dict[str, list[capacity.Qualification]] | None


def load_capacity_inputs(session: Session, first: date, months: int, *, on: date) -> CapacityInputs:
    """The pure inputs of the rough cut: centres closed on their closures in the horizon, routings,
    bills of materials, and active members' qualifications as of ``on``."""
    end = add_months(first, months)
    codes = dict(session.execute(select(Product.id, Product.code)).tuples().all())
    closures = session.execute(
        select(Closure.work_centre_id, Closure.closed_on).where(
            Closure.closed_on >= first, Closure.closed_on < end
        )
    ).all()
    centres = []
    centre_codes: dict[int, str] = {}
    for centre in list_work_centres(session):
        days = frozenset(day for cid, day in closures if cid is None or cid == centre.id)
        centres.append(pure_work_centre(centre, days))
        centre_codes[centre.id] = centre.code
    skills = dict(
        session.execute(
            select(Skill.id, Skill.code).where(
                Skill.id.in_(select(Routing.skill_id).where(Routing.skill_id.is_not(None)))
            )
        )
        .tuples()
        .all()
    )
    routings = pure_inputs.routings(session, codes, centre_codes, skills)
    bom = pure_inputs.bom_lines(session, codes)
    return CapacityInputs(tuple(centres), routings, bom, member_qualifications(session, skills, on))


@dataclass(frozen=True)
class ScenarioResult:
    """A scenario's schedule (after its policy) and its rough-cut capacity."""

    name: str
    assumptions: Assumptions
    rows: list[ScheduleRow]
    cut: roughcut.RoughCut
    member_hours: Decimal
    skills_checked: bool

    @property
    def output(self) -> Decimal:
        return sum((row.production for row in self.rows), Decimal(0))

    def measures(self) -> dict[str, object]:
        peak = self.cut.peak
        return {
            "output": quantity_text(self.output.quantize(Decimal("0.01"))),
            "closing_stock": quantity_text(policies.closing_stock(self.rows).quantize(Decimal("0.01"))),
            "overtime_hours": quantity_text(self.cut.overtime_hours.quantize(Decimal("0.1"))),
            "unmet_demand": quantity_text(policies.unmet_demand(self.rows)),
            "training_needed": dict(sorted(self.cut.to_train.items())),
            "peak": None
            if peak is None
            else {
                "work_centre": peak.work_centre,
                "month": month_label(peak.month),
                "percent": quantity_text(peak.percent.quantize(Decimal("0.1")))
                if peak.percent is not None
                else None,
            },
        }

    def as_json(self) -> dict[str, object]:
        return {
            "scenario": self.name,
            "assumptions": self.assumptions.as_json(),
            "member_hours": quantity_text(self.member_hours),
            "skills_checked": self.skills_checked,
            "measures": self.measures(),
            "centres": [
                {
                    "work_centre": row.work_centre,
                    "month": month_label(row.month),
                    "load": quantity_text(row.load.quantize(Decimal("0.01"))),
                    "available": quantity_text(row.available.quantize(Decimal("0.01"))),
                    "percent": quantity_text(row.percent.quantize(Decimal("0.1")))
                    if row.percent is not None
                    else None,
                }
                for row in self.cut.centres
            ],
            "skills": [
                {
                    "skill": row.skill,
                    "level": row.level,
                    "month": month_label(row.month),
                    "crew_hours": quantity_text(row.crew_hours.quantize(Decimal("0.01"))),
                    "members": row.members,
                    "hours": quantity_text(row.hours),
                }
                for row in self.cut.skills
            ],
            "findings": [
                {
                    "code": f.code.value,
                    "subject": f.subject,
                    "month": month_label(f.month),
                    "message": f.message,
                }
                for f in self.cut.findings
            ],
        }


def scenario_result(
    session: Session,
    *,
    now: datetime,
    first: date,
    months: int,
    name: str,
    assumptions: Assumptions,
    member_hours: Decimal = DEFAULT_MEMBER_HOURS,
    inputs: CapacityInputs | None = None,
    schedules: dict[frozenset[int], list[ScheduleRow]] | None = None,
) -> ScenarioResult:
    """The schedule and rough cut of one scenario over the horizon.

    ``schedules`` keeps the master schedules read so far, by the orders they leave out, for the
    next scenario of the same horizon.
    """
    if member_hours <= 0:
        raise PlanError(
            _("--member-hours must be more than 0 hours a month, not {hours}.").format(hours=member_hours)
        )
    declined = frozenset(assumptions.declined_orders)
    known = {} if schedules is None else schedules
    if declined not in known:
        known[declined] = master_schedule(
            session, now=now, first=first, months=months, declined=declined
        ).rows
    rows = known[declined]
    if assumptions.level:
        planning = {p.product.code: p for p in all_planning(session).values()}
        by_product: dict[str, list[ScheduleRow]] = defaultdict(list)
        for row in rows:
            by_product[row.code].append(row)
        rows = []
        for code, product_rows in by_product.items():
            settings = planning.get(code)
            rows.extend(
                policies.level_rows(
                    product_rows,
                    settings.min_batch if settings else None,
                    settings.max_batch if settings else None,
                )
            )
    data = inputs or load_capacity_inputs(session, first, months, on=first)
    production = {(row.code, row.month): row.production for row in rows}
    cut = roughcut.rough_cut(
        production,
        month_range(first, months),
        work_centres=data.work_centres,
        routings=data.routings,
        bom=data.bom,
        qualifications=data.qualifications or {},
        hours_per_member=member_hours,
        overtime_pct=assumptions.overtime_pct,
        extra_qualified=assumptions.extra_qualified,
    )
    return ScenarioResult(name, assumptions, rows, cut, member_hours, data.qualifications is not None)


@dataclass(frozen=True)
class Comparison:
    plan: str
    first: date
    months: int
    results: list[ScenarioResult]

    def as_json(self) -> dict[str, object]:
        return {
            "plan": self.plan,
            "from": month_label(self.first),
            "months": self.months,
            "member_hours": quantity_text(self.results[0].member_hours) if self.results else None,
            "scenarios": [
                {"scenario": r.name, "assumptions": r.assumptions.as_json(), **r.measures()}
                for r in self.results
            ],
        }


def compare_scenarios(
    session: Session, *, now: datetime, plan: MasterPlan, member_hours: Decimal = DEFAULT_MEMBER_HOURS
) -> Comparison:
    """Every scenario of ``plan`` computed over its horizon, in the order they were added; refused with
    fewer than two."""
    if len(plan.scenarios) < 2:
        raise PlanError(
            _("Master plan {plan} has fewer than two scenarios; add at least two to compare them.").format(
                plan=plan.name
            )
        )
    return plan_scenarios(session, now=now, plan=plan, member_hours=member_hours)


def plan_scenarios(
    session: Session, *, now: datetime, plan: MasterPlan, member_hours: Decimal = DEFAULT_MEMBER_HOURS
) -> Comparison:
    """Every scenario of ``plan`` (one or more) computed over its horizon, in the order they were added."""
    from coop.master.scenarios import scenario_view

    inputs = load_capacity_inputs(session, plan.first_month, plan.months, on=plan.first_month)
    schedules: dict[frozenset[int], list[ScheduleRow]] = {}
    results = [
        scenario_result(
            session,
            now=now,
            first=plan.first_month,
            months=plan.months,
            name=view.name,
            assumptions=view.assumptions,
            member_hours=member_hours,
            inputs=inputs,
            schedules=schedules,
        )
        for view in (scenario_view(s) for s in plan.scenarios)
    ]
    return Comparison(plan.name, plan.first_month, plan.months, results)
