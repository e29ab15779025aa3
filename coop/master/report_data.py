"""The printed master plan's data: the scenarios computed as ``coop master compare`` does, handed to
the pure view model builder (:func:`coop.reports.master_model.build_master_report`) as plain data.

Reads the plan, its scenarios (:func:`coop.master.comparison.compare_scenarios`), the orders a
scenario declines, the names of work centres and skills and the cooperative; writes nothing. The
document is in the cooperative's language, whatever language messages use.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.errors import PlanError
from coop.i18n import for_the_record, ngettext
from coop.master import policies
from coop.master.comparison import DEFAULT_MEMBER_HOURS, ScenarioResult, compare_scenarios
from coop.master.models import CustomerOrder, MasterPlan
from coop.members.cooperative import get_cooperative
from coop.plans.centres import list_work_centres
from coop.reports import master_model as mm
from coop.training.models import Skill


def _declined(session: Session, result: ScenarioResult) -> tuple[mm.DeclinedOrder, ...]:
    numbers = result.assumptions.declined_orders
    if not numbers:
        return ()
    orders = session.scalars(
        select(CustomerOrder).where(CustomerOrder.id.in_(numbers)).order_by(CustomerOrder.id)
    )
    return tuple(
        mm.DeclinedOrder(o.id, o.customer, o.product.code, o.quantity, o.product.unit, o.due_month)
        for o in orders
    )


def scenario_figures(session: Session, result: ScenarioResult, note: str | None) -> mm.ScenarioFigures:
    """One computed scenario as the plain data the printed plan is built from."""
    peak = result.cut.peak
    return mm.ScenarioFigures(
        name=result.name,
        note=note,
        policy=result.assumptions.policy.value if result.assumptions.policy else None,
        overtime_pct=result.assumptions.overtime_pct,
        extra_qualified=dict(result.assumptions.extra_qualified),
        declined=_declined(session, result),
        output=result.output,
        closing_stock=policies.closing_stock(result.rows),
        overtime_hours=result.cut.overtime_hours,
        unmet_demand=policies.unmet_demand(result.rows),
        training_needed=dict(result.cut.to_train),
        peak=None if peak is None else mm.Peak(peak.work_centre, peak.month, peak.percent),
        rows=result.rows,
        centres=result.cut.centres,
        skills=result.cut.skills,
    )


def master_plan_report(
    session: Session,
    *,
    now: datetime,
    plan: MasterPlan,
    member_hours: Decimal = DEFAULT_MEMBER_HOURS,
    decision: mm.DecisionLine | None = None,
) -> mm.MasterPlanReport:
    """The printed master plan of ``plan``: every scenario computed over its horizon, and the
    assembly's choice (``decision``) once made. Raises PlanError for a plan with fewer than two
    scenarios."""
    count = len(plan.scenarios)
    if count < 2:
        raise PlanError(
            ngettext(
                "Master plan {plan} has {count} scenario; the printed plan sets at least two side by "
                "side: add them with coop master scenario add.",
                "Master plan {plan} has {count} scenarios; the printed plan sets at least two side by "
                "side: add them with coop master scenario add.",
                count,
            ).format(plan=plan.name, count=count)
        )
    comparison = compare_scenarios(session, now=now, plan=plan, member_hours=member_hours)
    notes = {s.name: s.note for s in plan.scenarios}
    scenarios = [scenario_figures(session, r, notes.get(r.name)) for r in comparison.results]
    cooperative = get_cooperative(session)
    facts = mm.PlanFacts(
        cooperative=cooperative.name,
        language=cooperative.language,
        plan=plan.name,
        first_month=plan.first_month,
        months=plan.months,
        status=plan.status.value,
        member_hours=member_hours,
        skills_checked=bool(comparison.results[0].skills_checked),
        printed_on=now.date(),
        centre_names={c.code: c.name for c in list_work_centres(session)},
        skill_names=dict(session.execute(select(Skill.code, Skill.name)).tuples().all()),
    )
    with for_the_record(session):
        return mm.build_master_report(facts, scenarios, decision)
