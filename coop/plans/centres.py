"""Work centres, their closures and the routings that load them.

A work centre's hours are checked as one spec (:class:`CentreSpec`), whether typed or imported;
a closure is a day a centre (or the whole plant) does not work; a routing says how long one
unit of a product takes at a centre, with which crew and skill.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
from coop.plans.capacity.quantities import MAX_LEVEL
from coop.plans.common import (
    check_code,
    clean_name,
    find_skill,
    find_work_centre,
    parse_quantity,
    parse_whole,
    require_planner,
)
from coop.plans.models import Closure, Product, RequiredSkill, Routing, WorkCentre
from coop.plans.views import CentreSheet, CentreView, ClosureView, RequiredSkillView, RoutingView
from coop.training.models import Skill

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
        name=clean_name(name, _("A work centre")),
        hours_per_shift=parse_quantity(hours_per_shift, _("Hours per shift")),
        shifts_per_day=parse_whole(shifts_per_day, _("Shifts per day"), lowest=1),
        working_days=parse_whole(working_days, _("Working days per week"), lowest=1, highest=7),
        parallel=parse_whole(parallel, _("Parallel capacity"), lowest=1),
        efficiency_pct=parse_quantity(efficiency_pct, _("Efficiency")),
    )
    if spec.hours_per_shift * spec.shifts_per_day > 24:
        raise PlanError(
            _("{shifts} shifts of {hours} h do not fit in a day of 24 hours.").format(
                shifts=spec.shifts_per_day, hours=format_quantity(spec.hours_per_shift)
            )
        )
    if spec.efficiency_pct >= 1000:
        raise PlanError(
            _("An efficiency of {value} % cannot be right; give it as a percentage below 1000.").format(
                value=format_quantity(spec.efficiency_pct)
            )
        )
    for value, what in ((spec.hours_per_shift, _("Hours per shift")), (spec.efficiency_pct, _("Efficiency"))):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            raise PlanError(
                _("{what} {value} has more than 2 decimals.").format(what=what, value=format_quantity(value))
            )
    return spec


def centre_data(centre: WorkCentre) -> dict[str, object]:
    """The centre as the audit log records it (the imports record it too)."""
    return CentreView.of(centre).audit_json()


def apply_spec(centre: WorkCentre, spec: CentreSpec) -> None:
    centre.name = spec.name
    centre.hours_per_shift = spec.hours_per_shift
    centre.shifts_per_day = spec.shifts_per_day
    centre.working_days = spec.working_days
    centre.parallel = spec.parallel
    centre.efficiency_pct = spec.efficiency_pct


def list_work_centres(session: Session) -> list[WorkCentre]:
    return list(session.scalars(select(WorkCentre).order_by(WorkCentre.code)))


def add_work_centre(session: Session, *, actor: Actor, now: datetime, spec: CentreSpec) -> WorkCentre:
    require_planner(session, actor, _("Adding a work centre"))
    if session.scalars(select(WorkCentre).where(WorkCentre.code == spec.code)).first() is not None:
        raise PlanError(
            _("Work centre {code} already exists; change it with: coop workcentre update {code}").format(
                code=spec.code
            )
        )
    centre = WorkCentre(code=spec.code, created_at=now)
    apply_spec(centre, spec)
    return add_recorded(session, actor, now, centre, "coop.work_centre.added", centre_data)


def update_work_centre(
    session: Session, *, actor: Actor, now: datetime, centre: WorkCentre, changes: Mapping[str, object]
) -> WorkCentre:
    """Change some of a work centre's figures (keys of ``check_centre_spec`` other than code)."""
    require_planner(session, actor, _("Changing a work centre"))
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
    apply_spec(centre, spec)
    if centre_data(centre) != old:
        record_change(
            session, "coop.work_centre.changed", actor, now, {"old": old, "new": centre_data(centre)}
        )
    return centre


def find_closure(session: Session, centre: WorkCentre | None, day: date) -> Closure | None:
    query = select(Closure).where(Closure.closed_on == day)
    query = query.where(
        Closure.work_centre_id.is_(None) if centre is None else Closure.work_centre_id == centre.id
    )
    return session.scalars(query).first()


def clean_reason(reason: str, what: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise PlanError(what)
    return cleaned[:300]


def closure_place(session: Session, centre: str | None, *, plant: bool) -> WorkCentre | None:
    """The work centre a closure is for, or None for the whole plant; exactly one must be named."""
    if centre is None and not plant:
        raise PlanError(_("Name the work centre, or give --plant to close the whole plant."))
    if centre is not None and plant:
        raise PlanError(_("Give either a work centre or --plant, not both."))
    return find_work_centre(session, centre) if centre is not None else None


def add_closure(
    session: Session, *, actor: Actor, now: datetime, centre: WorkCentre | None, day: date, reason: str
) -> Closure:
    """Close a work centre (or, with none, the whole plant) on a day: holiday, maintenance, assembly."""
    require_planner(session, actor, _("Recording a closure"))
    reason = clean_reason(reason, _('Say why it is closed: --reason "Feriado", "Mantenimiento", ...'))
    if find_closure(session, centre, day) is not None:
        where = centre.code if centre else _("The whole plant")
        raise PlanError(_("{where} is already closed on {day}.").format(where=where, day=day.isoformat()))
    closure = Closure(
        work_centre=centre, closed_on=day, reason=reason, recorded_at=now, recorded_by=actor.label
    )
    return add_recorded(
        session, actor, now, closure, "coop.closure.added", lambda c: ClosureView.of(c).as_json()
    )


def remove_closure(
    session: Session, *, actor: Actor, now: datetime, centre: WorkCentre | None, day: date
) -> None:
    require_planner(session, actor, _("Removing a closure"))
    closure = find_closure(session, centre, day)
    if closure is None:
        where = centre.code if centre else _("The whole plant")
        raise PlanError(_("{where} has no closure on {day}.").format(where=where, day=day.isoformat()))
    delete_recorded(session, actor, now, closure, "coop.closure.removed", ClosureView.of(closure).as_json())


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
    found = find_skill(session, skill) if skill and skill.strip() else None
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


def put_routing(
    session: Session, product: Product, centre: WorkCentre, spec: RoutingSpec, routing: Routing | None
) -> Routing:
    """``routing`` set to ``spec``; when None, a new routing of ``product`` through ``centre``."""
    if routing is None:
        routing = Routing(product=product, work_centre=centre)
        session.add(routing)
    routing.minutes_per_unit = spec.minutes_per_unit
    routing.crew_size = spec.crew_size
    routing.skill = spec.skill
    routing.skill_level = spec.skill_level
    return routing


def set_routing(
    session: Session, *, actor: Actor, now: datetime, product: Product, centre: WorkCentre, spec: RoutingSpec
) -> Routing:
    """``product`` passes through ``centre``; adds the operation or changes it."""
    require_planner(session, actor, _("Changing a routing"))
    routing = _routing(session, product, centre)
    old = RoutingView.of(routing).as_json() if routing is not None else None
    routing = put_routing(session, product, centre, spec, routing)
    session.flush()
    record_change(
        session, "coop.routing.set", actor, now, {"old": old, "new": RoutingView.of(routing).as_json()}
    )
    return routing


def remove_routing(
    session: Session, *, actor: Actor, now: datetime, product: Product, centre: WorkCentre
) -> None:
    require_planner(session, actor, _("Changing a routing"))
    routing = _routing(session, product, centre)
    if routing is None:
        raise PlanError(
            _("{product} does not pass through {centre}.").format(product=product.code, centre=centre.code)
        )
    delete_recorded(session, actor, now, routing, "coop.routing.removed", RoutingView.of(routing).as_json())


def _routing(session: Session, product: Product, centre: WorkCentre) -> Routing | None:
    """The operation of ``product`` at ``centre``, if it has one."""
    return session.scalars(
        select(Routing).where(Routing.product_id == product.id, Routing.work_centre_id == centre.id)
    ).first()


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


def centre_sheet(session: Session, centre: WorkCentre, *, on: date) -> CentreSheet:
    """A work centre with its closures from ``on``, its routings and the skills it requires."""
    required = session.scalars(
        select(RequiredSkill)
        .join(Skill, Skill.id == RequiredSkill.skill_id)
        .where(RequiredSkill.work_centre_id == centre.id)
        .options(selectinload(RequiredSkill.work_centre), selectinload(RequiredSkill.skill))
        .order_by(Skill.code)
    )
    return CentreSheet(
        CentreView.of(centre),
        tuple(ClosureView.of(c) for c in list_closures(session, centre=centre, start=on)),
        tuple(RoutingView.of(r) for r in list_routings(session, centre=centre)),
        tuple(RequiredSkillView.of(r) for r in required),
    )
