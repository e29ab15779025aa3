"""The CSV imports of the catalogue: products, BOM lines and stock counts.

Each import is all lines or none: every line is checked first, and a refusal lists every bad
line with its number; only then is anything written, with one audit event for the file.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.audit import record_import
from coop.csvfiles import DETECT, CsvDialect, CsvRow
from coop.errors import PlanError
from coop.i18n import _, ngettext
from coop.members.actors import Actor
from coop.plans import capacity
from coop.plans.capacity.bom import find_bom_cycle
from coop.plans.catalogue import bom_edges, clean_unit, list_products, made_ids, parse_scrap, put_stock
from coop.plans.common import (
    check_code,
    clean_name,
    earlier_line,
    load_csv,
    parse_day,
    parse_quantity,
    quantity_text,
    require_planner,
)
from coop.plans.models import BomLine, Product


def import_products(
    session: Session, *, actor: Actor, now: datetime, path: Path, dialect: CsvDialect = DETECT
) -> tuple[int, int]:
    """Add new products and change the names and units of known ones; returns (added, changed)."""
    require_planner(session, actor, _("Importing products"))
    seen: dict[str, int] = {}

    def parse_product(row: CsvRow) -> tuple[str, str, str]:
        code = check_code(row.get("code"), _("A product"))
        spec = (code, clean_name(row.get("name"), _("A product")), clean_unit(row.get("unit")))
        if (other := earlier_line(seen, code, row)) is not None:
            raise PlanError(_("product {code} is also on line {other}").format(code=code, other=other))
        return spec

    specs = load_csv(path, ("code", "name", "unit"), ("code", "name", "unit"), parse_product, dialect=dialect)
    existing = {p.code: p for p in list_products(session)}
    added = changed = 0
    for code, name, unit in specs:
        product = existing.get(code)
        if product is None:
            session.add(Product(code=code, name=name, unit=unit, created_at=now))
            added += 1
        elif (product.name, product.unit) != (name, unit):
            product.name, product.unit = name, unit
            changed += 1
    record_import(
        session,
        "coop.products.imported",
        actor,
        now,
        path,
        added=added,
        changed=changed,
        products=[{"code": c, "name": n, "unit": u} for c, n, u in specs],
    )
    return added, changed


def import_bom(
    session: Session, *, actor: Actor, now: datetime, path: Path, dialect: CsvDialect = DETECT
) -> int:
    """Add or change BOM lines (``parent,component,quantity,scrap_pct``); returns how many."""
    require_planner(session, actor, _("Importing bills of materials"))
    products = {p.code: p for p in list_products(session)}
    seen: dict[tuple[str, str], int] = {}

    def parse_bom_line(row: CsvRow) -> tuple[Product, Product, Decimal, Decimal]:
        parent_code = check_code(row.get("parent"), _("A parent"))
        component_code = check_code(row.get("component"), _("A component"))
        unknown = [c for c in (parent_code, component_code) if c not in products]
        if unknown:
            raise PlanError(
                ngettext("unknown product {codes}", "unknown products {codes}", len(unknown)).format(
                    codes=", ".join(unknown)
                )
            )
        if parent_code == component_code:
            raise PlanError(_("{code} cannot be a component of itself").format(code=parent_code))
        amount = parse_quantity(row.get("quantity"), _("quantity"))
        scrap = parse_scrap(row.get("scrap_pct"))
        if (other := earlier_line(seen, (parent_code, component_code), row)) is not None:
            raise PlanError(
                _("{parent} → {component} is also on line {other}").format(
                    parent=parent_code, component=component_code, other=other
                )
            )
        return products[parent_code], products[component_code], amount, scrap

    wanted = load_csv(
        path,
        ("parent", "component", "quantity", "scrap_pct"),
        ("parent", "component", "quantity"),
        parse_bom_line,
        dialect=dialect,
    )
    edges = bom_edges(session)
    for parent, component, amount, scrap in wanted:
        edges[(parent.code, component.code)] = capacity.BomLine(parent.code, component.code, amount, scrap)
    cycle = find_bom_cycle(edges.values())
    if cycle is not None:
        lines = sorted({seen[(a, b)] for a, b in itertools.pairwise(cycle) if (a, b) in seen})
        raise PlanError(
            _(
                "{file} would make the bill of materials go round in a circle: {cycle} (lines {lines}); "
                "a product cannot be made of itself, so nothing was imported."
            ).format(file=path.name, cycle=" → ".join(cycle), lines=", ".join(str(n) for n in lines))
        )
    existing = {(line.parent_id, line.component_id): line for line in session.scalars(select(BomLine))}
    for parent, component, amount, scrap in wanted:
        line = existing.get((parent.id, component.id))
        if line is None:
            session.add(
                BomLine(parent_id=parent.id, component_id=component.id, quantity=amount, scrap_pct=scrap)
            )
        else:
            line.quantity, line.scrap_pct = amount, scrap
    record_import(
        session,
        "coop.bom.imported",
        actor,
        now,
        path,
        lines=[
            {
                "parent": p.code,
                "component": c.code,
                "quantity": quantity_text(q),
                "scrap_pct": quantity_text(s),
            }
            for p, c, q, s in wanted
        ],
    )
    return len(wanted)


def import_stock(
    session: Session, *, actor: Actor, now: datetime, path: Path, dialect: CsvDialect = DETECT
) -> int:
    """Record stock counts (``material,quantity,counted_on``) for many materials at once."""
    require_planner(session, actor, _("Importing stock"))
    products = {p.code: p for p in list_products(session)}
    made = made_ids(session)
    seen: dict[str, int] = {}

    def parse_count(row: CsvRow) -> tuple[Product, Decimal, date]:
        code = check_code(row.get("material"), _("A material"))
        product = products.get(code)
        if product is None:
            raise PlanError(_("unknown product {code}").format(code=code))
        if product.id in made:
            raise PlanError(_("{code} has a bill of materials, so it is not a material").format(code=code))
        amount = parse_quantity(row.get("quantity"), _("quantity"), allow_zero=True)
        counted = parse_day(row.get("counted_on"), _("counted_on")) if row.get("counted_on") else now.date()
        if (other := earlier_line(seen, code, row)) is not None:
            raise PlanError(_("material {code} is also on line {other}").format(code=code, other=other))
        return product, amount, counted

    wanted = load_csv(
        path, ("material", "quantity", "counted_on"), ("material", "quantity"), parse_count, dialect=dialect
    )
    for product, amount, counted in wanted:
        put_stock(session, product, amount, counted, actor, now)
    record_import(
        session,
        "coop.stock.imported",
        actor,
        now,
        path,
        stock=[
            {"material": p.code, "quantity": quantity_text(q), "counted_on": d.isoformat()}
            for p, q, d in wanted
        ],
    )
    return len(wanted)
