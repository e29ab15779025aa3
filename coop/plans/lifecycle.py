"""A plan's way from draft to closed: submitted, put before the assembly, revised, started, closed.

Submitting is refused while a blocking finding of the check is not acknowledged. Only the
assembly approves or rejects a submitted plan, through a motion of kind ``plan_approval`` (see
:mod:`coop.plans.approval`). An approved plan is revised into a new draft version, started, and
closed with the quantities actually made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from coop import vocabulary
from coop.audit import record_change
from coop.changes import add_recorded
from coop.csvfiles import DETECT, CsvDialect, CsvRow
from coop.errors import PlanError
from coop.formatting import format_date
from coop.i18n import _, for_the_record, ngettext
from coop.members.actors import Actor
from coop.numbers import whole_number
from coop.plans.assembly_approval import is_pending, propose_approval
from coop.plans.capacity.weeks import week_label
from coop.plans.check import PlanCheck, check_plan
from coop.plans.common import (
    clean_name,
    load_csv,
    parse_quantity,
    parse_whole,
    quantity_text,
    require_planner,
)
from coop.plans.drafts import require_draft
from coop.plans.models import Plan, PlanLine, PlanStatus
from coop.plans.plan_views import successor_of, versions_of

if TYPE_CHECKING:
    from coop.assemblies.models import Motion


def submit_plan(session: Session, *, actor: Actor, now: datetime, plan: Plan) -> PlanCheck:
    """Draft → submitted; refused while a blocking finding is not acknowledged."""
    require_planner(session, actor, _("Submitting a plan"))
    require_draft(plan)
    if not plan.lines:
        raise PlanError(
            _(
                "Plan {plan} has no lines yet; add what will be made with: "
                "coop plan line add {id} PRODUCT QTY WEEK"
            ).format(plan=plan.label, id=plan.id)
        )
    check = check_plan(session, plan, on=now.date())
    unresolved = check.open_blocking
    if unresolved:
        listed = "; ".join(f"{item.key} ({item.finding.message.rstrip('.')})" for item in unresolved)
        raise PlanError(
            ngettext(
                "Plan {plan} cannot be submitted: {count} blocking finding is not acknowledged: "
                "{findings}. "
                'Change the plan, or acknowledge it with: coop plan acknowledge {id} KEY --reason "..."',
                "Plan {plan} cannot be submitted: {count} blocking findings are not acknowledged: "
                "{findings}. "
                'Change the plan, or acknowledge each with: coop plan acknowledge {id} KEY --reason "..."',
                len(unresolved),
            ).format(plan=plan.label, count=len(unresolved), findings=listed, id=plan.id)
        )
    plan.status = PlanStatus.submitted
    plan.submitted_at = now
    session.flush()
    record_change(
        session,
        "coop.plan.submitted",
        actor,
        now,
        {
            "plan_id": plan.id,
            "lines": len(plan.lines),
            "findings": check.counts,
            "acknowledged": [
                {"key": item.key, "reason": item.acknowledgement.reason}
                for item in check.findings
                if item.acknowledgement is not None
            ],
        },
    )
    return check


def propose_plan_approval(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    plan: Plan,
    assembly: str | int,
    proposer: str | None = None,
    agenda_item: int | None = None,
) -> Motion:
    """Put a submitted plan before an open assembly as a motion of kind ``plan_approval``, under its
    agenda item number ``agenda_item`` if given."""
    require_planner(session, actor, _("Proposing the approval of a plan"))
    _require_status(
        plan,
        PlanStatus.submitted,
        _("Plan {plan} is {status}; only a submitted plan goes to the assembly (coop plan submit {id})."),
    )
    earlier = plan.approval_motion
    if is_pending(earlier):
        raise PlanError(
            _("Plan {plan} is already before assembly {assembly} as motion {motion}.").format(
                plan=plan.label, assembly=earlier.assembly_id, motion=earlier.id
            )
        )

    def attach(motion: Motion) -> None:
        plan.approval_motion = motion

    return propose_approval(
        session,
        actor=actor,
        now=now,
        assembly=assembly,
        kind="plan_approval",
        wording=lambda: _approval_wording(session, plan),
        proposer=proposer,
        agenda_item=agenda_item,
        attach=attach,
        event="coop.plan.approval_proposed",
        subject={"plan_id": plan.id},
    )


def _approval_wording(session: Session, plan: Plan) -> tuple[str, str]:
    """The title and text of the motion that approves ``plan``: the assembly's record, in its language."""
    with for_the_record(session):
        title = _("Production plan {name}, version {version}").format(name=plan.name, version=plan.version)
        text = _(
            "The assembly approves production plan {plan} for weeks {start} to {end}: {lines}, "
            "as submitted by the coordinators on {submitted}, with {acknowledged}. "
            "Once approved, the plan can only be changed by a new version approved in the same way."
        ).format(
            plan=plan.label,
            start=week_label(plan.period_start),
            end=week_label(plan.period_end),
            lines=ngettext("{count} line", "{count} lines", len(plan.lines)).format(count=len(plan.lines)),
            submitted=format_date(plan.submitted_at.date()) if plan.submitted_at else "",
            acknowledged=ngettext(
                "{count} finding of the check acknowledged",
                "{count} findings of the check acknowledged",
                len(plan.acknowledgements),
            ).format(count=len(plan.acknowledgements)),
        )
    return title, text


def revise_plan(
    session: Session, *, actor: Actor, now: datetime, plan: Plan, name: str | None = None
) -> Plan:
    """A new draft version with the same lines; the plan revised stays exactly as it was."""
    require_planner(session, actor, _("Revising a plan"))
    if plan.status is PlanStatus.draft:
        raise PlanError(
            _("Plan {plan} is still a draft; change it directly (coop plan line add/remove).").format(
                plan=plan.label
            )
        )
    if plan.status is PlanStatus.closed:
        raise PlanError(
            _("Plan {plan} is closed and kept as history; draft a new plan with: coop plan create").format(
                plan=plan.label
            )
        )
    following = successor_of(session, plan)
    if following is not None:
        raise PlanError(
            _("Plan {plan} was already revised as {revision}; revise that version instead.").format(
                plan=plan.label, revision=following.label
            )
        )
    revision = Plan(
        name=clean_name(name, _("A plan")) if name else plan.name,
        version=plan.version + 1,
        predecessor=plan,
        period_start=plan.period_start,
        period_end=plan.period_end,
        status=PlanStatus.draft,
        note=plan.note,
        created_at=now,
        created_by=actor.label,
    )
    for line in plan.lines:
        revision.lines.append(
            PlanLine(
                position=line.position,
                product_id=line.product_id,
                quantity=line.quantity,
                due_week=line.due_week,
                priority=line.priority,
            )
        )
    return add_recorded(
        session,
        actor,
        now,
        revision,
        "coop.plan.revised",
        lambda revised: {"plan_id": revised.id, "predecessor_id": plan.id, "version": revised.version},
    )


def start_plan(session: Session, *, actor: Actor, now: datetime, plan: Plan) -> Plan:
    """Approved → in progress: production follows this version now."""
    require_planner(session, actor, _("Starting a plan"))
    _require_status(
        plan,
        PlanStatus.approved,
        _("Plan {plan} is {status}; only a plan approved by the assembly can start."),
    )
    running = [v for v in versions_of(session, plan) if v.status is PlanStatus.in_progress]
    if running:
        raise PlanError(
            _(
                "Version {plan} is in progress; close it first with: "
                "coop plan close {id} --actual LINE=QTY ..."
            ).format(plan=running[0].label, id=running[0].id)
        )
    plan.status = PlanStatus.in_progress
    plan.started_at = now
    record_change(session, "coop.plan.started", actor, now, {"plan_id": plan.id})
    return plan


def close_plan(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    plan: Plan,
    actuals: Mapping[int, str | Decimal],
) -> Plan:
    """In progress → closed, with the quantity actually made for every line."""
    require_planner(session, actor, _("Closing a plan"))
    _require_status(
        plan, PlanStatus.in_progress, _("Plan {plan} is {status}; only a plan in progress can be closed.")
    )
    positions = {line.position: line for line in plan.lines}
    unknown = sorted(set(actuals) - set(positions))
    if unknown:
        raise PlanError(
            _("Plan {plan} has no line {lines}; see its lines with: coop plan show {id}").format(
                plan=plan.label, lines=", ".join(str(n) for n in unknown), id=plan.id
            )
        )
    missing = sorted(set(positions) - set(actuals))
    if missing:
        raise PlanError(
            _("Give what was actually made on every line; missing: line {lines} (--actual LINE=QTY).").format(
                lines=", ".join(str(n) for n in missing)
            )
        )
    values = {
        position: parse_quantity(
            value, _("The actual quantity of line {position}").format(position=position), allow_zero=True
        )
        for position, value in actuals.items()
    }
    for position, value in values.items():
        positions[position].actual_quantity = value
    plan.status = PlanStatus.closed
    plan.closed_at = now
    session.flush()
    record_change(
        session,
        "coop.plan.closed",
        actor,
        now,
        {
            "plan_id": plan.id,
            "actuals": {str(position): quantity_text(value) for position, value in sorted(values.items())},
        },
    )
    return plan


def parse_actuals(items: Sequence[str]) -> dict[int, str]:
    """``["1=1200", "2=0"]`` → ``{1: "1200", 2: "0"}``."""
    result: dict[int, str] = {}
    for item in items:
        position, separator, value = item.partition("=")
        number = whole_number(position) if separator else None
        if number is None:
            raise PlanError(
                _("'{item}' is not LINE=QUANTITY; write it like --actual 3=1150.").format(item=item)
            )
        if number in result:
            raise PlanError(_("Line {line} is given twice.").format(line=number))
        result[number] = value.strip()
    return result


def read_actuals(path: Path, *, dialect: CsvDialect = DETECT) -> dict[int, str]:
    """Actual quantities from a CSV with columns ``line,actual_quantity``."""
    seen: set[int] = set()

    def parse_actual(row: CsvRow) -> tuple[int, str]:
        number = parse_whole(row.get("line"), _("line"), lowest=1)
        parse_quantity(row.get("actual_quantity"), _("actual_quantity"), allow_zero=True)
        if number in seen:
            raise PlanError(_("line {line} is given twice").format(line=number))
        seen.add(number)
        return number, row.get("actual_quantity")

    columns = ("line", "actual_quantity")
    return dict(load_csv(path, columns, columns, parse_actual, dialect=dialect))


def _require_status(plan: Plan, status: PlanStatus, refusal: str) -> None:
    """Refuse unless ``plan`` is ``status``; ``refusal`` may name {plan}, its {status} and its {id}."""
    if plan.status is not status:
        raise PlanError(refusal.format(plan=plan.label, status=vocabulary.label(plan.status), id=plan.id))
