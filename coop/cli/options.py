"""What many commands of members, assemblies, motions, elections and ballots share: their
arguments and options, written once as ``Annotated`` types, the scope of one command, and the
body of a listing or a show command (read views in one transaction, print their ``as_json()``).

A command's parameter reads ``assembly: AssemblyArgument`` instead of repeating the same
``typer.Argument(..., help=...)`` in every command that names an assembly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coop.cli.context import now, open_session, state
from coop.cli.output import OutputFormat, emit_object, emit_rows
from coop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.actors import Actor

AssemblyArgument = Annotated[str, typer.Argument(help=_("Assembly number."))]
MotionArgument = Annotated[str, typer.Argument(help=_("Motion id."))]
ElectionArgument = Annotated[str, typer.Argument(help=_("Election number."))]
MemberArgument = Annotated[
    str,
    typer.Argument(help=_("Member number or name (id:N for a member without a number).")),
]
BatchOption = Annotated[int, typer.Option("--batch", min=1, help=_("The batch number."))]


class CommandScope:
    """One command's transaction, with the acting member and the clock read when first asked for.

    Read lazily, so that a command resolves the acting member (``--as``) where its service call
    asks for it, exactly as it would by calling the resolver there.
    """

    def __init__(self, ctx: typer.Context, session: Session) -> None:
        self._ctx = ctx
        self.session = session

    @cached_property
    def actor(self) -> Actor:
        from coop.members.actors import resolve_actor

        return resolve_actor(self.session, state(self._ctx).actor)

    @cached_property
    def now(self) -> datetime:
        return now()


@contextmanager
def command_scope(ctx: typer.Context) -> Iterator[CommandScope]:
    """Open the command's one transaction (see :func:`coop.cli.context.open_session`)."""
    with open_session(ctx) as session:
        yield CommandScope(ctx, session)


def emit_listing(
    ctx: typer.Context,
    read: Callable[[Session], Iterable[Any]],
    columns: Sequence[tuple[str, str]],
    fmt: OutputFormat,
    *,
    title: str,
) -> None:
    """A listing command: read the views in one transaction, print their ``as_json()`` rows."""
    with open_session(ctx) as session:
        rows = [view.as_json() for view in read(session)]
    emit_rows(rows, columns, fmt, title=title)


def emit_record(ctx: typer.Context, read: Callable[[Session], Any], fmt: OutputFormat) -> None:
    """A show command: read one view in one transaction, print its ``as_json()``."""
    with open_session(ctx) as session:
        data = read(session).as_json()
    emit_object(data, fmt)
