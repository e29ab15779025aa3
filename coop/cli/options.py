"""What many commands share: their arguments and options, written once as ``Annotated`` types,
their group, the scope of one command, and the body of a listing or a show command (read views in
one transaction, print their ``as_json()``) or of a printing command.

A command's parameter reads ``assembly: AssemblyArgument`` instead of repeating the same
``typer.Argument(..., help=...)`` in every command that names an assembly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from coop.cli.context import now, open_session, state
from coop.cli.output import OutputFormat, emit_view, emit_views
from coop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.api import Coop
    from coop.members.actors import Actor

Result = TypeVar("Result")

AssemblyArgument = Annotated[str, typer.Argument(help=_("Assembly number."))]
MotionArgument = Annotated[str, typer.Argument(help=_("Motion id."))]
ElectionArgument = Annotated[str, typer.Argument(help=_("Election number."))]
MemberArgument = Annotated[
    str,
    typer.Argument(help=_("Member number or name (id:N for a member without a number).")),
]
BatchOption = Annotated[int, typer.Option("--batch", min=1, help=_("The batch number."))]
DocumentOut = Annotated[Path, typer.Option("--out", "-o", help=_("File to write: .pdf or .html."))]
ProposerOption = Annotated[
    str | None, typer.Option("--by", help=_("The member who proposes it (default: --as)."))
]

# Closing a coded vote (a motion's or an election's) whose slips do not balance.
SlipsUnbalancedOption = Annotated[
    str | None,
    typer.Option(
        "--slips-unbalanced",
        metavar="REASON",
        help=_(
            "Close a coded vote although its slips do not balance (slips unaccounted for, or returned "
            "unused but used to vote), giving the reason; the closing record and the minutes print it."
        ),
    ),
]

# Putting a plan or a scenario before an assembly: the motion its approval is proposed as.
DecidingAssemblyOption = Annotated[
    str, typer.Option("--assembly", help=_("The open assembly that decides it."))
]
AgendaItemOption = Annotated[
    int | None,
    typer.Option("--item", help=_("The number of the assembly's agenda item it is proposed under.")),
]


def _check_delimiter(value: str | None) -> str | None:
    """``--delimiter``: refused before the database is opened, in the loader's own sentence."""
    from coop.csvfiles import delimiter_named

    return _checked(value, delimiter_named)


def _check_encoding(value: str | None) -> str | None:
    """``--encoding``: refused before the database is opened, in the loader's own sentence."""
    from coop.csvfiles import encoding_named

    return _checked(value, encoding_named)


def _checked(value: str | None, read: Callable[[str], object]) -> str | None:
    """``value`` if the loader's ``read`` takes it (or None), else its refusal as a usage error."""
    from coop.errors import InputFileError

    if value is None:
        return None
    try:
        read(value)
    except InputFileError as refusal:
        raise typer.BadParameter(refusal.message) from None
    return value  # as the operator wrote it: the API reads it again, for its Python callers too


# Every command that reads a CSV file takes these two; unnamed, both are detected from the file.
DelimiterOption = Annotated[
    str | None,
    typer.Option(
        "--delimiter",
        callback=_check_delimiter,
        help=_("What separates the file's cells: , ; or tab (default: detected)."),
        show_default=False,
    ),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        callback=_check_encoding,
        help=_(
            "The file's encoding: utf-8, utf-8-sig, cp1252 (windows-1252) or latin-1 (default: detected)."
        ),
        show_default=False,
    ),
]


def command_group(help: str) -> typer.Typer:
    """A group of commands (``coop member``, ``coop plan line``): called bare, it shows its help."""
    return typer.Typer(help=help, no_args_is_help=True)


@contextmanager
def command_scope(ctx: typer.Context) -> Iterator[Coop]:
    """The command's one transaction (see :func:`coop.cli.context.open_session`) as a :class:`Coop`.

    Its acting member (``--as``) and clock are read when a call first needs them, so that a
    command's errors come out in the order its service meets them.
    """
    from coop.api import Coop

    with open_session(ctx) as session:
        yield Coop.deferred(session, actor=lambda: _acting_member(ctx, session), clock=now)


def _acting_member(ctx: typer.Context, session: Session) -> Actor:
    """The member the command acts as (``--as`` or ``COOP_ACTOR``), with their roles."""
    from coop.members.actors import resolve_actor

    return resolve_actor(session, state(ctx).actor)


def say_done(ctx: typer.Context, act: Callable[[Coop], Result], message: Callable[[Result], str]) -> Result:
    """A changing command's body: ``act`` on the command's Coop, then say ``message`` of its result.

    The message is made inside the transaction, so that it may read what the result refers to.
    """
    with command_scope(ctx) as c:
        result = act(c)
        done = message(result)
    typer.echo(done)
    return result


def print_document(
    ctx: typer.Context, out: Path, template: str, read: Callable[[Coop], Result], *, name: str
) -> tuple[Result, Path]:
    """A printing command's body: ``read`` the document in the command's transaction, write it to
    ``out`` with ``template`` (which names it ``name``); the document and the file written.

    The PDF helper is started first (:func:`coop.reports.render.print_ahead`), so that its start-up
    overlaps the command's own.
    """
    from coop.reports.render import print_ahead

    with print_ahead(out, template) as printout:
        with command_scope(ctx) as c:
            document = read(c)
        return document, printout.write(**{name: document})


def emit_listing(
    ctx: typer.Context,
    read: Callable[[Session], Iterable[Any]],
    columns: Sequence[tuple[str, str]],
    fmt: OutputFormat,
    *,
    title: str,
) -> None:
    """A listing command: read the views in one transaction, print them (``emit_views``)."""
    with open_session(ctx) as session:
        views = list(read(session))
    emit_views(views, columns, fmt, title=title)


def emit_record(ctx: typer.Context, read: Callable[[Session], Any], fmt: OutputFormat) -> None:
    """A show command: read one view in one transaction, print it (``emit_view``)."""
    with open_session(ctx) as session:
        view = read(session)
    emit_view(view, fmt)
