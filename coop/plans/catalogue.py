"""Products, bills of materials, materials and their stock.

A bill of materials never goes round in a circle: a line that would close one is refused,
naming the cycle. A material is an item with no BOM lines of its own; only materials have stock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coop.audit import record_change
from coop.changes import add_recorded, delete_recorded
from coop.errors import PlanError
from coop.formatting import format_quantity
from coop.i18n import _
from coop.members.actors import Actor
from coop.plans import capacity
from coop.plans.capacity.bom import ensure_acyclic, find_bom_cycle, item_requirements
from coop.plans.centres import list_routings
from coop.plans.common import (
    check_code,
    clean_name,
    parse_quantity,
    quantity_text,
    require_planner,
)
from coop.plans.models import BomLine, Product, StockLevel
from coop.plans.views import (
    BomLineView,
    MaterialNeedView,
    MaterialStock,
    ProductSheet,
    ProductView,
    RoutingView,
)

# --- products ----------------------------------------------------------------------------------


def clean_unit(unit: str) -> str:
    cleaned = unit.strip()
    if not cleaned:
        raise PlanError(_("Give the unit it is counted in, like pcs, kg, m² or l."))
    if len(cleaned) > 20:
        raise PlanError(_("The unit '{unit}' is longer than 20 characters.").format(unit=cleaned))
    return cleaned


def list_products(session: Session) -> list[Product]:
    return list(session.scalars(select(Product).order_by(Product.code)))


def add_product(session: Session, *, actor: Actor, now: datetime, code: str, name: str, unit: str) -> Product:
    require_planner(session, actor, _("Adding a product"))
    code = check_code(code, _("A product"))
    if session.scalars(select(Product).where(Product.code == code)).first() is not None:
        raise PlanError(
            _("Product {code} already exists; change it with: coop product update {code}").format(code=code)
        )
    product = Product(code=code, name=clean_name(name, _("A product")), unit=clean_unit(unit), created_at=now)
    return add_recorded(
        session, actor, now, product, "coop.product.added", lambda p: ProductView.of(p).as_json()
    )


def update_product(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    product: Product,
    name: str | None = None,
    unit: str | None = None,
) -> Product:
    require_planner(session, actor, _("Changing a product"))
    old = ProductView.of(product).as_json()
    if name is not None:
        product.name = clean_name(name, _("A product"))
    if unit is not None:
        product.unit = clean_unit(unit)
    if ProductView.of(product).as_json() != old:
        record_change(
            session,
            "coop.product.changed",
            actor,
            now,
            {"old": old, "new": ProductView.of(product).as_json()},
        )
    return product


# --- bills of materials ------------------------------------------------------------------------


def bom_edges(session: Session) -> dict[tuple[str, str], capacity.BomLine]:
    parent = select(Product.code).where(Product.id == BomLine.parent_id).scalar_subquery()
    component = select(Product.code).where(Product.id == BomLine.component_id).scalar_subquery()
    return {
        (p, c): capacity.BomLine(p, c, quantity, scrap)
        for p, c, quantity, scrap in session.execute(
            select(parent, component, BomLine.quantity, BomLine.scrap_pct)
        )
    }


def _cycle_refusal(cycle: Sequence[str]) -> PlanError:
    return PlanError(
        _(
            "The bill of materials would go round in a circle: {cycle}; a product cannot be made of "
            "itself, so nothing was changed."
        ).format(cycle=" → ".join(cycle))
    )


def _from(cycle: Sequence[str], start: str) -> tuple[str, ...]:
    """The same cycle told from ``start`` (``B → A → B`` rather than ``A → B → A``)."""
    body = list(cycle[:-1])
    if start in body:
        index = body.index(start)
        body = body[index:] + body[:index]
    return (*body, body[0])


def _ensure_acyclic(edges: Sequence[capacity.BomLine], start: str) -> None:
    try:
        ensure_acyclic(edges)
    except PlanError:
        cycle = find_bom_cycle(edges)
        assert cycle is not None
        raise _cycle_refusal(_from(cycle, start)) from None


def bom_of(session: Session, product: Product) -> list[BomLine]:
    return list(
        session.scalars(
            select(BomLine)
            .options(selectinload(BomLine.component))
            .where(BomLine.parent_id == product.id)
            .order_by(BomLine.id)
        )
    )


def parse_scrap(text: str | Decimal | int | None) -> Decimal:
    if text is None or str(text).strip() == "":
        return Decimal(0)
    value = parse_quantity(text, _("Scrap"), allow_zero=True)
    if value >= 100:
        raise PlanError(_("Scrap must be below 100 %, not {value} %.").format(value=format_quantity(value)))
    return value


def set_bom_line(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    parent: Product,
    component: Product,
    quantity: str | Decimal,
    scrap_pct: str | Decimal | None = None,
) -> BomLine:
    """One unit of ``parent`` needs ``quantity`` of ``component`` (plus scrap %); adds or changes."""
    require_planner(session, actor, _("Changing a bill of materials"))
    amount = parse_quantity(quantity, _("The quantity per unit"))
    scrap = parse_scrap(scrap_pct)
    if parent.id == component.id:
        raise _cycle_refusal([parent.code, parent.code])
    edges = bom_edges(session)
    edges[(parent.code, component.code)] = capacity.BomLine(parent.code, component.code, amount, scrap)
    _ensure_acyclic(list(edges.values()), parent.code)
    line = _bom_line(session, parent, component)
    old = BomLineView.of(line).audit_json() if line is not None else None
    if line is None:
        line = BomLine(parent=parent, component=component, quantity=amount, scrap_pct=scrap)
        session.add(line)
    else:
        line.quantity, line.scrap_pct = amount, scrap
    session.flush()
    record_change(
        session, "coop.bom_line.set", actor, now, {"old": old, "new": BomLineView.of(line).audit_json()}
    )
    return line


def remove_bom_line(
    session: Session, *, actor: Actor, now: datetime, parent: Product, component: Product
) -> None:
    require_planner(session, actor, _("Changing a bill of materials"))
    line = _bom_line(session, parent, component)
    if line is None:
        raise PlanError(
            _("{parent} does not list {component} in its bill of materials.").format(
                parent=parent.code, component=component.code
            )
        )
    delete_recorded(session, actor, now, line, "coop.bom_line.removed", BomLineView.of(line).audit_json())


def _bom_line(session: Session, parent: Product, component: Product) -> BomLine | None:
    """The line of ``parent``'s bill of materials that lists ``component``, if any."""
    return session.scalars(
        select(BomLine).where(BomLine.parent_id == parent.id, BomLine.component_id == component.id)
    ).first()


# --- materials and stock -----------------------------------------------------------------------


def made_ids(session: Session) -> set[int]:
    return set(session.scalars(select(BomLine.parent_id).distinct()))


def is_material(session: Session, product: Product) -> bool:
    return product.id not in made_ids(session)


def products_and_kinds(session: Session) -> list[tuple[Product, bool]]:
    """Every product, each with whether it is a material (it has no BOM lines of its own)."""
    made = made_ids(session)
    return [(product, product.id not in made) for product in list_products(session)]


def list_materials(session: Session) -> list[MaterialStock]:
    made = made_ids(session)
    stock = {s.product_id: s for s in session.scalars(select(StockLevel))}
    return [MaterialStock(p, stock.get(p.id)) for p in list_products(session) if p.id not in made]


def _require_material(session: Session, product: Product) -> None:
    if not is_material(session, product):
        raise PlanError(
            _(
                "{code} is made from a bill of materials, so it is not a material and has no stock to count; "
                "stock is kept for what has no bill of materials."
            ).format(code=product.code)
        )


def put_stock(
    session: Session, product: Product, quantity: Decimal, counted_on: date, actor: Actor, now: datetime
) -> tuple[Decimal | None, StockLevel]:
    level = session.scalars(select(StockLevel).where(StockLevel.product_id == product.id)).first()
    old = level.quantity if level is not None else None
    if level is None:
        level = StockLevel(product_id=product.id, product=product)
        session.add(level)
    level.quantity = quantity
    level.counted_on = counted_on
    level.recorded_at = now
    level.recorded_by = actor.label
    return old, level


def set_stock(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    product: Product,
    quantity: str | Decimal,
    counted_on: date | None = None,
) -> StockLevel:
    """Record the stock on hand of a material, in its unit."""
    require_planner(session, actor, _("Recording stock"))
    _require_material(session, product)
    amount = parse_quantity(quantity, _("Stock of {code}").format(code=product.code), allow_zero=True)
    old, level = put_stock(session, product, amount, counted_on or now.date(), actor, now)
    session.flush()
    record_change(
        session,
        "coop.stock.set",
        actor,
        now,
        {
            "material": product.code,
            "old": quantity_text(old) if old is not None else None,
            "new": quantity_text(amount),
            "unit": product.unit,
            "counted_on": level.counted_on.isoformat(),
        },
    )
    return level


# --- one product in full -----------------------------------------------------------------------


def product_details(session: Session, product: Product) -> ProductSheet:
    """A product with its bill of materials, what one unit needs in all, its routings and stock."""
    material = is_material(session, product)
    bom = bom_of(session, product)
    edges = list(bom_edges(session).values())
    units = {p.code: p.unit for p in list_products(session)}
    needs = item_requirements(product.code, edges)
    made = {line.parent for line in edges}
    per_unit = tuple(
        MaterialNeedView(code, quantity, units.get(code, ""))
        for code, quantity in needs.items()
        if code != product.code and code not in made
    )
    routings = list_routings(session, product=product)
    stock = None
    if material:
        found = next((m for m in list_materials(session) if m.product.id == product.id), None)
        stock = found.quantity if found else Decimal(0)
    return ProductSheet(
        ProductView.of(product, material=material),
        tuple(BomLineView.of(line) for line in bom),
        per_unit,
        tuple(RoutingView.of(routing) for routing in routings),
        stock,
    )
