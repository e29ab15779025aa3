"""``coop bylaws show|set``: the cooperative's rules as data."""

from __future__ import annotations

import typer

from coop.cli.context import now, open_session, state
from coop.cli.output import OutputFormat, emit_rows, format_option
from coop.i18n import _

app = typer.Typer(help=_("The cooperative's rules: quorum, thresholds, proxies, ties."), no_args_is_help=True)

BYLAW_COLUMNS = [
    ("key", _("Rule")),
    ("value", _("Value")),
    ("article", _("Article")),
    ("changed_at", _("Changed")),
    ("description", _("Meaning")),
]


@app.command("show")
def show(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """Show every rule in force, its article and when it was last changed."""
    from coop.members import service

    with open_session(ctx) as session:
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
            for b in service.bylaws_in_force(session).values()
        ]
    emit_rows(rows, BYLAW_COLUMNS, fmt, title=_("Bylaws in force"))


@app.command("set")
def set_(
    ctx: typer.Context,
    key: str = typer.Argument(..., help=_("The rule, e.g. quorum or threshold.ordinary.")),
    value: str = typer.Argument(..., help=_("Its new value.")),
    article: str | None = typer.Option(
        None, "--article", help=_("The bylaw article it comes from, e.g. 'Art. 32'.")
    ),
) -> None:
    """Change one rule (secretary only); the change is audited."""
    from coop.members import service

    with open_session(ctx) as session:
        actor = service.resolve_actor(session, state(ctx).actor)
        result = service.set_bylaw(session, actor=actor, now=now(), key=key, value=value, article=article)
        shown = f"{result.key} = {result.value}" + (f" ({result.article})" if result.article else "")
    typer.echo(_("Bylaw set: {rule}.").format(rule=shown))
