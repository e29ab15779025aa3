"""``coop minutes``: print an assembly's minutes (a top-level command, see :mod:`coop.cli.groups`)."""

from __future__ import annotations

import typer

from coop import vocabulary
from coop.cli.options import AssemblyArgument, DocumentOut, print_document
from coop.i18n import _


def minutes(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    out: DocumentOut,
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
