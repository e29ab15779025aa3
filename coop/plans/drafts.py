"""Plans and their versions, and drafting them: creating a plan and changing its lines.

A plan is edited only while it is a draft; an approved plan is never edited but revised
(see :mod:`coop.plans.lifecycle`), which makes a new draft version that keeps its predecessor.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coop import vocabulary
from coop.audit import record_change, record_import
from coop.changes import add_recorded
from coop.csvfiles import DETECT, CsvDialect, CsvRow
from coop.errors import PlanError
from coop.i18n import _
from coop.members.actors import Actor
from coop.plans.capacity.weeks import week_label, week_of
from coop.plans.catalogue import list_products
from coop.plans.common import (
    check_code,
    clean_name,
    load_csv,
    parse_quantity,
    parse_week,
    parse_whole,
    require_planner,
)
from coop.plans.models import Plan, PlanLine, PlanStatus, Product
from coop.plans.plan_views import PlanLineView

EDITABLE = (PlanStatus.draft,)


# --- plans and their versions ------------------------------------------------------------------


def list_plans(session: Session) -> list[Plan]:
    return list(session.scalars(select(Plan).options(selectinload(Plan.lines)).order_by(Plan.id)))


def _refuse_edit(plan: Plan) -> PlanError:
    if plan.status in (PlanStatus.approved, PlanStatus.in_progress, PlanStatus.closed):
        return PlanError(
            _(
                "Plan {plan} was approved by the assembly and can never be edited; make a new version "
                "with: coop plan revise {id}"
            ).format(plan=plan.label, id=plan.id)
        )
    return PlanError(
        _(
            "Plan {plan} is {status}; only a draft can be edited. "
            "Make a new version with: coop plan revise {id}"
        ).format(plan=plan.label, status=vocabulary.label(plan.status), id=plan.id)
    )


def require_draft(plan: Plan) -> None:
    if plan.status not in EDITABLE:
        raise _refuse_edit(plan)


def _period(start: date, end: date) -> tuple[date, date]:
    start, end = week_of(start), week_of(end)
    if end < start:
        raise PlanError(
            _("The plan ends in {end}, before it starts in {start}.").format(
                end=week_label(end), start=week_label(start)
            )
        )
    if (end - start).days > 7 * 104:
        raise PlanError(_("A plan covers at most two years (104 weeks); split it into several plans."))
    return start, end


def plan_weeks(first: str | date, last: str | date | None, weeks: int | None) -> tuple[date, date]:
    """The first and last week of a new plan: up to ``last``, or over ``weeks`` weeks (one of the two)."""
    start = parse_week(first, _("The first week"))
    if (last is None) == (weeks is None):
        raise PlanError(_("Say how long the plan runs: --to WEEK or --weeks N."))
    if weeks is not None:
        if weeks < 1:
            raise PlanError(_("A plan covers at least one week."))
        return start, start + timedelta(days=7 * (weeks - 1))
    return start, parse_week(last, _("The last week"))


def create_plan(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    name: str,
    period_start: str | date,
    period_end: str | date | None = None,
    weeks: int | None = None,
    note: str | None = None,
) -> Plan:
    """A new draft plan from ``period_start`` to ``period_end``, or over ``weeks`` weeks."""
    first, last = plan_weeks(period_start, period_end, weeks)
    require_planner(session, actor, _("Drafting a plan"))
    start, end = _period(first, last)
    plan = Plan(
        name=clean_name(name, _("A plan")),
        version=1,
        period_start=start,
        period_end=end,
        status=PlanStatus.draft,
        note=(note or "").strip() or None,
        created_at=now,
        created_by=actor.label,
    )
    add_recorded(
        session,
        actor,
        now,
        plan,
        "coop.plan.created",
        lambda created: {
            "plan_id": created.id,
            "name": created.name,
            "period_start": week_label(start),
            "period_end": week_label(end),
        },
    )
    return plan


def _check_due(plan: Plan, due: date) -> date:
    week = week_of(due)
    if not plan.period_start <= week <= plan.period_end:
        raise PlanError(
            _("Week {week} is outside the plan's period, {start} to {end}.").format(
                week=week_label(week), start=week_label(plan.period_start), end=week_label(plan.period_end)
            )
        )
    return week


def _next_position(plan: Plan) -> int:
    return max((line.position for line in plan.lines), default=0) + 1


def add_plan_line(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    plan: Plan,
    product: Product,
    quantity: str | Decimal,
    due_week: date,
    priority: int = 0,
) -> PlanLine:
    require_planner(session, actor, _("Changing a plan"))
    require_draft(plan)
    line = PlanLine(
        position=_next_position(plan),
        product=product,
        quantity=parse_quantity(quantity, _("The quantity of {code}").format(code=product.code)),
        due_week=_check_due(plan, due_week),
        priority=parse_whole(priority, _("The priority"), lowest=0, highest=99),
    )
    plan.lines.append(line)
    session.flush()
    record_change(
        session,
        "coop.plan_line.added",
        actor,
        now,
        {"plan_id": plan.id, **PlanLineView.of(line).audit_json()},
    )
    return line


def remove_plan_line(session: Session, *, actor: Actor, now: datetime, plan: Plan, position: int) -> None:
    require_planner(session, actor, _("Changing a plan"))
    require_draft(plan)
    line = next((item for item in plan.lines if item.position == position), None)
    if line is None:
        raise PlanError(
            _("Plan {plan} has no line {position}; see its lines with: coop plan show {id}").format(
                plan=plan.label, position=position, id=plan.id
            )
        )
    data = PlanLineView.of(line).audit_json()
    plan.lines.remove(line)
    session.flush()
    record_change(session, "coop.plan_line.removed", actor, now, {"plan_id": plan.id, **data})


def import_plan_lines(
    session: Session, *, actor: Actor, now: datetime, plan: Plan, path: Path, dialect: CsvDialect = DETECT
) -> int:
    """Add lines from a CSV (``product,quantity,due_week,priority``): all or none."""
    require_planner(session, actor, _("Changing a plan"))
    require_draft(plan)
    products = {p.code: p for p in list_products(session)}

    def parse_plan_line(row: CsvRow) -> tuple[Product, Decimal, date, int]:
        code = check_code(row.get("product"), _("A product"))
        product = products.get(code)
        if product is None:
            raise PlanError(_("unknown product {code}").format(code=code))
        amount = parse_quantity(row.get("quantity"), _("quantity"))
        due = _check_due(plan, parse_week(row.get("due_week"), _("due_week")))
        priority = parse_whole(row.get("priority") or 0, _("priority"), lowest=0, highest=99)
        return product, amount, due, priority

    wanted = load_csv(
        path,
        ("product", "quantity", "due_week", "priority"),
        ("product", "quantity", "due_week"),
        parse_plan_line,
        dialect=dialect,
    )
    position = _next_position(plan)
    added = []
    for offset, (product, amount, due, priority) in enumerate(wanted):
        line = PlanLine(
            position=position + offset, product=product, quantity=amount, due_week=due, priority=priority
        )
        plan.lines.append(line)
        added.append(line)
    record_import(
        session,
        "coop.plan_lines.imported",
        actor,
        now,
        path,
        plan_id=plan.id,
        lines=[PlanLineView.of(line).audit_json() for line in added],
    )
    return len(added)
