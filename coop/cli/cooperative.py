"""``coop cooperative show|rename|language``: the cooperative's own record, changed by a secretary."""

from __future__ import annotations

import typer

from coop.cli.options import command_group, command_scope, say_done
from coop.cli.output import OutputFormat, emit_object, format_option
from coop.i18n import _

app = command_group(_("The cooperative itself: its name and the language of its documents."))


@app.command("show")
def show(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """Show the cooperative's name, the language of its documents and when it was set up."""
    from coop.members.cooperative import language_name

    with command_scope(ctx) as c:
        cooperative = c.cooperative.get_cooperative()
        data = {
            "name": cooperative.name,
            "language": cooperative.language,
            "created_at": cooperative.created_at.isoformat(sep=" "),
        }
    if fmt is OutputFormat.table:  # for people: the language and the date in words
        from coop.formatting import format_date

        data = {
            **data,
            "language": language_name(cooperative.language),
            "created_at": format_date(cooperative.created_at),
        }
    emit_object(
        data,
        fmt,
        labels={"name": _("Name"), "language": _("Language of documents"), "created_at": _("Set up")},
    )


@app.command("rename")
def rename(
    ctx: typer.Context,
    name: str = typer.Argument(..., help=_("The new name, as it is registered.")),
    reason: str = typer.Option(
        ..., "--reason", help=_("Why it changes, e.g. the assembly resolution or the registry's record.")
    ),
) -> None:
    """Change the name printed on every document (secretary only, audited with the reason)."""
    with command_scope(ctx) as c:
        old = c.cooperative.get_cooperative().name
        cooperative = c.cooperative.rename_cooperative(name, reason=reason)
        done = _("Renamed the cooperative from {old} to {new}.").format(old=old, new=cooperative.name)
    typer.echo(done)


@app.command("language")
def language(
    ctx: typer.Context,
    code: str = typer.Argument(..., help=_("en or es.")),
    reason: str | None = typer.Option(None, "--reason", help=_("Why it changes (kept in the audit log).")),
) -> None:
    """Change the language documents are written in (secretary only, audited)."""
    from coop.members.cooperative import language_name

    say_done(
        ctx,
        lambda c: c.cooperative.set_cooperative_language(code, reason=reason),
        lambda cooperative: _("The documents of {name} are now written in {language}.").format(
            name=cooperative.name, language=language_name(cooperative.language)
        ),
    )
