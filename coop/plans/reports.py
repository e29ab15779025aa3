"""Build the printed production plan (a frozen view model) from the records, or from its snapshot.

The arithmetic comes from :mod:`coop.plans.capacity` on the inputs the service reads
(:func:`coop.plans.check.load_inputs`); this module puts the document together and freezes or thaws the
approved snapshot. Its parts: :mod:`coop.plans.report_sections` (the load grid, drawn with
:mod:`coop.reports.charts`, the work centres, materials and crews), :mod:`coop.plans.report_findings`
(the findings) and :mod:`coop.plans.report_paper` (numbers and weeks as printed).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from coop import vocabulary
from coop.assemblies.minutes import from_dict
from coop.assemblies.models import Motion
from coop.errors import PlanError
from coop.formatting import format_date
from coop.i18n import _, in_cooperative_language, ngettext
from coop.members.bylaws import decision_rule_title
from coop.members.cooperative import get_cooperative
from coop.plans.assembly_approval import seal, snapshot_hash
from coop.plans.capacity.weeks import week_label
from coop.plans.check import PlanCheck, PlanInputs, check_plan
from coop.plans.models import Plan, PlanStatus
from coop.plans.report_findings import finding_groups
from coop.plans.report_paper import HUNDRED, LINES_LISTED, number, percent
from coop.plans.report_sections import centre_sections, crew_rows, grid_blocks, material_rows, weeks_of_plan
from coop.reports import plan_model as pm
from coop.votes import service as votes


def approval_section(session: Session, motion: Motion, language: str) -> pm.ApprovalSection | None:
    """The motion and the vote that decided the plan, once the vote is closed."""
    vote = motion.vote
    if vote is None or vote.closed_at is None:
        return None
    assembly = motion.assembly
    return pm.ApprovalSection(
        adopted=bool(vote.adopted),
        assembly=_("Assembly {id}, {date}, {place}").format(
            id=assembly.id, date=format_date(assembly.called_for, language), place=assembly.place
        ),
        motion=_("Motion {position}: {title}").format(position=motion.position, title=motion.title),
        proposer=motion.proposer.label,
        method=votes.method_label(vote.method),
        yes=vote.yes_count or 0,
        no=vote.no_count or 0,
        abstain=vote.abstain_count or 0,
        rule=decision_rule_title(vote.rule),
        explanation=vote.explanation or "",
        quorum=vote.quorum_statement,
        decided_on=format_date(vote.closed_at, language),
    )


def _summary(
    inputs: PlanInputs,
    check: PlanCheck,
    centres: tuple[pm.CentreLoad, ...],
    hours: Decimal,
    materials: tuple[pm.MaterialRow, ...],
    language: str,
) -> tuple[str, ...]:
    products = len({line.product for line in inputs.lines})
    lines = ngettext("{count} line", "{count} lines", len(inputs.lines)).format(count=len(inputs.lines))
    sentences = [
        ngettext("{lines} for {count} product.", "{lines} for {count} products.", products).format(
            lines=lines, count=products
        )
    ]
    if centres:
        over = sum(c.overloaded_weeks for c in centres)
        loaded = ngettext(
            "It loads {count} work centre for {hours} hours in all;",
            "It loads {count} work centres for {hours} hours in all;",
            len(centres),
        ).format(count=len(centres), hours=number(hours, language, 1))
        weeks = ngettext(
            "{count} week over capacity at a work centre.",
            "{count} weeks over capacity at a work centre.",
            over,
        ).format(count=over)
        sentences.append(f"{loaded} {weeks}")
    short = sum(1 for m in materials if m.short)
    needed = ngettext("It needs {count} material;", "It needs {count} materials;", len(materials)).format(
        count=len(materials)
    )
    sentences.append(
        needed
        + " "
        + ngettext("{count} is short of stock.", "{count} are short of stock.", short).format(count=short)
    )
    counts = check.counts
    blocking = counts.get("blocking", 0)
    sentences.append(
        ngettext(
            "The check found {count} blocking finding ({acknowledged} acknowledged with a reason)",
            "The check found {count} blocking findings ({acknowledged} acknowledged with a reason)",
            blocking,
        ).format(count=blocking, acknowledged=sum(1 for f in check.findings if f.blocking and f.acknowledged))
        + " "
        + ngettext("and {count} warning.", "and {count} warnings.", counts.get("warning", 0)).format(
            count=counts.get("warning", 0)
        )
    )
    return tuple(sentences)


@in_cooperative_language
def build_plan_report(session: Session, plan: Plan, *, on: date) -> pm.PlanReport:
    """The plan as it stands, checked on ``on``."""
    cooperative = get_cooperative(session)
    language = cooperative.language
    check = check_plan(session, plan, on=on)
    inputs = check.inputs
    listed = inputs.lines if len(inputs.lines) <= LINES_LISTED else ()
    lines = tuple(
        pm.LineRow(
            position=int(line.ref),
            product=line.product,
            product_name=inputs.products[line.product].name,
            quantity=number(line.quantity, language),
            unit=inputs.products[line.product].unit,
            due_week=week_label(line.due_week),
            due_dates=format_date(line.due_week, language),
            priority=line.priority,
        )
        for line in listed
    )
    centres, idle, hours = centre_sections(plan, inputs, language)
    materials = material_rows(inputs, check, language)
    predecessor = None
    if plan.predecessor is not None:
        predecessor = _("This version revises {plan} ({status}).").format(
            plan=plan.predecessor.label, status=vocabulary.label(plan.predecessor.status)
        )
    approval = None
    if plan.approval_motion is not None:
        approval = approval_section(session, plan.approval_motion, language)
    return pm.PlanReport(
        cooperative=cooperative.name,
        language=language,
        title=_("Production plan"),
        plan_id=plan.id,
        name=plan.name,
        version=plan.version,
        label=plan.label,
        status=plan.status.value,
        status_label=vocabulary.label(plan.status),
        period=_("{start} to {end}").format(
            start=week_label(plan.period_start), end=week_label(plan.period_end)
        ),
        period_dates=_("{start} to {end}").format(
            start=format_date(plan.period_start, language),
            end=format_date(plan.period_end + timedelta(days=6), language),
        ),
        weeks=len(weeks_of_plan(plan)),
        created=_("Drafted by {who} on {date}.").format(
            who=plan.created_by, date=format_date(plan.created_at, language)
        ),
        submitted_on=format_date(plan.submitted_at, language) if plan.submitted_at else None,
        predecessor=predecessor,
        note=plan.note,
        checked_on=format_date(on, language),
        grid=grid_blocks(plan, inputs, language),
        lines=lines,
        line_count=len(inputs.lines),
        summary=_summary(inputs, check, centres, hours, materials, language),
        findings=finding_groups(check, language),
        blocking=check.counts.get("blocking", 0),
        warnings=check.counts.get("warning", 0),
        acknowledged=check.counts.get("acknowledged", 0),
        open_blocking=check.counts.get("open_blocking", 0),
        centres=centres,
        idle_centres=idle,
        materials=materials,
        crews=crew_rows(inputs, check, on),
        crews_checked=inputs.qualifications is not None,
        approval=approval,
    )


# --- the approved snapshot ---------------------------------------------------------------------


@in_cooperative_language
def freeze(session: Session, plan: Plan, *, now: datetime) -> str:
    """Store the plan as approved: the view model as canonical JSON, and its hash."""
    model = build_plan_report(session, plan, on=now.date())
    plan.approved_snapshot, plan.approved_hash = seal(model.to_dict())
    return plan.approved_hash


def _progress(session: Session, plan: Plan, language: str) -> pm.Progress | None:
    if plan.status not in (PlanStatus.in_progress, PlanStatus.closed):
        return None
    outcome: list[pm.OutcomeRow] = []
    summary = None
    if plan.status is PlanStatus.closed:
        planned_total = actual_total = Decimal(0)
        for line in plan.lines:
            actual = line.actual_quantity if line.actual_quantity is not None else Decimal(0)
            difference = actual - line.quantity
            planned_total += line.quantity
            actual_total += actual
            sign = "+" if difference > 0 else ("−" if difference < 0 else "")
            outcome.append(
                pm.OutcomeRow(
                    position=line.position,
                    product=line.product.code,
                    product_name=line.product.name,
                    unit=line.product.unit,
                    planned=number(line.quantity, language),
                    actual=number(actual, language),
                    difference=sign + number(abs(difference), language),
                    achieved=percent(actual / line.quantity * HUNDRED, language),
                    short=actual < line.quantity,
                )
            )
        met = sum(1 for row in outcome if not row.short)
        summary = ngettext(
            "{met} of {count} line was made in full; {achieved} of the planned quantities in all.",
            "{met} of {count} lines were made in full; {achieved} of the planned quantities in all.",
            len(outcome),
        ).format(
            met=met,
            count=len(outcome),
            achieved=percent(actual_total / planned_total * HUNDRED, language) if planned_total else "–",
        )
    return pm.Progress(
        status=plan.status.value,
        status_label=vocabulary.label(plan.status),
        started_on=format_date(plan.started_at, language) if plan.started_at else None,
        closed_on=format_date(plan.closed_at, language) if plan.closed_at else None,
        outcome=tuple(outcome),
        outcome_summary=summary,
    )


@in_cooperative_language
def plan_for_print(session: Session, plan: Plan, *, on: date) -> pm.PlanReport:
    """An approved plan from its snapshot (checked against its hash), plus what happened since;
    any other plan from the record as it stands, checked on ``on``."""
    if plan.approved_snapshot is None:
        return build_plan_report(session, plan, on=on)
    if snapshot_hash(plan.approved_snapshot) != plan.approved_hash:
        raise PlanError(
            _(
                "The stored approved version of plan {plan} does not match its hash; it was altered after "
                "the approval. Check the database with: coop audit verify"
            ).format(plan=plan.label)
        )
    model = from_dict(pm.PlanReport, json.loads(plan.approved_snapshot))
    language = get_cooperative(session).language
    return dataclasses.replace(
        model, progress=_progress(session, plan, language), snapshot_hash=plan.approved_hash
    )
