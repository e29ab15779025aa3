"""The audit log keeps the keys it has always had for an entity, taken from the entity's one
serializer: a change to ``as_json()`` shows here before it reaches a hash-chained record.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coop.plans import capacity
from coop.plans.plan_views import PlanLineView
from coop.plans.views import BomLineView, CentreView


def test_bom_line_audit_record_names_the_parent_not_the_unit() -> None:
    line = BomLineView("BALD-30", "ARCILLA", Decimal("2.5"), "kg", Decimal("3"))
    assert line.as_json() == {"component": "ARCILLA", "quantity": "2.5", "unit": "kg", "scrap_pct": "3"}
    assert line.audit_json() == {
        "parent": "BALD-30",
        "component": "ARCILLA",
        "quantity": "2.5",
        "scrap_pct": "3",
    }


def test_plan_line_audit_record_keeps_position_and_leaves_out_names_and_actuals() -> None:
    line = PlanLineView(2, "BALD-30", "Baldosa 30", Decimal("400"), "pcs", date(2027, 1, 18), 1, None)
    assert line.as_json()["line"] == 2
    assert line.audit_json() == {
        "position": 2,
        "product": "BALD-30",
        "quantity": "400",
        "due_week": line.as_json()["due_week"],
        "priority": 1,
    }


def test_work_centre_audit_record_is_its_settings_without_the_weekly_hours() -> None:
    centre = CentreView.of_pure(
        capacity.WorkCentre("HORNO", Decimal("8"), 2, 5, 1, Decimal("75"), name="Horno")
    )
    assert centre.as_json()["hours_per_week"] == "60"
    assert centre.audit_json() == {
        key: value for key, value in centre.as_json().items() if key != "hours_per_week"
    }
