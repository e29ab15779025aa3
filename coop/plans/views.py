"""Reads for production planning, as frozen view models with one ``as_json()`` each.

``as_json()`` is the one serializer of an entity: the CLI prints it (JSON, CSV or a table) and
the services record it in the audit log. Where the log has always kept other keys for an entity
(it is hash-chained, so its records keep their shape), ``audit_json()`` picks them out of
``as_json()`` rather than serializing the values a second time.

This module reads the models and the pure capacity package only, so that every service may
import it; the services import it for their audit records, the CLI for its output. Plans, their
lines, findings and versions: :mod:`coop.plans.plan_views`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from coop import vocabulary
from coop.i18n import N_
from coop.plans import capacity
from coop.plans.capacity.quantities import HOURS_QUANTUM
from coop.plans.common import quantity_text
from coop.plans.models import BomLine, Closure, Product, RequiredSkill, Routing, StockLevel, WorkCentre
from coop.views import Entry, View


def pick(data: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    """The entries of ``data`` named by ``keys``, in that order."""
    return {key: data[key] for key in keys}


def plain_quantity(value: Decimal) -> Decimal:
    """``value`` without exponent or trailing zeros: a stock of ``450.0000`` reads ``450``."""
    return Decimal(quantity_text(value))


class PlanningView(View):
    """A view of planning: its quantities written without exponent or trailing zeros (``"12.5"``,
    and ``12,5`` in a Spanish table)."""

    @classmethod
    def json_value(cls, value: Any) -> Any:
        return quantity_text(value) if isinstance(value, Decimal) else super().json_value(value)

    def shown_fields(self) -> Iterator[Entry]:
        for entry in super().shown_fields():
            if isinstance(entry.value, Decimal):
                yield entry._replace(value=plain_quantity(entry.value))
            else:
                yield entry


# --- products, bills of materials, materials --------------------------------------------------------


@dataclass(frozen=True)
class ProductView(PlanningView):
    json_omit_none: ClassVar[frozenset[str]] = frozenset({"material"})
    headings: ClassVar[Mapping[str, str]] = {
        "code": N_("Code"),
        "name": N_("Name"),
        "unit": N_("Unit"),
        "material": N_("Material"),
    }

    code: str
    name: str
    unit: str
    material: bool | None = None  # shown in listings; not part of the product's own record

    @classmethod
    def of(cls, product: Product, *, material: bool | None = None) -> ProductView:
        return cls(product.code, product.name, product.unit, material)


@dataclass(frozen=True)
class BomLineView(PlanningView):
    json_omit: ClassVar[frozenset[str]] = frozenset({"parent"})
    headings: ClassVar[Mapping[str, str]] = {
        "component": N_("Component"),
        "quantity": N_("Quantity"),
        "unit": N_("Unit"),
        "scrap_pct": N_("Scrap %"),
    }

    parent: str
    component: str
    quantity: Decimal
    unit: str  # the component's
    scrap_pct: Decimal

    @classmethod
    def of(cls, line: BomLine) -> BomLineView:
        return cls(line.parent.code, line.component.code, line.quantity, line.component.unit, line.scrap_pct)

    def audit_json(self) -> dict[str, Any]:
        return {"parent": self.parent} | pick(self.as_json(), "component", "quantity", "scrap_pct")


@dataclass(frozen=True)
class MaterialStock:
    product: Product
    stock: StockLevel | None

    @property
    def quantity(self) -> Decimal:
        return self.stock.quantity if self.stock is not None else Decimal(0)


@dataclass(frozen=True)
class MaterialView(PlanningView):
    headings: ClassVar[Mapping[str, str]] = {
        "code": N_("Code"),
        "name": N_("Name"),
        "stock": N_("In stock"),
        "unit": N_("Unit"),
        "counted_on": N_("Counted on"),
    }

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


@dataclass(frozen=True)
class MaterialNeedView(PlanningView):
    """How much of a material one unit of a product needs in all, scrap included."""

    headings: ClassVar[Mapping[str, str]] = {
        "material": N_("Material"),
        "quantity": N_("Quantity"),
        "unit": N_("Unit"),
    }

    material: str
    quantity: Decimal
    unit: str


@dataclass(frozen=True)
class ProductSheet(PlanningView):
    """A product with its bill of materials, what one unit needs in all, its routings and stock."""

    json_inline: ClassVar[str | None] = "product"
    json_omit_none: ClassVar[frozenset[str]] = frozenset({"stock"})
    headings: ClassVar[Mapping[str, str]] = {
        "bom": N_("Bill of materials"),
        "materials_per_unit": N_("Materials for one unit"),
        "routings": N_("Routings"),
        "stock": N_("In stock"),
    }

    product: ProductView
    bom: tuple[BomLineView, ...]
    materials_per_unit: tuple[MaterialNeedView, ...]
    routings: tuple[RoutingView, ...]
    stock: Decimal | None  # only for a material


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
class CentreView(PlanningView):
    """A work centre as the pure check reads it, with its hours in a full week."""

    headings: ClassVar[Mapping[str, str]] = {
        "code": N_("Code"),
        "name": N_("Name"),
        "hours_per_shift": N_("h/shift"),
        "shifts_per_day": N_("Shifts"),
        "working_days": N_("Days"),
        "parallel": N_("Stations"),
        "efficiency_pct": N_("Efficiency %"),
        "hours_per_week": N_("h/week"),
    }

    code: str
    name: str
    hours_per_shift: Decimal
    shifts_per_day: int
    working_days: int
    parallel: int
    efficiency_pct: Decimal
    hours_per_week: Decimal  # in a full working week with no closures, to the hundredth

    @classmethod
    def of(cls, centre: WorkCentre) -> CentreView:
        return cls.of_pure(pure_work_centre(centre))

    @classmethod
    def of_pure(cls, centre: capacity.WorkCentre) -> CentreView:
        """The view of the work centre as the pure check reads it."""
        return cls(
            centre.code,
            centre.name,
            centre.hours_per_shift,
            centre.shifts_per_day,
            centre.working_days_per_week,
            centre.parallel,
            centre.efficiency_pct,
            (centre.hours_per_day * centre.working_days_per_week).quantize(HOURS_QUANTUM),
        )

    def audit_json(self) -> dict[str, Any]:
        """What the centre is set to; its hours a week follow from that."""
        data = self.as_json()
        del data["hours_per_week"]
        return data


class Plant(enum.Enum):
    """Where a closure that names no work centre applies; JSON writes it as null, as it always has."""

    WHOLE = None


vocabulary.define(Plant, {Plant.WHOLE: N_("whole plant")})


@dataclass(frozen=True)
class ClosureView(PlanningView):
    json_keys: ClassVar[Mapping[str, str]] = {"closed_on": "date"}
    headings: ClassVar[Mapping[str, str]] = {
        "date": N_("Date"),
        "work_centre": N_("Work centre"),
        "reason": N_("Reason"),
    }

    closed_on: date
    work_centre: str | Plant
    reason: str

    @classmethod
    def of(cls, closure: Closure) -> ClosureView:
        return cls.copied(
            closure, work_centre=closure.work_centre.code if closure.work_centre else Plant.WHOLE
        )


@dataclass(frozen=True)
class RoutingView(PlanningView):
    headings: ClassVar[Mapping[str, str]] = {
        "product": N_("Product"),
        "work_centre": N_("Work centre"),
        "minutes_per_unit": N_("Min/unit"),
        "crew_size": N_("Crew"),
        "skill": N_("Skill"),
        "skill_level": N_("Level"),
    }

    product: str
    work_centre: str
    minutes_per_unit: Decimal
    crew_size: int
    skill: str | None
    skill_level: int | None

    @classmethod
    def of(cls, routing: Routing) -> RoutingView:
        return cls.copied(
            routing,
            product=routing.product.code,
            work_centre=routing.work_centre.code,
            skill=routing.skill.code if routing.skill else None,
        )


@dataclass(frozen=True)
class RequiredSkillView(PlanningView):
    """Each week it works, ``work_centre`` needs ``min_qualified`` members at ``min_level`` in ``skill``."""

    headings: ClassVar[Mapping[str, str]] = {
        "work_centre": N_("Work centre"),
        "skill": N_("Skill"),
        "min_level": N_("Minimum level"),
        "min_qualified": N_("Qualified each week"),
    }

    work_centre: str
    skill: str
    min_level: int
    min_qualified: int

    @classmethod
    def of(cls, required: RequiredSkill) -> RequiredSkillView:
        return cls.copied(required, work_centre=required.work_centre.code, skill=required.skill.code)


@dataclass(frozen=True)
class CentreSheet(PlanningView):
    """A work centre with its coming closures, its routings and the skills it requires."""

    json_inline: ClassVar[str | None] = "centre"
    headings: ClassVar[Mapping[str, str]] = {
        "closures": N_("Coming closures"),
        "routings": N_("Routings"),
        "required_skills": N_("Required skills"),
    }

    centre: CentreView
    closures: tuple[ClosureView, ...]
    routings: tuple[RoutingView, ...]
    required_skills: tuple[RequiredSkillView, ...] = ()
