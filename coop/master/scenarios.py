"""Master plans and their scenarios: services.

A master plan is a horizon (6 to 18 months from a first month) with 2 to 5 named scenarios, each
with assumptions a person reads (:class:`coop.master.policies.Assumptions`): the production policy,
overtime, members to train, orders declined, and a note. Coordinators (or a secretary) write them;
each change writes one audit event.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.audit import record_change
from coop.errors import PlanError
from coop.i18n import _
from coop.master import mps
from coop.master.demand import parse_month_text
from coop.master.models import CustomerOrder, MasterPlan, MasterPlanStatus, MasterScenario
from coop.master.months import add_months, month_label
from coop.master.policies import Assumptions, Policy
from coop.members.actors import Actor
from coop.parsing import read_decimal
from coop.plans.common import clean_name, find_skill, require_planner

MAX_SCENARIOS = 5


@dataclass(frozen=True)
class ScenarioView:
    """A scenario as people and scripts read it."""

    plan: str
    name: str
    assumptions: Assumptions
    note: str | None
    created_at: datetime
    created_by: str

    def as_json(self) -> dict[str, object]:
        return {
            "plan": self.plan,
            "name": self.name,
            "assumptions": self.assumptions.as_json(),
            "note": self.note,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "created_by": self.created_by,
        }


def scenario_view(scenario: MasterScenario) -> ScenarioView:
    return ScenarioView(
        scenario.plan.name,
        scenario.name,
        Assumptions.from_json(json.loads(scenario.assumptions)),
        scenario.note,
        scenario.created_at,
        scenario.created_by,
    )


def plan_json(plan: MasterPlan) -> dict[str, object]:
    return {
        "name": plan.name,
        "from": month_label(plan.first_month),
        "months": plan.months,
        "status": plan.status.value,
        "scenarios": [s.name for s in plan.scenarios],
    }


# --- reading what people type ----------------------------------------------------------------------


def parse_assumptions(
    session: Session,
    plan: MasterPlan,
    *,
    policy: str | None = None,
    overtime_pct: str | Decimal | None = None,
    extra_qualified: Iterable[str] = (),
    declined_orders: Iterable[str | int] = (),
) -> Assumptions:
    """The assumptions typed on the command line, each checked: one sentence for the first bad one."""
    chosen = None
    if policy is not None:
        try:
            chosen = Policy(str(policy).strip().lower())
        except ValueError:
            raise PlanError(
                _("'{policy}' is not a production policy; use --level or --chase.").format(policy=policy)
            ) from None
    overtime = Decimal(0)
    if overtime_pct is not None:
        value = (
            overtime_pct
            if isinstance(overtime_pct, Decimal)
            else read_decimal(str(overtime_pct).strip().replace(",", "."))
        )
        if value is None:
            raise PlanError(
                _("--overtime-pct '{value}' is not a number, like 10.").format(value=overtime_pct)
            )
        overtime = value
    extra: dict[str, int] = {}
    for text in extra_qualified:
        code, sep, count = str(text).partition("=")
        if not sep or not count.strip().isdigit():
            raise PlanError(_("--extra-qualified '{text}' is not SKILL=N, like KILN-OP=6.").format(text=text))
        skill = find_skill(session, code.strip())
        extra[skill.code] = extra.get(skill.code, 0) + int(count)
    declined = tuple(_declined_order(session, plan, ref) for ref in declined_orders)
    return Assumptions(chosen, overtime, extra, tuple(sorted(set(declined))))


def _declined_order(session: Session, plan: MasterPlan, ref: str | int) -> int:
    text = str(ref).strip().lstrip("#")
    order = session.get(CustomerOrder, int(text)) if text.isdigit() else None
    if order is None:
        raise PlanError(
            _("There is no customer order {ref}; see their numbers with: coop master order list").format(
                ref=ref
            )
        )
    last = add_months(plan.first_month, plan.months - 1)
    if not plan.first_month <= order.due_month <= last:
        raise PlanError(
            _("Order {ref} is due in {month}, outside master plan {plan} ({first} to {last}).").format(
                ref=order.id,
                month=month_label(order.due_month),
                plan=plan.name,
                first=month_label(plan.first_month),
                last=month_label(last),
            )
        )
    return order.id


# --- finding things --------------------------------------------------------------------------------


def find_master_plan(session: Session, name: str) -> MasterPlan:
    plan = session.scalar(select(MasterPlan).where(MasterPlan.name == name.strip()))
    if plan is None:
        raise PlanError(
            _("There is no master plan '{name}'; see them with: coop master plan list").format(name=name)
        )
    return plan


def find_scenario(session: Session, name: str, plan: MasterPlan | None = None) -> MasterScenario:
    """A scenario by name, in ``plan`` or (when only one plan has it) in any plan."""
    query = select(MasterScenario).where(MasterScenario.name == name.strip())
    if plan is not None:
        query = query.where(MasterScenario.plan_id == plan.id)
    found = list(session.scalars(query))
    if not found:
        raise PlanError(
            _("There is no scenario '{name}'; see them with: coop master scenario list PLAN").format(
                name=name
            )
        )
    if len(found) > 1:
        raise PlanError(
            _("Several master plans have a scenario '{name}'; name the plan with --plan.").format(name=name)
        )
    return found[0]


def list_master_plans(session: Session) -> list[MasterPlan]:
    return list(session.scalars(select(MasterPlan).order_by(MasterPlan.first_month, MasterPlan.name)))


# --- changes ---------------------------------------------------------------------------------------


def create_master_plan(
    session: Session, *, actor: Actor, now: datetime, name: str, first: str | date, months: int
) -> MasterPlan:
    """A new draft master plan over ``months`` months (6 to 18) from the month ``first``."""
    require_planner(session, actor, _("Creating a master plan"))
    title = clean_name(name, _("The master plan's name"))
    mps.check_horizon(months)
    start = parse_month_text(first, _("--from"))
    if session.scalar(select(MasterPlan.id).where(MasterPlan.name == title)) is not None:
        raise PlanError(_("There is already a master plan '{name}'; choose another name.").format(name=title))
    plan = MasterPlan(
        name=title,
        first_month=start,
        months=months,
        status=MasterPlanStatus.draft,
        created_at=now,
        created_by=actor.label,
    )
    session.add(plan)
    session.flush()
    record_change(
        session,
        "coop.master_plan.created",
        actor,
        now,
        {"name": title, "from": month_label(start), "months": months},
    )
    return plan


def add_scenario(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    plan: MasterPlan,
    name: str,
    assumptions: Assumptions,
    note: str | None = None,
) -> MasterScenario:
    """Save a named scenario of a draft master plan; at most 5, each with at least one assumption."""
    require_planner(session, actor, _("Adding a scenario"))
    title = clean_name(name, _("The scenario's name"))
    if plan.status is not MasterPlanStatus.draft:
        raise PlanError(
            _("Master plan {plan} is no longer a draft; its scenarios cannot change.").format(plan=plan.name)
        )
    text = (note or "").strip() or None
    if assumptions.empty:
        raise PlanError(
            _(
                "A scenario needs at least one assumption: give --level or --chase, --overtime-pct, "
                "--extra-qualified or --decline-order (a --note alone assumes nothing)."
            )
        )
    if any(s.name == title for s in plan.scenarios):
        raise PlanError(
            _("Master plan {plan} already has a scenario '{name}'; choose another name.").format(
                plan=plan.name, name=title
            )
        )
    if len(plan.scenarios) >= MAX_SCENARIOS:
        raise PlanError(
            _("Master plan {plan} already has {count} scenarios, the most an assembly compares.").format(
                plan=plan.name, count=MAX_SCENARIOS
            )
        )
    scenario = MasterScenario(
        plan=plan,
        name=title,
        assumptions=json.dumps(assumptions.as_json(), sort_keys=True, ensure_ascii=False),
        note=text,
        created_at=now,
        created_by=actor.label,
    )
    session.add(scenario)
    session.flush()
    record_change(
        session,
        "coop.master_scenario.added",
        actor,
        now,
        {"plan": plan.name, "name": title, "assumptions": assumptions.as_json(), "note": text},
    )
    return scenario


def scenario_views(plan: MasterPlan) -> Sequence[ScenarioView]:
    return [scenario_view(s) for s in plan.scenarios]
