"""The CSV imports of work centres, closures and routings: all lines or none, each bad line listed
with its number, one audit event for the file (as in :mod:`coop.plans.catalogue_imports`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.audit import record_import
from coop.csvfiles import DETECT, CsvDialect, CsvRow
from coop.errors import PlanError
from coop.i18n import _
from coop.members.actors import Actor
from coop.plans.catalogue import list_products
from coop.plans.centres import (
    CentreSpec,
    RoutingSpec,
    apply_spec,
    centre_data,
    check_centre_spec,
    check_routing_spec,
    clean_reason,
    find_closure,
    list_work_centres,
    put_routing,
)
from coop.plans.common import (
    check_code,
    earlier_line,
    load_csv,
    parse_day,
    quantity_text,
    require_planner,
)
from coop.plans.models import Closure, Product, Routing, WorkCentre

CENTRE_COLUMNS = (
    "code",
    "name",
    "hours_per_shift",
    "shifts_per_day",
    "working_days",
    "parallel",
    "efficiency_pct",
)


def import_work_centres(
    session: Session, *, actor: Actor, now: datetime, path: Path, dialect: CsvDialect = DETECT
) -> tuple[int, int]:
    """Add or change work centres; returns (added, changed)."""
    require_planner(session, actor, _("Importing work centres"))
    seen: dict[str, int] = {}

    def parse_centre(row: CsvRow) -> CentreSpec:
        spec = check_centre_spec(
            code=row.get("code"),
            name=row.get("name"),
            hours_per_shift=row.get("hours_per_shift"),
            shifts_per_day=row.get("shifts_per_day"),
            working_days=row.get("working_days") or 5,
            parallel=row.get("parallel") or 1,
            efficiency_pct=row.get("efficiency_pct") or Decimal(100),
        )
        if (other := earlier_line(seen, spec.code, row)) is not None:
            raise PlanError(
                _("work centre {code} is also on line {other}").format(code=spec.code, other=other)
            )
        return spec

    required = ("code", "name", "hours_per_shift", "shifts_per_day")
    specs = load_csv(path, CENTRE_COLUMNS, required, parse_centre, dialect=dialect)
    existing = {c.code: c for c in list_work_centres(session)}
    added = changed = 0
    imported: list[WorkCentre] = []
    for spec in specs:
        centre = existing.get(spec.code)
        if centre is None:
            centre = WorkCentre(code=spec.code, created_at=now)
            session.add(centre)
            added += 1
            apply_spec(centre, spec)
        else:
            before = centre_data(centre)
            apply_spec(centre, spec)
            changed += centre_data(centre) != before
        imported.append(centre)
    record_import(
        session,
        "coop.work_centres.imported",
        actor,
        now,
        path,
        added=added,
        changed=changed,
        work_centres=[centre_data(centre) for centre in imported],
    )
    return added, changed


def import_closures(
    session: Session, *, actor: Actor, now: datetime, path: Path, dialect: CsvDialect = DETECT
) -> int:
    """Add closures (``work_centre,date,reason``; an empty work centre closes the whole plant)."""
    require_planner(session, actor, _("Importing closures"))
    centres = {c.code: c for c in list_work_centres(session)}
    seen: dict[tuple[str | None, date], int] = {}

    def parse_closure(row: CsvRow) -> tuple[WorkCentre | None, date, str]:
        code = check_code(row.get("work_centre"), _("A work centre")) if row.get("work_centre") else None
        if code is not None and code not in centres:
            raise PlanError(_("unknown work centre {code}").format(code=code))
        day = parse_day(row.get("date"), _("date"))
        reason = clean_reason(row.get("reason"), _("the reason is missing"))
        centre = centres[code] if code else None
        if find_closure(session, centre, day) is not None:
            raise PlanError(
                _("{where} is already closed on {day}").format(
                    where=code or _("the whole plant"), day=day.isoformat()
                )
            )
        if (other := earlier_line(seen, (code, day), row)) is not None:
            raise PlanError(_("the same closure is also on line {other}").format(other=other))
        return centre, day, reason

    wanted = load_csv(
        path, ("work_centre", "date", "reason"), ("date", "reason"), parse_closure, dialect=dialect
    )
    for centre, day, reason in wanted:
        session.add(
            Closure(
                work_centre=centre, closed_on=day, reason=reason, recorded_at=now, recorded_by=actor.label
            )
        )
    record_import(
        session,
        "coop.closures.imported",
        actor,
        now,
        path,
        closures=[
            {"work_centre": c.code if c else None, "date": d.isoformat(), "reason": r} for c, d, r in wanted
        ],
    )
    return len(wanted)


ROUTING_COLUMNS = ("product", "work_centre", "minutes_per_unit", "crew_size", "skill", "skill_level")


def import_routings(
    session: Session, *, actor: Actor, now: datetime, path: Path, dialect: CsvDialect = DETECT
) -> int:
    """Add or change routings; returns how many lines were imported."""
    require_planner(session, actor, _("Importing routings"))
    products = {p.code: p for p in list_products(session)}
    centres = {c.code: c for c in list_work_centres(session)}
    seen: dict[tuple[str, str], int] = {}

    def parse_routing(row: CsvRow) -> tuple[Product, WorkCentre, RoutingSpec]:
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
        if (other := earlier_line(seen, (product_code, centre_code), row)) is not None:
            raise PlanError(
                _("{product} at {centre} is also on line {other}").format(
                    product=product_code, centre=centre_code, other=other
                )
            )
        return products[product_code], centres[centre_code], spec

    wanted = load_csv(
        path, ROUTING_COLUMNS, ("product", "work_centre", "minutes_per_unit"), parse_routing, dialect=dialect
    )
    existing = {(r.product_id, r.work_centre_id): r for r in session.scalars(select(Routing))}
    for product, centre, spec in wanted:
        put_routing(session, product, centre, spec, existing.get((product.id, centre.id)))
    record_import(
        session,
        "coop.routings.imported",
        actor,
        now,
        path,
        routings=[
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
    )
    return len(wanted)
