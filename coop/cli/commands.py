"""What command bodies share: the Coop a command calls, and a listing of view models.

A command body parses its arguments, makes one call on the :class:`coop.api.Coop` that
:func:`coop_scope` binds to the command's transaction, acting member and clock, and prints.
A listing prints view models (``coop.<domain>.views``) through their one ``as_json()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from coop.cli.output import OutputFormat, emit_object, emit_views
from coop.views import View

if TYPE_CHECKING:
    from coop.api import Coop

Result = TypeVar("Result")


# The command's one transaction, as a Coop: coop.cli.options.command_scope, which every group uses.
def coop_scope(ctx: typer.Context) -> AbstractContextManager[Coop]:
    from coop.cli.options import command_scope

    return command_scope(ctx)


def run(ctx: typer.Context, call: Callable[[Coop], Result]) -> Result:
    """A command's one call on its Coop, in one transaction; what it returns (read it inside ``call``)."""
    with coop_scope(ctx) as c:
        return call(c)


def emit_change(row: dict[str, Any], fmt: OutputFormat, sentence: Callable[[dict[str, Any]], str]) -> None:
    """What a command that adds or changes something prints: its row as JSON or CSV, else one sentence."""
    if fmt is not OutputFormat.table:
        emit_object(row, fmt)
    else:
        typer.echo(sentence(row))


def emit_listing(
    ctx: typer.Context,
    read: Callable[[Coop], Iterable[View]],
    columns: Sequence[tuple[str, str]],
    fmt: OutputFormat,
    *,
    title: str | None = None,
) -> None:
    """A listing command's body: read the views with one call on the command's Coop, print them."""
    emit_views(run(ctx, lambda c: list(read(c))), columns, fmt, title=title)
