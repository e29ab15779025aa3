"""``coop skill`` and ``coop skill prerequisite``: the skill catalogue and what a skill needs first."""

from __future__ import annotations

import typer

from coop.cli.commands import coop_scope, emit_change, emit_listing, run
from coop.cli.csv_command import counted, csv_import_command
from coop.cli.options import command_group
from coop.cli.output import OutputFormat, emit_view, format_option
from coop.cli.plans.options import NewName
from coop.cli.training.options import LearntSkill, OnlyCategory, SkillRef
from coop.cli.training.shared import level_text, parse_day
from coop.i18n import N_, _, ngettext

skill_app = command_group(
    _("The skill catalogue: categories, safety, certification, prerequisites, minimum cover.")
)
prerequisite_app = command_group(_("What a skill needs first: another skill at a level."))
skill_app.add_typer(prerequisite_app, name="prerequisite")


SKILL_KEYS = (
    "code",
    "name",
    "category",
    "safety_critical",
    "validity_months",
    "minimum_qualified",
    "qualifying_level",
    "prerequisites",
)


@skill_app.command("add")
def skill_add(
    ctx: typer.Context,
    code: str = typer.Argument(..., help=_("Short code, e.g. KILN-LOAD (letters, digits, - _ .).")),
    name: str = typer.Argument(..., help=_("The skill's name, as people say it.")),
    category: str | None = typer.Option(None, "--category", "-c", help=_("Category, e.g. Kilns or Safety.")),
    safety_critical: bool = typer.Option(False, "--safety-critical", help=_("Mark it as safety-critical.")),
    certified: bool = typer.Option(False, "--certified", help=_("It is certified (see --valid-for).")),
    valid_for: int | None = typer.Option(
        None, "--valid-for", help=_("Months a certification stays valid (implies --certified).")
    ),
    minimum: int = typer.Option(
        0, "--minimum", help=_("Qualified members the plant needs at all times (0: no minimum).")
    ),
    qualifying_level: str = typer.Option(
        "3", "--qualifying-level", help=_("Level that counts as qualified: 1–4 (default 3, independent).")
    ),
    description: str | None = typer.Option(None, "--description", help=_("What the skill covers.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add a skill to the catalogue (secretary)."""
    from coop.training.common import parse_level
    from coop.training.views import SkillView

    level = parse_level(qualifying_level, lowest=1)
    with coop_scope(ctx) as c:
        skill = c.training.add_skill(
            code,
            name,
            category=category,
            safety_critical=safety_critical,
            certified=certified or valid_for is not None,
            validity_months=valid_for,
            minimum_qualified=minimum,
            qualifying_level=level,
            description=description,
        )
        row = SkillView.of(skill).as_json()
    emit_change(
        row, fmt, lambda row: _("Added skill {code}: {name}.").format(code=row["code"], name=row["name"])
    )


@skill_app.command("list")
def skill_list(
    ctx: typer.Context,
    category: OnlyCategory = None,
    fmt: OutputFormat = format_option(),
) -> None:
    """List the skill catalogue, by category."""
    from coop import display
    from coop.training.views import SkillView

    emit_listing(
        ctx,
        lambda c: [SkillView.of(s) for s in c.training.list_skills(category=category)],
        display.headings(SkillView, SKILL_KEYS),
        fmt,
        title=_("Skills"),
    )


@skill_app.command("show")
def skill_show(
    ctx: typer.Context,
    skill: SkillRef,
    on: str | None = typer.Option(None, "--on", help=_("Levels as on this day (YYYY-MM-DD); default today.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a skill: its definition, who is qualified, who is in training, coverage."""
    from coop.training.picture import SkillSheet

    with coop_scope(ctx) as c:
        standing = c.training.skill_standing(skill, on=parse_day(on, _("The day"), c.now.date()))
        sheet = SkillSheet.of(standing)
    emit_view(sheet, fmt)


@skill_app.command("update")
def skill_update(
    ctx: typer.Context,
    skill: SkillRef,
    name: NewName = None,
    category: str | None = typer.Option(None, "--category", "-c", help=_("New category.")),
    safety_critical: bool | None = typer.Option(
        None, "--safety-critical/--not-safety-critical", help=_("Whether it is safety-critical.")
    ),
    certified: bool | None = typer.Option(
        None, "--certified/--not-certified", help=_("Whether it is certified.")
    ),
    valid_for: int | None = typer.Option(None, "--valid-for", help=_("Months a certification stays valid.")),
    no_expiry: bool = typer.Option(False, "--no-expiry", help=_("Certifications no longer lapse.")),
    minimum: int | None = typer.Option(None, "--minimum", help=_("Qualified members the plant needs.")),
    qualifying_level: str | None = typer.Option(
        None, "--qualifying-level", help=_("Level that counts as qualified: 1–4.")
    ),
    description: str | None = typer.Option(None, "--description", help=_("What the skill covers.")),
) -> None:
    """Change a skill's definition (secretary); past assessments keep the expiry they were given."""
    from coop.training.common import parse_level

    level = parse_level(qualifying_level, lowest=1) if qualifying_level else None
    with coop_scope(ctx) as c:
        found = c.training.update_skill(
            skill,
            name=name,
            category=category,
            safety_critical=safety_critical,
            certified=certified,
            validity_months=valid_for,
            clear_validity=no_expiry,
            minimum_qualified=minimum,
            qualifying_level=level,
            description=description,
        )
    typer.echo(_("Changed skill {code}.").format(code=found.code))


csv_import_command(
    skill_app,
    "import",
    help=N_("Add every skill listed in a CSV file: all lines or none."),
    columns=_(
        "CSV with columns code,name,category,safety_critical,certified,validity_months,"
        "minimum_qualified,qualifying_level,prerequisites,description."
    ),
    load=lambda c: c.training.import_skills,
    report=counted(
        lambda count: ngettext(
            "Imported {count} skill from {file}.", "Imported {count} skills from {file}.", count
        )
    ),
)


@prerequisite_app.command("add")
def prerequisite_add(
    ctx: typer.Context,
    skill: LearntSkill,
    requires: str = typer.Argument(..., help=_("The skill needed first.")),
    level: str = typer.Option(..., "--level", "-l", help=_("Level needed in it: 1–4.")),
) -> None:
    """Make a skill need another one first, at a level (or change that level)."""
    found, needed, prerequisite = run(
        ctx, lambda c: c.training.add_prerequisite(skill, requires, min_level=level)
    )
    text = _("Training in {skill} now needs {requires} at level {level}.").format(
        skill=found.code, requires=needed.code, level=level_text(prerequisite.min_level)
    )
    typer.echo(text)


@prerequisite_app.command("remove")
def prerequisite_remove(
    ctx: typer.Context,
    skill: LearntSkill,
    requires: str = typer.Argument(..., help=_("The skill it no longer needs first.")),
) -> None:
    """Remove a prerequisite from a skill."""
    found, needed = run(ctx, lambda c: c.training.remove_prerequisite(skill, requires))
    typer.echo(
        _("Training in {skill} no longer needs {requires}.").format(skill=found.code, requires=needed.code)
    )
