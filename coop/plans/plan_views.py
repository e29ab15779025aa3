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

from coop import vocabulary
from coop.i18n import N_
from coop.plans.capacity.results import FindingCode, Severity
from coop.plans.capacity.weeks import week_label
from coop.plans.diff import Change
from coop.plans.models import Plan, PlanLine, PlanStatus
from coop.plans.views import PlanningView, pick
from coop.views import Converters

if TYPE_CHECKING:
    from coop.plans.common import CheckedFinding
    from coop.plans.diff import PlanDiff


# --- plans and their lines ------------------------------------------------------------------------------


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
    headings: ClassVar[Mapping[str, str]] = {
        "line": N_("Line"),
        "product": N_("Product"),
        "product_name": N_("Name"),
        "quantity": N_("Quantity"),
        "unit": N_("Unit"),
        "due_week": N_("Due"),
        "priority": N_("Priority"),
        "actual_quantity": N_("Made"),
    }

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
    headings: ClassVar[Mapping[str, str]] = {
        "id": N_("Number"),
        "name": N_("Name"),
        "version": N_("Version"),
        "status": N_("Status"),
        "period_start": N_("From"),
        "period_end": N_("To"),
        "lines": N_("Lines"),
        "predecessor_id": N_("Revises"),
        "revised_by": N_("Revised by"),
        "approval_motion_id": N_("Approval motion"),
        "created_by": N_("Drafted by"),
        "created_at": N_("Drafted at"),
        "submitted_at": N_("Submitted at"),
        "decided_at": N_("Decided at"),
        "started_at": N_("Started at"),
        "closed_at": N_("Closed at"),
        "approved_hash": N_("Fingerprint of the approved plan"),
    }

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
    headings: ClassVar[Mapping[str, str]] = {
        "key": N_("Key"),
        "reason": N_("Reason"),
        "by": N_("Acknowledged by"),
        "at": N_("Acknowledged at"),
    }

    key: str
    reason: str
    by: str
    at: datetime


@dataclass(frozen=True)
class PlanSummary(PlanningView):
    """A plan as its show opens: the plan, its note and its versions (its lines follow as a table)."""

    json_inline: ClassVar[str | None] = "plan"
    headings: ClassVar[Mapping[str, str]] = {"note": N_("Note"), "versions": N_("Versions")}

    plan: PlanView
    note: str | None
    versions: tuple[int, ...]


@dataclass(frozen=True)
class PlanSheet(PlanningView):
    """A plan with its note, its versions, its lines and acknowledged findings."""

    json_inline: ClassVar[str | None] = "summary"
    json_keys: ClassVar[Mapping[str, str]] = {"lines": "line_items"}
    headings: ClassVar[Mapping[str, str]] = {
        "line_items": N_("Lines"),
        "acknowledgements": N_("Acknowledged findings"),
    }

    summary: PlanSummary
    lines: tuple[PlanLineView, ...]
    acknowledgements: tuple[AcknowledgementView, ...]

    def as_json(self) -> dict[str, Any]:
        """The sheet's JSON, with the status in words after the plan's own keys, where scripts have
        always found it (people read the status itself, by its label)."""
        entries = list(super().as_json().items())
        after_plan = sum(1 for _entry in self.summary.plan.shown_fields())
        entries.insert(after_plan, ("status_label", vocabulary.label(self.summary.plan.status)))
        return dict(entries)


def plan_sheet(session: Session, plan: Plan) -> PlanSheet:
    return PlanSheet(
        PlanSummary(plan_view(session, plan), plan.note, tuple(p.id for p in versions_of(session, plan))),
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
    headings: ClassVar[Mapping[str, str]] = {
        "key": N_("Key"),
        "severity": N_("Severity"),
        "code": N_("Kind"),
        "message": N_("Finding"),
        "acknowledged": N_("Acknowledged"),
    }

    key: str
    severity: Severity
    code: FindingCode
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
            finding.severity,
            finding.code,
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
class LineChangeView(PlanningView):
    """A line added, removed or changed from one version to the other."""

    json_convert: ClassVar[Converters] = {"due_week": week_label}
    headings: ClassVar[Mapping[str, str]] = {
        "change": N_("Change"),
        "product": N_("Product"),
        "due_week": N_("Due"),
        "quantity_a": N_("Before"),
        "quantity_b": N_("After"),
        "priority_a": N_("Priority before"),
        "priority_b": N_("Priority after"),
    }

    change: Change
    product: str
    due_week: date
    quantity_a: Decimal | None
    quantity_b: Decimal | None
    priority_a: int | None
    priority_b: int | None


@dataclass(frozen=True)
class FieldChangeView(PlanningView):
    """One of the plan's own fields that differs: ``field`` is its key in the plan's JSON."""

    field: str
    a: str
    b: str

    @property
    def heading(self) -> str:
        """The msgid of what people read for the field (a plan's show heads it so)."""
        return PlanView.headings.get(self.field, self.field)


@dataclass(frozen=True)
class PlanDiffView:
    """What changed from plan ``a`` to plan ``b``: the fields that differ and the lines."""

    diff: PlanDiff

    def changes(self) -> list[LineChangeView]:
        """One view a line added, removed or changed."""
        return [LineChangeView.copied(change) for change in self.diff.lines]

    def fields(self) -> list[FieldChangeView]:
        return [FieldChangeView(name, old, new) for name, old, new in self.diff.fields]

    def as_json(self) -> dict[str, Any]:
        diff = self.diff
        return {
            "a": diff.a.id,
            "b": diff.b.id,
            "fields": [change.as_json() for change in self.fields()],
            "lines": [change.as_json() for change in self.changes()],
            "unchanged_lines": diff.unchanged,
        }
