"""Reads for production planning, as frozen view models with one ``as_json()`` each.

``as_json()`` is the one serializer of an entity: the CLI prints it (JSON, CSV or a table) and
the services record it in the audit log. Where the log has always kept other keys for an entity
(it is hash-chained, so its records keep their shape), ``audit_json()`` picks them out of
``as_json()`` rather than serializing the values a second time.

This module reads the models and the pure capacity package only, so that every service may
import it; the services import it for their audit records, the CLI for its output.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.i18n import _
from coop.plans import capacity
from coop.plans.capacity.quantities import HOURS_QUANTUM
from coop.plans.capacity.weeks import week_label
from coop.plans.common import quantity_text
from coop.plans.models import BomLine, Closure, Plan, PlanLine, PlanStatus, Product, Routing, WorkCentre

if TYPE_CHECKING:
    from coop.plans.catalogue import MaterialStock
    from coop.plans.check import CheckedFinding
    from coop.plans.diff import PlanDiff


def pick(data: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    """The entries of ``data`` named by ``keys``, in that order."""
    return {key: data[key] for key in keys}


def optional_quantity(value: Decimal | None) -> str | None:
    return quantity_text(value) if value is not None else None


def moment_text(value: datetime | None) -> str | None:
    """A moment as people and scripts read it: ``2026-11-25 18:00``."""
    return value.isoformat(sep=" ", timespec="minutes") if value is not None else None


# --- products, bills of materials, materials --------------------------------------------------------


@dataclass(frozen=True)
class ProductView:
    code: str
    name: str
    unit: str
    material: bool | None = None  # shown in listings; not part of the product's own record

    @classmethod
    def of(cls, product: Product, *, material: bool | None = None) -> ProductView:
        return cls(product.code, product.name, product.unit, material)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "name": self.name, "unit": self.unit}
        if self.material is not None:
            data["material"] = self.material
        return data


@dataclass(frozen=True)
class BomLineView:
    parent: str
    component: str
    quantity: Decimal
    unit: str  # the component's
    scrap_pct: Decimal

    @classmethod
    def of(cls, line: BomLine) -> BomLineView:
        return cls(line.parent.code, line.component.code, line.quantity, line.component.unit, line.scrap_pct)

    def as_json(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "quantity": quantity_text(self.quantity),
            "unit": self.unit,
            "scrap_pct": quantity_text(self.scrap_pct),
        }

    def audit_json(self) -> dict[str, Any]:
        return {"parent": self.parent} | pick(self.as_json(), "component", "quantity", "scrap_pct")


@dataclass(frozen=True)
class MaterialView:
    code: str
    name: str
    unit: str
    stock: Decimal
    counted_on: date | None

    @classmethod
    def of(cls, material: MaterialStock) -> MaterialView:
        product = material.product
        counted_on = material.stock.counted_on if material.stock else None
        return cls(product.code, product.name, product.unit, material.quantity, counted_on)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "unit": self.unit,
            "stock": quantity_text(self.stock),
            "counted_on": self.counted_on.isoformat() if self.counted_on else None,
        }


@dataclass(frozen=True)
class ProductSheet:
    """A product with its bill of materials, what one unit needs in all, its routings and stock."""

    product: ProductView
    bom: tuple[BomLineView, ...]
    materials_per_unit: tuple[tuple[str, Decimal, str], ...]  # (material, gross quantity, unit)
    routings: tuple[RoutingView, ...]
    stock: Decimal | None  # only for a material

    def as_json(self) -> dict[str, Any]:
        data = self.product.as_json()
        data["bom"] = [line.as_json() for line in self.bom]
        data["materials_per_unit"] = [
            {"material": code, "quantity": quantity_text(quantity), "unit": unit}
            for code, quantity, unit in self.materials_per_unit
        ]
        data["routings"] = [routing.as_json() for routing in self.routings]
        if self.stock is not None:
            data["stock"] = quantity_text(self.stock)
        return data


# --- work centres, closures, routings ------------------------------------------------------------------


def pure_work_centre(centre: WorkCentre, closed_on: frozenset[date] = frozenset()) -> capacity.WorkCentre:
    """The work centre as the pure check reads it, closed on the days given."""
    return capacity.WorkCentre(
        centre.code,
        centre.hours_per_shift,
        centre.shifts_per_day,
        centre.working_days,
        centre.parallel,
        centre.efficiency_pct,
        closed_on,
        centre.name,
    )


@dataclass(frozen=True)
class CentreView:
    """A work centre as the pure check reads it, with its hours in a full week."""

    centre: capacity.WorkCentre

    @classmethod
    def of(cls, centre: WorkCentre) -> CentreView:
        return cls(pure_work_centre(centre))

    @property
    def hours_per_week(self) -> Decimal:
        """The centre's hours in a full working week with no closures, to the hundredth."""
        return (self.centre.hours_per_day * self.centre.working_days_per_week).quantize(HOURS_QUANTUM)

    def as_json(self) -> dict[str, Any]:
        centre = self.centre
        return {
            "code": centre.code,
            "name": centre.name,
            "hours_per_shift": quantity_text(centre.hours_per_shift),
            "shifts_per_day": centre.shifts_per_day,
            "working_days": centre.working_days_per_week,
            "parallel": centre.parallel,
            "efficiency_pct": quantity_text(centre.efficiency_pct),
            "hours_per_week": quantity_text(self.hours_per_week),
        }

    def audit_json(self) -> dict[str, Any]:
        """What the centre is set to; its hours a week follow from that."""
        data = self.as_json()
        del data["hours_per_week"]
        return data


@dataclass(frozen=True)
class ClosureView:
    closed_on: date
    work_centre: str | None  # None: the whole plant
    reason: str

    @classmethod
    def of(cls, closure: Closure) -> ClosureView:
        return cls(
            closure.closed_on, closure.work_centre.code if closure.work_centre else None, closure.reason
        )

    def as_json(self) -> dict[str, Any]:
        return {"date": self.closed_on.isoformat(), "work_centre": self.work_centre, "reason": self.reason}


@dataclass(frozen=True)
class RoutingView:
    product: str
    work_centre: str
    minutes_per_unit: Decimal
    crew_size: int
    skill: str | None
    skill_level: int | None

    @classmethod
    def of(cls, routing: Routing) -> RoutingView:
        return cls(
            routing.product.code,
            routing.work_centre.code,
            routing.minutes_per_unit,
            routing.crew_size,
            routing.skill.code if routing.skill else None,
            routing.skill_level,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "product": self.product,
            "work_centre": self.work_centre,
            "minutes_per_unit": quantity_text(self.minutes_per_unit),
            "crew_size": self.crew_size,
            "skill": self.skill,
            "skill_level": self.skill_level,
        }


@dataclass(frozen=True)
class CentreSheet:
    """A work centre with its coming closures and its routings."""

    centre: CentreView
    closures: tuple[ClosureView, ...]
    routings: tuple[RoutingView, ...]

    def as_json(self) -> dict[str, Any]:
        return self.centre.as_json() | {
            "closures": [closure.as_json() for closure in self.closures],
            "routings": [routing.as_json() for routing in self.routings],
        }


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
