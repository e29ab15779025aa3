"""What changed from one version of a plan to another: the name, the period and the lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from coop import vocabulary
from coop.plans.capacity.weeks import week_label
from coop.plans.models import Plan


class Change(StrEnum):
    """What became of a line from one version to the next."""

    added = "added"
    removed = "removed"
    changed = "changed"


vocabulary.define(
    Change,
    {
        Change.added: vocabulary.in_context("plan line", "added"),
        Change.removed: vocabulary.in_context("plan line", "removed"),
        Change.changed: vocabulary.in_context("plan line", "changed"),
    },
)


@dataclass(frozen=True)
class LineChange:
    product: str
    due_week: date
    change: Change
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
            changes.append(LineChange(product, week, Change.added, None, qb, None, pb))
        elif qb is None:
            changes.append(LineChange(product, week, Change.removed, qa, None, pa, None))
        elif qa != qb or pa != pb:
            changes.append(LineChange(product, week, Change.changed, qa, qb, pa, pb))
        else:
            unchanged += 1
    return PlanDiff(a, b, tuple(fields), tuple(changes), unchanged)
