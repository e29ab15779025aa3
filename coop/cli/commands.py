"""What command bodies share: the Coop a command calls, and a listing of view models.

A command body parses its arguments, makes one call on the :class:`coop.api.Coop` that
:func:`coop_scope` binds to the command's transaction, acting member and clock, and prints.
A listing prints view models (``coop.<domain>.views``) through their one ``as_json()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import typer

from coop.api import Coop
from coop.cli.context import now, open_session, state
from coop.cli.output import OutputFormat, emit_object, emit_rows

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.actors import Actor

Result = TypeVar("Result")


class View(Protocol):
    """A frozen view model: its one serializer gives the row JSON, CSV and tables print."""

    def as_json(self) -> dict[str, Any]: ...


def acting(ctx: typer.Context, session: Session) -> Actor:
    """The member the command acts as (``--as`` or ``COOP_ACTOR``), with their roles."""
    from coop.members.actors import resolve_actor

    return resolve_actor(session, state(ctx).actor)


# Stands for "not yet read" while Coop.__init__ runs; CommandCoop reads the real values when asked.
_LATER: Any = object()


class CommandCoop(Coop):
    """The Coop of one command: its session, with the acting member and the clock read when first used.

    Read lazily, so that a command resolves ``--as`` (and ``COOP_NOW``) where its call first needs
    them, and a command that changes nothing never asks who is acting: errors come out as before.
    """

    def __init__(self, ctx: typer.Context, session: Session) -> None:
        self._ctx = ctx
        super().__init__(session, actor=_LATER, now=_LATER)

    def _resolve(self, actor: Any) -> Any:
        return _LATER if actor is _LATER else super()._resolve(actor)

    @property  # type: ignore[override]
    def actor(self) -> Actor:
        """The member the command acts as (``--as`` or ``COOP_ACTOR``), with their roles."""
        if "_actor" not in self.__dict__:
            self._actor = acting(self._ctx, self.session)
        return self._actor

    @actor.setter
    def actor(self, value: Actor) -> None:
        if value is not _LATER:
            self._actor = value

    @property  # type: ignore[override]
    def now(self) -> datetime:
        """The command's clock (``COOP_NOW``, else the real one), read once."""
        if "_now" not in self.__dict__:
            self._now = now()
        return self._now

    @now.setter
    def now(self, value: datetime) -> None:
        if value is not _LATER:
            self._now = value


@contextmanager
def coop_scope(ctx: typer.Context) -> Iterator[Coop]:
    """The command's one transaction, as a :class:`Coop` (see :func:`coop.cli.context.open_session`)."""
    with open_session(ctx) as session:
        yield CommandCoop(ctx, session)


def run(ctx: typer.Context, call: Callable[[Coop], Result]) -> Result:
    """A command's one call on its Coop, in one transaction; what it returns (read it inside ``call``)."""
    with coop_scope(ctx) as c:
        return call(c)


def emit_change(row: dict[str, Any], fmt: OutputFormat, sentence: Callable[[dict[str, Any]], str]) -> None:
    """What a command that adds or changes something prints: its row as JSON, else one sentence about it."""
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(sentence(row))


def emit_views(
    views: Iterable[View], columns: Sequence[tuple[str, str]], fmt: OutputFormat, *, title: str | None = None
) -> None:
    """Print view models as a listing: each one's ``as_json()`` is its row."""
    emit_rows([view.as_json() for view in views], columns, fmt, title=title)


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
