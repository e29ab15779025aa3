"""``coop minutes``: print an assembly's minutes (a top-level command, see :mod:`coop.cli.groups`)."""

from __future__ import annotations

from pathlib import Path

import typer

from coop import vocabulary
from coop.cli.options import print_document
from coop.i18n import _


# Its parameters are Typer calls, not the aliases of coop.cli.options: registered in another module,
# it is known as a command (whose help is extracted for translation) by them (coop.locale.extract).
def minutes(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    out: Path = typer.Option(..., "--out", "-o", help=_("File to write: .pdf or .html.")),
) -> None:
    """Print an assembly's minutes (approved minutes print from their stored snapshot)."""
    from coop.assemblies.models import MinutesStatus

    model, written = print_document(
        ctx, out, "minutes.html.j2", lambda c: c.assemblies.minutes_for_print(assembly), name="minutes"
    )
    typer.echo(
        _("Wrote the {status} minutes of assembly {id} to {file}.").format(
            status=vocabulary.label(MinutesStatus(model.status)), id=assembly, file=written
        )
    )
