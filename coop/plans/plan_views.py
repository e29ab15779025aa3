"""Reads for production plans, as frozen view models with one ``as_json()`` each.

A plan, its lines, its acknowledged findings, the check's findings and what changed between two
versions; the same rules as :mod:`coop.plans.views` (one serializer; ``audit_json()`` picks the
keys the audit log has always kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.i18n import _
from coop.plans.capacity.weeks import week_label
from coop.plans.common import quantity_text
from coop.plans.models import Plan, PlanLine, PlanStatus
from coop.plans.views import moment_text, optional_quantity, pick

if TYPE_CHECKING:
    from coop.plans.common import CheckedFinding
    from coop.plans.diff import PlanDiff


# --- plans and their lines ------------------------------------------------------------------------------


def status_label(status: PlanStatus | str) -> str:
    """A plan's status in words, in the reader's language."""
    labels = {
        PlanStatus.draft: _("draft"),
        PlanStatus.submitted: _("submitted to the assembly"),
        PlanStatus.approved: _("approved by the assembly"),
        PlanStatus.rejected: _("rejected by the assembly"),
        PlanStatus.in_progress: _("in progress"),
        PlanStatus.closed: _("closed"),
    }
    return labels[PlanStatus(status)]


def successor_of(session: Session, plan: Plan) -> Plan | None:
    return session.scalars(select(Plan).where(Plan.predecessor_id == plan.id)).first()


def versions_of(session: Session, plan: Plan) -> list[Plan]:
    """Every version of the plan, first to last."""
    chain = [plan]
    while chain[0].predecessor is not None:
        chain.insert(0, chain[0].predecessor)
    following = successor_of(session, chain[-1])
    while following is not None:
        chain.append(following)
        following = successor_of(session, following)
    return chain


@dataclass(frozen=True)
class PlanLineView:
    line: int
    product: str
    product_name: str
    quantity: Decimal
    unit: str
    due_week: date
    priority: int
    actual_quantity: Decimal | None

    @classmethod
    def of(cls, line: PlanLine) -> PlanLineView:
        return cls(
            line.position,
            line.product.code,
            line.product.name,
            line.quantity,
            line.product.unit,
            line.due_week,
            line.priority,
            line.actual_quantity,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "product": self.product,
            "product_name": self.product_name,
            "quantity": quantity_text(self.quantity),
            "unit": self.unit,
            "due_week": week_label(self.due_week),
            "priority": self.priority,
            "actual_quantity": optional_quantity(self.actual_quantity),
        }

    def audit_json(self) -> dict[str, Any]:
        return {"position": self.line} | pick(self.as_json(), "product", "quantity", "due_week", "priority")


@dataclass(frozen=True)
class PlanView:
    id: int
    name: str
    version: int
    status: PlanStatus
    period_start: date
    period_end: date
    lines: int
    predecessor_id: int | None
    revised_by: int | None
    approval_motion_id: int | None
    created_by: str
    created_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    started_at: datetime | None
    closed_at: datetime | None
    approved_hash: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "version": self.version,
            "status": self.status.value,
            "period_start": week_label(self.period_start),
            "period_end": week_label(self.period_end),
            "lines": self.lines,
            "predecessor_id": self.predecessor_id,
            "revised_by": self.revised_by,
            "approval_motion_id": self.approval_motion_id,
            "created_by": self.created_by,
            "created_at": moment_text(self.created_at),
            "submitted_at": moment_text(self.submitted_at),
            "decided_at": moment_text(self.decided_at),
            "started_at": moment_text(self.started_at),
            "closed_at": moment_text(self.closed_at),
            "approved_hash": self.approved_hash,
        }


def plan_view(session: Session, plan: Plan) -> PlanView:
    """A plan as listed: its period, its status and the version that revised it, if any."""
    following = successor_of(session, plan)
    return PlanView(
        plan.id,
        plan.name,
        plan.version,
        plan.status,
        plan.period_start,
        plan.period_end,
        len(plan.lines),
        plan.predecessor_id,
        following.id if following else None,
        plan.approval_motion_id,
        plan.created_by,
        plan.created_at,
        plan.submitted_at,
        plan.decided_at,
        plan.started_at,
        plan.closed_at,
        plan.approved_hash,
    )


@dataclass(frozen=True)
class AcknowledgementView:
    key: str
    reason: str
    by: str
    at: datetime

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "reason": self.reason, "by": self.by, "at": moment_text(self.at)}


@dataclass(frozen=True)
class PlanSheet:
    """A plan with its status in words, its note, its versions, its lines and acknowledged findings."""

    plan: PlanView
    status_label: str
    note: str | None
    versions: tuple[int, ...]
    lines: tuple[PlanLineView, ...]
    acknowledgements: tuple[AcknowledgementView, ...]

    def as_json(self) -> dict[str, Any]:
        return self.plan.as_json() | {
            "status_label": self.status_label,
            "note": self.note,
            "versions": list(self.versions),
            "line_items": [line.as_json() for line in self.lines],
            "acknowledgements": [given.as_json() for given in self.acknowledgements],
        }


def plan_sheet(session: Session, plan: Plan) -> PlanSheet:
    return PlanSheet(
        plan_view(session, plan),
        status_label(plan.status),
        plan.note,
        tuple(p.id for p in versions_of(session, plan)),
        tuple(PlanLineView.of(line) for line in plan.lines),
        tuple(
            AcknowledgementView(a.finding_key, a.reason, a.acknowledged_by, a.acknowledged_at)
            for a in plan.acknowledgements
        ),
    )


# --- the check's findings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingView:
    """A finding of the plan check, with whether (and why) it was acknowledged."""

    key: str
    severity: str
    code: str
    message: str
    week: date | None
    work_centre: str | None
    product: str | None
    material: str | None
    skill: str | None
    skill_level: int | None
    member: str | None
    required: Decimal | None
    available: Decimal | None
    percent: Decimal | None
    lines: tuple[int, ...]
    acknowledged: bool
    reason: str | None
    acknowledged_by: str | None
    blocks_submission: bool

    @classmethod
    def of(cls, item: CheckedFinding) -> FindingView:
        finding = item.finding
        given = item.acknowledgement
        return cls(
            item.key,
            finding.severity.value,
            finding.code.value,
            finding.message,
            finding.week,
            finding.work_centre,
            finding.product,
            finding.material,
            finding.skill,
            finding.skill_level,
            finding.member,
            finding.required,
            finding.available,
            finding.percent,
            tuple(int(line.ref) for line in finding.lines if line.ref.isdigit()),
            given is not None,
            given.reason if given else None,
            given.acknowledged_by if given else None,
            item.open,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "week": week_label(self.week) if self.week else None,
            "work_centre": self.work_centre,
            "product": self.product,
            "material": self.material,
            "skill": self.skill,
            "skill_level": self.skill_level,
            "member": self.member,
            "required": optional_quantity(self.required),
            "available": optional_quantity(self.available),
            "percent": optional_quantity(self.percent),
            "lines": list(self.lines),
            "acknowledged": self.acknowledged,
            "reason": self.reason,
            "acknowledged_by": self.acknowledged_by,
            "blocks_submission": self.blocks_submission,
        }


# --- what changed between two versions ------------------------------------------------------------------


@dataclass(frozen=True)
class PlanDiffView:
    """What changed from plan ``a`` to plan ``b``: the fields that differ and the lines."""

    diff: PlanDiff

    def changes(self) -> list[dict[str, Any]]:
        """One row a line added, removed or changed."""
        return [
            {
                "change": change.change,
                "product": change.product,
                "due_week": week_label(change.due_week),
                "quantity_a": optional_quantity(change.quantity_a),
                "quantity_b": optional_quantity(change.quantity_b),
                "priority_a": change.priority_a,
                "priority_b": change.priority_b,
            }
            for change in self.diff.lines
        ]

    def fields(self) -> list[dict[str, str]]:
        return [{"field": name, "a": old, "b": new} for name, old, new in self.diff.fields]

    def as_json(self) -> dict[str, Any]:
        diff = self.diff
        return {
            "a": diff.a.id,
            "b": diff.b.id,
            "fields": self.fields(),
            "lines": self.changes(),
            "unchanged_lines": diff.unchanged,
        }
