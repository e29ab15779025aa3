"""``coop product``, ``coop material``, ``coop workcentre`` and ``coop plan``: production planning."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from coop.cli.context import now, open_session, state
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.service import Actor
    from coop.plans.check import CheckedFinding, PlanCheck
    from coop.plans.models import Closure, Plan, Product, Routing, WorkCentre

product_app = typer.Typer(
    help=_("Products and their bills of materials (what each is made of, with scrap)."), no_args_is_help=True
)
bom_app = typer.Typer(help=_("Bills of materials: what one unit of a product needs."), no_args_is_help=True)
product_app.add_typer(bom_app, name="bom")
material_app = typer.Typer(
    help=_("Materials (items with no bill of materials) and their stock on hand."), no_args_is_help=True
)
workcentre_app = typer.Typer(
    help=_("Work centres: hours, shifts, stations, efficiency, closures and routings."), no_args_is_help=True
)
routing_app = typer.Typer(
    help=_("Routings: which work centre a product passes through, for how long, with which crew."),
    no_args_is_help=True,
)
workcentre_app.add_typer(routing_app, name="routing")
plan_app = typer.Typer(
    help=_("Production plans: draft, check, submit to the assembly, start, close, print, compare."),
    no_args_is_help=True,
)
line_app = typer.Typer(
    help=_("The lines of a draft plan: what to make, how much, by when."), no_args_is_help=True
)
plan_app.add_typer(line_app, name="line")


# A quantity typed as "-4" reaches the service, which says plainly that it cannot be negative,
# instead of the parser taking it for an unknown option.
NUMBERS_MAY_BE_NEGATIVE = {"ignore_unknown_options": True}


def _actor(ctx: typer.Context, session: Session) -> Actor:
    from coop.members.service import resolve_actor

    return resolve_actor(session, state(ctx).actor)


# --- rows ----------------------------------------------------------------------------------------


def product_row(product: Product, *, material: bool | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"code": product.code, "name": product.name, "unit": product.unit}
    if material is not None:
        row["material"] = material
    return row


def centre_row(centre: WorkCentre) -> dict[str, Any]:
    from coop.plans.centres import hours_per_week
    from coop.plans.common import quantity_text

    return {
        "code": centre.code,
        "name": centre.name,
        "hours_per_shift": quantity_text(centre.hours_per_shift),
        "shifts_per_day": centre.shifts_per_day,
        "working_days": centre.working_days,
        "parallel": centre.parallel,
        "efficiency_pct": quantity_text(centre.efficiency_pct),
        "hours_per_week": quantity_text(hours_per_week(centre)),
    }


def closure_row(closure: Closure) -> dict[str, Any]:
    return {
        "date": closure.closed_on.isoformat(),
        "work_centre": closure.work_centre.code if closure.work_centre else None,
        "reason": closure.reason,
    }


def routing_row(routing: Routing) -> dict[str, Any]:
    from coop.plans.common import quantity_text

    return {
        "product": routing.product.code,
        "work_centre": routing.work_centre.code,
        "minutes_per_unit": quantity_text(routing.minutes_per_unit),
        "crew_size": routing.crew_size,
        "skill": routing.skill.code if routing.skill else None,
        "skill_level": routing.skill_level,
    }


def plan_row(session: Session, plan: Plan) -> dict[str, Any]:
    from coop.plans.capacity.weeks import week_label
    from coop.plans.drafts import successor_of

    following = successor_of(session, plan)
    return {
        "id": plan.id,
        "name": plan.name,
        "version": plan.version,
        "status": plan.status.value,
        "period_start": week_label(plan.period_start),
        "period_end": week_label(plan.period_end),
        "lines": len(plan.lines),
        "predecessor_id": plan.predecessor_id,
        "revised_by": following.id if following else None,
        "approval_motion_id": plan.approval_motion_id,
        "created_by": plan.created_by,
        "created_at": plan.created_at.isoformat(sep=" ", timespec="minutes"),
        "submitted_at": _moment(plan.submitted_at),
        "decided_at": _moment(plan.decided_at),
        "started_at": _moment(plan.started_at),
        "closed_at": _moment(plan.closed_at),
        "approved_hash": plan.approved_hash,
    }


def _moment(value: Any) -> str | None:
    return value.isoformat(sep=" ", timespec="minutes") if value is not None else None


def finding_row(item: CheckedFinding) -> dict[str, Any]:
    from coop.plans.capacity.weeks import week_label
    from coop.plans.common import quantity_text

    finding = item.finding
    given = item.acknowledgement

    def decimal(value: Any) -> str | None:
        return quantity_text(value) if value is not None else None

    return {
        "key": item.key,
        "severity": finding.severity.value,
        "code": finding.code.value,
        "message": finding.message,
        "week": week_label(finding.week) if finding.week else None,
        "work_centre": finding.work_centre,
        "product": finding.product,
        "material": finding.material,
        "skill": finding.skill,
        "skill_level": finding.skill_level,
        "member": finding.member,
        "required": decimal(finding.required),
        "available": decimal(finding.available),
        "percent": decimal(finding.percent),
        "lines": [int(line.ref) for line in finding.lines if line.ref.isdigit()],
        "acknowledged": given is not None,
        "reason": given.reason if given else None,
        "acknowledged_by": given.acknowledged_by if given else None,
        "blocks_submission": item.open,
    }


FINDING_COLUMNS = [
    ("severity", _("Severity")),
    ("key", _("Key")),
    ("message", _("Finding")),
    ("acknowledged", _("Acknowledged")),
]


def _say_check(check: PlanCheck) -> None:
    counts = check.counts
    typer.echo(
        _("{blocking} blocking ({acknowledged} acknowledged), {warnings} warnings, {notes} notes.").format(
            blocking=counts.get("blocking", 0),
            acknowledged=sum(1 for f in check.findings if f.blocking and f.acknowledged),
            warnings=counts.get("warning", 0),
            notes=counts.get("info", 0),
        )
    )
    if check.open_blocking:
        typer.echo(
            _(
                "The plan cannot be submitted until each blocking finding is changed away or acknowledged: "
                'coop plan acknowledge {id} KEY --reason "..."'
            ).format(id=check.plan_id)
        )


# --- products and bills of materials ---------------------------------------------------------------


@product_app.command("add")
def product_add(
    ctx: typer.Context,
    code: str = typer.Argument(..., help=_("Short code, e.g. BALD-30 (letters, digits, - _ .).")),
    name: str = typer.Argument(..., help=_("The product's name.")),
    unit: str = typer.Option(..., "--unit", "-u", help=_("The unit it is counted in: pcs, kg, m², l, ...")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add a product, a component or a material (coordinator)."""
    from coop.plans.catalogue import add_product

    with open_session(ctx) as session:
        product = add_product(
            session, actor=_actor(ctx, session), now=now(), code=code, name=name, unit=unit
        )
        row = product_row(product)
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(_("Added product {code}: {name}, counted in {unit}.").format(**row))


@product_app.command("update")
def product_update(
    ctx: typer.Context,
    product: str = typer.Argument(..., help=_("Product code or name.")),
    name: str | None = typer.Option(None, "--name", help=_("New name.")),
    unit: str | None = typer.Option(None, "--unit", "-u", help=_("New unit.")),
) -> None:
    """Change a product's name or unit."""
    from coop.plans.catalogue import update_product
    from coop.plans.common import find_product

    with open_session(ctx) as session:
        found = find_product(session, product)
        update_product(
            session, actor=_actor(ctx, session), now=now(), product=found, name=name, unit=unit
        )
        code = found.code
    typer.echo(_("Changed product {code}.").format(code=code))


@product_app.command("list")
def product_list(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List every product, component and material."""
    from coop.plans.catalogue import list_materials, list_products

    with open_session(ctx) as session:
        made = {p.code for p in list_products(session)} - {
            m.product.code for m in list_materials(session)
        }
        rows = [product_row(p, material=p.code not in made) for p in list_products(session)]
    emit_rows(
        rows,
        [("code", _("Code")), ("name", _("Name")), ("unit", _("Unit")), ("material", _("Material"))],
        fmt,
        title=_("Products"),
    )


@product_app.command("show")
def product_show(
    ctx: typer.Context,
    product: str = typer.Argument(..., help=_("Product code or name.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a product: its bill of materials, what one unit needs in all, its routings, its stock."""
    from coop.plans.catalogue import product_details
    from coop.plans.common import find_product, quantity_text

    with open_session(ctx) as session:
        details = product_details(session, find_product(session, product))
        row = product_row(details.product, material=details.material)
        row["bom"] = [
            {
                "component": line.component.code,
                "quantity": quantity_text(line.quantity),
                "unit": line.component.unit,
                "scrap_pct": quantity_text(line.scrap_pct),
            }
            for line in details.bom
        ]
        row["materials_per_unit"] = [
            {"material": code, "quantity": quantity_text(quantity), "unit": unit}
            for code, quantity, unit in details.materials_per_unit
        ]
        row["routings"] = [routing_row(r) for r in details.routings]
        if details.stock is not None:
            row["stock"] = quantity_text(details.stock)
    emit_object(row, fmt)


@product_app.command("import")
def product_import(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=_("CSV with columns code,name,unit.")),
) -> None:
    """Add or change every product listed in a CSV file: all lines or none."""
    from coop.plans.catalogue_imports import import_products

    with open_session(ctx) as session:
        added, changed = import_products(session, actor=_actor(ctx, session), now=now(), path=file)
    typer.echo(
        _("Imported {file}: {added} products added, {changed} changed.").format(
            file=file.name, added=added, changed=changed
        )
    )


@bom_app.command("add", context_settings=NUMBERS_MAY_BE_NEGATIVE)
def bom_add(
    ctx: typer.Context,
    parent: str = typer.Argument(..., help=_("The product made.")),
    component: str = typer.Argument(..., help=_("What one unit of it needs.")),
    quantity: str = typer.Argument(..., help=_("How much of the component one unit needs, in its unit.")),
    scrap: str | None = typer.Option(None, "--scrap", help=_("Scrap, in % added to the need (default 0).")),
) -> None:
    """Say what one unit of a product needs (or change it); a cycle is refused, naming it."""
    from coop.plans.catalogue import set_bom_line
    from coop.plans.common import find_product, quantity_text

    with open_session(ctx) as session:
        line = set_bom_line(
            session,
            actor=_actor(ctx, session),
            now=now(),
            parent=find_product(session, parent),
            component=find_product(session, component),
            quantity=quantity,
            scrap_pct=scrap,
        )
        text = _("One {parent} needs {quantity} {unit} of {component}, plus {scrap} % scrap.").format(
            parent=line.parent.code,
            quantity=quantity_text(line.quantity),
            unit=line.component.unit,
            component=line.component.code,
            scrap=quantity_text(line.scrap_pct),
        )
    typer.echo(text)


@bom_app.command("remove")
def bom_remove(
    ctx: typer.Context,
    parent: str = typer.Argument(..., help=_("The product made.")),
    component: str = typer.Argument(..., help=_("The component it no longer needs.")),
) -> None:
    """Take a component out of a product's bill of materials."""
    from coop.plans.catalogue import remove_bom_line
    from coop.plans.common import find_product

    with open_session(ctx) as session:
        found_parent = find_product(session, parent)
        found_component = find_product(session, component)
        remove_bom_line(
            session, actor=_actor(ctx, session), now=now(), parent=found_parent, component=found_component
        )
        text = _("{parent} no longer needs {component}.").format(
            parent=found_parent.code, component=found_component.code
        )
    typer.echo(text)


@bom_app.command("import")
def bom_import(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=_("CSV with columns parent,component,quantity,scrap_pct.")),
) -> None:
    """Add or change bill-of-materials lines from a CSV file: all lines or none."""
    from coop.plans.catalogue_imports import import_bom

    with open_session(ctx) as session:
        count = import_bom(session, actor=_actor(ctx, session), now=now(), path=file)
    typer.echo(
        ngettext(
            "Imported {count} bill-of-materials line from {file}.",
            "Imported {count} bill-of-materials lines from {file}.",
            count,
        ).format(count=count, file=file.name)
    )


# --- materials and stock -------------------------------------------------------------------------


@material_app.command("list")
def material_list(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List the materials (items with no bill of materials) and their stock on hand."""
    from coop.plans.catalogue import list_materials
    from coop.plans.common import quantity_text

    with open_session(ctx) as session:
        rows = [
            {
                "code": m.product.code,
                "name": m.product.name,
                "unit": m.product.unit,
                "stock": quantity_text(m.quantity),
                "counted_on": m.stock.counted_on.isoformat() if m.stock else None,
            }
            for m in list_materials(session)
        ]
    emit_rows(
        rows,
        [
            ("code", _("Code")),
            ("name", _("Name")),
            ("stock", _("In stock")),
            ("unit", _("Unit")),
            ("counted_on", _("Counted on")),
        ],
        fmt,
        title=_("Materials"),
    )


@material_app.command("stock", context_settings=NUMBERS_MAY_BE_NEGATIVE)
def material_stock(
    ctx: typer.Context,
    material: str = typer.Argument(..., help=_("Material code or name.")),
    quantity: str = typer.Argument(..., help=_("Stock on hand, in the material's unit.")),
    counted_on: str | None = typer.Option(None, "--counted-on", help=_("Day of the count (default today).")),
) -> None:
    """Record the stock on hand of a material."""
    from coop.plans.catalogue import set_stock
    from coop.plans.common import find_product, parse_day, quantity_text

    with open_session(ctx) as session:
        found = find_product(session, material)
        level = set_stock(
            session,
            actor=_actor(ctx, session),
            now=now(),
            product=found,
            quantity=quantity,
            counted_on=parse_day(counted_on, _("The day of the count")) if counted_on else None,
        )
        text = _("{code}: {quantity} {unit} in stock.").format(
            code=found.code, quantity=quantity_text(level.quantity), unit=found.unit
        )
    typer.echo(text)


@material_app.command("import")
def material_import(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=_("CSV with columns material,quantity,counted_on.")),
) -> None:
    """Record stock counts from a CSV file: all lines or none."""
    from coop.plans.catalogue_imports import import_stock

    with open_session(ctx) as session:
        count = import_stock(session, actor=_actor(ctx, session), now=now(), path=file)
    typer.echo(
        ngettext(
            "Recorded the stock of {count} material from {file}.",
            "Recorded the stock of {count} materials from {file}.",
            count,
        ).format(count=count, file=file.name)
    )


# --- work centres, closures, routings --------------------------------------------------------------


CENTRE_COLUMNS = [
    ("code", _("Code")),
    ("name", _("Name")),
    ("hours_per_shift", _("h/shift")),
    ("shifts_per_day", _("Shifts")),
    ("working_days", _("Days")),
    ("parallel", _("Stations")),
    ("efficiency_pct", _("Efficiency %")),
    ("hours_per_week", _("h/week")),
]


@workcentre_app.command("add")
def workcentre_add(
    ctx: typer.Context,
    code: str = typer.Argument(..., help=_("Short code, e.g. HORNO-T.")),
    name: str = typer.Argument(..., help=_("The work centre's name.")),
    hours_per_shift: str = typer.Option(..., "--hours-per-shift", help=_("Hours in one shift.")),
    shifts: int = typer.Option(1, "--shifts", help=_("Shifts a day.")),
    days: int = typer.Option(5, "--days", help=_("Working days a week, from Monday (5: Monday to Friday).")),
    parallel: int = typer.Option(1, "--parallel", help=_("Identical machines or stations working at once.")),
    efficiency: str = typer.Option("100", "--efficiency", help=_("Efficiency in % of the nominal hours.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add a work centre: a kiln, a press line, a glazing line (coordinator)."""
    from coop.plans.centres import add_work_centre, check_centre_spec

    with open_session(ctx) as session:
        spec = check_centre_spec(
            code=code,
            name=name,
            hours_per_shift=hours_per_shift,
            shifts_per_day=shifts,
            working_days=days,
            parallel=parallel,
            efficiency_pct=efficiency,
        )
        row = centre_row(add_work_centre(session, actor=_actor(ctx, session), now=now(), spec=spec))
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(
            _("Added work centre {code}: {name}, {hours} h in a full week.").format(
                code=row["code"], name=row["name"], hours=row["hours_per_week"]
            )
        )


@workcentre_app.command("update")
def workcentre_update(
    ctx: typer.Context,
    centre: str = typer.Argument(..., help=_("Work centre code or name.")),
    name: str | None = typer.Option(None, "--name", help=_("New name.")),
    hours_per_shift: str | None = typer.Option(None, "--hours-per-shift", help=_("Hours in one shift.")),
    shifts: int | None = typer.Option(None, "--shifts", help=_("Shifts a day.")),
    days: int | None = typer.Option(None, "--days", help=_("Working days a week.")),
    parallel: int | None = typer.Option(None, "--parallel", help=_("Stations working at once.")),
    efficiency: str | None = typer.Option(None, "--efficiency", help=_("Efficiency in %.")),
) -> None:
    """Change a work centre's hours, shifts, days, stations or efficiency."""
    from coop.plans.centres import update_work_centre
    from coop.plans.common import find_work_centre

    with open_session(ctx) as session:
        found = find_work_centre(session, centre)
        update_work_centre(
            session,
            actor=_actor(ctx, session),
            now=now(),
            centre=found,
            changes={
                "name": name,
                "hours_per_shift": hours_per_shift,
                "shifts_per_day": shifts,
                "working_days": days,
                "parallel": parallel,
                "efficiency_pct": efficiency,
            },
        )
        row = centre_row(found)
    typer.echo(
        _("Changed work centre {code}: {hours} h in a full week.").format(
            code=row["code"], hours=row["hours_per_week"]
        )
    )


@workcentre_app.command("list")
def workcentre_list(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List the work centres and the hours each has in a full week."""
    from coop.plans.centres import list_work_centres

    with open_session(ctx) as session:
        rows = [centre_row(c) for c in list_work_centres(session)]
    emit_rows(rows, CENTRE_COLUMNS, fmt, title=_("Work centres"))


@workcentre_app.command("show")
def workcentre_show(
    ctx: typer.Context,
    centre: str = typer.Argument(..., help=_("Work centre code or name.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a work centre with its coming closures and its routings."""
    from coop.plans.centres import list_closures, list_routings
    from coop.plans.common import find_work_centre

    with open_session(ctx) as session:
        found = find_work_centre(session, centre)
        row = centre_row(found)
        row["closures"] = [
            closure_row(c) for c in list_closures(session, centre=found, start=now().date())
        ]
        row["routings"] = [routing_row(r) for r in list_routings(session, centre=found)]
    emit_object(row, fmt)


@workcentre_app.command("import")
def workcentre_import(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ...,
        help=_(
            "CSV with columns code,name,hours_per_shift,shifts_per_day,working_days,parallel,efficiency_pct."
        ),
    ),
) -> None:
    """Add or change work centres from a CSV file: all lines or none."""
    from coop.plans.centres_imports import import_work_centres

    with open_session(ctx) as session:
        added, changed = import_work_centres(
            session, actor=_actor(ctx, session), now=now(), path=file
        )
    typer.echo(
        _("Imported {file}: {added} work centres added, {changed} changed.").format(
            file=file.name, added=added, changed=changed
        )
    )


def _closure_target(session: Session, centre: str | None, plant: bool) -> WorkCentre | None:
    from coop.errors import PlanError
    from coop.plans.common import find_work_centre

    if centre is None and not plant:
        raise PlanError(_("Name the work centre, or give --plant to close the whole plant."))
    if centre is not None and plant:
        raise PlanError(_("Give either a work centre or --plant, not both."))
    return find_work_centre(session, centre) if centre is not None else None


@workcentre_app.command("close")
def workcentre_close(
    ctx: typer.Context,
    centre: str | None = typer.Argument(None, help=_("Work centre code (or --plant).")),
    day: str = typer.Option(..., "--date", help=_("The day it does not work (YYYY-MM-DD).")),
    reason: str = typer.Option(..., "--reason", help=_("Why: holiday, maintenance, assembly day, ...")),
    plant: bool = typer.Option(False, "--plant", help=_("The whole plant is closed that day.")),
) -> None:
    """Record a day a work centre, or the whole plant, does not work."""
    from coop.plans.centres import add_closure
    from coop.plans.common import parse_day

    with open_session(ctx) as session:
        target = _closure_target(session, centre, plant)
        closure = add_closure(
            session,
            actor=_actor(ctx, session),
            now=now(),
            centre=target,
            day=parse_day(day, _("The day")),
            reason=reason,
        )
        text = _("{where} is closed on {day}: {reason}.").format(
            where=target.code if target else _("The whole plant"),
            day=closure.closed_on.isoformat(),
            reason=closure.reason,
        )
    typer.echo(text)


@workcentre_app.command("reopen")
def workcentre_reopen(
    ctx: typer.Context,
    centre: str | None = typer.Argument(None, help=_("Work centre code (or --plant).")),
    day: str = typer.Option(..., "--date", help=_("The day it works after all (YYYY-MM-DD).")),
    plant: bool = typer.Option(False, "--plant", help=_("A whole-plant closure.")),
) -> None:
    """Remove a closure recorded by mistake or called off."""
    from coop.plans.centres import remove_closure
    from coop.plans.common import parse_day

    with open_session(ctx) as session:
        target = _closure_target(session, centre, plant)
        when = parse_day(day, _("The day"))
        remove_closure(session, actor=_actor(ctx, session), now=now(), centre=target, day=when)
        text = _("{where} works on {day} after all.").format(
            where=target.code if target else _("The whole plant"), day=when.isoformat()
        )
    typer.echo(text)


@workcentre_app.command("closures")
def workcentre_closures(
    ctx: typer.Context,
    centre: str | None = typer.Argument(None, help=_("Only this work centre (and whole-plant closures).")),
    start: str | None = typer.Option(None, "--from", help=_("From this day (YYYY-MM-DD).")),
    end: str | None = typer.Option(None, "--to", help=_("Up to this day (YYYY-MM-DD).")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List closures: holidays, maintenance, assembly days."""
    from coop.plans.centres import list_closures
    from coop.plans.common import find_work_centre, parse_day

    with open_session(ctx) as session:
        found = find_work_centre(session, centre) if centre else None
        rows = [
            closure_row(c)
            for c in list_closures(
                session,
                centre=found,
                start=parse_day(start, _("The first day")) if start else None,
                end=parse_day(end, _("The last day")) if end else None,
            )
        ]
    for row in rows:
        if row["work_centre"] is None and fmt is OutputFormat.table:
            row["work_centre"] = _("whole plant")
    emit_rows(
        rows,
        [("date", _("Date")), ("work_centre", _("Work centre")), ("reason", _("Reason"))],
        fmt,
        title=_("Closures"),
    )


@workcentre_app.command("import-closures")
def workcentre_import_closures(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., help=_("CSV with columns work_centre,date,reason (an empty work centre: the whole plant).")
    ),
) -> None:
    """Add closures from a CSV file: all lines or none."""
    from coop.plans.centres_imports import import_closures

    with open_session(ctx) as session:
        count = import_closures(session, actor=_actor(ctx, session), now=now(), path=file)
    typer.echo(
        ngettext(
            "Recorded {count} closure from {file}.", "Recorded {count} closures from {file}.", count
        ).format(count=count, file=file.name)
    )


@routing_app.command("add")
def routing_add(
    ctx: typer.Context,
    product: str = typer.Argument(..., help=_("Product code.")),
    centre: str = typer.Argument(..., help=_("Work centre code.")),
    minutes: str = typer.Option(..., "--minutes", help=_("Minutes of work per unit at this work centre.")),
    crew: int = typer.Option(1, "--crew", help=_("People needed at a station.")),
    skill: str | None = typer.Option(None, "--skill", help=_("Skill each of the crew must hold.")),
    level: str | None = typer.Option(
        None, "--level", help=_("Level needed in that skill, 0–4 (default: the skill's qualifying level).")
    ),
) -> None:
    """Say that a product passes through a work centre (or change how)."""
    from coop.plans.centres import check_routing_spec, set_routing
    from coop.plans.common import find_product, find_work_centre

    with open_session(ctx) as session:
        found_product = find_product(session, product)
        found_centre = find_work_centre(session, centre)
        spec = check_routing_spec(
            session, minutes_per_unit=minutes, crew_size=crew, skill=skill, skill_level=level
        )
        routing = set_routing(
            session,
            actor=_actor(ctx, session),
            now=now(),
            product=found_product,
            centre=found_centre,
            spec=spec,
        )
        row = routing_row(routing)
    text = _(
        "{product} passes through {work_centre}: {minutes_per_unit} min a unit, crew of {crew_size}"
    ).format(**row)
    if row["skill"]:
        text += _(" holding {skill} at level {skill_level} or above").format(**row)
    typer.echo(text + ".")


@routing_app.command("remove")
def routing_remove(
    ctx: typer.Context,
    product: str = typer.Argument(..., help=_("Product code.")),
    centre: str = typer.Argument(..., help=_("Work centre code.")),
) -> None:
    """Take a work centre out of a product's routing."""
    from coop.plans.centres import remove_routing
    from coop.plans.common import find_product, find_work_centre

    with open_session(ctx) as session:
        found_product = find_product(session, product)
        found_centre = find_work_centre(session, centre)
        remove_routing(
            session, actor=_actor(ctx, session), now=now(), product=found_product, centre=found_centre
        )
        text = _("{product} no longer passes through {centre}.").format(
            product=found_product.code, centre=found_centre.code
        )
    typer.echo(text)


@routing_app.command("list")
def routing_list(
    ctx: typer.Context,
    product: str | None = typer.Option(None, "--product", help=_("Only this product.")),
    centre: str | None = typer.Option(None, "--centre", help=_("Only this work centre.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List routings: product, work centre, minutes per unit, crew and skill."""
    from coop.plans.centres import list_routings
    from coop.plans.common import find_product, find_work_centre

    with open_session(ctx) as session:
        rows = [
            routing_row(r)
            for r in list_routings(
                session,
                product=find_product(session, product) if product else None,
                centre=find_work_centre(session, centre) if centre else None,
            )
        ]
    emit_rows(
        rows,
        [
            ("product", _("Product")),
            ("work_centre", _("Work centre")),
            ("minutes_per_unit", _("Min/unit")),
            ("crew_size", _("Crew")),
            ("skill", _("Skill")),
            ("skill_level", _("Level")),
        ],
        fmt,
        title=_("Routings"),
    )


@routing_app.command("import")
def routing_import(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., help=_("CSV with columns product,work_centre,minutes_per_unit,crew_size,skill,skill_level.")
    ),
) -> None:
    """Add or change routings from a CSV file: all lines or none."""
    from coop.plans.centres_imports import import_routings

    with open_session(ctx) as session:
        count = import_routings(session, actor=_actor(ctx, session), now=now(), path=file)
    typer.echo(
        ngettext(
            "Imported {count} routing from {file}.", "Imported {count} routings from {file}.", count
        ).format(count=count, file=file.name)
    )


# --- plans ---------------------------------------------------------------------------------------


PLAN_COLUMNS = [
    ("id", "#"),
    ("name", _("Name")),
    ("version", _("Version")),
    ("status", _("Status")),
    ("period_start", _("From")),
    ("period_end", _("To")),
    ("lines", _("Lines")),
    ("revised_by", _("Revised by")),
]


@plan_app.command("create")
def plan_create(
    ctx: typer.Context,
    name: str = typer.Argument(..., help=_("The plan's name, e.g. 'Verano 2027'.")),
    start: str = typer.Option(..., "--from", help=_("First week: 2026-W49, or any day in it.")),
    end: str | None = typer.Option(None, "--to", help=_("Last week: 2027-W09, or any day in it.")),
    weeks: int | None = typer.Option(None, "--weeks", help=_("Or: how many weeks it covers.")),
    note: str | None = typer.Option(None, "--note", help=_("A note for the assembly.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Draft a new plan over whole weeks (coordinator)."""
    from coop.plans.drafts import create_plan

    with open_session(ctx) as session:
        plan = create_plan(
            session,
            actor=_actor(ctx, session),
            now=now(),
            name=name,
            period_start=start,
            period_end=end,
            weeks=weeks,
            note=note,
        )
        row = plan_row(session, plan)
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(
            _("Drafted plan {id}: {name}, weeks {start} to {end}.").format(
                id=row["id"], name=row["name"], start=row["period_start"], end=row["period_end"]
            )
        )


@plan_app.command("list")
def plan_list(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List every plan and version."""
    from coop.plans.drafts import list_plans

    with open_session(ctx) as session:
        rows = [plan_row(session, p) for p in list_plans(session)]
    emit_rows(rows, PLAN_COLUMNS, fmt, title=_("Production plans"))


def line_rows(plan: Plan) -> list[dict[str, Any]]:
    from coop.plans.capacity.weeks import week_label
    from coop.plans.common import quantity_text

    return [
        {
            "line": line.position,
            "product": line.product.code,
            "product_name": line.product.name,
            "quantity": quantity_text(line.quantity),
            "unit": line.product.unit,
            "due_week": week_label(line.due_week),
            "priority": line.priority,
            "actual_quantity": quantity_text(line.actual_quantity)
            if line.actual_quantity is not None
            else None,
        }
        for line in plan.lines
    ]


@plan_app.command("show")
def plan_show(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("Plan number.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a plan: its status, its lines and its acknowledged findings."""
    from coop.plans.common import find_plan
    from coop.plans.drafts import status_label, versions_of

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        row = plan_row(session, found)
        row["status_label"] = status_label(found.status)
        row["note"] = found.note
        row["versions"] = [p.id for p in versions_of(session, found)]
        row["line_items"] = line_rows(found)
        row["acknowledgements"] = [
            {
                "key": a.finding_key,
                "reason": a.reason,
                "by": a.acknowledged_by,
                "at": a.acknowledged_at.isoformat(sep=" ", timespec="minutes"),
            }
            for a in found.acknowledgements
        ]
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
        return
    lines = row.pop("line_items")
    emit_object(row, fmt)
    emit_rows(
        lines,
        [
            ("line", _("Line")),
            ("product", _("Product")),
            ("product_name", _("Name")),
            ("quantity", _("Quantity")),
            ("unit", _("Unit")),
            ("due_week", _("Due")),
            ("priority", _("Priority")),
            ("actual_quantity", _("Made")),
        ],
        fmt,
    )


@line_app.command("add", context_settings=NUMBERS_MAY_BE_NEGATIVE)
def line_add(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("Plan number.")),
    product: str = typer.Argument(..., help=_("Product code or name.")),
    quantity: str = typer.Argument(..., help=_("How much, in the product's unit.")),
    week: str = typer.Argument(..., help=_("Due week: 2027-W03, or any day in it.")),
    priority: int = typer.Option(0, "--priority", help=_("0 is the most urgent; larger numbers can wait.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add a line to a draft plan."""
    from coop.plans.common import find_plan, find_product, parse_week
    from coop.plans.drafts import add_plan_line

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        line = add_plan_line(
            session,
            actor=_actor(ctx, session),
            now=now(),
            plan=found,
            product=find_product(session, product),
            quantity=quantity,
            due_week=parse_week(week, _("The due week")),
            priority=priority,
        )
        row = next(r for r in line_rows(found) if r["line"] == line.position)
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(
            _("Line {line}: {quantity} {unit} of {product} by {due_week}.").format(
                line=row["line"],
                quantity=row["quantity"],
                unit=row["unit"],
                product=row["product"],
                due_week=row["due_week"],
            )
        )


@line_app.command("remove")
def line_remove(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("Plan number.")),
    line: int = typer.Argument(..., help=_("Line number, as coop plan show lists it.")),
) -> None:
    """Remove a line from a draft plan."""
    from coop.plans.common import find_plan
    from coop.plans.drafts import remove_plan_line

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        remove_plan_line(session, actor=_actor(ctx, session), now=now(), plan=found, position=line)
        label = found.label
    typer.echo(_("Removed line {line} from plan {plan}.").format(line=line, plan=label))


@line_app.command("import")
def line_import(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("Plan number.")),
    file: Path = typer.Argument(..., help=_("CSV with columns product,quantity,due_week,priority.")),
) -> None:
    """Add lines to a draft plan from a CSV file: all lines or none."""
    from coop.plans.common import find_plan
    from coop.plans.drafts import import_plan_lines

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        count = import_plan_lines(
            session, actor=_actor(ctx, session), now=now(), plan=found, path=file
        )
        label = found.label
    typer.echo(
        ngettext(
            "Added {count} line to plan {plan} from {file}.",
            "Added {count} lines to plan {plan} from {file}.",
            count,
        ).format(count=count, plan=label, file=file.name)
    )


@plan_app.command("check")
def plan_check(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("Plan number.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Check the plan against capacity, stock and crews; list what could make it fail."""
    from coop.plans.check import check_plan
    from coop.plans.common import find_plan

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        check = check_plan(session, found, on=now().date())
        rows = [finding_row(item) for item in check.findings]
        title = _("Findings for plan {plan}").format(plan=found.label)
    emit_rows(rows, FINDING_COLUMNS, fmt, title=title)
    if fmt is OutputFormat.table:
        _say_check(check)


@plan_app.command("acknowledge")
def plan_acknowledge(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("Plan number.")),
    key: str = typer.Argument(..., help=_("The finding's key, as coop plan check lists it.")),
    reason: str = typer.Option(..., "--reason", help=_("Why the plan can go ahead anyway.")),
) -> None:
    """Acknowledge a finding with a reason, so that the plan can be submitted."""
    from coop.plans.check import acknowledge_finding
    from coop.plans.common import find_plan

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        item = acknowledge_finding(
            session, actor=_actor(ctx, session), now=now(), plan=found, key=key, reason=reason
        )
        text = _("Acknowledged {key}: {reason}").format(
            key=item.key, reason=item.acknowledgement.reason if item.acknowledgement else ""
        )
    typer.echo(text)


@plan_app.command("submit")
def plan_submit(ctx: typer.Context, plan: str = typer.Argument(..., help=_("Plan number."))) -> None:
    """Submit a draft plan for the assembly's approval (refused while a blocking finding is open)."""
    from coop.plans.common import find_plan
    from coop.plans.lifecycle import submit_plan

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        submit_plan(session, actor=_actor(ctx, session), now=now(), plan=found)
        label, plan_id = found.label, found.id
    typer.echo(
        _(
            "Submitted plan {plan}; put it before an open assembly with: "
            "coop plan propose-approval {id} --assembly N"
        ).format(plan=label, id=plan_id)
    )


@plan_app.command("propose-approval")
def plan_propose_approval(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("Plan number.")),
    assembly: str = typer.Option(..., "--assembly", help=_("The open assembly that decides it.")),
    by: str | None = typer.Option(None, "--by", help=_("The member who proposes it (default: --as).")),
) -> None:
    """Put a submitted plan before an open assembly: a motion of kind plan-approval."""
    from coop.plans.common import find_plan
    from coop.plans.lifecycle import propose_plan_approval

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        motion = propose_plan_approval(
            session, actor=_actor(ctx, session), now=now(), plan=found, assembly=assembly, proposer=by
        )
        text = _(
            "Plan {plan} is motion {position} (id {id}) of assembly {assembly}; "
            "the assembly's vote approves or rejects it."
        ).format(plan=found.label, position=motion.position, id=motion.id, assembly=motion.assembly_id)
    typer.echo(text)


@plan_app.command("revise")
def plan_revise(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("Plan number.")),
    name: str | None = typer.Option(None, "--name", help=_("A new name for the new version.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Make a new draft version of a plan; the version revised stays as it was."""
    from coop.plans.common import find_plan
    from coop.plans.lifecycle import revise_plan

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        revision = revise_plan(session, actor=_actor(ctx, session), now=now(), plan=found, name=name)
        row = plan_row(session, revision)
        old = found.label
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(
            _("Drafted plan {id}, version {version} of {name}, revising {old}.").format(
                id=row["id"], version=row["version"], name=row["name"], old=old
            )
        )


@plan_app.command("start")
def plan_start(ctx: typer.Context, plan: str = typer.Argument(..., help=_("Plan number."))) -> None:
    """Start an approved plan: production follows it now."""
    from coop.plans.common import find_plan
    from coop.plans.lifecycle import start_plan

    with open_session(ctx) as session:
        found = start_plan(
            session, actor=_actor(ctx, session), now=now(), plan=find_plan(session, plan)
        )
        label = found.label
    typer.echo(_("Plan {plan} is in progress.").format(plan=label))


@plan_app.command("close")
def plan_close(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("Plan number.")),
    actual: list[str] = typer.Option(None, "--actual", help=_("LINE=QUANTITY actually made; once per line.")),
    file: Path | None = typer.Option(None, "--file", help=_("Or a CSV with columns line,actual_quantity.")),
) -> None:
    """Close a plan in progress with what was actually made on each line."""
    from coop.errors import PlanError
    from coop.plans.common import find_plan
    from coop.plans.lifecycle import close_plan, parse_actuals, read_actuals

    if bool(actual) == (file is not None):
        raise PlanError(_("Give what was made with --actual LINE=QUANTITY for each line, or --file CSV."))
    actuals = read_actuals(file) if file is not None else parse_actuals(actual)
    with open_session(ctx) as session:
        found = close_plan(
            session,
            actor=_actor(ctx, session),
            now=now(),
            plan=find_plan(session, plan),
            actuals=actuals,
        )
        label, plan_id = found.label, found.id
    typer.echo(
        _(
            "Closed plan {plan}; print planned versus actual with: coop plan report {id} --out FILE.pdf"
        ).format(plan=label, id=plan_id)
    )


@plan_app.command("report")
def plan_report(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("Plan number.")),
    out: Path = typer.Option(..., "--out", "-o", help=_("File to write: .pdf or .html.")),
) -> None:
    """Print a plan: lines, findings, load charts, materials, crews, the assembly's decision, actuals."""
    from coop.reports.pdf import print_ahead

    with print_ahead(out, "plan_report.html.j2") as printout:
        from coop.plans.common import find_plan
        from coop.plans.drafts import status_label
        from coop.plans.reports import plan_for_print
        from coop.reports.render import document_format

        document_format(out)
        with open_session(ctx) as session:
            found = find_plan(session, plan)
            model = plan_for_print(session, found, on=now().date())
            status = status_label(found.status)  # in the reader's language, not the document's
        written = printout.write(plan=model)
        if model.snapshot_hash:
            typer.echo(_("Wrote plan {plan} as approved to {file}.").format(plan=model.label, file=written))
        else:
            typer.echo(
                _("Wrote plan {plan} ({status}) to {file}.").format(
                    plan=model.label, status=status, file=written
                )
            )


@plan_app.command("diff")
def plan_diff(
    ctx: typer.Context,
    first: str = typer.Argument(..., help=_("The earlier plan or version.")),
    second: str = typer.Argument(..., help=_("The later plan or version.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show what changed between two plans or versions: period, name and lines."""
    from coop.plans.capacity.weeks import week_label
    from coop.plans.common import find_plan, quantity_text
    from coop.plans.diff import diff_plans

    with open_session(ctx) as session:
        a = find_plan(session, first)
        b = find_plan(session, second)
        diff = diff_plans(a, b)
        labels = (a.label, b.label)
        changes = [
            {
                "change": change.change,
                "product": change.product,
                "due_week": week_label(change.due_week),
                "quantity_a": quantity_text(change.quantity_a)
                if change.quantity_a is not None
                else None,
                "quantity_b": quantity_text(change.quantity_b)
                if change.quantity_b is not None
                else None,
                "priority_a": change.priority_a,
                "priority_b": change.priority_b,
            }
            for change in diff.lines
        ]
        fields = [{"field": name, "a": old, "b": new} for name, old, new in diff.fields]
    if fmt is OutputFormat.json:
        emit_object(
            {"a": a.id, "b": b.id, "fields": fields, "lines": changes, "unchanged_lines": diff.unchanged}, fmt
        )
        return
    if fmt is OutputFormat.table:
        typer.echo(_("From {a} to {b}:").format(a=labels[0], b=labels[1]))
        for item in fields:
            typer.echo(_("  {field}: {a} → {b}").format(**item))
        if not changes and not fields:
            typer.echo(_("  nothing changed."))
    emit_rows(
        changes,
        [
            ("change", _("Change")),
            ("product", _("Product")),
            ("due_week", _("Due")),
            ("quantity_a", _("Before")),
            ("quantity_b", _("After")),
            ("priority_a", _("Priority before")),
            ("priority_b", _("Priority after")),
        ],
        fmt,
    )
    if fmt is OutputFormat.table:
        typer.echo(
            ngettext("{count} line unchanged.", "{count} lines unchanged.", diff.unchanged).format(
                count=diff.unchanged
            )
        )
