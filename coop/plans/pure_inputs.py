"""The master data read from the records into the pure :mod:`coop.plans.capacity` dataclasses.

The plan's check, the master plan's rough cut and the training needs analysis read the same plan
lines, routings and bills of materials, each naming products, work centres and skills by code.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.plans import capacity
from coop.plans.models import BomLine, PlanLine, Routing


def plan_lines(session: Session, plan_id: int, codes: Mapping[int, str]) -> tuple[capacity.PlanLine, ...]:
    """The lines of plan ``plan_id`` in their order; ``codes`` names products by id."""
    return tuple(
        capacity.PlanLine(codes[product_id], quantity, due_week, priority, str(position))
        for position, product_id, quantity, due_week, priority in session.execute(
            select(
                PlanLine.position,
                PlanLine.product_id,
                PlanLine.quantity,
                PlanLine.due_week,
                PlanLine.priority,
            )
            .where(PlanLine.plan_id == plan_id)
            .order_by(PlanLine.position)
        )
    )


def routings(
    session: Session,
    codes: Mapping[int, str],
    centre_codes: Mapping[int, str],
    skill_codes: Mapping[int, str],
) -> tuple[capacity.Routing, ...]:
    """Every routing with its product, work centre and skill (if any) by code; level 0 without one."""
    return tuple(
        capacity.Routing(
            codes[product_id],
            centre_codes[centre_id],
            minutes,
            crew,
            skill_codes[skill_id] if skill_id is not None else None,
            level or 0,
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


def bom_lines(session: Session, codes: Mapping[int, str]) -> tuple[capacity.BomLine, ...]:
    """Every line of the bills of materials, parent and component by code."""
    return tuple(
        capacity.BomLine(codes[parent], codes[component], quantity, scrap)
        for parent, component, quantity, scrap in session.execute(
            select(BomLine.parent_id, BomLine.component_id, BomLine.quantity, BomLine.scrap_pct).order_by(
                BomLine.id
            )
        )
    )
