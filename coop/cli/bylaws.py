"""``coop bylaws show|set``: the cooperative's rules as data."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from coop.cli.options import DocumentOut, command_group, command_scope, print_document
from coop.cli.output import OutputFormat, emit_rows, format_option
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.members.bylaws_record import BylawValue

app = command_group(_("The cooperative's rules: quorum, thresholds, proxies, ties."))

BYLAW_COLUMNS = [
    ("key", _("Rule")),
    ("title", _("Name")),
    ("value", _("Value")),
    ("article", _("Article")),
    ("changed_at", _("Changed")),
    ("description", _("Meaning")),
]


@app.command("show")
def show(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """Show every rule in force, its article and when it was last changed."""
    from coop.formatting import format_date

    with command_scope(ctx) as c:
        bylaws = list(c.bylaws.bylaws_in_force().values())
    if fmt is OutputFormat.table:
        # For people: each rule in words; JSON and CSV keep the stored keys and values.
        rows = [
            {
                "key": b.key,
                "title": b.title,
                "value": b.value_words,
                "article": b.article_words,
                "changed_at": format_date(b.changed_at) if b.changed_at else _("never (coop's default)"),
                "description": f"{b.description} {b.accepted}".strip(),
            }
            for b in bylaws
        ]
        emit_rows(rows, BYLAW_COLUMNS, fmt, title=_("Bylaws in force"))
        return
    rows = [
        {
            "key": b.key,
            "value": b.value,
            "default": b.default,
            "article": b.article,
            "changed_at": b.changed_at.isoformat(sep=" ") if b.changed_at else None,
            "changed_by": b.changed_by,
            "source": b.source,
            "description": b.description,
        }
        for b in bylaws
    ]
    emit_rows(rows, [c for c in BYLAW_COLUMNS if c[0] != "title"], fmt, title=_("Bylaws in force"))


@app.command("set")
def set_(
    ctx: typer.Context,
    key: str = typer.Argument(..., help=_("The rule, e.g. quorum or threshold.ordinary.")),
    value: str = typer.Argument(..., help=_("Its new value.")),
    article: str | None = typer.Option(
        None, "--article", help=_("The bylaw article it comes from, e.g. 'Art. 32'.")
    ),
    motion: str | None = typer.Option(
        None,
        "--motion",
        help=_("The adopted motion (id) of kind bylaws-amendment by which the assembly changed it."),
    ),
) -> None:
    """Change one rule (secretary only, audited); a new value without --article cites no article."""

    def said(result: BylawValue) -> str:
        words = {"key": result.key, "value": result.value_words, "article": result.article_words}
        if motion is None:
            return _("Bylaw set: {key} = {value} ({article}); no motion cited.").format(**words)
        from coop.assemblies.common import motion_label

        adopting = c.votes.find_motion(motion)
        return _(
            "Bylaw set: {key} = {value} ({article}), as adopted by {motion} of assembly {assembly}."
        ).format(**words, motion=motion_label(adopting), assembly=adopting.assembly_id)

    with command_scope(ctx) as c:
        done = said(c.bylaws.set_bylaw(key, value, article=article, motion=motion))
    typer.echo(done)


preset_app = command_group(_("Bylaw presets: the rules of a recognised source, with their articles."))
app.add_typer(preset_app, name="preset")


@preset_app.command("list")
def preset_list(fmt: OutputFormat = format_option()) -> None:
    """List the presets a cooperative can adopt."""
    from coop.members.presets import all_presets

    rows = [{"name": p.name, "title": p.title, "description": p.description} for p in all_presets().values()]
    emit_rows(rows, [("name", _("Name")), ("title", _("Source")), ("description", _("In short"))], fmt)


@preset_app.command("show")
def preset_show(
    name: str = typer.Argument(..., help=_("Preset name, e.g. ar-ley-20337.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show every rule a preset sets, with its article."""
    from coop.members.bylaws import bylaw_value_words
    from coop.members.presets import find_preset

    preset = find_preset(name)
    rows = [{"key": r.key, "value": r.value, "article": r.article} for r in preset.rules]
    if fmt is OutputFormat.table:
        typer.echo(f"{preset.title}: {preset.description}")
        for note in preset.notes:
            typer.echo(f"- {note}")
        rows = [{**row, "value": bylaw_value_words(row["key"], row["value"])} for row in rows]
    emit_rows(rows, [("key", _("Rule")), ("value", _("Value")), ("article", _("Article"))], fmt)


@preset_app.command("apply")
def preset_apply(
    ctx: typer.Context,
    name: str = typer.Argument(..., help=_("Preset name.")),
    motion: str | None = typer.Option(
        None,
        "--motion",
        help=_("The adopted motion (id) of kind bylaws-amendment by which the assembly adopted the preset."),
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Adopt a preset (secretary only): shows what changed; single values can be adjusted after."""
    with command_scope(ctx) as c:
        changes = c.bylaws.apply_bylaw_preset(name, motion=motion)
    rows = [
        {"key": c.key, "old": c.old, "new": c.new, "article": c.article, "changed": c.changed}
        for c in changes
    ]
    if fmt is OutputFormat.table:
        from coop.members.bylaws import bylaw_value_words, no_article_text

        rows = [
            {
                **r,
                "old": bylaw_value_words(r["key"], r["old"]),
                "new": bylaw_value_words(r["key"], r["new"]),
                "article": r["article"] or no_article_text(),
            }
            for r in rows
            if r["changed"]
        ]
        typer.echo(
            ngettext(
                "Applied the preset {name}: {count} rule changed.",
                "Applied the preset {name}: {count} rules changed.",
                len(rows),
            ).format(name=name, count=len(rows))
        )
    emit_rows(
        rows, [("key", _("Rule")), ("old", _("Was")), ("new", _("Now")), ("article", _("Article"))], fmt
    )


@app.command("print")
def print_(ctx: typer.Context, out: DocumentOut) -> None:
    """Print the rules in force with their articles and when and how each was adopted."""
    _document, written = print_document(
        ctx, out, "bylaws.html.j2", lambda c: c.bylaws.bylaws_document(), name="document"
    )
    typer.echo(_("Wrote the bylaws in force to {file}.").format(file=written))
