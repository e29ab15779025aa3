"""``coop master plan``, ``coop master scenario``, ``coop master capacity`` and ``coop master compare``:
master plans, their scenarios, the rough-cut capacity and the scenarios side by side."""

from __future__ import annotations

import enum
import json
from decimal import Decimal
from typing import Any

import typer

from coop.cli.commands import run
from coop.cli.master.demand import say
from coop.cli.options import command_group
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option, plain_table
from coop.formatting import format_quantity
from coop.i18n import N_, _

plan_app = command_group(_("Master plans: a horizon of 6 to 18 months and its scenarios."))
scenario_app = command_group(_("Scenarios of a master plan, each with its assumptions."))

WIDTH = 80
LABEL_WIDTH = 22


class ReportFormat(enum.StrEnum):
    table = "table"
    json = "json"


MemberHours = typer.Option(
    "120", "--member-hours", help=_("Hours one qualified member works a month (default 120).")
)
ReportFormatOption = typer.Option(ReportFormat.table, "--format", "-f", help=_("table or json."))


def _number(text: object) -> Decimal:
    return Decimal(str(text))


def _policy_word(policy: object) -> str:
    return _("level") if policy == "level" else _("chase")


def _assumption_lines(assumptions: dict[str, Any]) -> list[str]:
    lines = [_("Production: {policy}").format(policy=_policy_word(assumptions["policy"]))]
    if _number(assumptions["overtime_pct"]):
        lines.append(
            _("Overtime: {pct} % more hours").format(
                pct=format_quantity(_number(assumptions["overtime_pct"]))
            )
        )
    for skill, count in assumptions["extra_qualified"].items():
        lines.append(_("Train {count} more in {skill}").format(count=count, skill=skill))
    if assumptions["declined_orders"]:
        lines.append(
            _("Orders declined: {orders}").format(
                orders=", ".join(str(i) for i in assumptions["declined_orders"])
            )
        )
    return lines


# --- plans and scenarios ---------------------------------------------------------------------------


def plan_create(
    ctx: typer.Context,
    name: str = typer.Argument(..., help=_("The master plan's name.")),
    since: str = typer.Option(..., "--from", help=_("First month (YYYY-MM).")),
    months: int = typer.Option(12, "--months", help=_("How many months (6 to 18).")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Create a draft master plan over 6 to 18 months, for its scenarios."""
    from coop.master.scenarios import plan_json

    data = run(ctx, lambda c: plan_json(c.master.create_plan(name, since=since, months=months)))
    if fmt is not OutputFormat.table:
        emit_object(data, fmt)
        return
    typer.echo(
        _(
            "Master plan {name} created: {months} months from {first}; add its scenarios with coop master "
            "scenario add."
        ).format(name=data["name"], months=data["months"], first=data["from"])
    )


def plan_list(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List the master plans with their horizon, status and scenarios."""
    from coop.master.scenarios import plan_json

    rows = run(ctx, lambda c: [plan_json(p) for p in c.master.plans()])
    for row in rows:
        row["scenarios"] = ", ".join(row["scenarios"]) if fmt is OutputFormat.table else row["scenarios"]
        if fmt is OutputFormat.table:
            row["status"] = {"draft": _("draft"), "submitted": _("submitted"), "decided": _("decided")}.get(
                row["status"], row["status"]
            )
    emit_rows(
        rows,
        [
            ("name", N_("Plan")),
            ("from", N_("From")),
            ("months", N_("Months")),
            ("status", N_("Status")),
            ("scenarios", N_("Scenarios")),
        ],
        fmt,
        title=_("Master plans"),
    )


def scenario_add(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("The master plan.")),
    name: str = typer.Argument(..., help=_("The scenario's name.")),
    level: bool = typer.Option(False, "--level", help=_("The same production every month, building stock.")),
    chase: bool = typer.Option(
        False, "--chase", help=_("Production as the master schedule, month by month.")
    ),
    overtime_pct: str | None = typer.Option(None, "--overtime-pct", help=_("% more hours at every centre.")),
    extra: list[str] = typer.Option([], "--extra-qualified", help=_("SKILL=N: N more members qualified.")),
    decline: list[str] = typer.Option([], "--decline-order", help=_("A customer order number left out.")),
    note: str | None = typer.Option(None, "--note", help=_("What the scenario means, in words.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Save a named scenario of a master plan, with its assumptions (2 to 5 per plan)."""
    if level and chase:
        raise typer.BadParameter(_("give --level or --chase, not both."), param_hint="--level/--chase")
    policy = "level" if level else "chase" if chase else None
    data = run(
        ctx,
        lambda c: c.master.add_scenario(
            plan,
            name,
            policy=policy,
            overtime_pct=overtime_pct,
            extra_qualified=extra,
            declined_orders=decline,
            note=note,
        ).as_json(),
    )
    if fmt is not OutputFormat.table:
        emit_object(data, fmt)
        return
    typer.echo(_("Scenario {name} saved in master plan {plan}.").format(name=data["name"], plan=data["plan"]))
    for line in _assumption_lines(data["assumptions"]):
        typer.echo(f"  {line}")


def scenario_list(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("The master plan.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List the scenarios of a master plan with their assumptions."""
    views = run(ctx, lambda c: [v.as_json() for v in c.master.scenarios(plan)])
    if fmt is not OutputFormat.table:
        emit_rows(views, [(k, k) for k in ("name", "assumptions", "note", "created_by")], fmt)
        return
    rows = [
        {
            "name": v["name"],
            "assumptions": "; ".join(_assumption_lines(v["assumptions"])),
            "note": v["note"] or "",
        }
        for v in views
    ]
    emit_rows(
        rows,
        [("name", N_("Scenario")), ("assumptions", N_("Assumptions")), ("note", N_("Note"))],
        fmt,
        title=_("Scenarios of {plan}").format(plan=plan),
    )


def scenario_show(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("The master plan.")),
    name: str = typer.Argument(..., help=_("The scenario.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show one scenario: its assumptions and note, who saved it and when, and the assembly's choice."""
    from coop.cli.master.choice import say_choice, standing_words

    def call(c: Any) -> dict[str, Any]:
        shown = c.master.scenario(plan, name).as_json()
        standing = c.master.plan_standing(plan)
        choice = standing["choice"]
        mine = choice if choice and choice["scenario"] == shown["name"] else None
        return {**shown, **standing["standing"][shown["name"]], "choice": mine}

    data = run(ctx, call)
    if fmt is not OutputFormat.table:
        emit_object(data, fmt)
        return
    typer.echo(_("Scenario {name} of master plan {plan}").format(name=data["name"], plan=data["plan"]))
    for line in _assumption_lines(data["assumptions"]):
        typer.echo(f"  {line}")
    if data["note"]:
        say(_("Note: {note}").format(note=data["note"]))
    typer.echo(_("Saved by {who} on {when}").format(who=data["created_by"], when=data["created_at"][:10]))
    typer.echo(_("Assembly: {standing}").format(standing=standing_words(data)))
    if data["choice"]:
        say_choice(data["choice"])


# --- capacity and comparison -----------------------------------------------------------------------


def _pct(value: object) -> str:
    return _("no hours") if value is None else f"{format_quantity(_number(value))} %"


def master_capacity(
    ctx: typer.Context,
    scenario: str | None = typer.Option(
        None, "--scenario", help=_("A saved scenario; default the schedule.")
    ),
    plan: str | None = typer.Option(None, "--plan", help=_("The master plan of the scenario.")),
    since: str | None = typer.Option(None, "--from", help=_("First month (YYYY-MM) without a scenario.")),
    months: int = typer.Option(12, "--months", help=_("How many months (6 to 18) without a scenario.")),
    member_hours: str = MemberHours,
    fmt: ReportFormat = ReportFormatOption,
) -> None:
    """Show the rough-cut capacity: hours per work centre and crew-hours per skill, month by month."""
    data = run(
        ctx,
        lambda c: c.master.capacity(
            scenario=scenario, plan=plan, since=since, months=months, member_hours=member_hours
        ).as_json(),
    )
    if fmt is ReportFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(_("Rough-cut capacity: {scenario}").format(scenario=data["scenario"]))
    for line in _assumption_lines(data["assumptions"]):
        typer.echo(f"  {line}")
    say(
        _(
            "Load = what the schedule makes × minutes per unit of every routing; available = hours a day "
            "× open days of the month (closures left out), plus overtime."
        )
    )
    rows = [
        {
            "work_centre": r["work_centre"],
            "month": r["month"],
            "load": format_quantity(_number(r["load"])),
            "available": format_quantity(_number(r["available"])),
            "percent": _pct(r["percent"]),
        }
        for r in data["centres"]
    ]
    typer.echo(
        plain_table(
            rows,
            [
                ("work_centre", N_("Centre")),
                ("month", N_("Month")),
                ("load", N_("Load h")),
                ("available", N_("Available h")),
                ("percent", N_("Load %")),
            ],
        )
    )
    if not data["skills_checked"]:
        say(_("No training records are kept, so qualified labour is not checked."))
    elif data["skills"]:
        typer.echo("")
        say(
            _(
                "Crew-hours needing a skill at a level or above, against qualified members × {hours} h."
            ).format(hours=format_quantity(_number(data["member_hours"])))
        )
        skill_rows = [
            {
                "skill": r["skill"],
                "level": r["level"],
                "month": r["month"],
                "crew_hours": format_quantity(_number(r["crew_hours"])),
                "members": r["members"],
                "hours": format_quantity(_number(r["hours"])),
            }
            for r in data["skills"]
        ]
        typer.echo(
            plain_table(
                skill_rows,
                [
                    ("skill", N_("Skill")),
                    ("level", N_("Level")),
                    ("month", N_("Month")),
                    ("crew_hours", N_("Crew-h")),
                    ("members", N_("Members")),
                    ("hours", N_("Their h")),
                ],
            )
        )
    typer.echo("")
    if not data["findings"]:
        typer.echo(_("No centre is overloaded or mostly idle, and the qualified members suffice."))
    for finding in data["findings"]:
        say("• " + finding["message"])


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def master_compare(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("The master plan.")),
    member_hours: str = MemberHours,
    fmt: ReportFormat = ReportFormatOption,
) -> None:
    """Compare the scenarios of a master plan side by side: output, stock, overtime, unmet demand,
    training needed and capacity peaks."""
    data = run(ctx, lambda c: c.master.compare(plan, member_hours=member_hours).as_json())
    if fmt is ReportFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(
        _("Scenarios of master plan {plan}, {months} months from {first}").format(
            plan=data["plan"], months=data["months"], first=data["from"]
        )
    )
    scenarios = data["scenarios"]
    width = max(8, (WIDTH - LABEL_WIDTH) // len(scenarios) - 1)

    def quantity(key: str) -> list[str]:
        return [format_quantity(_number(s[key])) for s in scenarios]

    skills = sorted({skill for s in scenarios for skill in s["training_needed"]})
    measures: list[tuple[str, list[str]]] = [
        (_("Policy"), [_policy_word(s["assumptions"]["policy"]) for s in scenarios]),
        (_("Overtime %"), [format_quantity(_number(s["assumptions"]["overtime_pct"])) for s in scenarios]),
        (_("Output"), quantity("output")),
        (_("Closing stock"), quantity("closing_stock")),
        (_("Overtime hours"), quantity("overtime_hours")),
        (_("Unmet demand"), quantity("unmet_demand")),
    ]
    for skill in skills:
        measures.append(
            (
                _("Train in {skill}").format(skill=skill),
                [str(s["training_needed"].get(skill, 0)) for s in scenarios],
            )
        )
    if not skills:
        measures.append((_("Train"), ["0" for _s in scenarios]))
    peaks = [s["peak"] for s in scenarios]
    measures.append((_("Peak centre"), [p["work_centre"] if p else "—" for p in peaks]))
    measures.append((_("Peak month"), [p["month"] if p else "—" for p in peaks]))
    measures.append((_("Peak load"), [_pct(p["percent"]) if p else "—" for p in peaks]))
    header = " " * LABEL_WIDTH + " ".join(_cell(s["scenario"], width).rjust(width) for s in scenarios)
    typer.echo(header.rstrip())
    for label, values in measures:
        line = _cell(label, LABEL_WIDTH - 1).ljust(LABEL_WIDTH) + " ".join(
            _cell(v, width).rjust(width) for v in values
        )
        typer.echo(line.rstrip())
    say(
        _(
            "Output and stock in units of all products; unmet demand: each product's largest backlog; "
            "train: members still to qualify in the worst month, at {hours} h a month each; peak: the "
            "most loaded centre and month."
        ).format(hours=format_quantity(_number(data["member_hours"])))
    )
    for s in scenarios:
        if len(s["scenario"]) > width:
            typer.echo(f"  {_cell(s['scenario'], width)} = {s['scenario']}")


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")
    app.add_typer(scenario_app, name="scenario")
    plan_app.command("create")(plan_create)
    plan_app.command("list")(plan_list)
    scenario_app.command("add")(scenario_add)
    scenario_app.command("list")(scenario_list)
    scenario_app.command("show")(scenario_show)
    app.command("capacity")(master_capacity)
    app.command("compare")(master_compare)
