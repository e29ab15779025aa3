"""Business operations on products, materials, work centres and production plans.

Every function takes the session, the acting member and ``now``; none commits; each change is
audited (``coop.<noun>.<past-tense verb>``). The arithmetic (BOM explosion, load, capacity,
stock, crews) is done by the pure :mod:`coop.plans.capacity`; this module reads the records into
its dataclasses, keeps the plan's lifecycle and writes what the rules allow.

Rules kept here:

- Coordinators keep the master data and draft, check, submit, start and close plans; a
  secretary may too.
- A plan is edited only while it is a draft. Submitting is refused while a blocking finding of
  the check is not acknowledged with a reason (for the figures it has now).
- Only the assembly approves or rejects a submitted plan, through a motion of kind
  ``plan_approval`` (see :mod:`coop.plans.approval`). An approved plan is never edited: it is
  revised, which makes a new draft version that keeps its predecessor.
- A bill of materials never goes round in a circle; CSV imports are all lines or none, and a
  refusal lists every bad line with its number.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from coop import csvfiles
from coop.audit import record_event
from coop.csvfiles import CsvRow
from coop.db import get_by_number
from coop.errors import CoopError, PlanError
from coop.i18n import _, for_the_record, ngettext
from coop.members.models import Role
from coop.members.service import Actor, list_members, require_role
from coop.plans import capacity
from coop.plans.models import (
    BomLine,
    Closure,
    FindingAcknowledgement,
    Plan,
    PlanLine,
    PlanStatus,
    Product,
    Routing,
    StockLevel,
    WorkCentre,
)
from coop.training import coverage
from coop.training import service as training
from coop.training.models import Skill, SkillAssessment

if TYPE_CHECKING:
    from coop.assemblies.models import Motion

CODE_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
MAX_QUANTITY = Decimal("999999999999")
QUANTITY_PLACES = 4
MAX_LEVEL = capacity.MAX_LEVEL
EDITABLE = (PlanStatus.draft,)
PENDING_MOTION = ("proposed", "seconded", "voting", "postponed")


# --- parsing what people type ------------------------------------------------------------------


def normalise_code(text: str) -> str:
    return text.strip().upper()


def check_code(text: str, what: str) -> str:
    code = normalise_code(text)
    if not code:
        raise PlanError(_("{what} needs a code, like BALD-30.").format(what=what))
    if len(code) > 40 or not set(code) <= CODE_CHARACTERS:
        raise PlanError(
            _(
                "'{code}' cannot be a code; use up to 40 letters, digits and - _ . "
                "without spaces, like BALD-30."
            ).format(code=text.strip())
        )
    return code


def parse_quantity(text: str | Decimal | int, what: str, *, allow_zero: bool = False) -> Decimal:
    """A quantity as people type it: ``1200``, ``12.5``; never negative, at most 4 decimals."""
    raw = str(text).strip()
    if "," in raw:
        raise PlanError(
            _(
                "{what} '{value}' is not a number; write decimals with a point and no thousands separator, "
                "like 1200.5."
            ).format(what=what, value=raw)
        )
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise PlanError(
            _("{what} '{value}' is not a number; write it like 1200 or 12.5.").format(what=what, value=raw)
        ) from None
    if not value.is_finite():
        raise PlanError(
            _("{what} '{value}' is not a number; write it like 1200 or 12.5.").format(what=what, value=raw)
        )
    if value < 0:
        raise PlanError(_("{what} cannot be negative ({value}).").format(what=what, value=raw))
    if value == 0 and not allow_zero:
        raise PlanError(_("{what} must be above zero.").format(what=what))
    if value > MAX_QUANTITY:
        raise PlanError(_("{what} {value} is too large.").format(what=what, value=raw))
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -QUANTITY_PLACES:
        raise PlanError(
            _("{what} {value} has more than {places} decimals.").format(
                what=what, value=raw, places=QUANTITY_PLACES
            )
        )
    return value


def parse_whole(text: str | int, what: str, *, lowest: int, highest: int | None = None) -> int:
    raw = str(text).strip()
    try:
        value = int(raw)
    except ValueError:
        raise PlanError(_("{what} '{value}' is not a whole number.").format(what=what, value=raw)) from None
    if value < lowest or (highest is not None and value > highest):
        if highest is None:
            raise PlanError(
                _("{what} must be at least {lowest}, not {value}.").format(
                    what=what, lowest=lowest, value=value
                )
            )
        raise PlanError(
            _("{what} must be from {lowest} to {highest}, not {value}.").format(
                what=what, lowest=lowest, highest=highest, value=value
            )
        )
    return value


_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})")


def parse_week(text: str | date, what: str) -> date:
    """The Monday of a week written ``2026-W49`` or as any date inside it (``2026-12-02``)."""
    if isinstance(text, date):
        return capacity.week_of(text)
    raw = text.strip().upper()
    match = _WEEK.fullmatch(raw)
    if match:
        return capacity.iso_week(int(match[1]), int(match[2]))
    try:
        return capacity.week_of(date.fromisoformat(raw))
    except ValueError:
        raise PlanError(
            _(
                "{what} '{value}' is not a week; write it like 2026-W49, or give any day of that week "
                "like 2026-12-02."
            ).format(what=what, value=text.strip())
        ) from None


def parse_day(text: str | date, what: str) -> date:
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PlanError(
            _("{what} '{value}' is not a date like 2026-12-08.").format(what=what, value=text.strip())
        ) from None


def week_label(week: date) -> str:
    return capacity.week_label(week)


def quantity_text(value: Decimal | None) -> str:
    """A quantity for JSON and tables: no exponent, no trailing zeros (``"1200"``, ``"12.5"``)."""
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


# --- who may do it -----------------------------------------------------------------------------


def _require_planner(session: Session, actor: Actor, doing: str) -> None:
    """Coordinators plan; a secretary may too."""
    if actor.member is not None and actor.member.has_role(Role.secretary):
        return
    require_role(session, actor, Role.coordinator, doing)


# --- finding things ----------------------------------------------------------------------------


def find_product(session: Session, reference: str) -> Product:
    """A product by code (any case) or by exact name."""
    ref = reference.strip()
    product = session.scalars(select(Product).where(Product.code == normalise_code(ref))).first()
    if product is not None:
        return product
    wanted = " ".join(ref.split()).casefold()
    matches = [
        p for p in session.scalars(select(Product).order_by(Product.code)) if p.name.casefold() == wanted
    ]
    if len(matches) == 1:
        return matches[0]
    raise PlanError(
        _("There is no product with the code or name '{ref}'; see the list with: coop product list").format(
            ref=ref
        )
    )


def find_work_centre(session: Session, reference: str) -> WorkCentre:
    ref = reference.strip()
    centre = session.scalars(select(WorkCentre).where(WorkCentre.code == normalise_code(ref))).first()
    if centre is not None:
        return centre
    wanted = " ".join(ref.split()).casefold()
    matches = [
        c
        for c in session.scalars(select(WorkCentre).order_by(WorkCentre.code))
        if c.name.casefold() == wanted
    ]
    if len(matches) == 1:
        return matches[0]
    raise PlanError(
        _("There is no work centre '{ref}'; see the list with: coop workcentre list").format(ref=ref)
    )


def find_plan(session: Session, reference: str | int) -> Plan:
    return get_by_number(
        session,
        Plan,
        reference,
        error=PlanError,
        missing=_("There is no plan {ref}; see them with: coop plan list"),
        not_a_number=_("'{ref}' is not a plan number; see them with: coop plan list"),
    )


def _find_skill(session: Session, code: str) -> Skill:
    try:
        return training.find_skill(session, code)
    except CoopError as error:
        raise PlanError(error.message) from None


# --- CSV files ---------------------------------------------------------------------------------


def _read_csv(path: Path, columns: Sequence[str], required: Sequence[str]) -> list[CsvRow]:
    try:
        content = path.read_bytes()
    except OSError as error:
        raise PlanError(_("Cannot read {file}: {reason}.").format(file=path, reason=error.strerror)) from None
    rows, problems = csvfiles.read_rows(content, path.name, columns, required, error=PlanError)
    if problems:
        raise _bad_lines(path.name, problems)
    if not rows:
        raise PlanError(_("{file} has no lines to import.").format(file=path.name))
    return rows


def _bad_lines(source: str, problems: Sequence[str]) -> CoopError:
    return csvfiles.bad_lines(source, problems, error=PlanError)


def _problem(row: CsvRow, error: CoopError | str) -> str:
    reason = error if isinstance(error, str) else error.message
    return _("line {line}: {reason}").format(line=row.line, reason=reason.rstrip("."))


# --- products ----------------------------------------------------------------------------------


def product_data(product: Product) -> dict[str, object]:
    return {"code": product.code, "name": product.name, "unit": product.unit}


def _clean_name(name: str, what: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise PlanError(_("{what} needs a name.").format(what=what))
    if len(cleaned) > 200:
        raise PlanError(_("The name '{name}…' is longer than 200 characters.").format(name=cleaned[:40]))
    return cleaned


def _clean_unit(unit: str) -> str:
    cleaned = unit.strip()
    if not cleaned:
        raise PlanError(_("Give the unit it is counted in, like pcs, kg, m² or l."))
    if len(cleaned) > 20:
        raise PlanError(_("The unit '{unit}' is longer than 20 characters.").format(unit=cleaned))
    return cleaned


def list_products(session: Session) -> list[Product]:
    return list(session.scalars(select(Product).order_by(Product.code)))


def add_product(session: Session, *, actor: Actor, now: datetime, code: str, name: str, unit: str) -> Product:
    _require_planner(session, actor, _("Adding a product"))
    code = check_code(code, _("A product"))
    if session.scalars(select(Product).where(Product.code == code)).first() is not None:
        raise PlanError(
            _("Product {code} already exists; change it with: coop product update {code}").format(code=code)
        )
    product = Product(
        code=code, name=_clean_name(name, _("A product")), unit=_clean_unit(unit), created_at=now
    )
    session.add(product)
    session.flush()
    record_event(session, "coop.product.added", actor=actor.label, now=now, data=product_data(product))
    return product


def update_product(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    product: Product,
    name: str | None = None,
    unit: str | None = None,
) -> Product:
    _require_planner(session, actor, _("Changing a product"))
    old = product_data(product)
    if name is not None:
        product.name = _clean_name(name, _("A product"))
    if unit is not None:
        product.unit = _clean_unit(unit)
    if product_data(product) != old:
        record_event(
            session,
            "coop.product.changed",
            actor=actor.label,
            now=now,
            data={"old": old, "new": product_data(product)},
        )
    return product


def import_products(session: Session, *, actor: Actor, now: datetime, path: Path) -> tuple[int, int]:
    """Add new products and change the names and units of known ones; returns (added, changed)."""
    _require_planner(session, actor, _("Importing products"))
    rows = _read_csv(path, ("code", "name", "unit"), ("code", "name", "unit"))
    existing = {p.code: p for p in list_products(session)}
    problems: list[str] = []
    seen: dict[str, int] = {}
    specs: list[tuple[str, str, str]] = []
    for row in rows:
        try:
            code = check_code(row.get("code"), _("A product"))
            spec = (code, _clean_name(row.get("name"), _("A product")), _clean_unit(row.get("unit")))
        except PlanError as error:
            problems.append(_problem(row, error))
            continue
        if code in seen:
            problems.append(
                _problem(row, _("product {code} is also on line {other}").format(code=code, other=seen[code]))
            )
            continue
        seen[code] = row.line
        specs.append(spec)
    if problems:
        raise _bad_lines(path.name, problems)
    added = changed = 0
    for code, name, unit in specs:
        product = existing.get(code)
        if product is None:
            session.add(Product(code=code, name=name, unit=unit, created_at=now))
            added += 1
        elif (product.name, product.unit) != (name, unit):
            product.name, product.unit = name, unit
            changed += 1
    session.flush()
    record_event(
        session,
        "coop.products.imported",
        actor=actor.label,
        now=now,
        data={
            "file": path.name,
            "added": added,
            "changed": changed,
            "products": [{"code": c, "name": n, "unit": u} for c, n, u in specs],
        },
    )
    return added, changed


# --- bills of materials ------------------------------------------------------------------------


def _bom_edges(session: Session) -> dict[tuple[str, str], capacity.BomLine]:
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
        capacity.ensure_acyclic(edges)
    except PlanError:
        cycle = capacity.find_bom_cycle(edges)
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


def _bom_data(line: BomLine) -> dict[str, object]:
    return {
        "parent": line.parent.code,
        "component": line.component.code,
        "quantity": quantity_text(line.quantity),
        "scrap_pct": quantity_text(line.scrap_pct),
    }


def _scrap(text: str | Decimal | int | None) -> Decimal:
    if text is None or str(text).strip() == "":
        return Decimal(0)
    value = parse_quantity(text, _("Scrap"), allow_zero=True)
    if value >= 100:
        raise PlanError(_("Scrap must be below 100 %, not {value} %.").format(value=quantity_text(value)))
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
    _require_planner(session, actor, _("Changing a bill of materials"))
    amount = parse_quantity(quantity, _("The quantity per unit"))
    scrap = _scrap(scrap_pct)
    if parent.id == component.id:
        raise _cycle_refusal([parent.code, parent.code])
    edges = _bom_edges(session)
    edges[(parent.code, component.code)] = capacity.BomLine(parent.code, component.code, amount, scrap)
    _ensure_acyclic(list(edges.values()), parent.code)
    line = session.scalars(
        select(BomLine).where(BomLine.parent_id == parent.id, BomLine.component_id == component.id)
    ).first()
    old = _bom_data(line) if line is not None else None
    if line is None:
        line = BomLine(parent=parent, component=component, quantity=amount, scrap_pct=scrap)
        session.add(line)
    else:
        line.quantity, line.scrap_pct = amount, scrap
    session.flush()
    record_event(
        session, "coop.bom_line.set", actor=actor.label, now=now, data={"old": old, "new": _bom_data(line)}
    )
    return line


def remove_bom_line(
    session: Session, *, actor: Actor, now: datetime, parent: Product, component: Product
) -> None:
    _require_planner(session, actor, _("Changing a bill of materials"))
    line = session.scalars(
        select(BomLine).where(BomLine.parent_id == parent.id, BomLine.component_id == component.id)
    ).first()
    if line is None:
        raise PlanError(
            _("{parent} does not list {component} in its bill of materials.").format(
                parent=parent.code, component=component.code
            )
        )
    data = _bom_data(line)
    session.delete(line)
    session.flush()
    record_event(session, "coop.bom_line.removed", actor=actor.label, now=now, data=data)


def import_bom(session: Session, *, actor: Actor, now: datetime, path: Path) -> int:
    """Add or change BOM lines (``parent,component,quantity,scrap_pct``); returns how many."""
    _require_planner(session, actor, _("Importing bills of materials"))
    rows = _read_csv(
        path, ("parent", "component", "quantity", "scrap_pct"), ("parent", "component", "quantity")
    )
    products = {p.code: p for p in list_products(session)}
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    wanted: list[tuple[Product, Product, Decimal, Decimal]] = []
    for row in rows:
        try:
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
            scrap = _scrap(row.get("scrap_pct"))
        except PlanError as error:
            problems.append(_problem(row, error))
            continue
        key = (parent_code, component_code)
        if key in seen:
            problems.append(
                _problem(
                    row,
                    _("{parent} → {component} is also on line {other}").format(
                        parent=parent_code, component=component_code, other=seen[key]
                    ),
                )
            )
            continue
        seen[key] = row.line
        wanted.append((products[parent_code], products[component_code], amount, scrap))
    if problems:
        raise _bad_lines(path.name, problems)
    edges = _bom_edges(session)
    for parent, component, amount, scrap in wanted:
        edges[(parent.code, component.code)] = capacity.BomLine(parent.code, component.code, amount, scrap)
    cycle = capacity.find_bom_cycle(edges.values())
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
    session.flush()
    record_event(
        session,
        "coop.bom.imported",
        actor=actor.label,
        now=now,
        data={
            "file": path.name,
            "lines": [
                {
                    "parent": p.code,
                    "component": c.code,
                    "quantity": quantity_text(q),
                    "scrap_pct": quantity_text(s),
                }
                for p, c, q, s in wanted
            ],
        },
    )
    return len(wanted)


# --- materials and stock -----------------------------------------------------------------------


@dataclass(frozen=True)
class MaterialStock:
    product: Product
    stock: StockLevel | None

    @property
    def quantity(self) -> Decimal:
        return self.stock.quantity if self.stock is not None else Decimal(0)


def _made_ids(session: Session) -> set[int]:
    return set(session.scalars(select(BomLine.parent_id).distinct()))


def is_material(session: Session, product: Product) -> bool:
    return product.id not in _made_ids(session)


def list_materials(session: Session) -> list[MaterialStock]:
    made = _made_ids(session)
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


def _put_stock(
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
    _require_planner(session, actor, _("Recording stock"))
    _require_material(session, product)
    amount = parse_quantity(quantity, _("Stock of {code}").format(code=product.code), allow_zero=True)
    old, level = _put_stock(session, product, amount, counted_on or now.date(), actor, now)
    session.flush()
    record_event(
        session,
        "coop.stock.set",
        actor=actor.label,
        now=now,
        data={
            "material": product.code,
            "old": quantity_text(old) if old is not None else None,
            "new": quantity_text(amount),
            "unit": product.unit,
            "counted_on": level.counted_on.isoformat(),
        },
    )
    return level


def import_stock(session: Session, *, actor: Actor, now: datetime, path: Path) -> int:
    """Record stock counts (``material,quantity,counted_on``) for many materials at once."""
    _require_planner(session, actor, _("Importing stock"))
    rows = _read_csv(path, ("material", "quantity", "counted_on"), ("material", "quantity"))
    products = {p.code: p for p in list_products(session)}
    made = _made_ids(session)
    problems: list[str] = []
    seen: dict[str, int] = {}
    wanted: list[tuple[Product, Decimal, date]] = []
    for row in rows:
        try:
            code = check_code(row.get("material"), _("A material"))
            product = products.get(code)
            if product is None:
                raise PlanError(_("unknown product {code}").format(code=code))
            if product.id in made:
                raise PlanError(
                    _("{code} has a bill of materials, so it is not a material").format(code=code)
                )
            amount = parse_quantity(row.get("quantity"), _("quantity"), allow_zero=True)
            counted = (
                parse_day(row.get("counted_on"), _("counted_on")) if row.get("counted_on") else now.date()
            )
        except PlanError as error:
            problems.append(_problem(row, error))
            continue
        if code in seen:
            problems.append(
                _problem(
                    row, _("material {code} is also on line {other}").format(code=code, other=seen[code])
                )
            )
            continue
        seen[code] = row.line
        wanted.append((product, amount, counted))
    if problems:
        raise _bad_lines(path.name, problems)
    for product, amount, counted in wanted:
        _put_stock(session, product, amount, counted, actor, now)
    session.flush()
    record_event(
        session,
        "coop.stock.imported",
        actor=actor.label,
        now=now,
        data={
            "file": path.name,
            "stock": [
                {"material": p.code, "quantity": quantity_text(q), "counted_on": d.isoformat()}
                for p, q, d in wanted
            ],
        },
    )
    return len(wanted)


# --- work centres, closures, routings ----------------------------------------------------------


@dataclass(frozen=True)
class CentreSpec:
    code: str
    name: str
    hours_per_shift: Decimal
    shifts_per_day: int
    working_days: int
    parallel: int
    efficiency_pct: Decimal


def check_centre_spec(
    *,
    code: str,
    name: str,
    hours_per_shift: str | Decimal,
    shifts_per_day: str | int,
    working_days: str | int = 5,
    parallel: str | int = 1,
    efficiency_pct: str | Decimal = Decimal(100),
) -> CentreSpec:
    spec = CentreSpec(
        code=check_code(code, _("A work centre")),
        name=_clean_name(name, _("A work centre")),
        hours_per_shift=parse_quantity(hours_per_shift, _("Hours per shift")),
        shifts_per_day=parse_whole(shifts_per_day, _("Shifts per day"), lowest=1),
        working_days=parse_whole(working_days, _("Working days per week"), lowest=1, highest=7),
        parallel=parse_whole(parallel, _("Parallel capacity"), lowest=1),
        efficiency_pct=parse_quantity(efficiency_pct, _("Efficiency")),
    )
    if spec.hours_per_shift * spec.shifts_per_day > 24:
        raise PlanError(
            _("{shifts} shifts of {hours} h do not fit in a day of 24 hours.").format(
                shifts=spec.shifts_per_day, hours=quantity_text(spec.hours_per_shift)
            )
        )
    if spec.efficiency_pct >= 1000:
        raise PlanError(
            _("An efficiency of {value} % cannot be right; give it as a percentage below 1000.").format(
                value=quantity_text(spec.efficiency_pct)
            )
        )
    for value, what in ((spec.hours_per_shift, _("Hours per shift")), (spec.efficiency_pct, _("Efficiency"))):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            raise PlanError(
                _("{what} {value} has more than 2 decimals.").format(what=what, value=quantity_text(value))
            )
    return spec


def centre_data(centre: WorkCentre) -> dict[str, object]:
    return {
        "code": centre.code,
        "name": centre.name,
        "hours_per_shift": quantity_text(centre.hours_per_shift),
        "shifts_per_day": centre.shifts_per_day,
        "working_days": centre.working_days,
        "parallel": centre.parallel,
        "efficiency_pct": quantity_text(centre.efficiency_pct),
    }


def _apply_spec(centre: WorkCentre, spec: CentreSpec) -> None:
    centre.name = spec.name
    centre.hours_per_shift = spec.hours_per_shift
    centre.shifts_per_day = spec.shifts_per_day
    centre.working_days = spec.working_days
    centre.parallel = spec.parallel
    centre.efficiency_pct = spec.efficiency_pct


def list_work_centres(session: Session) -> list[WorkCentre]:
    return list(session.scalars(select(WorkCentre).order_by(WorkCentre.code)))


def add_work_centre(session: Session, *, actor: Actor, now: datetime, spec: CentreSpec) -> WorkCentre:
    _require_planner(session, actor, _("Adding a work centre"))
    if session.scalars(select(WorkCentre).where(WorkCentre.code == spec.code)).first() is not None:
        raise PlanError(
            _("Work centre {code} already exists; change it with: coop workcentre update {code}").format(
                code=spec.code
            )
        )
    centre = WorkCentre(code=spec.code, created_at=now)
    _apply_spec(centre, spec)
    session.add(centre)
    session.flush()
    record_event(session, "coop.work_centre.added", actor=actor.label, now=now, data=centre_data(centre))
    return centre


def update_work_centre(
    session: Session, *, actor: Actor, now: datetime, centre: WorkCentre, changes: Mapping[str, object]
) -> WorkCentre:
    """Change some of a work centre's figures (keys of ``check_centre_spec`` other than code)."""
    _require_planner(session, actor, _("Changing a work centre"))
    old = centre_data(centre)
    current: dict[str, object] = {
        "name": centre.name,
        "hours_per_shift": centre.hours_per_shift,
        "shifts_per_day": centre.shifts_per_day,
        "working_days": centre.working_days,
        "parallel": centre.parallel,
        "efficiency_pct": centre.efficiency_pct,
    }
    current.update({k: v for k, v in changes.items() if v is not None})
    spec = check_centre_spec(code=centre.code, **current)  # type: ignore[arg-type]
    _apply_spec(centre, spec)
    if centre_data(centre) != old:
        record_event(
            session,
            "coop.work_centre.changed",
            actor=actor.label,
            now=now,
            data={"old": old, "new": centre_data(centre)},
        )
    return centre


CENTRE_COLUMNS = (
    "code",
    "name",
    "hours_per_shift",
    "shifts_per_day",
    "working_days",
    "parallel",
    "efficiency_pct",
)


def import_work_centres(session: Session, *, actor: Actor, now: datetime, path: Path) -> tuple[int, int]:
    """Add or change work centres; returns (added, changed)."""
    _require_planner(session, actor, _("Importing work centres"))
    rows = _read_csv(path, CENTRE_COLUMNS, ("code", "name", "hours_per_shift", "shifts_per_day"))
    problems: list[str] = []
    seen: dict[str, int] = {}
    specs: list[CentreSpec] = []
    for row in rows:
        try:
            spec = check_centre_spec(
                code=row.get("code"),
                name=row.get("name"),
                hours_per_shift=row.get("hours_per_shift"),
                shifts_per_day=row.get("shifts_per_day"),
                working_days=row.get("working_days") or 5,
                parallel=row.get("parallel") or 1,
                efficiency_pct=row.get("efficiency_pct") or Decimal(100),
            )
        except PlanError as error:
            problems.append(_problem(row, error))
            continue
        if spec.code in seen:
            problems.append(
                _problem(
                    row,
                    _("work centre {code} is also on line {other}").format(
                        code=spec.code, other=seen[spec.code]
                    ),
                )
            )
            continue
        seen[spec.code] = row.line
        specs.append(spec)
    if problems:
        raise _bad_lines(path.name, problems)
    existing = {c.code: c for c in list_work_centres(session)}
    added = changed = 0
    imported: list[WorkCentre] = []
    for spec in specs:
        centre = existing.get(spec.code)
        if centre is None:
            centre = WorkCentre(code=spec.code, created_at=now)
            session.add(centre)
            added += 1
            _apply_spec(centre, spec)
        else:
            before = centre_data(centre)
            _apply_spec(centre, spec)
            changed += centre_data(centre) != before
        imported.append(centre)
    session.flush()
    record_event(
        session,
        "coop.work_centres.imported",
        actor=actor.label,
        now=now,
        data={
            "file": path.name,
            "added": added,
            "changed": changed,
            "work_centres": [centre_data(centre) for centre in imported],
        },
    )
    return added, changed


def _closure_data(closure: Closure) -> dict[str, object]:
    return {
        "work_centre": closure.work_centre.code if closure.work_centre else None,
        "date": closure.closed_on.isoformat(),
        "reason": closure.reason,
    }


def _find_closure(session: Session, centre: WorkCentre | None, day: date) -> Closure | None:
    query = select(Closure).where(Closure.closed_on == day)
    query = query.where(
        Closure.work_centre_id.is_(None) if centre is None else Closure.work_centre_id == centre.id
    )
    return session.scalars(query).first()


def _clean_reason(reason: str, what: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise PlanError(what)
    return cleaned[:300]


def add_closure(
    session: Session, *, actor: Actor, now: datetime, centre: WorkCentre | None, day: date, reason: str
) -> Closure:
    """Close a work centre (or, with none, the whole plant) on a day: holiday, maintenance, assembly."""
    _require_planner(session, actor, _("Recording a closure"))
    reason = _clean_reason(reason, _('Say why it is closed: --reason "Feriado", "Mantenimiento", ...'))
    if _find_closure(session, centre, day) is not None:
        where = centre.code if centre else _("The whole plant")
        raise PlanError(_("{where} is already closed on {day}.").format(where=where, day=day.isoformat()))
    closure = Closure(
        work_centre=centre, closed_on=day, reason=reason, recorded_at=now, recorded_by=actor.label
    )
    session.add(closure)
    session.flush()
    record_event(session, "coop.closure.added", actor=actor.label, now=now, data=_closure_data(closure))
    return closure


def remove_closure(
    session: Session, *, actor: Actor, now: datetime, centre: WorkCentre | None, day: date
) -> None:
    _require_planner(session, actor, _("Removing a closure"))
    closure = _find_closure(session, centre, day)
    if closure is None:
        where = centre.code if centre else _("The whole plant")
        raise PlanError(_("{where} has no closure on {day}.").format(where=where, day=day.isoformat()))
    data = _closure_data(closure)
    session.delete(closure)
    session.flush()
    record_event(session, "coop.closure.removed", actor=actor.label, now=now, data=data)


def list_closures(
    session: Session, *, centre: WorkCentre | None = None, start: date | None = None, end: date | None = None
) -> list[Closure]:
    query = select(Closure).options(selectinload(Closure.work_centre)).order_by(Closure.closed_on, Closure.id)
    if centre is not None:
        query = query.where((Closure.work_centre_id == centre.id) | Closure.work_centre_id.is_(None))
    if start is not None:
        query = query.where(Closure.closed_on >= start)
    if end is not None:
        query = query.where(Closure.closed_on <= end)
    return list(session.scalars(query))


def import_closures(session: Session, *, actor: Actor, now: datetime, path: Path) -> int:
    """Add closures (``work_centre,date,reason``; an empty work centre closes the whole plant)."""
    _require_planner(session, actor, _("Importing closures"))
    rows = _read_csv(path, ("work_centre", "date", "reason"), ("date", "reason"))
    centres = {c.code: c for c in list_work_centres(session)}
    problems: list[str] = []
    seen: dict[tuple[str | None, date], int] = {}
    wanted: list[tuple[WorkCentre | None, date, str]] = []
    for row in rows:
        try:
            code = check_code(row.get("work_centre"), _("A work centre")) if row.get("work_centre") else None
            if code is not None and code not in centres:
                raise PlanError(_("unknown work centre {code}").format(code=code))
            day = parse_day(row.get("date"), _("date"))
            reason = _clean_reason(row.get("reason"), _("the reason is missing"))
            centre = centres[code] if code else None
            if _find_closure(session, centre, day) is not None:
                raise PlanError(
                    _("{where} is already closed on {day}").format(
                        where=code or _("the whole plant"), day=day.isoformat()
                    )
                )
        except PlanError as error:
            problems.append(_problem(row, error))
            continue
        key = (code, day)
        if key in seen:
            problems.append(
                _problem(row, _("the same closure is also on line {other}").format(other=seen[key]))
            )
            continue
        seen[key] = row.line
        wanted.append((centre, day, reason))
    if problems:
        raise _bad_lines(path.name, problems)
    for centre, day, reason in wanted:
        session.add(
            Closure(
                work_centre=centre, closed_on=day, reason=reason, recorded_at=now, recorded_by=actor.label
            )
        )
    session.flush()
    record_event(
        session,
        "coop.closures.imported",
        actor=actor.label,
        now=now,
        data={
            "file": path.name,
            "closures": [
                {"work_centre": c.code if c else None, "date": d.isoformat(), "reason": r}
                for c, d, r in wanted
            ],
        },
    )
    return len(wanted)


def routing_data(routing: Routing) -> dict[str, object]:
    return {
        "product": routing.product.code,
        "work_centre": routing.work_centre.code,
        "minutes_per_unit": quantity_text(routing.minutes_per_unit),
        "crew_size": routing.crew_size,
        "skill": routing.skill.code if routing.skill else None,
        "skill_level": routing.skill_level,
    }


@dataclass(frozen=True)
class RoutingSpec:
    minutes_per_unit: Decimal
    crew_size: int
    skill: Skill | None
    skill_level: int | None


def check_routing_spec(
    session: Session,
    *,
    minutes_per_unit: str | Decimal,
    crew_size: str | int = 1,
    skill: str | None = None,
    skill_level: str | int | None = None,
) -> RoutingSpec:
    minutes = parse_quantity(minutes_per_unit, _("Minutes per unit"))
    crew = parse_whole(crew_size, _("Crew size"), lowest=0)
    found = _find_skill(session, skill) if skill and skill.strip() else None
    level: int | None = None
    if found is not None:
        level = (
            parse_whole(skill_level, _("Skill level"), lowest=0, highest=MAX_LEVEL)
            if skill_level is not None and str(skill_level).strip()
            else found.qualifying_level
        )
    elif skill_level is not None and str(skill_level).strip():
        raise PlanError(_("A skill level needs the skill it is a level of: --skill CODE."))
    return RoutingSpec(minutes, crew, found, level)


def set_routing(
    session: Session, *, actor: Actor, now: datetime, product: Product, centre: WorkCentre, spec: RoutingSpec
) -> Routing:
    """``product`` passes through ``centre``; adds the operation or changes it."""
    _require_planner(session, actor, _("Changing a routing"))
    routing = session.scalars(
        select(Routing).where(Routing.product_id == product.id, Routing.work_centre_id == centre.id)
    ).first()
    old = routing_data(routing) if routing is not None else None
    if routing is None:
        routing = Routing(product=product, work_centre=centre)
        session.add(routing)
    routing.minutes_per_unit = spec.minutes_per_unit
    routing.crew_size = spec.crew_size
    routing.skill = spec.skill
    routing.skill_level = spec.skill_level
    session.flush()
    record_event(
        session,
        "coop.routing.set",
        actor=actor.label,
        now=now,
        data={"old": old, "new": routing_data(routing)},
    )
    return routing


def remove_routing(
    session: Session, *, actor: Actor, now: datetime, product: Product, centre: WorkCentre
) -> None:
    _require_planner(session, actor, _("Changing a routing"))
    routing = session.scalars(
        select(Routing).where(Routing.product_id == product.id, Routing.work_centre_id == centre.id)
    ).first()
    if routing is None:
        raise PlanError(
            _("{product} does not pass through {centre}.").format(product=product.code, centre=centre.code)
        )
    data = routing_data(routing)
    session.delete(routing)
    session.flush()
    record_event(session, "coop.routing.removed", actor=actor.label, now=now, data=data)


def list_routings(
    session: Session, *, product: Product | None = None, centre: WorkCentre | None = None
) -> list[Routing]:
    query = (
        select(Routing)
        .join(Product, Product.id == Routing.product_id)
        .join(WorkCentre, WorkCentre.id == Routing.work_centre_id)
        .options(
            selectinload(Routing.product), selectinload(Routing.work_centre), selectinload(Routing.skill)
        )
        .order_by(Product.code, WorkCentre.code)
    )
    if product is not None:
        query = query.where(Routing.product_id == product.id)
    if centre is not None:
        query = query.where(Routing.work_centre_id == centre.id)
    return list(session.scalars(query))


ROUTING_COLUMNS = ("product", "work_centre", "minutes_per_unit", "crew_size", "skill", "skill_level")


def import_routings(session: Session, *, actor: Actor, now: datetime, path: Path) -> int:
    """Add or change routings; returns how many lines were imported."""
    _require_planner(session, actor, _("Importing routings"))
    rows = _read_csv(path, ROUTING_COLUMNS, ("product", "work_centre", "minutes_per_unit"))
    products = {p.code: p for p in list_products(session)}
    centres = {c.code: c for c in list_work_centres(session)}
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    wanted: list[tuple[Product, WorkCentre, RoutingSpec]] = []
    for row in rows:
        try:
            product_code = check_code(row.get("product"), _("A product"))
            centre_code = check_code(row.get("work_centre"), _("A work centre"))
            if product_code not in products:
                raise PlanError(_("unknown product {code}").format(code=product_code))
            if centre_code not in centres:
                raise PlanError(_("unknown work centre {code}").format(code=centre_code))
            spec = check_routing_spec(
                session,
                minutes_per_unit=row.get("minutes_per_unit"),
                crew_size=row.get("crew_size") or 1,
                skill=row.get("skill") or None,
                skill_level=row.get("skill_level") or None,
            )
        except PlanError as error:
            problems.append(_problem(row, error))
            continue
        key = (product_code, centre_code)
        if key in seen:
            problems.append(
                _problem(
                    row,
                    _("{product} at {centre} is also on line {other}").format(
                        product=product_code, centre=centre_code, other=seen[key]
                    ),
                )
            )
            continue
        seen[key] = row.line
        wanted.append((products[product_code], centres[centre_code], spec))
    if problems:
        raise _bad_lines(path.name, problems)
    existing = {(r.product_id, r.work_centre_id): r for r in session.scalars(select(Routing))}
    for product, centre, spec in wanted:
        routing = existing.get((product.id, centre.id))
        if routing is None:
            routing = Routing(product=product, work_centre=centre)
            session.add(routing)
        routing.minutes_per_unit = spec.minutes_per_unit
        routing.crew_size = spec.crew_size
        routing.skill = spec.skill
        routing.skill_level = spec.skill_level
    session.flush()
    record_event(
        session,
        "coop.routings.imported",
        actor=actor.label,
        now=now,
        data={
            "file": path.name,
            "routings": [
                {
                    "product": p.code,
                    "work_centre": c.code,
                    "minutes_per_unit": quantity_text(s.minutes_per_unit),
                    "crew_size": s.crew_size,
                    "skill": s.skill.code if s.skill else None,
                    "skill_level": s.skill_level,
                }
                for p, c, s in wanted
            ],
        },
    )
    return len(wanted)


# --- plans: finding, listing, lifecycle --------------------------------------------------------


def status_label(status: PlanStatus | str) -> str:
    labels = {
        PlanStatus.draft: _("draft"),
        PlanStatus.submitted: _("submitted to the assembly"),
        PlanStatus.approved: _("approved by the assembly"),
        PlanStatus.rejected: _("rejected by the assembly"),
        PlanStatus.in_progress: _("in progress"),
        PlanStatus.closed: _("closed"),
    }
    return labels[PlanStatus(status)]


def list_plans(session: Session) -> list[Plan]:
    return list(session.scalars(select(Plan).options(selectinload(Plan.lines)).order_by(Plan.id)))


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


def _refuse_edit(plan: Plan) -> PlanError:
    if plan.status in (PlanStatus.approved, PlanStatus.in_progress, PlanStatus.closed):
        return PlanError(
            _(
                "Plan {plan} was approved by the assembly and can never be edited; make a new version "
                "with: coop plan revise {id}"
            ).format(plan=plan.label, id=plan.id)
        )
    return PlanError(
        _(
            "Plan {plan} is {status}; only a draft can be edited. "
            "Make a new version with: coop plan revise {id}"
        ).format(plan=plan.label, status=status_label(plan.status), id=plan.id)
    )


def _require_draft(plan: Plan) -> None:
    if plan.status not in EDITABLE:
        raise _refuse_edit(plan)


def _period(start: date, end: date) -> tuple[date, date]:
    start, end = capacity.week_of(start), capacity.week_of(end)
    if end < start:
        raise PlanError(
            _("The plan ends in {end}, before it starts in {start}.").format(
                end=week_label(end), start=week_label(start)
            )
        )
    if (end - start).days > 7 * 104:
        raise PlanError(_("A plan covers at most two years (104 weeks); split it into several plans."))
    return start, end


def create_plan(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    name: str,
    period_start: date,
    period_end: date,
    note: str | None = None,
) -> Plan:
    _require_planner(session, actor, _("Drafting a plan"))
    start, end = _period(period_start, period_end)
    plan = Plan(
        name=_clean_name(name, _("A plan")),
        version=1,
        period_start=start,
        period_end=end,
        status=PlanStatus.draft,
        note=(note or "").strip() or None,
        created_at=now,
        created_by=actor.label,
    )
    session.add(plan)
    session.flush()
    record_event(
        session,
        "coop.plan.created",
        actor=actor.label,
        now=now,
        data={
            "plan_id": plan.id,
            "name": plan.name,
            "period_start": week_label(start),
            "period_end": week_label(end),
        },
    )
    return plan


def _line_data(line: PlanLine) -> dict[str, object]:
    return {
        "position": line.position,
        "product": line.product.code,
        "quantity": quantity_text(line.quantity),
        "due_week": week_label(line.due_week),
        "priority": line.priority,
    }


def _check_due(plan: Plan, due: date) -> date:
    week = capacity.week_of(due)
    if not plan.period_start <= week <= plan.period_end:
        raise PlanError(
            _("Week {week} is outside the plan's period, {start} to {end}.").format(
                week=week_label(week), start=week_label(plan.period_start), end=week_label(plan.period_end)
            )
        )
    return week


def _next_position(plan: Plan) -> int:
    return max((line.position for line in plan.lines), default=0) + 1


def add_plan_line(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    plan: Plan,
    product: Product,
    quantity: str | Decimal,
    due_week: date,
    priority: int = 0,
) -> PlanLine:
    _require_planner(session, actor, _("Changing a plan"))
    _require_draft(plan)
    line = PlanLine(
        position=_next_position(plan),
        product=product,
        quantity=parse_quantity(quantity, _("The quantity of {code}").format(code=product.code)),
        due_week=_check_due(plan, due_week),
        priority=parse_whole(priority, _("The priority"), lowest=0, highest=99),
    )
    plan.lines.append(line)
    session.flush()
    record_event(
        session,
        "coop.plan_line.added",
        actor=actor.label,
        now=now,
        data={"plan_id": plan.id, **_line_data(line)},
    )
    return line


def remove_plan_line(session: Session, *, actor: Actor, now: datetime, plan: Plan, position: int) -> None:
    _require_planner(session, actor, _("Changing a plan"))
    _require_draft(plan)
    line = next((item for item in plan.lines if item.position == position), None)
    if line is None:
        raise PlanError(
            _("Plan {plan} has no line {position}; see its lines with: coop plan show {id}").format(
                plan=plan.label, position=position, id=plan.id
            )
        )
    data = _line_data(line)
    plan.lines.remove(line)
    session.flush()
    record_event(
        session, "coop.plan_line.removed", actor=actor.label, now=now, data={"plan_id": plan.id, **data}
    )


def import_plan_lines(session: Session, *, actor: Actor, now: datetime, plan: Plan, path: Path) -> int:
    """Add lines from a CSV (``product,quantity,due_week,priority``): all or none."""
    _require_planner(session, actor, _("Changing a plan"))
    _require_draft(plan)
    rows = _read_csv(
        path, ("product", "quantity", "due_week", "priority"), ("product", "quantity", "due_week")
    )
    products = {p.code: p for p in list_products(session)}
    problems: list[str] = []
    wanted: list[tuple[Product, Decimal, date, int]] = []
    for row in rows:
        try:
            code = check_code(row.get("product"), _("A product"))
            product = products.get(code)
            if product is None:
                raise PlanError(_("unknown product {code}").format(code=code))
            amount = parse_quantity(row.get("quantity"), _("quantity"))
            due = _check_due(plan, parse_week(row.get("due_week"), _("due_week")))
            priority = parse_whole(row.get("priority") or 0, _("priority"), lowest=0, highest=99)
        except PlanError as error:
            problems.append(_problem(row, error))
            continue
        wanted.append((product, amount, due, priority))
    if problems:
        raise _bad_lines(path.name, problems)
    position = _next_position(plan)
    added = []
    for offset, (product, amount, due, priority) in enumerate(wanted):
        line = PlanLine(
            position=position + offset, product=product, quantity=amount, due_week=due, priority=priority
        )
        plan.lines.append(line)
        added.append(line)
    session.flush()
    record_event(
        session,
        "coop.plan_lines.imported",
        actor=actor.label,
        now=now,
        data={"plan_id": plan.id, "file": path.name, "lines": [_line_data(line) for line in added]},
    )
    return len(added)


# --- the check -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanInputs:
    """Everything the pure check needs, read from the records, plus names for people."""

    lines: tuple[capacity.PlanLine, ...]
    bom: tuple[capacity.BomLine, ...]
    work_centres: tuple[capacity.WorkCentre, ...]
    routings: tuple[capacity.Routing, ...]
    stock: dict[str, Decimal]
    qualifications: dict[str, list[capacity.Qualification]] | None
    products: dict[str, capacity.Product]
    period: tuple[date, date]
    centre_names: dict[str, str]
    skill_names: dict[str, str]
    closures: dict[str, tuple[tuple[date, str], ...]]  # per work centre, the closures in the period


def _qualifications(
    session: Session, skill_ids: Mapping[int, str], on: date
) -> dict[str, list[capacity.Qualification]] | None:
    """Active members' current levels in the skills the routings need, from the skill history.

    ``None`` when the cooperative keeps no training records at all: crews are then not checked.
    """
    if not (session.scalar(select(func.count(SkillAssessment.id))) or 0):
        return None
    result: dict[str, list[capacity.Qualification]] = {code: [] for code in sorted(skill_ids.values())}
    if not skill_ids:
        return result
    active = {training.member_key(member): member for member in list_members(session)}
    levels = coverage.current_levels(training.load_assessments(session, skill_ids=list(skill_ids)), on)
    for (key, skill), current in levels.items():
        member = active.get(key)
        if member is None or current.assessed_level <= 0:
            continue
        result[skill].append(
            capacity.Qualification(member.label, int(current.assessed_level), current.expires_on)
        )
    return result


def load_inputs(session: Session, plan: Plan, *, on: date) -> PlanInputs:
    """Read the plan and the master data it needs into the pure check's dataclasses."""
    period = (plan.period_start, plan.period_end + timedelta(days=6))
    products = {
        pid: capacity.Product(code, name, unit)
        for pid, code, name, unit in session.execute(
            select(Product.id, Product.code, Product.name, Product.unit)
        )
    }
    codes = {pid: product.code for pid, product in products.items()}
    lines = tuple(
        capacity.PlanLine(codes[product_id], quantity, due_week, priority, str(position))
        for position, product_id, quantity, due_week, priority in session.execute(
            select(
                PlanLine.position,
                PlanLine.product_id,
                PlanLine.quantity,
                PlanLine.due_week,
                PlanLine.priority,
            )
            .where(PlanLine.plan_id == plan.id)
            .order_by(PlanLine.position)
        )
    )
    bom = tuple(
        capacity.BomLine(codes[parent], codes[component], quantity, scrap)
        for parent, component, quantity, scrap in session.execute(
            select(BomLine.parent_id, BomLine.component_id, BomLine.quantity, BomLine.scrap_pct).order_by(
                BomLine.id
            )
        )
    )
    closure_rows = session.execute(
        select(Closure.work_centre_id, Closure.closed_on, Closure.reason)
        .where(Closure.closed_on >= period[0], Closure.closed_on <= period[1])
        .order_by(Closure.closed_on)
    ).all()
    centres = []
    centre_names: dict[str, str] = {}
    closures: dict[str, tuple[tuple[date, str], ...]] = {}
    centre_codes: dict[int, str] = {}
    for centre in list_work_centres(session):
        days = tuple((day, reason) for cid, day, reason in closure_rows if cid is None or cid == centre.id)
        centres.append(
            capacity.WorkCentre(
                centre.code,
                centre.hours_per_shift,
                centre.shifts_per_day,
                centre.working_days,
                centre.parallel,
                centre.efficiency_pct,
                frozenset(day for day, _reason in days),
                centre.name,
            )
        )
        centre_names[centre.code] = centre.name
        closures[centre.code] = days
        centre_codes[centre.id] = centre.code
    skills = {
        sid: (code, name)
        for sid, code, name in session.execute(
            select(Skill.id, Skill.code, Skill.name).where(
                Skill.id.in_(select(Routing.skill_id).where(Routing.skill_id.is_not(None)))
            )
        )
    }
    routings = tuple(
        capacity.Routing(
            codes[product_id],
            centre_codes[centre_id],
            minutes,
            crew,
            skills[skill_id][0] if skill_id is not None else None,
            level if level is not None else 0,
        )
        for product_id, centre_id, minutes, crew, skill_id, level in session.execute(
            select(
                Routing.product_id,
                Routing.work_centre_id,
                Routing.minutes_per_unit,
                Routing.crew_size,
                Routing.skill_id,
                Routing.skill_level,
            ).order_by(Routing.id)
        )
    )
    stock = {
        codes[product_id]: quantity
        for product_id, quantity in session.execute(select(StockLevel.product_id, StockLevel.quantity))
    }
    return PlanInputs(
        lines=lines,
        bom=bom,
        work_centres=tuple(centres),
        routings=routings,
        stock=stock,
        qualifications=_qualifications(session, {sid: code for sid, (code, _n) in skills.items()}, on),
        products={product.code: product for product in products.values()},
        period=period,
        centre_names=centre_names,
        skill_names={code: name for code, name in skills.values()},
        closures=closures,
    )


def finding_key(finding: capacity.Finding) -> str:
    """A short, stable name for a finding, typed by people to acknowledge it."""
    code = finding.code
    week = week_label(finding.week) if finding.week else ""
    if code in (capacity.FindingCode.OVERLOAD, capacity.FindingCode.HIGH_LOAD):
        parts = [code.value, finding.work_centre or "", week]
    elif code is capacity.FindingCode.SHORTAGE:
        parts = [code.value, finding.material or ""]
    elif code is capacity.FindingCode.CREW_GAP:
        parts = [code.value, finding.work_centre or "", week, finding.skill or "", str(finding.skill_level)]
    elif code is capacity.FindingCode.CERTIFICATION_EXPIRING:
        member = finding.member or ""
        number = re.search(r"\(#([^)]+)\)$", member)
        parts = [code.value, finding.skill or "", number[1] if number else member]
    elif code is capacity.FindingCode.NO_ROUTING:
        parts = [code.value, finding.product or ""]
    else:
        parts = [code.value]
    return ":".join(parts)


def finding_figures(finding: capacity.Finding) -> str:
    """The numbers an acknowledgement was given for; a finding whose numbers grow needs a new one."""
    values = {
        "required": finding.required,
        "available": finding.available,
        "percent": finding.percent,
        "expires_on": finding.expires_on,
    }
    return ";".join(
        f"{name}={quantity_text(v) if isinstance(v, Decimal) else v}"
        for name, v in values.items()
        if v is not None
    )


@dataclass(frozen=True)
class CheckedFinding:
    key: str
    finding: capacity.Finding
    figures: str
    acknowledgement: FindingAcknowledgement | None = None  # given for these very figures
    earlier: FindingAcknowledgement | None = None  # given for other figures: no longer covers it

    @property
    def blocking(self) -> bool:
        return self.finding.blocking

    @property
    def acknowledged(self) -> bool:
        return self.acknowledgement is not None

    @property
    def open(self) -> bool:
        """Blocking and not acknowledged: it stops the plan being submitted."""
        return self.blocking and not self.acknowledged


@dataclass(frozen=True)
class PlanCheck:
    plan_id: int
    on: date
    inputs: PlanInputs
    findings: tuple[CheckedFinding, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def open_blocking(self) -> list[CheckedFinding]:
        return [f for f in self.findings if f.open]

    def find(self, key: str) -> CheckedFinding | None:
        wanted = key.strip()
        for item in self.findings:
            if item.key == wanted or item.key.casefold() == wanted.casefold():
                return item
        return None


def check_plan(session: Session, plan: Plan, *, on: date) -> PlanCheck:
    """Run the capacity, material and crew checks on the plan as it stands, with its acknowledgements."""
    inputs = load_inputs(session, plan, on=on)
    findings = capacity.check_plan(
        inputs.lines,
        bom=inputs.bom,
        work_centres=inputs.work_centres,
        routings=inputs.routings,
        stock=inputs.stock,
        qualifications=inputs.qualifications,
        products=inputs.products.values(),
        period=inputs.period,
    )
    acknowledgements = {a.finding_key: a for a in plan.acknowledgements}
    checked = []
    for finding in findings:
        key = finding_key(finding)
        figures = finding_figures(finding)
        given = acknowledgements.get(key)
        if given is not None and given.figures == figures:
            checked.append(CheckedFinding(key, finding, figures, acknowledgement=given))
        else:
            checked.append(CheckedFinding(key, finding, figures, earlier=given))
    counts = {
        severity.value: sum(1 for f in checked if f.finding.severity is severity)
        for severity in capacity.Severity
    }
    counts["acknowledged"] = sum(1 for f in checked if f.acknowledged)
    counts["open_blocking"] = sum(1 for f in checked if f.open)
    return PlanCheck(plan.id, on, inputs, tuple(checked), counts)


def acknowledge_finding(
    session: Session, *, actor: Actor, now: datetime, plan: Plan, key: str, reason: str
) -> CheckedFinding:
    """Accept one finding of the check, with the reason the coordinators accept it."""
    _require_planner(session, actor, _("Acknowledging a finding"))
    _require_draft(plan)
    reason = " ".join(reason.split())
    if not reason:
        raise PlanError(_('An acknowledgement must say why the plan can go ahead anyway: --reason "...".'))
    with for_the_record(session):  # the finding's message goes into the audit log
        item = check_plan(session, plan, on=now.date()).find(key)
    if item is None:
        raise PlanError(
            _("Plan {plan} has no finding '{key}' now; see the findings with: coop plan check {id}").format(
                plan=plan.label, key=key.strip(), id=plan.id
            )
        )
    given = next((a for a in plan.acknowledgements if a.finding_key == item.key), None)
    old = {"figures": given.figures, "reason": given.reason} if given is not None else None
    if given is None:
        given = FindingAcknowledgement(finding_key=item.key)
        plan.acknowledgements.append(given)
    given.figures = item.figures
    given.reason = reason
    given.member_id = actor.member.id if actor.member else None
    given.acknowledged_by = actor.label
    given.acknowledged_at = now
    session.flush()
    record_event(
        session,
        "coop.finding.acknowledged",
        actor=actor.label,
        now=now,
        data={
            "plan_id": plan.id,
            "key": item.key,
            "severity": item.finding.severity.value,
            "message": item.finding.message,
            "figures": item.figures,
            "reason": reason,
            "earlier": old,
        },
    )
    return CheckedFinding(item.key, item.finding, item.figures, acknowledgement=given)


def submit_plan(session: Session, *, actor: Actor, now: datetime, plan: Plan) -> PlanCheck:
    """Draft → submitted; refused while a blocking finding is not acknowledged."""
    _require_planner(session, actor, _("Submitting a plan"))
    _require_draft(plan)
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
    record_event(
        session,
        "coop.plan.submitted",
        actor=actor.label,
        now=now,
        data={
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
) -> Motion:
    """Put a submitted plan before an open assembly as a motion of kind ``plan_approval``."""
    from coop.assemblies import service as assemblies

    _require_planner(session, actor, _("Proposing the approval of a plan"))
    if plan.status is not PlanStatus.submitted:
        raise PlanError(
            _(
                "Plan {plan} is {status}; only a submitted plan goes to the assembly (coop plan submit {id})."
            ).format(plan=plan.label, status=status_label(plan.status), id=plan.id)
        )
    if plan.approval_motion_id is not None:
        earlier = plan.approval_motion
        if earlier is not None and earlier.status.value in PENDING_MOTION:
            raise PlanError(
                _("Plan {plan} is already before assembly {assembly} as motion {motion}.").format(
                    plan=plan.label, assembly=earlier.assembly_id, motion=earlier.id
                )
            )
    found = assemblies.find_assembly(session, assembly)
    title, text = _approval_wording(session, plan)
    motion = assemblies.propose_motion(
        session,
        actor=actor,
        now=now,
        assembly=found,
        title=title,
        text=text,
        kind="plan_approval",
        proposer=proposer,
    )
    plan.approval_motion = motion
    session.flush()
    record_event(
        session,
        "coop.plan.approval_proposed",
        actor=actor.label,
        now=now,
        data={"plan_id": plan.id, "motion_id": motion.id, "assembly_id": found.id},
    )
    return motion


def _approval_wording(session: Session, plan: Plan) -> tuple[str, str]:
    """The title and text of the motion that approves ``plan``: the assembly's record, in its language."""
    with for_the_record(session):
        title = _("Production plan {name}, version {version}").format(name=plan.name, version=plan.version)
        text = _(
            "The assembly approves production plan {plan} for weeks {start} to {end}: {lines} lines, "
            "as submitted by the coordinators on {submitted}, with {acknowledged} findings of the check "
            "acknowledged. "
            "Once approved, the plan can only be changed by a new version approved in the same way."
        ).format(
            plan=plan.label,
            start=week_label(plan.period_start),
            end=week_label(plan.period_end),
            lines=len(plan.lines),
            submitted=plan.submitted_at.date().isoformat() if plan.submitted_at else "",
            acknowledged=len(plan.acknowledgements),
        )
    return title, text


def revise_plan(
    session: Session, *, actor: Actor, now: datetime, plan: Plan, name: str | None = None
) -> Plan:
    """A new draft version with the same lines; the plan revised stays exactly as it was."""
    _require_planner(session, actor, _("Revising a plan"))
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
        name=_clean_name(name, _("A plan")) if name else plan.name,
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
    session.add(revision)
    session.flush()
    record_event(
        session,
        "coop.plan.revised",
        actor=actor.label,
        now=now,
        data={"plan_id": revision.id, "predecessor_id": plan.id, "version": revision.version},
    )
    return revision


def start_plan(session: Session, *, actor: Actor, now: datetime, plan: Plan) -> Plan:
    """Approved → in progress: production follows this version now."""
    _require_planner(session, actor, _("Starting a plan"))
    if plan.status is not PlanStatus.approved:
        raise PlanError(
            _("Plan {plan} is {status}; only a plan approved by the assembly can start.").format(
                plan=plan.label, status=status_label(plan.status)
            )
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
    record_event(session, "coop.plan.started", actor=actor.label, now=now, data={"plan_id": plan.id})
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
    _require_planner(session, actor, _("Closing a plan"))
    if plan.status is not PlanStatus.in_progress:
        raise PlanError(
            _("Plan {plan} is {status}; only a plan in progress can be closed.").format(
                plan=plan.label, status=status_label(plan.status)
            )
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
    record_event(
        session,
        "coop.plan.closed",
        actor=actor.label,
        now=now,
        data={
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
        if not separator or not position.strip().isdigit():
            raise PlanError(
                _("'{item}' is not LINE=QUANTITY; write it like --actual 3=1150.").format(item=item)
            )
        number = int(position.strip())
        if number in result:
            raise PlanError(_("Line {line} is given twice.").format(line=number))
        result[number] = value.strip()
    return result


def read_actuals(path: Path) -> dict[int, str]:
    """Actual quantities from a CSV with columns ``line,actual_quantity``."""
    rows = _read_csv(path, ("line", "actual_quantity"), ("line", "actual_quantity"))
    result: dict[int, str] = {}
    problems: list[str] = []
    for row in rows:
        try:
            number = parse_whole(row.get("line"), _("line"), lowest=1)
            parse_quantity(row.get("actual_quantity"), _("actual_quantity"), allow_zero=True)
        except PlanError as error:
            problems.append(_problem(row, error))
            continue
        if number in result:
            problems.append(_problem(row, _("line {line} is given twice").format(line=number)))
            continue
        result[number] = row.get("actual_quantity")
    if problems:
        raise _bad_lines(path.name, problems)
    return result


# --- comparing versions ------------------------------------------------------------------------


@dataclass(frozen=True)
class LineChange:
    product: str
    due_week: date
    change: str  # "added", "removed", "changed"
    quantity_a: Decimal | None
    quantity_b: Decimal | None
    priority_a: int | None
    priority_b: int | None


@dataclass(frozen=True)
class PlanDiff:
    a: Plan
    b: Plan
    fields: tuple[tuple[str, str, str], ...]  # (field, value in A, value in B) that differ
    lines: tuple[LineChange, ...]
    unchanged: int


def diff_plans(a: Plan, b: Plan) -> PlanDiff:
    """What changed from plan ``a`` to plan ``b``: the period, the name, and the lines.

    Lines are matched by product and due week (quantities of repeated lines are added up).
    """

    def totals(plan: Plan) -> dict[tuple[str, date], tuple[Decimal, int]]:
        result: dict[tuple[str, date], tuple[Decimal, int]] = {}
        for line in plan.lines:
            key = (line.product.code, line.due_week)
            quantity, priority = result.get(key, (Decimal(0), line.priority))
            result[key] = (quantity + line.quantity, min(priority, line.priority))
        return result

    fields = []
    for name, value_a, value_b in (
        ("name", a.name, b.name),
        ("period_start", week_label(a.period_start), week_label(b.period_start)),
        ("period_end", week_label(a.period_end), week_label(b.period_end)),
    ):
        if value_a != value_b:
            fields.append((name, value_a, value_b))
    lines_a, lines_b = totals(a), totals(b)
    changes = []
    unchanged = 0
    for key in sorted(set(lines_a) | set(lines_b), key=lambda k: (k[1], k[0])):
        product, week = key
        qa, pa = lines_a.get(key, (None, None))
        qb, pb = lines_b.get(key, (None, None))
        if qa is None:
            changes.append(LineChange(product, week, "added", None, qb, None, pb))
        elif qb is None:
            changes.append(LineChange(product, week, "removed", qa, None, pa, None))
        elif qa != qb or pa != pb:
            changes.append(LineChange(product, week, "changed", qa, qb, pa, pb))
        else:
            unchanged += 1
    return PlanDiff(a, b, tuple(fields), tuple(changes), unchanged)
