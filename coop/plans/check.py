"""The check of a plan: the records read into the pure :mod:`coop.plans.capacity`, its findings
matched with the coordinators' acknowledgements.

A finding has a short stable key people type to acknowledge it, and figures: an acknowledgement
covers a finding only for the figures it was given for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop.audit import record_change
from coop.errors import PlanError
from coop.events import emit
from coop.i18n import _, for_the_record
from coop.members.actors import Actor
from coop.members.register import list_members
from coop.plans import capacity, pure_inputs
from coop.plans.capacity.results import Finding, FindingCode, Severity, finding_sort_key
from coop.plans.capacity.weeks import week_label
from coop.plans.centres import list_work_centres
from coop.plans.common import CheckedFinding, quantity_text, require_planner
from coop.plans.drafts import require_draft
from coop.plans.models import (
    Closure,
    FindingAcknowledgement,
    Plan,
    Product,
    Routing,
    StockLevel,
)
from coop.plans.views import pure_work_centre
from coop.training import coverage
from coop.training.common import member_key
from coop.training.history import load_assessments
from coop.training.models import Skill, SkillAssessment


@dataclass(frozen=True)
class PlanInputs:
    """Everything the pure check needs, read from the records, plus names for people."""

    lines: tuple[capacity.PlanLine, ...]
    bom: tuple[capacity.BomLine, ...]
    work_centres: tuple[capacity.WorkCentre, ...]
    routings: tuple[capacity.Routing, ...]
    stock: dict[str, Decimal]
    qualifications: dict[str, list[capacity.Qualification]] | None
    products: dict[str, capacity.Product]
    period: tuple[date, date]
    centre_names: dict[str, str]
    skill_names: dict[str, str]
    closures: dict[str, tuple[tuple[date, str], ...]]  # per work centre, the closures in the period


def member_qualifications(
    session: Session, skill_ids: Mapping[int, str], on: date
) -> dict[str, list[capacity.Qualification]] | None:
    """Active members' current levels in the skills the routings need, from the skill history.

    ``None`` when the cooperative keeps no training records at all: crews are then not checked.
    """
    if not (session.scalar(select(func.count(SkillAssessment.id))) or 0):
        return None
    result: dict[str, list[capacity.Qualification]] = {code: [] for code in sorted(skill_ids.values())}
    if not skill_ids:
        return result
    active = {member_key(member): member for member in list_members(session)}
    levels = coverage.current_levels(load_assessments(session, skill_ids=list(skill_ids)), on)
    for (key, skill), current in levels.items():
        member = active.get(key)
        if member is None or current.assessed_level <= 0:
            continue
        result[skill].append(
            capacity.Qualification(member.label, int(current.assessed_level), current.expires_on)
        )
    return result


def load_inputs(session: Session, plan: Plan, *, on: date) -> PlanInputs:
    """Read the plan and the master data it needs into the pure check's dataclasses."""
    period = (plan.period_start, plan.period_end + timedelta(days=6))
    products = {
        pid: capacity.Product(code, name, unit)
        for pid, code, name, unit in session.execute(
            select(Product.id, Product.code, Product.name, Product.unit)
        )
    }
    codes = {pid: product.code for pid, product in products.items()}
    lines = pure_inputs.plan_lines(session, plan.id, codes)
    bom = pure_inputs.bom_lines(session, codes)
    closure_rows = session.execute(
        select(Closure.work_centre_id, Closure.closed_on, Closure.reason)
        .where(Closure.closed_on >= period[0], Closure.closed_on <= period[1])
        .order_by(Closure.closed_on)
    ).all()
    centres = []
    centre_names: dict[str, str] = {}
    closures: dict[str, tuple[tuple[date, str], ...]] = {}
    centre_codes: dict[int, str] = {}
    for centre in list_work_centres(session):
        days = tuple((day, reason) for cid, day, reason in closure_rows if cid is None or cid == centre.id)
        centres.append(pure_work_centre(centre, frozenset(day for day, _reason in days)))
        centre_names[centre.code] = centre.name
        closures[centre.code] = days
        centre_codes[centre.id] = centre.code
    skills = {
        sid: (code, name)
        for sid, code, name in session.execute(
            select(Skill.id, Skill.code, Skill.name).where(
                Skill.id.in_(select(Routing.skill_id).where(Routing.skill_id.is_not(None)))
            )
        )
    }
    skill_codes = {sid: code for sid, (code, _n) in skills.items()}
    routings = pure_inputs.routings(session, codes, centre_codes, skill_codes)
    stock = {
        codes[product_id]: quantity
        for product_id, quantity in session.execute(select(StockLevel.product_id, StockLevel.quantity))
    }
    return PlanInputs(
        lines=lines,
        bom=bom,
        work_centres=tuple(centres),
        routings=routings,
        stock=stock,
        qualifications=member_qualifications(session, skill_codes, on),
        products={product.code: product for product in products.values()},
        period=period,
        centre_names=centre_names,
        skill_names={code: name for code, name in skills.values()},
        closures=closures,
    )


def finding_key(finding: Finding) -> str:
    """A short, stable name for a finding, typed by people to acknowledge it."""
    code = finding.code
    week = week_label(finding.week) if finding.week else ""
    if code in (FindingCode.OVERLOAD, FindingCode.HIGH_LOAD):
        parts = [code.value, finding.work_centre or "", week]
    elif code is FindingCode.SHORTAGE:
        parts = [code.value, finding.material or ""]
    elif code is FindingCode.CREW_GAP:
        parts = [code.value, finding.work_centre or "", week, finding.skill or "", str(finding.skill_level)]
    elif code is FindingCode.CERTIFICATION_EXPIRING:
        member = finding.member or ""
        number = re.search(r"\(#([^)]+)\)$", member)
        parts = [code.value, finding.skill or "", number[1] if number else member]
    elif code is FindingCode.NO_ROUTING:
        parts = [code.value, finding.product or ""]
    elif code is FindingCode.MASTER_DEPARTURE:  # product and month (of the week's Monday)
        parts = [code.value, finding.product or "", finding.week.strftime("%Y-%m") if finding.week else ""]
    else:
        parts = [code.value]
    return ":".join(parts)


def finding_figures(finding: Finding) -> str:
    """The numbers an acknowledgement was given for; a finding whose numbers grow needs a new one."""
    values = {
        "required": finding.required,
        "available": finding.available,
        "percent": finding.percent,
        "expires_on": finding.expires_on,
    }
    return ";".join(
        f"{name}={quantity_text(v) if isinstance(v, Decimal) else v}"
        for name, v in values.items()
        if v is not None
    )


@dataclass(frozen=True)
class PlanCheck:
    plan_id: int
    on: date
    inputs: PlanInputs
    findings: tuple[CheckedFinding, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def open_blocking(self) -> list[CheckedFinding]:
        return [f for f in self.findings if f.open]

    def find(self, key: str) -> CheckedFinding | None:
        wanted = key.strip()
        for item in self.findings:
            if item.key == wanted or item.key.casefold() == wanted.casefold():
                return item
        return None


def check_plan(session: Session, plan: Plan, *, on: date) -> PlanCheck:
    """Run the capacity, material and crew checks on the plan as it stands, with its acknowledgements."""
    inputs = load_inputs(session, plan, on=on)
    findings = capacity.check_plan(
        inputs.lines,
        bom=inputs.bom,
        work_centres=inputs.work_centres,
        routings=inputs.routings,
        stock=inputs.stock,
        qualifications=inputs.qualifications,
        products=inputs.products.values(),
        period=inputs.period,
    )
    # Higher floors add what they know: the training plan notes when a crew gap closes (in place);
    # the master plan the assembly chose adds where the weeks depart from it.
    emit("plan.checked", session=session, plan=plan, findings=findings, on=on)
    findings = sorted(findings, key=finding_sort_key)
    acknowledgements = {a.finding_key: a for a in plan.acknowledgements}
    checked = []
    for finding in findings:
        key = finding_key(finding)
        figures = finding_figures(finding)
        given = acknowledgements.get(key)
        if given is not None and given.figures == figures:
            checked.append(CheckedFinding(key, finding, figures, acknowledgement=given))
        else:
            checked.append(CheckedFinding(key, finding, figures, earlier=given))
    counts = {
        severity.value: sum(1 for f in checked if f.finding.severity is severity) for severity in Severity
    }
    counts["acknowledged"] = sum(1 for f in checked if f.acknowledged)
    counts["open_blocking"] = sum(1 for f in checked if f.open)
    return PlanCheck(plan.id, on, inputs, tuple(checked), counts)


def acknowledge_finding(
    session: Session, *, actor: Actor, now: datetime, plan: Plan, key: str, reason: str
) -> CheckedFinding:
    """Accept one finding of the check, with the reason the coordinators accept it."""
    require_planner(session, actor, _("Acknowledging a finding"))
    require_draft(plan)
    reason = " ".join(reason.split())
    if not reason:
        raise PlanError(_('An acknowledgement must say why the plan can go ahead anyway: --reason "...".'))
    with for_the_record(session):  # the finding's message goes into the audit log
        item = check_plan(session, plan, on=now.date()).find(key)
    if item is None:
        raise PlanError(
            _("Plan {plan} has no finding '{key}' now; see the findings with: coop plan check {id}").format(
                plan=plan.label, key=key.strip(), id=plan.id
            )
        )
    given = next((a for a in plan.acknowledgements if a.finding_key == item.key), None)
    old = {"figures": given.figures, "reason": given.reason} if given is not None else None
    if given is None:
        given = FindingAcknowledgement(finding_key=item.key)
        plan.acknowledgements.append(given)
    given.figures = item.figures
    given.reason = reason
    given.member_id = actor.member.id if actor.member else None
    given.acknowledged_by = actor.label
    given.acknowledged_at = now
    session.flush()
    record_change(
        session,
        "coop.finding.acknowledged",
        actor,
        now,
        {
            "plan_id": plan.id,
            "key": item.key,
            "severity": item.finding.severity.value,
            "message": item.finding.message,
            "figures": item.figures,
            "reason": reason,
            "earlier": old,
        },
    )
    return CheckedFinding(item.key, item.finding, item.figures, acknowledgement=given)
