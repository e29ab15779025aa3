"""Removing a bill-of-materials line, a routing or a closure: gone, audited with what it held, and
refused in one sentence when there is nothing to remove (nothing changes then)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import ColumnElement, func, select

from coop.audit import AuditEvent, verify_chain
from coop.errors import PlanError
from coop.plans.catalogue import remove_bom_line
from coop.plans.centres import remove_closure, remove_routing
from coop.plans.models import BomLine, Closure, Routing
from coop.plans.views import BomLineView, ClosureView, RoutingView
from tests.factories.plans import HOLIDAY, TilePlant


def _only(plant: TilePlant, table: type, condition: ColumnElement[bool]) -> Any:
    return plant.session.scalars(select(table).where(condition)).one()


# name: (remove it, its table, what the audit event holds, the action, the refusal the second time)
REMOVALS: dict[str, tuple[Callable[[TilePlant], None], type, Callable[[TilePlant], dict], str, str]] = {
    "bom_line": (
        lambda p: p.acting()(remove_bom_line, parent=p.tile, component=p.glaze),
        BomLine,
        lambda p: BomLineView.of(_only(p, BomLine, BomLine.component_id == p.glaze.id)).audit_json(),
        "coop.bom_line.removed",
        "BALD-30 does not list ESM-BL in its bill of materials.",
    ),
    "routing": (
        lambda p: p.acting()(remove_routing, product=p.tile, centre=p.kiln),
        Routing,
        lambda p: RoutingView.of(_only(p, Routing, Routing.work_centre_id == p.kiln.id)).as_json(),
        "coop.routing.removed",
        "BALD-30 does not pass through HORNO.",
    ),
    "closure": (
        lambda p: p.acting()(remove_closure, centre=p.kiln, day=HOLIDAY),
        Closure,
        lambda p: ClosureView.of(_only(p, Closure, Closure.closed_on == HOLIDAY)).as_json(),
        "coop.closure.removed",
        f"HORNO has no closure on {HOLIDAY.isoformat()}.",
    ),
}


@pytest.mark.parametrize("case", REMOVALS, ids=str)
def test_a_removal_is_audited_with_what_was_removed_and_refused_the_second_time(
    plant: TilePlant, case: str
) -> None:
    remove, table, held, action, refusal = REMOVALS[case]
    rows = plant.session.scalar(select(func.count()).select_from(table))
    data = json.loads(json.dumps(held(plant), default=str))
    remove(plant)
    assert plant.session.scalar(select(func.count()).select_from(table)) == rows - 1
    event = plant.session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert event is not None and event.action == action
    assert json.loads(event.data) == data
    with pytest.raises(PlanError) as refused:
        remove(plant)
    assert refused.value.message == refusal
    assert plant.session.scalar(select(func.count()).select_from(table)) == rows - 1
    assert verify_chain(plant.session).intact
