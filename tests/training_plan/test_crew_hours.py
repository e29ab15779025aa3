"""The production hours the plans book each member for (coop.training_plan.crew_hours), and the
proposal passing over a member booked beyond the week's limit.

Rule: the crew-hours of a (skill, level, week) are shared evenly among the members qualified for
it and available that week; a member adds up their shares; nobody else is booked.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from coop.plans.capacity import PlanLine, Routing
from coop.training_plan.crew_hours import booked_hours
from coop.training_plan.needs_data import Holding, PlanLoad
from tests.training_plan.test_needs import W49, holders, members, plant

W50 = W49 + timedelta(weeks=1)
# 4 minutes a brick with a crew of 2 holding CARGA at level 3: 600 bricks = 40 h of load, 80 crew-hours
BRICK = Routing("LAD", "HOR", Decimal(4), crew_size=2, skill="CARGA", skill_level=3)
GLAZE = Routing("LAD", "ESM", Decimal(1), crew_size=1, skill="ESMALTE", skill_level=2)


def loaded(*lines: PlanLine, routings: tuple[Routing, ...] = (BRICK,), **changes: object):  # type: ignore[no-untyped-def]
    return replace(
        plant(requirements=(), routings=routings, plans=(PlanLoad("#1 Verano v1", lines),)),
        **changes,  # type: ignore[arg-type]
    )


def test_crew_hours_are_shared_evenly_among_the_qualified() -> None:
    inputs = loaded(PlanLine("LAD", Decimal(600), W49))
    assert booked_hours(inputs, [W49]) == {"0001": {W49: Decimal(40)}, "0002": {W49: Decimal(40)}}


def test_members_below_the_level_or_not_available_are_not_booked() -> None:
    held = (
        *holders("CARGA", 3, "0001"),
        Holding("0002", "CARGA", 3, expires_on=W49),
        Holding("0003", "CARGA", 2),
    )
    inputs = loaded(PlanLine("LAD", Decimal(600), W49), holdings=held)
    assert booked_hours(inputs, [W49]) == {"0001": {W49: Decimal(80)}}


def test_only_the_weeks_asked_for_and_shares_of_two_skills_add_up() -> None:
    held = (*holders("CARGA", 3, "0001", "0002"), *holders("ESMALTE", 2, "0001"))
    inputs = loaded(
        PlanLine("LAD", Decimal(600), W49),
        PlanLine("LAD", Decimal(600), W50),
        routings=(BRICK, GLAZE),
        holdings=held,
        workers=members("0001", "0002", "0003"),
    )
    # 0001: half of 80 crew-hours of CARGA plus all 10 crew-hours of ESMALTE
    assert booked_hours(inputs, [W50]) == {"0001": {W50: Decimal(50)}, "0002": {W50: Decimal(40)}}


def test_nobody_qualified_books_nobody() -> None:
    assert booked_hours(loaded(PlanLine("LAD", Decimal(600), W49), holdings=()), [W49]) == {}
