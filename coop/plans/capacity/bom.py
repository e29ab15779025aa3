"""Bills of materials: cycles, and the explosion of plan lines into gross quantities of every item.

Scrap is added to the net need on each line (gross = net × (1 + scrap_pct / 100)) and compounds
level by level; a material is an item with no BOM lines of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from coop.errors import PlanError
from coop.i18n import _
from coop.plans.capacity.inputs import BomLine, PlanLine
from coop.plans.capacity.quantities import ONE, ZERO, as_decimal
from coop.plans.capacity.results import LineQuantity, MaterialRequirement

# --------------------------------------------------------------------------- bill of materials


def _bom_children(bom: Iterable[BomLine]) -> dict[str, tuple[BomLine, ...]]:
    children: dict[str, list[BomLine]] = defaultdict(list)
    for line in bom:
        children[line.parent].append(line)
    return {parent: tuple(sorted(lines, key=lambda x: x.component)) for parent, lines in children.items()}


def _cycle_error(cycle: Sequence[str]) -> PlanError:
    return PlanError(_("The bill of materials has a cycle: {cycle}.").format(cycle=" → ".join(cycle)))


class Explosion:
    """Gross quantities per unit of an item, memoised, with cycle detection."""

    def __init__(self, bom: Iterable[BomLine]) -> None:
        self.children = _bom_children(bom)
        self._memo: dict[str, dict[str, Decimal]] = {}

    def is_material(self, item: str) -> bool:
        return item not in self.children

    def per_unit(self, item: str) -> dict[str, Decimal]:
        """Every item in ``item``'s tree (itself included, at 1) → gross units per unit."""
        return self._visit(item, [], set())

    def _visit(self, item: str, path: list[str], on_path: set[str]) -> dict[str, Decimal]:
        if item in on_path:
            raise _cycle_error([*path[path.index(item) :], item])
        known = self._memo.get(item)
        if known is not None:
            return known
        path.append(item)
        on_path.add(item)
        result: dict[str, Decimal] = {item: ONE}
        for line in self.children.get(item, ()):
            factor = line.gross_factor
            for sub, quantity in self._visit(line.component, path, on_path).items():
                result[sub] = result.get(sub, ZERO) + factor * quantity
        path.pop()
        on_path.discard(item)
        self._memo[item] = result
        return result


def find_bom_cycle(bom: Iterable[BomLine]) -> tuple[str, ...] | None:
    """The first cycle found (``("A", "B", "A")``), searching parents in code order, or None."""
    children = _bom_children(bom)
    path: list[str] = []
    on_path: set[str] = set()
    done: set[str] = set()

    def visit(item: str) -> tuple[str, ...] | None:
        if item in on_path:
            return (*path[path.index(item) :], item)
        if item in done:
            return None
        path.append(item)
        on_path.add(item)
        for line in children.get(item, ()):
            found = visit(line.component)
            if found:
                return found
        path.pop()
        on_path.discard(item)
        done.add(item)
        return None

    for parent in sorted(children):
        found = visit(parent)
        if found:
            return found
    return None


def ensure_acyclic(bom: Iterable[BomLine]) -> None:
    """Raise ``PlanError`` naming the cycle (``A → B → A``) if the BOM has one."""
    cycle = find_bom_cycle(bom)
    if cycle is not None:
        raise _cycle_error(cycle)


def item_requirements(product: str, bom: Iterable[BomLine], quantity: Decimal = ONE) -> dict[str, Decimal]:
    """Gross quantity of every item in ``product``'s tree (itself included) for ``quantity``."""
    quantity = as_decimal(quantity, _("A quantity"))
    return {item: quantity * q for item, q in sorted(Explosion(bom).per_unit(product).items())}


def explode_lines(lines: Sequence[PlanLine], explosion: Explosion) -> dict[str, MaterialRequirement]:
    per_material: dict[str, list[LineQuantity]] = defaultdict(list)
    for line in lines:
        for item, per_unit in explosion.per_unit(line.product).items():
            if explosion.is_material(item):
                per_material[item].append(LineQuantity(line, line.quantity * per_unit))
    return {
        material: MaterialRequirement(
            material, sum((c.quantity for c in contributions), ZERO), tuple(contributions)
        )
        for material, contributions in sorted(per_material.items())
    }


def explode_bom(lines: Sequence[PlanLine], bom: Iterable[BomLine]) -> dict[str, MaterialRequirement]:
    """Gross material requirements of the plan lines, by material code (in code order).

    Raises ``PlanError`` naming the cycle if a line's product reaches a cycle in the BOM.
    """
    return explode_lines(lines, Explosion(bom))
