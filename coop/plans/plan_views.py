"""Reads for production plans, as frozen view models with one ``as_json()`` each.

A plan, its lines, its acknowledged findings, the check's findings and what changed between two
versions; the same rules as :mod:`coop.plans.views` (one serializer; ``audit_json()`` picks the
keys the audit log has always kept).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.i18n import _
from coop.plans.capacity.weeks import week_label
from coop.plans.models import Plan, PlanLine, PlanStatus
from coop.plans.views import PlanningView, optional_quantity, pick
from coop.views import Converters

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
class PlanLineView(PlanningView):
    json_convert: ClassVar[Converters] = {"due_week": week_label}

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
        return cls.copied(
            line,
            line=line.position,
            product=line.product.code,
            product_name=line.product.name,
            unit=line.product.unit,
        )

    def audit_json(self) -> dict[str, Any]:
        return {"position": self.line} | pick(self.as_json(), "product", "quantity", "due_week", "priority")


@dataclass(frozen=True)
class PlanView(PlanningView):
    json_convert: ClassVar[Converters] = {"period_start": week_label, "period_end": week_label}

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


def plan_view(session: Session, plan: Plan) -> PlanView:
    """A plan as listed: its period, its status and the version that revised it, if any."""
    following = successor_of(session, plan)
    return PlanView.copied(plan, lines=len(plan.lines), revised_by=following.id if following else None)


@dataclass(frozen=True)
class AcknowledgementView(PlanningView):
    key: str
    reason: str
    by: str
    at: datetime


@dataclass(frozen=True)
class PlanSheet(PlanningView):
    """A plan with its status in words, its note, its versions, its lines and acknowledged findings."""

    json_inline: ClassVar[str | None] = "plan"
    json_keys: ClassVar[Mapping[str, str]] = {"lines": "line_items"}

    plan: PlanView
    status_label: str
    note: str | None
    versions: tuple[int, ...]
    lines: tuple[PlanLineView, ...]
    acknowledgements: tuple[AcknowledgementView, ...]


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
class FindingView(PlanningView):
    """A finding of the plan check, with whether (and why) it was acknowledged."""

    json_convert: ClassVar[Converters] = {"week": lambda week: week_label(week) if week else None}

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
