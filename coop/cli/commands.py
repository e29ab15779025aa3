"""What command bodies share: the acting member, a CSV import, a listing of view models.

An import command reads its file in one transaction, as the acting member, all lines or none;
:func:`run_import` is that body, so that a command only names the service and says the result.
A listing prints view models (``coop.<domain>.views``) through their one ``as_json()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import typer

from coop.cli.context import now, open_session, state
from coop.cli.output import OutputFormat, emit_rows

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


def run_import(
    ctx: typer.Context,
    load: Callable[..., Result],
    file: Path,
    **options: Any,
) -> Result:
    """``load(session, actor=, now=, path=file, **options)`` in one transaction; its result."""
    with open_session(ctx) as session:
        return load(session, actor=acting(ctx, session), now=now(), path=file, **options)


def emit_views(
    views: Iterable[View], columns: Sequence[tuple[str, str]], fmt: OutputFormat, *, title: str | None = None
) -> None:
    """Print view models as a listing: each one's ``as_json()`` is its row."""
    emit_rows([view.as_json() for view in views], columns, fmt, title=title)
