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

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from coop.plans import capacity
from coop.plans.capacity.quantities import HOURS_QUANTUM
from coop.plans.common import quantity_text
from coop.plans.models import BomLine, Closure, Product, Routing, StockLevel, WorkCentre
from coop.views import Converters, View


def pick(data: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    """The entries of ``data`` named by ``keys``, in that order."""
    return {key: data[key] for key in keys}


def optional_quantity(value: Decimal | None) -> str | None:
    return quantity_text(value) if value is not None else None


class PlanningView(View):
    """A view of planning: its quantities written without exponent or trailing zeros (``"12.5"``)."""

    @classmethod
    def json_value(cls, value: Any) -> Any:
        return quantity_text(value) if isinstance(value, Decimal) else super().json_value(value)


# --- products, bills of materials, materials --------------------------------------------------------


@dataclass(frozen=True)
class ProductView(PlanningView):
    json_omit_none: ClassVar[frozenset[str]] = frozenset({"material"})

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
class ProductSheet(PlanningView):
    """A product with its bill of materials, what one unit needs in all, its routings and stock."""

    json_inline: ClassVar[str | None] = "product"
    json_omit_none: ClassVar[frozenset[str]] = frozenset({"stock"})
    json_convert: ClassVar[Converters] = {
        "materials_per_unit": lambda needs: [
            {"material": code, "quantity": quantity_text(quantity), "unit": unit}
            for code, quantity, unit in needs
        ]
    }

    product: ProductView
    bom: tuple[BomLineView, ...]
    materials_per_unit: tuple[tuple[str, Decimal, str], ...]  # (material, gross quantity, unit)
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
class ClosureView(PlanningView):
    json_keys: ClassVar[Mapping[str, str]] = {"closed_on": "date"}

    closed_on: date
    work_centre: str | None  # None: the whole plant
    reason: str

    @classmethod
    def of(cls, closure: Closure) -> ClosureView:
        return cls.copied(closure, work_centre=closure.work_centre.code if closure.work_centre else None)


@dataclass(frozen=True)
class RoutingView(PlanningView):
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
class CentreSheet(PlanningView):
    """A work centre with its coming closures and its routings."""

    json_inline: ClassVar[str | None] = "centre"

    centre: CentreView
    closures: tuple[ClosureView, ...]
    routings: tuple[RoutingView, ...]
