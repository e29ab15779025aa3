"""A production plan, its lines and its findings as rows for JSON and tables, and the check's summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from coop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.plans.check import CheckedFinding, PlanCheck
    from coop.plans.models import Plan


def plan_row(session: Session, plan: Plan) -> dict[str, Any]:
    from coop.plans.capacity.weeks import week_label
    from coop.plans.drafts import successor_of

    following = successor_of(session, plan)
    return {
        "id": plan.id,
        "name": plan.name,
        "version": plan.version,
        "status": plan.status.value,
        "period_start": week_label(plan.period_start),
        "period_end": week_label(plan.period_end),
        "lines": len(plan.lines),
        "predecessor_id": plan.predecessor_id,
        "revised_by": following.id if following else None,
        "approval_motion_id": plan.approval_motion_id,
        "created_by": plan.created_by,
        "created_at": plan.created_at.isoformat(sep=" ", timespec="minutes"),
        "submitted_at": _moment(plan.submitted_at),
        "decided_at": _moment(plan.decided_at),
        "started_at": _moment(plan.started_at),
        "closed_at": _moment(plan.closed_at),
        "approved_hash": plan.approved_hash,
    }


def _moment(value: Any) -> str | None:
    return value.isoformat(sep=" ", timespec="minutes") if value is not None else None


def finding_row(item: CheckedFinding) -> dict[str, Any]:
    from coop.plans.capacity.weeks import week_label
    from coop.plans.common import quantity_text

    finding = item.finding
    given = item.acknowledgement

    def decimal(value: Any) -> str | None:
        return quantity_text(value) if value is not None else None

    return {
        "key": item.key,
        "severity": finding.severity.value,
        "code": finding.code.value,
        "message": finding.message,
        "week": week_label(finding.week) if finding.week else None,
        "work_centre": finding.work_centre,
        "product": finding.product,
        "material": finding.material,
        "skill": finding.skill,
        "skill_level": finding.skill_level,
        "member": finding.member,
        "required": decimal(finding.required),
        "available": decimal(finding.available),
        "percent": decimal(finding.percent),
        "lines": [int(line.ref) for line in finding.lines if line.ref.isdigit()],
        "acknowledged": given is not None,
        "reason": given.reason if given else None,
        "acknowledged_by": given.acknowledged_by if given else None,
        "blocks_submission": item.open,
    }


FINDING_COLUMNS = [
    ("severity", _("Severity")),
    ("key", _("Key")),
    ("message", _("Finding")),
    ("acknowledged", _("Acknowledged")),
]


def say_check(check: PlanCheck) -> None:
    counts = check.counts
    typer.echo(
        _("{blocking} blocking ({acknowledged} acknowledged), {warnings} warnings, {notes} notes.").format(
            blocking=counts.get("blocking", 0),
            acknowledged=sum(1 for f in check.findings if f.blocking and f.acknowledged),
            warnings=counts.get("warning", 0),
            notes=counts.get("info", 0),
        )
    )
    if check.open_blocking:
        typer.echo(
            _(
                "The plan cannot be submitted until each blocking finding is changed away or acknowledged: "
                'coop plan acknowledge {id} KEY --reason "..."'
            ).format(id=check.plan_id)
        )


# --- plans and their lines ----------------------------------------------------------------------


PLAN_COLUMNS = [
    ("id", "#"),
    ("name", _("Name")),
    ("version", _("Version")),
    ("status", _("Status")),
    ("period_start", _("From")),
    ("period_end", _("To")),
    ("lines", _("Lines")),
    ("revised_by", _("Revised by")),
]


def line_rows(plan: Plan) -> list[dict[str, Any]]:
    from coop.plans.capacity.weeks import week_label
    from coop.plans.common import quantity_text

    return [
        {
            "line": line.position,
            "product": line.product.code,
            "product_name": line.product.name,
            "quantity": quantity_text(line.quantity),
            "unit": line.product.unit,
            "due_week": week_label(line.due_week),
            "priority": line.priority,
            "actual_quantity": quantity_text(line.actual_quantity)
            if line.actual_quantity is not None
            else None,
        }
        for line in plan.lines
    ]
