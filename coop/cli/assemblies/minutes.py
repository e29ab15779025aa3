"""``coop minutes``: print an assembly's minutes (a top-level command, see :mod:`coop.cli.groups`)."""

from __future__ import annotations

from pathlib import Path

import typer

from coop import vocabulary
from coop.cli.options import command_scope
from coop.i18n import _


def minutes(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    out: Path = typer.Option(..., "--out", "-o", help=_("File to write: .pdf or .html.")),
) -> None:
    """Print an assembly's minutes (approved minutes print from their stored snapshot)."""
    from coop.assemblies.models import MinutesStatus
    from coop.reports.render import print_ahead

    with print_ahead(out, "minutes.html.j2") as printout:
        with command_scope(ctx) as c:
            model = c.assemblies.minutes_for_print(assembly)
        written = printout.write(minutes=model)
    typer.echo(
        _("Wrote the {status} minutes of assembly {id} to {file}.").format(
            status=vocabulary.label(MinutesStatus(model.status)), id=assembly, file=written
        )
    )
